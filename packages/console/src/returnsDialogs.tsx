/**
 * 반품관리's row actions, each one call of the API through FieldsDialog: 도착 (반품입고 of the row's line),
 * 비용 (the pickup's fees per route), and 완료처리 of the selected rows (반품선택완료).
 */
import { FEE_ROUTE_LABELS, FEE_ROUTES } from '@oms/domain';
import type { DialogField } from './FieldsDialog';
import { FieldsDialog } from './FieldsDialog';
import type { paths } from './openapi';
import { api, ok, RequestRefused } from './api';
import { num } from './format';
import { koreanOf } from './problems';

export type ReturnRow = paths['/views/returns']['get']['responses'][200]['content']['application/json']['items'][number];
type FeesBody = NonNullable<paths['/orders/{no}/pickups/{pickupId}/fees']['put']['requestBody']>['content']['application/json'];

const pickupPath = (r: ReturnRow) => ({ path: { no: String(r.no), pickupId: String(r.pickupId) } });
const memoOf = (v: Record<string, string>) => (v.memo?.trim() ? { memo: v.memo.trim() } : {});
const amount = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));

export const ArrivalDialog = ({ row, onDone, onClose }: { row: ReturnRow; onDone: (message: string) => void; onClose: () => void }) => {
  const left = row.pickedUp - row.received;
  const fields: DialogField[] = [
    { name: 'quantity', label: '도착 수량', kind: 'number', initial: String(left), required: true, problemPath: 'quantity' },
    { name: 'damaged', label: '불량 수량', kind: 'number', initial: '0', problemPath: 'damaged' },
    { name: 'memo', label: 'CS 메모', kind: 'memo' },
  ];
  return (
    <FieldsDialog
      title={`도착 — 관리번호 ${row.no} 회수 ${row.pickupId}`}
      intro={<p className="hint">{row.productName} {row.option} · 회수 {num(row.pickedUp)} · 도착 {num(row.received)}</p>}
      fields={fields}
      onClose={onClose}
      onSubmit={async (v) => {
        const damaged = amount(v.damaged) ?? 0;
        ok(await api.POST('/orders/{no}/pickups/{pickupId}/arrival', { params: pickupPath(row), body: { lines: [{ lineId: row.lineId, quantity: Number(v.quantity), ...(damaged > 0 ? { damaged } : {}) }], ...memoOf(v) } }));
        onDone(`${row.no} 회수 ${row.pickupId} 도착 ${num(Number(v.quantity))}개`);
      }}
    />
  );
};

export const FeesDialog = ({ row, onDone, onClose }: { row: ReturnRow; onDone: (message: string) => void; onClose: () => void }) => {
  const fields: DialogField[] = [
    ...FEE_ROUTES.flatMap((route): DialogField[] => [
      { name: `${route}.expected`, label: `${FEE_ROUTE_LABELS[route]} 예정`, kind: 'number', initial: String(row.fees?.[route].expected ?? 0), group: FEE_ROUTE_LABELS[route], problemPath: `${route}.expected` },
      { name: `${route}.arrived`, label: `${FEE_ROUTE_LABELS[route]} 도착`, kind: 'number', initial: String(row.fees?.[route].arrived ?? 0), group: FEE_ROUTE_LABELS[route], problemPath: `${route}.arrived` },
    ]),
    { name: 'reason', label: '초과 사유', initial: row.feeReason ?? '' },
    { name: 'memo', label: 'CS 메모', kind: 'memo' },
  ];
  return (
    <FieldsDialog
      title={`반품 배송비 — 관리번호 ${row.no} 회수 ${row.pickupId}`}
      intro={<p className="hint">지금 미수 {num(row.outstanding)}원 · 도착이 예정보다 많으면 초과 사유를 적습니다.</p>}
      fields={fields}
      onClose={onClose}
      onSubmit={async (v) => {
        const body: FeesBody = { ...memoOf(v), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) };
        for (const route of FEE_ROUTES) body[route] = { expected: amount(v[`${route}.expected`]), arrived: amount(v[`${route}.arrived`]) };
        ok(await api.PUT('/orders/{no}/pickups/{pickupId}/fees', { params: pickupPath(row), body }));
        onDone(`${row.no} 회수 ${row.pickupId} 배송비 저장`);
      }}
    />
  );
};

export const CompleteDialog = ({ rows, onDone, onClose }: { rows: readonly ReturnRow[]; onDone: (message: string) => void; onClose: () => void }) => {
  const unpaid = rows.filter((r) => r.outstanding !== 0 || r.received < r.pickedUp).length;
  return (
    <FieldsDialog
      title={`완료처리 — ${num(rows.length)}건`}
      intro={<p className="hint">선택한 줄의 회수를 완료처리합니다 (회수 단위: 같은 회수의 다른 줄도 함께 완료).{unpaid > 0 ? ` 미수나 미도착이 남은 줄 ${num(unpaid)}건: 메모가 필요합니다.` : ''}</p>}
      fields={[{ name: 'memo', label: 'CS 메모', kind: 'memo' }]}
      onClose={onClose}
      onSubmit={async (v) => {
        const result = ok(await api.POST('/views/returns/complete', { body: { ids: rows.map((r) => r.id), ...memoOf(v) } }));
        const refused = result.items.filter((i) => i.outcome === 'refused');
        // Nothing done: the dialog stays, with the first refusal (e.g. a memo is needed) beside the memo.
        if (result.summary.applied === 0 && result.summary.duplicate === 0 && refused[0]) {
          const code = refused[0].code ?? 'REFUSED';
          throw new RequestRefused({ status: 409, code, title: refused[0].detail ?? code, detail: refused[0].detail, errors: code === 'COMPLETION_NEEDS_MEMO' ? [{ field: 'memo', message: refused[0].detail ?? code }] : [] });
        }
        const why = refused.map((i) => `${i.id}: ${(i.code && koreanOf(i.code)) ?? i.detail ?? i.code}`).join(', ');
        onDone(`완료 ${num(result.summary.applied)}건${result.summary.duplicate ? ` · 이미 완료 ${num(result.summary.duplicate)}건` : ''}${refused.length ? ` · 거절 ${num(refused.length)}건 (${why})` : ''}`);
      }}
    />
  );
};
