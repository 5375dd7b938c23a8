/**
 * The CS창 toolbar: each action is data (its label, its form fields, and the one typed call it makes).
 * The dialog (ActionDialog.tsx) draws the fields and the CS 메모 box; the server decides: a refused
 * command comes back as a problem naming its field, shown beside it, and nothing changed.
 */
import { CANCEL_REASON_LABELS } from '@oms/domain';
import { api, ok } from './api';
import { seoulInstant } from './format';
import type { paths } from './openapi';
import type { Order } from './types';

export interface Field {
  readonly name: string;
  readonly label: string;
  readonly kind: 'text' | 'number' | 'datetime' | 'select' | 'line';
  readonly options?: readonly (readonly [string, string])[];
  readonly required?: boolean;
}

export interface CsAction {
  readonly id: string;
  readonly label: string;
  readonly fields: readonly Field[];
  /** Offered only when this is true of the order (e.g. 보류해제 on a held order). */
  readonly when?: (o: Order) => boolean;
  readonly send: (no: number, v: Record<string, string>) => Promise<unknown>;
}

const path = (no: number) => ({ path: { no: String(no) } });
const memo = (v: Record<string, string>) => (v.memo?.trim() ? { memo: v.memo.trim() } : {});
const line = (v: Record<string, string>) => Number(v.lineId);
const reasons = Object.entries(CANCEL_REASON_LABELS) as [string, string][];
type Reason = keyof typeof CANCEL_REASON_LABELS;
/** A configured carrier's code or name (the server checks it against its list; the type lists the defaults). */
type Carrier = NonNullable<NonNullable<paths['/orders/{no}/invoice']['put']['requestBody']>['content']['application/json']>['carrier'];

export const CS_ACTIONS: readonly CsAction[] = [
  {
    id: 'hold',
    label: '보류설정',
    fields: [{ name: 'alarmAt', label: '알람', kind: 'datetime' }],
    when: (o) => o.hold === null,
    send: async (no, v) => ok(await api.PUT('/orders/{no}/hold', { params: path(no), body: { ...memo(v), ...(v.alarmAt ? { alarmAt: seoulInstant(v.alarmAt) } : {}) } })),
  },
  { id: 'release', label: '보류해제', fields: [], when: (o) => o.hold !== null, send: async (no, v) => ok(await api.DELETE('/orders/{no}/hold', { params: path(no), body: memo(v) })) },
  {
    id: 'invoice',
    label: '송장입력',
    fields: [
      { name: 'carrier', label: '택배사', kind: 'text', required: true },
      { name: 'trackingNumber', label: '송장번호', kind: 'text', required: true },
    ],
    send: async (no, v) => ok(await api.PUT('/orders/{no}/invoice', { params: path(no), body: { carrier: (v.carrier ?? '') as Carrier, trackingNumber: v.trackingNumber ?? '', ...memo(v) } })),
  },
  { id: 'ship', label: '배송처리', fields: [], send: async (no, v) => ok(await api.POST('/orders/{no}/shipment', { params: path(no), body: memo(v) })) },
  {
    id: 'cancelLine',
    label: '개별취소',
    fields: [
      { name: 'lineId', label: '상품', kind: 'line', required: true },
      { name: 'quantity', label: '수량', kind: 'number', required: true },
      { name: 'reason', label: '사유', kind: 'select', options: reasons, required: true },
    ],
    send: async (no, v) => ok(await api.POST('/orders/{no}/lines/{lineId}/cancel', { params: { path: { no: String(no), lineId: String(line(v)) } }, body: { quantity: Number(v.quantity), reason: (v.reason ?? '') as Reason, ...memo(v) } })),
  },
  {
    id: 'restoreLine',
    label: '개별정상복귀',
    fields: [
      { name: 'lineId', label: '상품', kind: 'line', required: true },
      { name: 'quantity', label: '수량', kind: 'number', required: true },
    ],
    send: async (no, v) => ok(await api.POST('/orders/{no}/lines/{lineId}/restore', { params: { path: { no: String(no), lineId: String(line(v)) } }, body: { quantity: Number(v.quantity), ...memo(v) } })),
  },
  {
    id: 'cancel',
    label: '전체취소',
    fields: [{ name: 'reason', label: '사유', kind: 'select', options: reasons, required: true }],
    send: async (no, v) => ok(await api.POST('/orders/{no}/cancel', { params: path(no), body: { reason: (v.reason ?? '') as Reason, ...memo(v) } })),
  },
  { id: 'restore', label: '전체정상복귀', fields: [], send: async (no, v) => ok(await api.POST('/orders/{no}/restore', { params: path(no), body: memo(v) })) },
  {
    id: 'memo',
    label: 'CS 메모',
    fields: [{ name: 'text', label: '메모', kind: 'text', required: true }],
    send: async (no, v) => ok(await api.POST('/orders/{no}/memos', { params: path(no), body: { text: v.text ?? '', ...memo(v) } })),
  },
];
