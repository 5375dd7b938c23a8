/** 주문복사 / 주문전체복사 / 주문삭제 / 우선순위 (seed 003: the buttons after the cancellations). */
import { api, ok } from '../api';
import type { Order } from '../types';
import type { CsAction, Options } from './kinds';
import { cancelled, memo, opt, optNumber, path, shipped } from './kinds';
import { PriorityList } from './PriorityList';

const copied = (r: { copyNo?: number }) => (r.copyNo === undefined ? undefined : `새 주문 관리번호 ${r.copyNo}`);
/** The products this order still has to ship: the ones a 우선순위 can be about. */
const waiting = (o: Order): Options => {
  const lines = o.lines.filter((l) => l.active - l.shipped > 0);
  return [...new Map(lines.map((l) => [l.productCode, `${l.productCode} ${l.productName}${l.option ? ` / ${l.option}` : ''}`])).entries()];
};
const POSITIONS: Options = [
  ['top', '우선순위 최상'],
  ['bottom', '우선순위 최하 (우선순위 없는 주문보다는 먼저)'],
  ['after', '위치지정: 지정한 주문 다음으로'],
];

export const COPY_ACTIONS: readonly CsAction[] = [
  {
    id: 'copy',
    label: '주문복사',
    group: '복사',
    note: '새 주문을 만듭니다. 한 상품만 복사하거나 수량·상품을 바꿀 수 있습니다.',
    fields: [
      { name: 'lineId', label: '복사할 상품', kind: 'line', placeholder: '전체 상품' },
      { name: 'quantity', label: '복사 수량', kind: 'number', placeholder: '주문 수량 그대로', shown: (v) => Boolean(v.lineId) },
      { name: 'productCode', label: '바꿀 상품', kind: 'product', shown: (v) => Boolean(v.lineId) },
    ],
    send: async (o, v) => {
      const productCode = opt(v, 'productCode');
      const lines = v.lineId ? [{ lineId: Number(v.lineId), quantity: optNumber(v, 'quantity'), ...(productCode ? { productCode } : {}) }] : undefined;
      return ok(await api.POST('/orders/{no}/copy', { params: path(o), body: { whole: false, lines, ...memo(v) } }));
    },
    announce: copied,
  },
  {
    id: 'copyWhole',
    label: '주문전체복사',
    group: '복사',
    note: '주문정보를 바꾸지 않고 그대로 복사합니다. 판매처만 바꿀 수 있습니다.',
    fields: [{ name: 'channel', label: '복사후 판매처', kind: 'channel', required: true, initial: (o) => o.channel }],
    send: async (o, v) => ok(await api.POST('/orders/{no}/copy', { params: path(o), body: { whole: true, ...(v.channel && v.channel !== o.channel ? { channel: v.channel } : {}), ...memo(v) } })),
    announce: copied,
  },
  {
    id: 'delete',
    label: '주문삭제',
    group: '복사',
    note: '접수 상태의 주문만 삭제할 수 있습니다. 주문은 CS창에서 사라지고 이력은 남습니다.',
    fields: [],
    when: (o) => o.status === 'received' && o.package === null,
    send: async (o, v) => ok(await api.DELETE('/orders/{no}', { params: path(o), body: memo(v) })),
  },
  {
    id: 'priority',
    label: '우선순위',
    group: '복사',
    note: '같은 상품의 주문끼리 정합니다. 우선순위 숫자가 클수록 먼저 배송됩니다.',
    fields: [
      { name: 'productCode', label: '상품', kind: 'select', options: waiting, required: true, initial: (o) => waiting(o)[0]?.[0] ?? '' },
      { name: 'position', label: '위치', kind: 'select', options: POSITIONS, required: true, initial: () => 'top' },
      { name: 'after', label: '다음으로 배송할 관리번호', kind: 'order', shown: (v) => v.position === 'after' },
    ],
    aside: PriorityList,
    when: (o) => !shipped(o) && !cancelled(o) && waiting(o).length > 0,
    send: async (o, v) =>
      ok(await api.PUT('/orders/{no}/priority', { params: path(o), body: { productCode: v.productCode ?? '', position: (v.position ?? 'top') as 'top' | 'bottom' | 'after', after: v.position === 'after' ? optNumber(v, 'after') : undefined, ...memo(v) } })),
  },
];
