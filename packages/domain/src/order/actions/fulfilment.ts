/**
 * The order's way to the customer: 입금확인, 출고지시서, 송장입력, 배송처리, 배송완료, 구매확정.
 * A merged order's invoice and shipment go to every member of its package (one box).
 */
import { invalid } from '../../errors.js';
import { sumOf } from '../format.js';
import type { Invoice, LineQuantity } from '../model.js';
import { activeQuantity, addToLedger } from '../model.js';
import { activeLinesOf, inStatus, live, nonBlank, notCancelled, notHeld, TRACKING_NUMBER_PATTERN } from '../rules.js';
import type { EventsOf, NoData } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';
import { packageWide } from './merge.js';

type No = { readonly no: number };

export interface InvoiceEnteredData {
  readonly no: number;
  readonly carrier: string;
  readonly trackingNumber: string;
  /** Set when a mistyped invoice is corrected: the number it replaces. */
  readonly replaces: Invoice | null;
  /** 합포: the package the number was entered for; every member carries the same number. */
  readonly packageId?: number | undefined;
}

export const fulfilmentEvents = {
  PaymentConfirmed: orderEvent<No>({ label: '입금확인', describe: () => '', evolve: (order) => ({ ...order, status: 'received' }) }),
  ShippingInstructionPrinted: orderEvent<No>({
    label: '출고지시서',
    describe: () => '',
    evolve: (order) => ({ ...order, status: 'preparing', shippingInstructionPrints: order.shippingInstructionPrints + 1 }),
  }),
  ShippingInstructionReprinted: orderEvent<No & { readonly printCount: number }>({
    label: '출고지시서 재출력',
    describe: (d) => `${d.printCount}회`,
    evolve: (order, d) => ({ ...order, shippingInstructionPrints: d.printCount }),
  }),
  InvoiceEntered: orderEvent<InvoiceEnteredData>({
    label: '송장입력',
    describe: (d, { carrierName }) => {
      const entered = `${carrierName(d.carrier)} ${d.trackingNumber}`;
      const withPackage = d.packageId === undefined ? entered : `${entered} (합포번호 ${d.packageId})`;
      return d.replaces === null ? withPackage : `${withPackage} (변경 전: ${carrierName(d.replaces.carrier)} ${d.replaces.trackingNumber})`;
    },
    evolve: (order, d) => ({ ...order, status: 'invoiced', invoice: { carrier: d.carrier, trackingNumber: d.trackingNumber } }),
  }),
  OrderShipped: orderEvent<No & { readonly lines: readonly LineQuantity[] }>({
    label: '배송처리',
    describe: (d) => `수량 ${sumOf(d.lines)}`,
    evolve: (order, d) => ({ ...order, status: 'shipped', lines: addToLedger(order.lines, d.lines, 'shipped') }),
  }),
  OrderDelivered: orderEvent<No>({ label: '배송완료', describe: () => '', evolve: (order) => ({ ...order, status: 'delivered' }) }),
  PurchaseConfirmed: orderEvent<No>({ label: '구매확정', describe: () => '', evolve: (order) => ({ ...order, status: 'purchase_confirmed' }) }),
};
export type FulfilmentEvent = EventsOf<typeof fulfilmentEvents>;

/** 송장입력 on one order; a package's members are invoiced together, each through this rule. */
const enterInvoice = orderCommand<{ readonly carrier: string; readonly trackingNumber: string }>(({ data }, state) => {
  const order = notHeld(inStatus(notCancelled(live(state)), ['received', 'preparing', 'invoiced'], '송장입력'), '송장입력');
  const carrier = nonBlank(data.carrier, 'carrier');
  if (!TRACKING_NUMBER_PATTERN.test(data.trackingNumber)) {
    throw invalid('INVALID_TRACKING_NUMBER', 'trackingNumber must be 8 to 20 digits, with no dashes or spaces.', 'trackingNumber');
  }
  const current = order.invoice;
  if (current && current.carrier === carrier && current.trackingNumber === data.trackingNumber) return [];
  return [
    {
      type: 'InvoiceEntered',
      data: { no: order.no, carrier, trackingNumber: data.trackingNumber, replaces: current, ...(order.package ? { packageId: order.package.id } : {}) },
    },
  ];
});

const shipOrder = orderCommand<NoData>((_, state) => {
  const order = notHeld(inStatus(notCancelled(live(state)), ['invoiced'], '배송처리'), '배송처리');
  return [{ type: 'OrderShipped', data: { no: order.no, lines: activeLinesOf(order, (l) => activeQuantity(l.ledger) - l.ledger.shipped) } }];
});

export const fulfilmentCommands = {
  ConfirmPayment: orderCommand<NoData>((_, state) => {
    const order = inStatus(notCancelled(live(state)), ['awaiting_payment'], '입금확인');
    return [{ type: 'PaymentConfirmed', data: { no: order.no } }];
  }),
  /** 출고지시서: printing in 접수 moves the order to 배송준비중; a print after that is recorded as a reprint. */
  PrintShippingInstruction: orderCommand<NoData>((_, state) => {
    const order = notCancelled(live(state));
    if (order.status !== 'received' && order.shippingInstructionPrints > 0) {
      return [{ type: 'ShippingInstructionReprinted', data: { no: order.no, printCount: order.shippingInstructionPrints + 1 } }];
    }
    inStatus(order, ['received'], '출고지시서');
    return [{ type: 'ShippingInstructionPrinted', data: { no: order.no } }];
  }),
  EnterInvoice: orderCommand(enterInvoice.decide, packageWide(enterInvoice.decide)),
  ShipOrder: orderCommand(shipOrder.decide, packageWide(shipOrder.decide)),
  MarkDelivered: orderCommand<NoData>((_, state) => {
    const order = inStatus(live(state), ['shipped'], '배송완료');
    return [{ type: 'OrderDelivered', data: { no: order.no } }];
  }),
  ConfirmPurchase: orderCommand<NoData>((_, state) => {
    const order = inStatus(live(state), ['shipped', 'delivered'], '구매확정');
    return [{ type: 'PurchaseConfirmed', data: { no: order.no } }];
  }),
};
