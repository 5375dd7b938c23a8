/**
 * The events of order 1001 (fixtures.ts) for the CS action specs, and the histories that leave it in
 * each status. The status rules of the main path (주문생성 … 구매확정, 보류, 입금전취소, CS 메모) have
 * their own set, shaped for them: mainPathEvents.ts.
 */
import type { CancelReason, ExchangeType, LineProduct, LineQuantity, OrderEvent, OrderStatus, ReturnFees } from '../order.js';
import { item, itemOfLine, NO, placedEvent } from './fixtures.js';

export const ev = {
  placedUnpaid: placedEvent(false),
  placedPaid: placedEvent(true),
  paymentConfirmed: { type: 'PaymentConfirmed', data: { no: NO } } as OrderEvent,
  printed: { type: 'ShippingInstructionPrinted', data: { no: NO } } as OrderEvent,
  reprinted: (printCount: number): OrderEvent => ({ type: 'ShippingInstructionReprinted', data: { no: NO, printCount } }),
  held: { type: 'OrderHeld', data: { no: NO, alarmAt: null } } as OrderEvent,
  invoiced: { type: 'InvoiceEntered', data: { no: NO, carrier: 'cj', trackingNumber: '123456789012', replaces: null } } as OrderEvent,
  shipped: (lines: LineQuantity[] = [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }]): OrderEvent => ({ type: 'OrderShipped', data: { no: NO, lines } }),
  delivered: { type: 'OrderDelivered', data: { no: NO } } as OrderEvent,
  purchaseConfirmed: { type: 'PurchaseConfirmed', data: { no: NO } } as OrderEvent,
  cancelledBeforePayment: (lines: LineQuantity[] = [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], reason: CancelReason = 'cancel_delay'): OrderEvent => ({
    type: 'OrderCancelledBeforePayment',
    data: { no: NO, reason, lines },
  }),
  cancelled: (lines: LineQuantity[] = [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], reason: CancelReason = 'cancel_delay'): OrderEvent => ({
    type: 'OrderCancelled',
    data: { no: NO, reason, lines },
  }),
  restored: (lines: LineQuantity[], status: OrderStatus): OrderEvent => ({ type: 'OrderRestored', data: { no: NO, lines, status } }),
  lineCancelled: (lineId: number, quantity: number, reason: CancelReason = 'cancel_quality', product: LineProduct = itemOfLine(lineId)): OrderEvent => ({
    type: 'LineCancelled',
    data: { no: NO, lineId, item: item(product), quantity, reason },
  }),
  lineRestored: (lineId: number, quantity: number, product: LineProduct = itemOfLine(lineId)): OrderEvent => ({
    type: 'LineRestored',
    data: { no: NO, lineId, item: item(product), quantity },
  }),
  productChanged: (lineId: number, from: LineProduct, to: LineProduct): OrderEvent => ({ type: 'LineProductChanged', data: { no: NO, lineId, from, to } }),
  lineAdded: (lineId: number, product: LineProduct, quantity: number): OrderEvent => ({ type: 'LineAdded', data: { no: NO, line: { ...product, lineId, quantity } } }),
  deleted: { type: 'OrderDeleted', data: { no: NO } } as OrderEvent,
  merged: { type: 'OrderMerged', data: { no: NO, packageId: NO, joined: 1002, members: [NO, 1002] } } as OrderEvent,
  mergeForbidden: { type: 'MergeForbidden', data: { no: NO } } as OrderEvent,
  mergeAllowed: { type: 'MergeAllowed', data: { no: NO } } as OrderEvent,
  pickup: (
    pickupId: number,
    lines: LineQuantity[],
    o: { repeated?: boolean; registerInbound?: boolean; inbound?: { productCode: string; quantity: number }[]; reason?: CancelReason; claim?: { channel: string; cancellationId: string } } = {},
  ): OrderEvent => ({
    type: 'ReturnPickupRequested',
    data: {
      no: NO,
      pickupId,
      lines,
      reason: o.reason ?? 'return_defect',
      registerInbound: o.registerInbound ?? true,
      inbound: o.inbound ?? [],
      repeated: o.repeated ?? false,
      ...(o.claim ? { claim: o.claim } : {}),
    },
  }),
  /** 반품입고 as decided today: `restocked` defaults to the inbound (nothing damaged). */
  returnReceived: (
    pickupId: number,
    lines: LineQuantity[],
    inbound: { productCode: string; quantity: number }[] = [],
    o: { damaged?: LineQuantity[]; restocked?: { productCode: string; quantity: number }[]; exchange?: { exchangeId: number; replacementNo: number } } = {},
  ): OrderEvent => ({
    type: 'ReturnReceived',
    data: { no: NO, pickupId, lines, damaged: o.damaged ?? [], inbound, restocked: o.restocked ?? inbound, ...(o.exchange ? { exchange: o.exchange } : {}) },
  }),
  returnExpectedMarked: { type: 'ReturnExpectedMarked', data: { no: NO } } as OrderEvent,
  returnExpectedCleared: { type: 'ReturnExpectedCleared', data: { no: NO } } as OrderEvent,
  /** An exchange as recorded before exchanges took goods back (no pickup, no replacement order). */
  legacyExchange: (exchangeId: number, exchangeType: ExchangeType, lines: LineQuantity[]): OrderEvent => ({
    type: 'ExchangeRequested',
    data: { no: NO, exchangeId, exchangeType, lines },
  }),
  /** An exchange with its pickup and replacement order, as decided today. */
  exchange: (
    exchangeId: number,
    exchangeType: ExchangeType,
    lines: LineQuantity[],
    o: { pickupId?: number; replacementNo?: number; registerInbound?: boolean; inbound?: { productCode: string; quantity: number }[] } = {},
  ): OrderEvent => ({
    type: 'ExchangeRequested',
    data: { no: NO, exchangeId, exchangeType, lines, pickupId: o.pickupId ?? exchangeId, replacementNo: o.replacementNo ?? 2001, registerInbound: o.registerInbound ?? false, inbound: o.inbound ?? [] },
  }),
  feesRecorded: (pickupId: number, fees: ReturnFees, reason: string | null = null): OrderEvent => ({ type: 'ReturnFeesRecorded', data: { no: NO, pickupId, fees, reason } }),
  returnCompleted: (pickupId: number, outstanding = 0, notArrived = 0): OrderEvent => ({ type: 'ReturnCompleted', data: { no: NO, pickupId, outstanding, notArrived } }),
  completed: (entryIds: string[]): OrderEvent => ({ type: 'CsEntriesCompleted', data: { no: NO, entryIds } }),
};

/** A history that leaves the order in each status (the main path, never held). */
export const historyIn: Record<OrderStatus, readonly OrderEvent[]> = {
  awaiting_payment: [ev.placedUnpaid],
  received: [ev.placedUnpaid, ev.paymentConfirmed],
  preparing: [ev.placedPaid, ev.printed],
  invoiced: [ev.placedPaid, ev.printed, ev.invoiced],
  shipped: [ev.placedPaid, ev.printed, ev.invoiced, ev.shipped()],
  delivered: [ev.placedPaid, ev.printed, ev.invoiced, ev.shipped(), ev.delivered],
  purchase_confirmed: [ev.placedPaid, ev.printed, ev.invoiced, ev.shipped(), ev.delivered, ev.purchaseConfirmed],
};
export const BEFORE_INVOICE = ['awaiting_payment', 'received', 'preparing'] as const;
export const BEFORE_SHIPMENT = ['awaiting_payment', 'received', 'preparing', 'invoiced'] as const;
export const FROM_INVOICE = ['invoiced', 'shipped', 'delivered', 'purchase_confirmed'] as const;
export const FROM_SHIPMENT = ['shipped', 'delivered', 'purchase_confirmed'] as const;
