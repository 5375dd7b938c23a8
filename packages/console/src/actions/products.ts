/** 상품변경 / 상품추가: a catalogue product found by search (GET /products), before the invoice. */
import { api, ok } from '../api';
import type { CsAction } from './kinds';
import { beforeInvoice, cancelled, linePath, memo, optNumber, path } from './kinds';

const unitPrice = { name: 'unitPrice', label: '판매단가', kind: 'number', min: 0, placeholder: '비우면 상품의 판매가' } as const;

export const PRODUCT_ACTIONS: readonly CsAction[] = [
  {
    id: 'changeProduct',
    label: '상품변경',
    group: '상품',
    fields: [
      { name: 'lineId', label: '상품', kind: 'line', required: true },
      { name: 'productCode', label: '변경할 상품', kind: 'product', required: true },
      unitPrice,
    ],
    when: (o) => beforeInvoice(o) && !cancelled(o),
    send: async (o, v) => ok(await api.PUT('/orders/{no}/lines/{lineId}/product', { params: linePath(o, v.lineId), body: { productCode: v.productCode ?? '', unitPrice: optNumber(v, 'unitPrice'), ...memo(v) } })),
  },
  {
    id: 'addLine',
    label: '상품추가',
    group: '상품',
    fields: [
      { name: 'productCode', label: '추가할 상품', kind: 'product', required: true },
      { name: 'quantity', label: '수량', kind: 'number', required: true, initial: () => '1' },
      unitPrice,
    ],
    when: (o) => beforeInvoice(o) && !cancelled(o) && o.replacementOf === null,
    send: async (o, v) => ok(await api.POST('/orders/{no}/lines', { params: path(o), body: { productCode: v.productCode ?? '', quantity: Number(v.quantity), unitPrice: optNumber(v, 'unitPrice'), ...memo(v) } })),
  },
];
