/** 개별취소 / 개별정상복귀 (cancel.ts) as given / when / then. */
import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../order.js';
import { csStateOf } from '../order.js';
import { BEFORE_INVOICE, BEFORE_SHIPMENT, ev, FROM_SHIPMENT, historyIn } from '../testing/events.js';
import { cmd, ledger, ledgerOf, placedOrder, spec } from '../testing/fixtures.js';

describe('개별취소 CancelLine', () => {
  it.each(BEFORE_INVOICE)('cancels part of a line in %s; the order is 부분취소', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.cancelLine(1, 1, 'cancel_lost')).then([ev.lineCancelled(1, 1, 'cancel_lost')]));
    expect(ledgerOf(state, 1)).toEqual(ledger({ ordered: 2, cancelled: 1 }));
    expect(csStateOf(state)).toBe('partially_cancelled');
    expect(state.status).toBe(status);
  });

  it('may cancel exactly the active quantity of a line', () => {
    spec.given(historyIn.received).when(cmd.cancelLine(2, 3)).then([ev.lineCancelled(2, 3)]);
    spec.given([...historyIn.received, ev.lineCancelled(2, 1)]).when(cmd.cancelLine(2, 2)).then([ev.lineCancelled(2, 2)]);
    spec.given([...historyIn.received, ev.lineCancelled(2, 3), ev.lineRestored(2, 1)]).when(cmd.cancelLine(2, 1)).then([ev.lineCancelled(2, 1)]);
  });

  it.each<[string, readonly OrderEvent[], number]>([
    ['more than ordered', historyIn.received, 3],
    ['more than still active', [...historyIn.received, ev.lineCancelled(1, 1)], 2],
    ['a fully cancelled line', [...historyIn.received, ev.lineCancelled(1, 2)], 1],
  ])('refuses %s with CANCEL_EXCEEDS_ACTIVE on field quantity', (_, given, quantity) => {
    spec.given(given).when(cmd.cancelLine(1, quantity)).thenThrows('CANCEL_EXCEEDS_ACTIVE', 'invalid', 'quantity');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses quantity %s with INVALID_QUANTITY', (quantity) => {
    spec.given(historyIn.received).when(cmd.cancelLine(1, quantity)).thenThrows('INVALID_QUANTITY', 'invalid', 'quantity');
  });

  it('refuses a line the order does not have with LINE_NOT_FOUND', () => {
    spec.given(historyIn.received).when(cmd.cancelLine(3, 1)).thenThrows('LINE_NOT_FOUND', 'not_found');
  });

  it('cancelling the last active quantity before the invoice cancels the order (전체취소 state)', () => {
    const state = placedOrder(spec.given([...historyIn.preparing, ev.lineCancelled(1, 2)]).when(cmd.cancelLine(2, 3)).then([ev.lineCancelled(2, 3)]));
    expect(csStateOf(state)).toBe('cancelled');
  });

  it('at 송장 part of the order may still be cancelled', () => {
    const state = placedOrder(spec.given(historyIn.invoiced).when(cmd.cancelLine(1, 2)).then([ev.lineCancelled(1, 2)]));
    expect(state.status).toBe('invoiced');
    expect(csStateOf(state)).toBe('partially_cancelled');
  });

  it('at 송장 cancelling the last active quantity is refused with RETURN_REQUIRED', () => {
    spec.given([...historyIn.invoiced, ev.lineCancelled(1, 2)]).when(cmd.cancelLine(2, 3)).thenThrows('RETURN_REQUIRED', 'conflict');
    spec.given([...historyIn.invoiced, ev.lineCancelled(1, 2), ev.lineCancelled(2, 2)]).when(cmd.cancelLine(2, 1)).thenThrows('RETURN_REQUIRED', 'conflict');
  });

  it.each(FROM_SHIPMENT)('is refused after shipping (%s) with RETURN_REQUIRED', (status) => {
    spec.given(historyIn[status]).when(cmd.cancelLine(1, 1)).thenThrows('RETURN_REQUIRED', 'conflict');
  });

  it('is allowed while the order is held', () => {
    spec.given([...historyIn.received, ev.held]).when(cmd.cancelLine(1, 1)).then([ev.lineCancelled(1, 1)]);
  });
});

describe('개별정상복귀 RestoreLine', () => {
  it('restores part of a cancelled quantity; all of it makes the order 정상 again', () => {
    const partly = placedOrder(spec.given([...historyIn.received, ev.lineCancelled(1, 2)]).when(cmd.restoreLine(1, 1)).then([ev.lineRestored(1, 1)]));
    expect(ledgerOf(partly, 1)).toEqual(ledger({ ordered: 2, cancelled: 2, restored: 1 }));
    expect(csStateOf(partly)).toBe('partially_cancelled');
    const whole = placedOrder(spec.given([...historyIn.received, ev.lineCancelled(1, 2), ev.lineRestored(1, 1)]).when(cmd.restoreLine(1, 1)).then([ev.lineRestored(1, 1)]));
    expect(csStateOf(whole)).toBe('normal');
  });

  it('restoring one line of a cancelled order makes it 부분취소, not 전체취소', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.cancelled()]).when(cmd.restoreLine(2, 3)).then([ev.lineRestored(2, 3)]));
    expect(csStateOf(state)).toBe('partially_cancelled');
  });

  it.each(BEFORE_SHIPMENT)('is allowed in %s', (status) => {
    spec.given([...historyIn[status], ev.lineCancelled(1, 1)]).when(cmd.restoreLine(1, 1)).then([ev.lineRestored(1, 1)]);
  });

  it.each<[string, readonly OrderEvent[], number]>([
    ['nothing cancelled', historyIn.received, 1],
    ['more than cancelled', [...historyIn.received, ev.lineCancelled(1, 1)], 2],
    ['more than still cancelled', [...historyIn.received, ev.lineCancelled(1, 2), ev.lineRestored(1, 1)], 2],
  ])('refuses %s with RESTORE_EXCEEDS_CANCELLED on field quantity', (_, given, quantity) => {
    spec.given(given).when(cmd.restoreLine(1, quantity)).thenThrows('RESTORE_EXCEEDS_CANCELLED', 'invalid', 'quantity');
  });

  it.each([0, -2, 0.5])('refuses quantity %s with INVALID_QUANTITY', (quantity) => {
    spec.given([...historyIn.received, ev.lineCancelled(1, 2)]).when(cmd.restoreLine(1, quantity)).thenThrows('INVALID_QUANTITY', 'invalid', 'quantity');
  });

  it('refuses an unknown line with LINE_NOT_FOUND', () => {
    spec.given([...historyIn.received, ev.lineCancelled(1, 2)]).when(cmd.restoreLine(9, 1)).thenThrows('LINE_NOT_FOUND', 'not_found');
  });

  it.each(FROM_SHIPMENT)('is refused after shipping (%s)', (status) => {
    const shippedPartly = [ev.placedPaid, ev.lineCancelled(1, 1), ev.invoiced, ev.shipped([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }])];
    const after = { shipped: [], delivered: [ev.delivered], purchase_confirmed: [ev.delivered, ev.purchaseConfirmed] }[status];
    spec.given([...shippedPartly, ...after]).when(cmd.restoreLine(1, 1)).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});
