/** 회수 / 반품예정 / 교환: after shipping, the goods come back (and, for 교환, a replacement goes out). */
import { EXCHANGE_TYPE_LABELS, FEE_ROUTE_LABELS, FEE_ROUTES } from '@oms/domain';
import { api, ok } from '../api';
import type { CsAction, Field, Options } from './kinds';
import { exchangeable, lineQuantities, memo, optNumber, path, pickable, shipped } from './kinds';
import type { Reason } from './cancel';
import { REASONS } from './cancel';

const EXCHANGE_TYPES = Object.entries(EXCHANGE_TYPE_LABELS) as [keyof typeof EXCHANGE_TYPE_LABELS, string][] satisfies Options;
type ExchangeType = keyof typeof EXCHANGE_TYPE_LABELS;

/** 입고예정: on for the order's first pickup, off for a repeated one (seed 003: 같은 주문에 여러 번 회수하면 체크를 풀어야 함). */
const inbound = (label: string): Field => ({ name: 'registerInbound', label, kind: 'check', initial: (o) => (o.pickups === 0 ? 'true' : '') });
const fees: readonly Field[] = FEE_ROUTES.map((r) => ({ name: `fees.${r}`, label: `반품배송비 ${FEE_ROUTE_LABELS[r]}`, kind: 'number', min: 0, placeholder: '원' }));

export const RETURN_ACTIONS: readonly CsAction[] = [
  {
    id: 'pickup',
    label: '회수',
    group: '반품',
    fields: [
      { name: 'lines', label: '회수 수량', kind: 'lines', available: pickable },
      { name: 'reason', label: '사유', kind: 'select', options: REASONS, required: true },
      inbound('선택 상품 자동 입고예정 등록'),
      ...fees,
    ],
    when: shipped,
    send: async (o, v) => {
      const expected = Object.fromEntries(FEE_ROUTES.flatMap((r) => (optNumber(v, `fees.${r}`) === undefined ? [] : [[r, optNumber(v, `fees.${r}`)]])));
      const body = { lines: lineQuantities(v, 'lines'), reason: (v.reason ?? '') as Reason, registerInbound: v.registerInbound === 'true', ...(Object.keys(expected).length ? { fees: expected } : {}), ...memo(v) };
      return ok(await api.POST('/orders/{no}/pickups', { params: path(o), body }));
    },
  },
  {
    id: 'returnExpected',
    label: '반품예정',
    group: '반품',
    fields: [],
    when: (o) => shipped(o) && !o.returnExpected,
    send: async (o, v) => ok(await api.PUT('/orders/{no}/return-expected', { params: path(o), body: { expected: true, ...memo(v) } })),
  },
  {
    id: 'returnNotExpected',
    label: '반품예정해제',
    group: '반품',
    fields: [],
    when: (o) => o.returnExpected,
    send: async (o, v) => ok(await api.PUT('/orders/{no}/return-expected', { params: path(o), body: { expected: false, ...memo(v) } })),
  },
  {
    id: 'exchange',
    label: '교환',
    group: '반품',
    note: '교환할 수량을 회수하고, 같은 상품(상품교환이면 고른 상품)을 보낼 교환주문을 만듭니다.',
    fields: [
      { name: 'type', label: '교환 구분', kind: 'select', options: EXCHANGE_TYPES, required: true },
      { name: 'lines', label: '교환 수량', kind: 'lines', available: exchangeable },
      { name: 'productCode', label: '교환할 상품', kind: 'product', shown: (v) => v.type === 'product' },
      inbound('입고예정 등록'),
    ],
    when: shipped,
    send: async (o, v) => {
      const product = v.type === 'product' && v.productCode ? { productCode: v.productCode } : {};
      const lines = lineQuantities(v, 'lines').map((l) => ({ ...l, ...product }));
      return ok(await api.POST('/orders/{no}/exchanges', { params: path(o), body: { type: (v.type ?? '') as ExchangeType, lines, registerInbound: v.registerInbound === 'true', ...memo(v) } }));
    },
    announce: (r) => (r.replacementNo === undefined ? undefined : `교환주문 관리번호 ${r.replacementNo}`),
  },
];
