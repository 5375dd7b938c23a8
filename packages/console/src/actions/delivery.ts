/** 보류, 배송정보변경, 송장입력, 배송처리: the order on its way (seed 003's first toolbar buttons). */
import { api, ok } from '../api';
import { seoulInstant } from '../format';
import type { paths } from '../openapi';
import type { CsAction } from './kinds';
import { memo, opt, path, shipped } from './kinds';

/** A configured carrier's code or name (the server checks it against its list; the type lists the defaults). */
type Carrier = NonNullable<NonNullable<paths['/orders/{no}/invoice']['put']['requestBody']>['content']['application/json']>['carrier'];

export const DELIVERY_ACTIONS: readonly CsAction[] = [
  {
    id: 'hold',
    label: '보류설정',
    group: '배송',
    fields: [{ name: 'alarmAt', label: '알람', kind: 'datetime' }],
    when: (o) => o.hold === null,
    send: async (o, v) => ok(await api.PUT('/orders/{no}/hold', { params: path(o), body: { ...memo(v), ...(v.alarmAt ? { alarmAt: seoulInstant(v.alarmAt) } : {}) } })),
  },
  { id: 'release', label: '보류해제', group: '배송', fields: [], when: (o) => o.hold !== null, send: async (o, v) => ok(await api.DELETE('/orders/{no}/hold', { params: path(o), body: memo(v) })) },
  {
    id: 'deliveryInfo',
    label: '배송정보변경',
    group: '배송',
    fields: [
      { name: 'recipient.name', label: '수령자', kind: 'text', required: true, initial: (o) => o.recipient.name },
      { name: 'recipient.phone', label: '수령자 전화', kind: 'text', initial: (o) => o.recipient.phone ?? '' },
      { name: 'recipient.mobile', label: '수령자 핸드폰', kind: 'text', initial: (o) => o.recipient.mobile ?? '' },
      { name: 'recipient.zip', label: '우편번호', kind: 'text', initial: (o) => o.recipient.zip ?? '' },
      { name: 'recipient.address', label: '주소', kind: 'textarea', required: true, initial: (o) => o.recipient.address },
      { name: 'recipient.memo', label: '배송메모', kind: 'text', initial: (o) => o.recipient.memo ?? '' },
    ],
    when: (o) => !shipped(o),
    send: async (o, v) => {
      // A blank phone, zip or 배송메모 is left out: the recipient then has none.
      const recipient = {
        name: v['recipient.name'] ?? '',
        address: v['recipient.address'] ?? '',
        phone: opt(v, 'recipient.phone'),
        mobile: opt(v, 'recipient.mobile'),
        zip: opt(v, 'recipient.zip'),
        memo: opt(v, 'recipient.memo'),
      };
      return ok(await api.PUT('/orders/{no}/delivery-info', { params: path(o), body: { recipient, ...memo(v) } }));
    },
  },
  {
    id: 'invoice',
    label: '송장입력',
    group: '배송',
    fields: [
      { name: 'carrier', label: '택배사', kind: 'text', required: true },
      { name: 'trackingNumber', label: '송장번호', kind: 'text', required: true },
    ],
    when: (o) => !shipped(o),
    send: async (o, v) => ok(await api.PUT('/orders/{no}/invoice', { params: path(o), body: { carrier: (v.carrier ?? '') as Carrier, trackingNumber: v.trackingNumber ?? '', ...memo(v) } })),
  },
  { id: 'ship', label: '배송처리', group: '배송', fields: [], when: (o) => o.status === 'invoiced', send: async (o, v) => ok(await api.POST('/orders/{no}/shipment', { params: path(o), body: memo(v) })) },
];
