/**
 * CancelOrder (cancel.ts) by status as given / when / then: 입금전취소 before payment, 전체취소 once
 * paid, a return (회수) from 송장 on. The rest of 전체취소 and 전체정상복귀 is in cancel.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { csStateOf } from '../order.js';
import { cmd, NO, placedOrder, spec } from '../testing/fixtures.js';
import { cancelledHistory, ev, historyIn } from '../testing/mainPathEvents.js';

describe('입금전취소 CancelOrder', () => {
  it('cancels every active quantity of an order in 입금대기', () => {
    const state = placedOrder(spec.given(historyIn.awaiting_payment).when(cmd.cancel()).then([ev.cancelled]));
    expect(state.lines.map((l) => l.ledger.cancelled)).toEqual([2, 3]);
    expect(csStateOf(state)).toBe('cancelled');
    expect(state.status).toBe('awaiting_payment');
  });

  it('is allowed while the order is held', () => {
    spec.given([ev.placedUnpaid, ev.held()]).when(cmd.cancel()).then([ev.cancelled]);
  });

  // Since 전체취소: a paid order before its invoice is cancelled (OrderCancelled, see cancel.unit.spec.ts);
  // from 송장 on a cancellation must be a return (회수).
  it.each(['received', 'preparing'] as const)('a paid order in %s is cancelled in full (전체취소), not 입금전취소', (status) => {
    const state = placedOrder(
      spec
        .given(historyIn[status])
        .when(cmd.cancel())
        .then([{ type: 'OrderCancelled', data: { no: NO, reason: 'cancel_delay', lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }] } }]),
    );
    expect(csStateOf(state)).toBe('cancelled');
    expect(state.status).toBe(status);
  });

  it.each(['invoiced', 'shipped', 'delivered', 'purchase_confirmed'] as const)('is refused in %s with RETURN_REQUIRED', (status) => {
    spec.given(historyIn[status]).when(cmd.cancel()).thenThrows('RETURN_REQUIRED', 'conflict');
  });

  it('is refused for an order already cancelled', () => {
    spec.given(cancelledHistory).when(cmd.cancel()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});
