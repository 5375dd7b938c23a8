/** 보류설정 / 보류해제 (hold.ts) as given / when / then. */
import { describe, expect, it } from 'vitest';
import type { OrderCommand, OrderEvent } from '../../index.js';
import { describeOrderEvent, workTypeLabelOf } from '../../index.js';
import { AT, cmd, metadata, NO, placedOrder, spec } from '../testing/fixtures.js';
import { cancelledHistory, ev, historyIn } from '../testing/mainPathEvents.js';

describe('보류설정 HoldOrder', () => {
  it.each(['awaiting_payment', 'received', 'preparing', 'invoiced'] as const)('holds an order in %s without an alarm', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.hold()).then([ev.held(null)]));
    expect(state.hold).toEqual({ alarmAt: null });
    expect(state.status).toBe(status);
  });

  it.each(['2026-03-02T18:00:01+09:00', '2026-03-03T09:00:00Z', '2026-03-02T09:00:00.5Z'])('accepts the alarm %s, later than the command time', (alarmAt) => {
    spec.given(historyIn.received).when(cmd.hold(alarmAt)).then([ev.held(alarmAt)]);
  });

  it('holds with an alarm later than the command time', () => {
    const alarmAt = '2026-03-02T09:00:00.001Z';
    const state = placedOrder(spec.given(historyIn.received).when(cmd.hold(alarmAt)).then([ev.held(alarmAt)]));
    expect(state.hold).toEqual({ alarmAt });
  });

  it.each([AT, '2026-03-02T08:59:59.999Z', '2025-12-31T00:00:00.000Z', '2026-03-02T18:00:00.000+09:00'])('refuses an alarm at %s (not later than the command)', (alarmAt) => {
    spec.given(historyIn.received).when(cmd.hold(alarmAt)).thenThrows('ALARM_IN_PAST', 'invalid', 'alarmAt');
  });

  it.each([
    'tomorrow',
    '',
    '2026-13-45T99:00:00Z',
    // Not ISO-8601 date-times with an offset, though Date.parse reads them (the offset-less ones in the process's time zone).
    '2027-03-03',
    '2027-03-03T09:00:00',
    'March 5 2027',
    '2027',
  ])('refuses an alarm %j that is not an ISO-8601 date-time with an offset', (alarmAt) => {
    spec.given(historyIn.received).when(cmd.hold(alarmAt)).thenThrows('INVALID_ALARM_TIME', 'invalid', 'alarmAt');
  });

  it('refuses an order already held', () => {
    spec.given([...historyIn.received, ev.held()]).when(cmd.hold()).thenThrows('ORDER_ALREADY_HELD', 'conflict');
  });

  it.each(['shipped', 'delivered', 'purchase_confirmed'] as const)('is refused once shipped (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.hold()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.hold()).thenThrows('ORDER_CANCELLED', 'conflict');
  });

  it('can hold again after a release', () => {
    spec.given([...historyIn.received, ev.held(), ev.released]).when(cmd.hold()).then([ev.held()]);
  });
});

describe('보류해제 ReleaseHold', () => {
  it('releases a held order', () => {
    const state = placedOrder(spec.given([...historyIn.preparing, ev.held('2026-03-03T00:00:00.000Z')]).when(cmd.release()).then([ev.released]));
    expect(state.hold).toBeNull();
    expect(state.status).toBe('preparing');
  });

  it('releases a held order that was cancelled before payment', () => {
    spec.given([ev.placedUnpaid, ev.held(), ev.cancelled]).when(cmd.release()).then([ev.released]);
  });

  it.each(['received', 'invoiced', 'shipped'] as const)('refuses an order that is not held (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.release()).thenThrows('ORDER_NOT_HELD', 'conflict');
  });
});

describe('알람변경 ChangeHoldAlarm', () => {
  const change = (alarmAt: string | null): OrderCommand => ({ type: 'ChangeHoldAlarm', data: { alarmAt }, metadata });
  const changed = (alarmAt: string | null, previous: string | null): OrderEvent => ({ type: 'HoldAlarmChanged', data: { no: NO, alarmAt, previous } });
  const LATER = '2026-03-05T01:00:00.000Z';

  it('moves the alarm of a held order and keeps the hold', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.held('2026-03-03T00:00:00.000Z')]).when(change(LATER)).then([changed(LATER, '2026-03-03T00:00:00.000Z')]));
    expect(state.hold).toEqual({ alarmAt: LATER });
    expect(state.status).toBe('received');
  });

  it('sets an alarm on an order held without one, and clears it with null', () => {
    spec.given([...historyIn.invoiced, ev.held()]).when(change(LATER)).then([changed(LATER, null)]);
    const state = placedOrder(spec.given([...historyIn.invoiced, ev.held(LATER)]).when(change(null)).then([changed(null, LATER)]));
    expect(state.hold).toEqual({ alarmAt: null });
  });

  it('changes nothing when the alarm is the same instant (however it is written)', () => {
    spec.given([...historyIn.received, ev.held(LATER)]).when(change('2026-03-05T10:00:00+09:00')).thenNothing();
    spec.given([...historyIn.received, ev.held()]).when(change(null)).thenNothing();
  });

  it('refuses an order that is not held, and a deleted one', () => {
    spec.given(historyIn.received).when(change(LATER)).thenThrows('ORDER_NOT_HELD', 'conflict');
    spec.given([...historyIn.received, ev.held(), ev.released]).when(change(LATER)).thenThrows('ORDER_NOT_HELD', 'conflict');
    spec.given([]).when(change(LATER)).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });

  it('refuses a held order that was cancelled (release or restore it instead)', () => {
    spec.given([ev.placedUnpaid, ev.held(LATER), ev.cancelled]).when(change(null)).thenThrows('ORDER_CANCELLED', 'conflict');
  });

  it.each([AT, '2025-12-31T00:00:00.000Z'])('refuses an alarm at %s (not later than the command)', (alarmAt) => {
    spec.given([...historyIn.received, ev.held()]).when(change(alarmAt)).thenThrows('ALARM_IN_PAST', 'invalid', 'alarmAt');
  });

  it.each(['tomorrow', '2027-03-03', '2027-03-03T09:00:00'])('refuses an alarm %j that is not an ISO-8601 date-time with an offset', (alarmAt) => {
    spec.given([...historyIn.received, ev.held()]).when(change(alarmAt)).thenThrows('INVALID_ALARM_TIME', 'invalid', 'alarmAt');
  });

  it('reads as 알람변경 in CS 이력, from the old alarm to the new one (Asia/Seoul)', () => {
    const e = changed(LATER, null);
    expect(workTypeLabelOf(e)).toBe('알람변경');
    expect(describeOrderEvent(e, { carrierName: (c) => c })).toBe('알람: 없음 → 2026-03-05 10:00');
  });
});
