/**
 * The events of order 1001 (fixtures.ts) as the status rules of the main path use them — 주문생성,
 * 입금확인, 출고지시서, 송장입력, 배송처리, 배송완료, 구매확정, 보류, 입금전취소 and CS 메모: a hold with
 * or without its alarm, an invoice with any number, and the one cancellation of an unpaid order.
 * The CS action specs use events.ts; the histories (historyIn) are the same.
 */
import type { OrderEvent, OrderStatus } from '../order.js';
import { historyIn } from './events.js';
import { NO, placedEvent } from './fixtures.js';

export { historyIn } from './events.js';

export const ev = {
  placedUnpaid: placedEvent(false),
  placedPaid: placedEvent(true),
  paymentConfirmed: { type: 'PaymentConfirmed', data: { no: NO } } as OrderEvent,
  cancelled: {
    type: 'OrderCancelledBeforePayment',
    data: { no: NO, reason: 'cancel_delay', lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }] },
  } as OrderEvent,
  printed: { type: 'ShippingInstructionPrinted', data: { no: NO } } as OrderEvent,
  reprinted: (printCount: number): OrderEvent => ({ type: 'ShippingInstructionReprinted', data: { no: NO, printCount } }),
  held: (alarmAt: string | null = null): OrderEvent => ({ type: 'OrderHeld', data: { no: NO, alarmAt } }),
  released: { type: 'OrderReleased', data: { no: NO } } as OrderEvent,
  invoiced: (trackingNumber = '123456789012', carrier = 'cj', replaces: { carrier: string; trackingNumber: string } | null = null): OrderEvent => ({
    type: 'InvoiceEntered',
    data: { no: NO, carrier, trackingNumber, replaces },
  }),
  shipped: { type: 'OrderShipped', data: { no: NO, lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }] } } as OrderEvent,
  delivered: { type: 'OrderDelivered', data: { no: NO } } as OrderEvent,
  purchaseConfirmed: { type: 'PurchaseConfirmed', data: { no: NO } } as OrderEvent,
};

export const cancelledHistory: readonly OrderEvent[] = [ev.placedUnpaid, ev.cancelled];

export const statusesExcept = (...allowed: OrderStatus[]): OrderStatus[] =>
  (Object.keys(historyIn) as OrderStatus[]).filter((s) => !allowed.includes(s));
