/** The CS 상태 an order's ledger derives (csStateOf, model.ts), after the commands that change it. */
import { describe, expect, it } from 'vitest';
import type { CsState, OrderEvent } from './order.js';
import { csStateOf } from './order.js';
import type { OrderCommand } from './orderDecider.js';
import { OrderDecider } from './orderDecider.js';
import { ev, historyIn } from './testing/events.js';
import { cmd, placedOrder, spec } from './testing/fixtures.js';

describe('CS 상태 derivation (정상 / 부분취소 / 전체취소 / 교환 / 반품)', () => {
  const csAfter = (given: readonly OrderEvent[], command: OrderCommand, then: OrderEvent[]): CsState => csStateOf(placedOrder(spec.given(given).when(command).then(then)));

  it('정상 when nothing is cancelled, picked up or exchanged', () => {
    expect(csAfter([], cmd.place(), [ev.placedPaid])).toBe('normal');
    expect(csAfter(historyIn.invoiced, cmd.ship(), [ev.shipped()])).toBe('normal');
  });

  it('부분취소 while some quantity stays cancelled', () => {
    expect(csAfter(historyIn.received, cmd.cancelLine(2, 1), [ev.lineCancelled(2, 1)])).toBe('partially_cancelled');
  });

  it('전체취소 when nothing is active, however it was cancelled', () => {
    expect(csAfter(historyIn.awaiting_payment, cmd.cancel(), [ev.cancelledBeforePayment()])).toBe('cancelled');
    expect(csAfter(historyIn.received, cmd.cancel(), [ev.cancelled()])).toBe('cancelled');
    expect(csAfter([...historyIn.received, ev.lineCancelled(1, 2)], cmd.cancelLine(2, 3), [ev.lineCancelled(2, 3)])).toBe('cancelled');
  });

  it('정상 again once every cancelled quantity is restored', () => {
    expect(csAfter([...historyIn.received, ev.cancelled()], cmd.restore(), [ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')])).toBe('normal');
  });

  it('반품 once anything was picked up (also on a partly cancelled order)', () => {
    const inbound = [{ productCode: 'P-100', quantity: 1 }];
    expect(csAfter(historyIn.shipped, cmd.pickup([{ lineId: 1, quantity: 1 }]), [ev.pickup(1, [{ lineId: 1, quantity: 1 }], { inbound })])).toBe('return');
    const partly = [ev.placedPaid, ev.lineCancelled(2, 1), ev.invoiced, ev.shipped([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 2 }])];
    expect(csAfter(partly, cmd.pickup([{ lineId: 1, quantity: 1 }]), [ev.pickup(1, [{ lineId: 1, quantity: 1 }], { inbound })])).toBe('return');
  });

  it('교환 once an exchange was taken, before 반품', () => {
    const fold = (events: readonly OrderEvent[]) => csStateOf(placedOrder(events.reduce(OrderDecider.evolve, OrderDecider.initialState())));
    expect(fold([...historyIn.delivered, ev.exchange(1, 'simple', [{ lineId: 2, quantity: 1 }])])).toBe('exchange');
    const pickedUp = [...historyIn.delivered, ev.pickup(1, [{ lineId: 1, quantity: 1 }])];
    expect(fold(pickedUp)).toBe('return');
    expect(fold([...pickedUp, ev.exchange(1, 'defect', [{ lineId: 2, quantity: 1 }], { pickupId: 2 })])).toBe('exchange');
  });
});
