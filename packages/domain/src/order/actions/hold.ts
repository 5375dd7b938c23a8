/**
 * 보류: a held order cannot be invoiced or shipped until the hold is released; an 알람 reminds the CS
 * window, and 알람변경 moves (or clears) it while the order stays held.
 */
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
  /** 알람변경: the held order's reminder moves (null: no reminder); the hold stays. */
  HoldAlarmChanged: orderEvent<No & { readonly alarmAt: string | null; readonly previous: string | null }>({
    label: '알람변경',
    describe: (d) => `알람: ${d.previous === null ? '없음' : formatSeoul(d.previous)} → ${d.alarmAt === null ? '없음' : formatSeoul(d.alarmAt)}`,
    evolve: (order, d) => (order.hold ? { ...order, hold: { alarmAt: d.alarmAt } } : order),
  }),
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
  /** 알람변경 of a held order that is not cancelled; the same alarm again changes nothing. */
  ChangeHoldAlarm: orderCommand<{ readonly alarmAt: string | null }>(({ data, metadata }, state) => {
    // Like 보류설정: a cancelled order is released or restored, not reminded of.
    const order = notCancelled(live(state));
    if (!order.hold) throw conflict('ORDER_NOT_HELD', `Order ${order.no} is not on hold: 알람변경 needs a held order (보류설정 sets the alarm).`, { no: order.no });
    const alarmAt = data.alarmAt === null ? null : futureInstant(data.alarmAt, metadata.at, 'alarmAt');
    const previous = order.hold.alarmAt;
    if (alarmAt === previous || (alarmAt !== null && previous !== null && Date.parse(alarmAt) === Date.parse(previous))) return [];
    return [{ type: 'HoldAlarmChanged', data: { no: order.no, alarmAt, previous } }];
  }),
};
