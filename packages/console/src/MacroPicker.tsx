/** 매크로 above the CS 메모 box: one click inserts a saved memo, {상품명}/{옵션} filled from the order's line. */
import { fillMacro, lineFor, useMemoMacros } from './macros';
import { useSession } from './session';
import type { Order } from './types';
import './memoMacros.css';

export const MacroPicker = ({ order, lineId, onInsert }: { order: Order; lineId: number | undefined; onInsert: (text: string) => void }) => {
  const can = useSession().data?.can.memoMacros === true;
  const macros = useMemoMacros(can);
  if (!can) return null;
  const line = lineFor(order, lineId);
  return (
    <div className="macro-picker" role="group" aria-label="매크로">
      <span className="macro-label">매크로</span>
      {macros.isPending && <span className="hint">불러오는 중…</span>}
      {macros.isError && <span className="field-error">매크로를 불러오지 못했습니다.</span>}
      {macros.data?.length === 0 && <span className="hint">저장된 매크로가 없습니다 (매크로 화면에서 추가).</span>}
      {macros.data?.map((m) => {
        const text = fillMacro(m.body, line);
        return <button key={m.id} type="button" title={text} onClick={() => onInsert(text)}>{m.title}</button>;
      })}
    </div>
  );
};
