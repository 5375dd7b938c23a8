/** 보류: a held order cannot be invoiced or shipped until the hold is released; an 알람 reminds the CS window. */
import { conflict } from '../../errors.js';
import { formatSeoul } from '../format.js';
import { BEFORE_SHIPMENT } from '../model.js';
import { futureInstant, inStatus, live, notCancelled } from '../rules.js';
import type { EventsOf, NoData } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';

type No = { readonly no: number };

export const holdEvents = {
  OrderHeld: orderEvent<No & { readonly alarmAt: string | null }>({
    label: '보류설정',
    describe: (d) => (d.alarmAt === null ? '' : `알람: ${formatSeoul(d.alarmAt)}`),
    evolve: (order, d) => ({ ...order, hold: { alarmAt: d.alarmAt } }),
  }),
  OrderReleased: orderEvent<No>({ label: '보류해제', describe: () => '', evolve: (order) => ({ ...order, hold: null }) }),
};
export type HoldEvent = EventsOf<typeof holdEvents>;

export const holdCommands = {
  HoldOrder: orderCommand<{ readonly alarmAt?: string | undefined }>(({ data, metadata }, state) => {
    const order = inStatus(notCancelled(live(state)), BEFORE_SHIPMENT, '보류설정');
    if (order.hold) throw conflict('ORDER_ALREADY_HELD', `Order ${order.no} is already on hold.`, { no: order.no });
    const alarmAt = data.alarmAt === undefined ? null : futureInstant(data.alarmAt, metadata.at, 'alarmAt');
    return [{ type: 'OrderHeld', data: { no: order.no, alarmAt } }];
  }),
  ReleaseHold: orderCommand<NoData>((_, state) => {
    const order = live(state);
    if (!order.hold) throw conflict('ORDER_NOT_HELD', `Order ${order.no} is not on hold.`, { no: order.no });
    return [{ type: 'OrderReleased', data: { no: order.no } }];
  }),
};
