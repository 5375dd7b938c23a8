/** 배송정보변경: recipient, phones, address, delivery memo; not once shipped. A package moves as one box. */
import { conflict } from '../../errors.js';
import type { Recipient } from '../model.js';
import { isShipped, ORDER_STATUS_LABELS } from '../model.js';
import { live, nonBlank } from '../rules.js';
import type { EventsOf, Sent } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';
import type { OrderState } from '../model.js';
import type { OrderEvent } from '../order.js';
import { packageWide } from './merge.js';

const RECIPIENT_FIELDS: readonly (readonly [keyof Recipient, string])[] = [
  ['name', '수령자'],
  ['phone', '전화'],
  ['mobile', '휴대폰'],
  ['zip', '우편번호'],
  ['address', '주소'],
  ['memo', '배송메모'],
];

/** `주소: A → B, 배송메모: 없음 → 문 앞`: only the fields that changed. */
const recipientChanges = (before: Recipient, after: Recipient): string =>
  RECIPIENT_FIELDS.flatMap(([field, label]) => {
    const was = (before[field] ?? '').trim();
    const now = (after[field] ?? '').trim();
    return was === now ? [] : [`${label}: ${was === '' ? '없음' : was} → ${now === '' ? '없음' : now}`];
  }).join(', ');

export const deliveryInfoEvents = {
  DeliveryInfoChanged: orderEvent<{ readonly no: number; readonly recipient: Recipient; readonly previous: Recipient }>({
    label: '배송정보변경',
    describe: (d) => recipientChanges(d.previous, d.recipient),
    evolve: (order, d) => ({ ...order, recipient: d.recipient }),
  }),
};
export type DeliveryInfoEvent = EventsOf<typeof deliveryInfoEvents>;

const changeDeliveryInfo = ({ data }: Sent<{ readonly recipient: Recipient }>, state: OrderState): OrderEvent[] => {
  const order = live(state);
  if (isShipped(order)) {
    throw conflict('ALREADY_SHIPPED', `Order ${order.no} has shipped (${ORDER_STATUS_LABELS[order.status]}): its delivery info can no longer change.`, { no: order.no, orderStatus: order.status });
  }
  const r = data.recipient;
  const recipient: Recipient = { name: nonBlank(r.name, 'recipient.name'), phone: r.phone, mobile: r.mobile, zip: r.zip, address: nonBlank(r.address, 'recipient.address'), memo: r.memo };
  const same = (Object.keys(recipient) as (keyof Recipient)[]).every((k) => (recipient[k] ?? '') === (order.recipient[k] ?? ''));
  if (same) return [];
  return [{ type: 'DeliveryInfoChanged', data: { no: order.no, recipient, previous: order.recipient } }];
};

export const deliveryInfoCommands = {
  ChangeDeliveryInfo: orderCommand(changeDeliveryInfo, packageWide(changeDeliveryInfo)),
};
