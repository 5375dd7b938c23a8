/** 전체취소 / 전체정상복귀 / 개별취소 / 개별정상복귀 (by quantity), with one of the six reasons. */
import { CANCEL_REASON_LABELS } from '@oms/domain';
import { api, ok } from '../api';
import type { CsAction, Options } from './kinds';
import { beforeInvoice, cancelled, linePath, memo, path, shipped } from './kinds';

export const REASONS = Object.entries(CANCEL_REASON_LABELS) as [keyof typeof CANCEL_REASON_LABELS, string][] satisfies Options;
export type Reason = keyof typeof CANCEL_REASON_LABELS;

export const CANCEL_ACTIONS: readonly CsAction[] = [
  {
    id: 'cancel',
    label: '전체취소',
    group: '취소',
    fields: [{ name: 'reason', label: '사유', kind: 'select', options: REASONS, required: true }],
    when: (o) => !cancelled(o) && beforeInvoice(o),
    send: async (o, v) => ok(await api.POST('/orders/{no}/cancel', { params: path(o), body: { reason: (v.reason ?? '') as Reason, ...memo(v) } })),
  },
  { id: 'restore', label: '전체정상복귀', group: '취소', fields: [], when: cancelled, send: async (o, v) => ok(await api.POST('/orders/{no}/restore', { params: path(o), body: memo(v) })) },
  {
    id: 'cancelLine',
    label: '개별취소',
    group: '취소',
    fields: [
      { name: 'lineId', label: '상품', kind: 'line', required: true },
      { name: 'quantity', label: '수량', kind: 'number', required: true },
      { name: 'reason', label: '사유', kind: 'select', options: REASONS, required: true },
    ],
    when: (o) => !shipped(o) && o.lines.some((l) => l.active > 0),
    send: async (o, v) => ok(await api.POST('/orders/{no}/lines/{lineId}/cancel', { params: linePath(o, v.lineId), body: { quantity: Number(v.quantity), reason: (v.reason ?? '') as Reason, ...memo(v) } })),
  },
  {
    id: 'restoreLine',
    label: '개별정상복귀',
    group: '취소',
    fields: [
      { name: 'lineId', label: '상품', kind: 'line', required: true },
      { name: 'quantity', label: '수량', kind: 'number', required: true },
    ],
    when: (o) => !shipped(o) && o.lines.some((l) => l.cancelled > 0),
    send: async (o, v) => ok(await api.POST('/orders/{no}/lines/{lineId}/restore', { params: linePath(o, v.lineId), body: { quantity: Number(v.quantity), ...memo(v) } })),
  },
];
