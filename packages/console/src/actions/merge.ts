/** 합포추가 / 합포제외 / 합포삭제 / 합포금지: several orders in one box under one tracking number. */
import { api, ok } from '../api';
import type { CsAction } from './kinds';
import { beforeInvoice, cancelled, memo, path, shipped } from './kinds';

export const MERGE_ACTIONS: readonly CsAction[] = [
  {
    id: 'merge',
    label: '합포추가',
    group: '합포',
    fields: [{ name: 'orderNo', label: '추가 관리번호', kind: 'order', required: true }],
    when: (o) => !o.mergeForbidden && beforeInvoice(o) && !cancelled(o),
    send: async (o, v) => ok(await api.POST('/orders/{no}/merge', { params: path(o), body: { orderNo: Number(v.orderNo), ...memo(v) } })),
  },
  {
    id: 'unmerge',
    label: '합포제외',
    group: '합포',
    fields: [],
    note: '이 주문이 합포에서 빠집니다. 나머지 주문은 합포로 남습니다.',
    when: (o) => o.package !== null,
    send: async (o, v) => ok(await api.DELETE('/orders/{no}/merge', { params: path(o), body: memo(v) })),
  },
  {
    id: 'dissolve',
    label: '합포삭제',
    group: '합포',
    fields: [],
    note: '이 합포가 없어지고 모든 주문이 따로 배송됩니다.',
    when: (o) => o.package !== null,
    send: async (o, v) => ok(await api.DELETE('/orders/{no}/package', { params: path(o), body: memo(v) })),
  },
  {
    id: 'forbidMerge',
    label: '합포금지',
    group: '합포',
    fields: [],
    when: (o) => !o.mergeForbidden && o.package === null && !shipped(o),
    send: async (o, v) => ok(await api.PUT('/orders/{no}/merge-block', { params: path(o), body: { forbidden: true, ...memo(v) } })),
  },
  {
    id: 'allowMerge',
    label: '합포금지해제',
    group: '합포',
    fields: [],
    when: (o) => o.mergeForbidden,
    send: async (o, v) => ok(await api.PUT('/orders/{no}/merge-block', { params: path(o), body: { forbidden: false, ...memo(v) } })),
  },
];
