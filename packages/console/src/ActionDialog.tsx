/**
 * One dialog for every CS action: focus lands in its first field, Enter submits, Esc closes; the CS
 * 메모 box is always there. A refusal shows the server's detail beside the field it names (or on top).
 */
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { CsAction } from './actions';
import type { ProblemBody } from './api';
import { RequestRefused } from './api';
import { MacroPicker } from './MacroPicker';
import { koreanOf } from './problems';
import type { Order } from './types';

const fieldOf = (name: string) => name.split('.').at(-1) ?? name;

export const ActionDialog = ({ action, order, onDone, onClose }: { action: CsAction; order: Order; onDone: () => void; onClose: () => void }) => {
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    dialog.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await action.send(order.no, values);
      onDone();
    } catch (error) {
      if (error instanceof RequestRefused) setProblem(error.problem);
      else setProblem({ status: 0, code: 'NETWORK', title: '서버에 연결할 수 없습니다.' });
    } finally {
      setBusy(false);
    }
  };
  const errorFor = (name: string) => problem?.errors?.find((e) => fieldOf(e.field) === name)?.message;
  const named = new Set(action.fields.map((f) => f.name).concat('memo'));
  const general = problem && !(problem.errors ?? []).some((e) => named.has(fieldOf(e.field)));
  const set = (name: string) => (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value });
  return (
    <dialog ref={dialog} className="action-dialog" onCancel={(e) => { e.preventDefault(); onClose(); }} aria-labelledby="action-title">
      <form onSubmit={submit}>
        <h2 id="action-title">{action.label} — 관리번호 {order.no}</h2>
        {general && <p className="field-error" role="alert">{koreanOf(problem.code) ?? problem.title} <small title={problem.detail}>({problem.code})</small></p>}
        {action.fields.map((f) => (
          <label key={f.name}>
            {f.label}
            {f.kind === 'select' || f.kind === 'line' ? (
              <select name={f.name} aria-label={f.label} value={values[f.name] ?? ''} onChange={set(f.name)} required={f.required}>
                <option value="">선택</option>
                {(f.kind === 'line' ? order.lines.map((l) => [String(l.lineId), `${l.lineId}. ${l.productName} ${l.option} (유효 ${l.active})`] as const) : (f.options ?? [])).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
              </select>
            ) : (
              <input name={f.name} aria-label={f.label} type={f.kind === 'number' ? 'number' : f.kind === 'datetime' ? 'datetime-local' : 'text'} min={f.kind === 'number' ? 1 : undefined} value={values[f.name] ?? ''} onChange={set(f.name)} required={f.required} aria-invalid={errorFor(f.name) !== undefined} />
            )}
            {errorFor(f.name) && <span className="field-error" role="alert">{(problem && koreanOf(problem.code)) ?? errorFor(f.name)} <small>({problem?.code})</small></span>}
          </label>
        ))}
        <MacroPicker order={order} lineId={values.lineId ? Number(values.lineId) : undefined} onInsert={(text) => setValues((v) => ({ ...v, memo: v.memo ? `${v.memo}\n${text}` : text }))} />
        <label>
          CS 메모
          <textarea name="memo" aria-label="CS 메모" rows={3} value={values.memo ?? ''} onChange={set('memo')} onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && (e.preventDefault(), e.currentTarget.form?.requestSubmit())} />
        </label>
        <div className="buttons">
          <button type="submit" disabled={busy}>{busy ? '처리 중…' : '확인'}</button>
          <button type="button" onClick={onClose}>닫기</button>
        </div>
      </form>
    </dialog>
  );
};
