/**
 * The main path of fulfilment.ts on one order as given / when / then: 입금확인, 출고지시서, 송장입력,
 * 배송처리, 배송완료, 구매확정. What a package's members get is in mergePackage.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { cmd, placedOrder, spec } from '../testing/fixtures.js';
import { cancelledHistory, ev, historyIn, statusesExcept } from '../testing/mainPathEvents.js';

describe('입금확인 ConfirmPayment', () => {
  it('moves 입금대기 to 접수', () => {
    const state = placedOrder(spec.given(historyIn.awaiting_payment).when(cmd.confirmPayment()).then([ev.paymentConfirmed]));
    expect(state.status).toBe('received');
  });

  it('is allowed while the order is held', () => {
    spec.given([ev.placedUnpaid, ev.held()]).when(cmd.confirmPayment()).then([ev.paymentConfirmed]);
  });

  it.each(statusesExcept('awaiting_payment'))('is refused in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.confirmPayment()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.confirmPayment()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('출고지시서 PrintShippingInstruction', () => {
  it('moves 접수 to 배송준비중 on the first print', () => {
    const state = placedOrder(spec.given(historyIn.received).when(cmd.print()).then([ev.printed]));
    expect(state.status).toBe('preparing');
    expect(state.shippingInstructionPrints).toBe(1);
  });

  it('records a reprint with an incrementing printCount and no status change', () => {
    const second = placedOrder(spec.given(historyIn.preparing).when(cmd.print()).then([ev.reprinted(2)]));
    expect(second.status).toBe('preparing');
    expect(second.shippingInstructionPrints).toBe(2);
    const third = placedOrder(spec.given([...historyIn.preparing, ev.reprinted(2)]).when(cmd.print()).then([ev.reprinted(3)]));
    expect(third.status).toBe('preparing');
    expect(third.shippingInstructionPrints).toBe(3);
  });

  it('a reprint after 송장 does not move the status back', () => {
    const state = placedOrder(spec.given(historyIn.invoiced).when(cmd.print()).then([ev.reprinted(2)]));
    expect(state.status).toBe('invoiced');
  });

  it('is refused in 입금대기', () => {
    spec.given(historyIn.awaiting_payment).when(cmd.print()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for an order invoiced without a print (the first print needs 접수)', () => {
    spec.given([ev.placedPaid, ev.invoiced()]).when(cmd.print()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.print()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('송장입력 EnterInvoice', () => {
  it.each(['received', 'preparing'] as const)('moves %s to 송장', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.invoice()).then([ev.invoiced()]));
    expect(state.status).toBe('invoiced');
    expect(state.invoice).toEqual({ carrier: 'cj', trackingNumber: '123456789012' });
  });

  it.each(['12345678', '12345678901234567890'])('accepts %s (8 to 20 digits)', (trackingNumber) => {
    spec.given(historyIn.preparing).when(cmd.invoice(trackingNumber)).then([ev.invoiced(trackingNumber)]);
  });

  it.each(['1234567', '123456789012345678901', '1234-5678-9012', '1234 5678 9012', ' 123456789012', 'ABCD12345678', '', '１２３４５６７８'])(
    'refuses tracking number %j (digits only, 8 to 20)',
    (trackingNumber) => {
      spec.given(historyIn.preparing).when(cmd.invoice(trackingNumber)).thenThrows('INVALID_TRACKING_NUMBER', 'invalid', 'trackingNumber');
    },
  );

  it('refuses a blank carrier', () => {
    spec.given(historyIn.preparing).when(cmd.invoice('123456789012', '  ')).thenThrows('FIELD_REQUIRED', 'invalid', 'carrier');
  });

  it('trims the carrier', () => {
    spec.given(historyIn.preparing).when(cmd.invoice('123456789012', ' cj ')).then([ev.invoiced('123456789012', 'cj')]);
  });

  it.each(['received', 'preparing', 'invoiced'] as const)('is refused while held (%s) with ORDER_HELD', (status) => {
    spec.given([...historyIn[status], ev.held()]).when(cmd.invoice('987654321098')).thenThrows('ORDER_HELD', 'conflict');
  });

  it('is allowed again after the hold is released', () => {
    spec.given([...historyIn.preparing, ev.held(), ev.released]).when(cmd.invoice()).then([ev.invoiced()]);
  });

  it('is refused in 입금대기', () => {
    spec.given(historyIn.awaiting_payment).when(cmd.invoice()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it.each(['shipped', 'delivered', 'purchase_confirmed'] as const)('is refused after shipping (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.invoice('987654321098')).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.invoice()).thenThrows('ORDER_CANCELLED', 'conflict');
  });

  it('the same invoice again appends nothing', () => {
    spec.given(historyIn.invoiced).when(cmd.invoice()).thenNothing();
    spec.given(historyIn.invoiced).when(cmd.invoice('123456789012', ' cj ')).thenNothing();
  });

  it('a correction is recorded with the number it replaces', () => {
    const state = placedOrder(
      spec.given(historyIn.invoiced).when(cmd.invoice('987654321098')).then([ev.invoiced('987654321098', 'cj', { carrier: 'cj', trackingNumber: '123456789012' })]),
    );
    expect(state.invoice).toEqual({ carrier: 'cj', trackingNumber: '987654321098' });
    expect(state.status).toBe('invoiced');
  });

  it('the same number with another carrier is a correction', () => {
    spec
      .given(historyIn.invoiced)
      .when(cmd.invoice('123456789012', 'lotte'))
      .then([ev.invoiced('123456789012', 'lotte', { carrier: 'cj', trackingNumber: '123456789012' })]);
  });
});

describe('배송처리 ShipOrder', () => {
  it('ships the active quantities of an invoiced order', () => {
    const state = placedOrder(spec.given(historyIn.invoiced).when(cmd.ship()).then([ev.shipped]));
    expect(state.status).toBe('shipped');
    expect(state.lines.map((l) => l.ledger.shipped)).toEqual([2, 3]);
  });

  it.each(statusesExcept('invoiced'))('is refused in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.ship()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused while held with ORDER_HELD', () => {
    spec.given([...historyIn.invoiced, ev.held()]).when(cmd.ship()).thenThrows('ORDER_HELD', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.ship()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('배송완료 MarkDelivered', () => {
  it('moves 배송 to 배송완료', () => {
    const state = placedOrder(spec.given(historyIn.shipped).when(cmd.deliver()).then([ev.delivered]));
    expect(state.status).toBe('delivered');
  });

  it.each(statusesExcept('shipped'))('is refused in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.deliver()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});

describe('구매확정 ConfirmPurchase', () => {
  it.each(['shipped', 'delivered'] as const)('confirms a purchase in %s', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.confirmPurchase()).then([ev.purchaseConfirmed]));
    expect(state.status).toBe('purchase_confirmed');
  });

  it.each(statusesExcept('shipped', 'delivered'))('is refused in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.confirmPurchase()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});
