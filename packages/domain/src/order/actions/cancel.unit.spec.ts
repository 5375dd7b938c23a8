/**
 * 입금전취소 / 전체취소 and 전체정상복귀 (cancel.ts) as given / when / then. 개별취소 / 개별정상복귀 are in
 * cancelLines.unit.spec.ts, the cancel of each status in cancelBeforePayment.unit.spec.ts, a merged
 * order's in cancelMerged.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../order.js';
import { csStateOf } from '../order.js';
import { ev, FROM_INVOICE, historyIn } from '../testing/events.js';
import { cmd, ledger, placedOrder, spec } from '../testing/fixtures.js';

describe('입금전취소 / 전체취소 CancelOrder', () => {
  it('입금전취소: an order in 입금대기 gets OrderCancelledBeforePayment with every active quantity and the reason', () => {
    const state = placedOrder(spec.given(historyIn.awaiting_payment).when(cmd.cancel('cancel_lost')).then([ev.cancelledBeforePayment(undefined, 'cancel_lost')]));
    expect(csStateOf(state)).toBe('cancelled');
    expect(state.status).toBe('awaiting_payment');
  });

  it.each(['received', 'preparing'] as const)('전체취소: a paid order in %s gets OrderCancelled with every active quantity', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.cancel('cancel_quality')).then([ev.cancelled(undefined, 'cancel_quality')]));
    expect(state.lines.map((l) => l.ledger)).toEqual([ledger({ ordered: 2, cancelled: 2 }), ledger({ ordered: 3, cancelled: 3 })]);
    expect(csStateOf(state)).toBe('cancelled');
    expect(state.status).toBe(status);
  });

  it('전체취소 after a part was cancelled names only what is still active', () => {
    spec
      .given([...historyIn.received, ev.lineCancelled(1, 2), ev.lineCancelled(2, 1)])
      .when(cmd.cancel())
      .then([ev.cancelled([{ lineId: 2, quantity: 2 }])]);
  });

  it('전체취소 counts restored quantities as active', () => {
    spec
      .given([...historyIn.received, ev.lineCancelled(1, 2), ev.lineRestored(1, 1)])
      .when(cmd.cancel())
      .then([ev.cancelled([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }])]);
  });

  it('is allowed while the order is held', () => {
    spec.given([...historyIn.preparing, ev.held]).when(cmd.cancel()).then([ev.cancelled()]);
  });

  it.each(FROM_INVOICE)('is refused from 송장 on (%s) with RETURN_REQUIRED: it must be a return (회수)', (status) => {
    spec.given(historyIn[status]).when(cmd.cancel()).thenThrows('RETURN_REQUIRED', 'conflict');
  });

  it.each<[string, readonly OrderEvent[]]>([
    ['입금전취소', [...historyIn.awaiting_payment, ev.cancelledBeforePayment()]],
    ['전체취소', [...historyIn.received, ev.cancelled()]],
    ['every line cancelled one by one', [...historyIn.received, ev.lineCancelled(1, 2), ev.lineCancelled(2, 3)]],
  ])('an order already cancelled (%s) is refused with ORDER_CANCELLED', (_, given) => {
    spec.given(given).when(cmd.cancel()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('전체정상복귀 RestoreOrder', () => {
  it('brings every cancelled quantity of a 전체취소 back; the order is 접수 and 정상', () => {
    const state = placedOrder(
      spec
        .given([...historyIn.received, ev.cancelled()])
        .when(cmd.restore())
        .then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]),
    );
    expect(state.status).toBe('received');
    expect(csStateOf(state)).toBe('normal');
    expect(state.lines.map((l) => l.ledger)).toEqual([ledger({ ordered: 2, cancelled: 2, restored: 2 }), ledger({ ordered: 3, cancelled: 3, restored: 3 })]);
  });

  it('an order cancelled in 배송준비중 goes back to 접수; its next print in 접수 transitions again (not a reprint)', () => {
    const state = placedOrder(spec.given([...historyIn.preparing, ev.cancelled()]).when(cmd.restore()).then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]));
    expect(state.status).toBe('received');
    expect(state.shippingInstructionPrints).toBe(1);
    const printed = placedOrder(
      spec.given([...historyIn.preparing, ev.cancelled(), ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]).when(cmd.print()).then([ev.printed]),
    );
    expect(printed.status).toBe('preparing');
    expect(printed.shippingInstructionPrints).toBe(2);
  });

  it('an order cancelled before payment stays 입금대기', () => {
    const state = placedOrder(
      spec.given([...historyIn.awaiting_payment, ev.cancelledBeforePayment()]).when(cmd.restore()).then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'awaiting_payment')]),
    );
    expect(state.status).toBe('awaiting_payment');
    expect(csStateOf(state)).toBe('normal');
  });

  it('restores the net cancelled quantity of each line (cancelled − restored), lines with nothing cancelled left out', () => {
    spec
      .given([...historyIn.received, ev.lineCancelled(1, 2), ev.lineRestored(1, 1), ev.cancelled([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }])])
      .when(cmd.restore())
      .then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]);
    spec
      .given([...historyIn.received, ev.lineCancelled(1, 2), ev.cancelled([{ lineId: 2, quantity: 3 }]), ev.lineRestored(1, 2)])
      .when(cmd.restore())
      .thenThrows('ORDER_NOT_CANCELLED', 'conflict');
  });

  it('keeps the hold of a held order', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.held, ev.cancelled()]).when(cmd.restore()).then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]));
    expect(state.hold).toEqual({ alarmAt: null });
  });

  it.each<[string, readonly OrderEvent[]]>([
    ['정상', historyIn.received],
    ['부분취소', [...historyIn.received, ev.lineCancelled(1, 1)]],
    ['shipped', historyIn.shipped],
  ])('refuses an order that is not cancelled (%s) with ORDER_NOT_CANCELLED', (_, given) => {
    spec.given(given).when(cmd.restore()).thenThrows('ORDER_NOT_CANCELLED', 'conflict');
  });
});
