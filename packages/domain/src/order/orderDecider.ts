/** The order stream's commands and decide: one small function per command. */
import type { CommandMetadata, Decider } from '../decider.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { CancelReason, OrderEvent, OrderState, Party, PaymentMethod, PlacedOrder, Recipient } from './order.js';
import { activeQuantity, csStateOf, evolveOrder, initialOrderState, ORDER_STATUS_LABELS } from './order.js';

type Command<T extends string, D> = { readonly type: T; readonly data: D; readonly metadata: CommandMetadata };

export interface NewOrderLine {
  readonly productCode: string;
  readonly productName: string;
  readonly option: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

export type PlaceOrder = Command<
  'PlaceOrder',
  {
    readonly no: number;
    readonly channel: string;
    readonly channelOrderNo?: string | undefined;
    readonly paymentMethod: PaymentMethod;
    readonly paid: boolean;
    readonly buyer: Party;
    readonly recipient: Recipient;
    readonly shippingFee: number;
    readonly lines: readonly NewOrderLine[];
  }
>;
export type ConfirmPayment = Command<'ConfirmPayment', Record<string, never>>;
export type CancelOrder = Command<'CancelOrder', { readonly reason: CancelReason }>;
export type PrintShippingInstruction = Command<'PrintShippingInstruction', Record<string, never>>;
export type HoldOrder = Command<'HoldOrder', { readonly alarmAt?: string | undefined }>;
export type ReleaseHold = Command<'ReleaseHold', Record<string, never>>;
export type EnterInvoice = Command<'EnterInvoice', { readonly carrier: string; readonly trackingNumber: string }>;
export type ShipOrder = Command<'ShipOrder', Record<string, never>>;
export type MarkDelivered = Command<'MarkDelivered', Record<string, never>>;
export type ConfirmPurchase = Command<'ConfirmPurchase', Record<string, never>>;
export type AddCsMemo = Command<'AddCsMemo', { readonly text: string }>;

export type OrderCommand =
  | PlaceOrder
  | ConfirmPayment
  | CancelOrder
  | PrintShippingInstruction
  | HoldOrder
  | ReleaseHold
  | EnterInvoice
  | ShipOrder
  | MarkDelivered
  | ConfirmPurchase
  | AddCsMemo;

export const TRACKING_NUMBER_PATTERN = /^[0-9]{8,20}$/;
/** An ISO-8601 date-time with an explicit offset: without one, Date.parse would read it in the process's time zone. */
const ISO_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A 관리번호-derived channel order number for orders made by hand. */
export const generatedChannelOrderNo = (no: number): string => `OMS${no}`;

// ---------------------------------------------------------------------------------------------
// Guards shared by the commands.

const placed = (state: OrderState): PlacedOrder => {
  if (state.kind !== 'placed') throw notFound('ORDER_NOT_FOUND', 'The order does not exist.');
  return state;
};

const notCancelled = (order: PlacedOrder): PlacedOrder => {
  if (csStateOf(order.lines) === 'cancelled') {
    throw conflict('ORDER_CANCELLED', `Order ${order.no} is cancelled; restore it first.`, { no: order.no });
  }
  return order;
};

const notHeld = (order: PlacedOrder, action: string): PlacedOrder => {
  if (order.hold) throw conflict('ORDER_HELD', `Order ${order.no} is on hold (보류): ${action} is not allowed until the hold is released.`, { no: order.no });
  return order;
};

const inStatus = (order: PlacedOrder, allowed: readonly PlacedOrder['status'][], action: string): PlacedOrder => {
  if (!allowed.includes(order.status)) {
    const labels = allowed.map((s) => ORDER_STATUS_LABELS[s]).join(', ');
    throw conflict(
      'ORDER_STATUS_CONFLICT',
      `${action} needs the order in ${labels}; order ${order.no} is ${ORDER_STATUS_LABELS[order.status]}.`,
      { no: order.no, orderStatus: order.status, allowed },
    );
  }
  return order;
};

const nonBlank = (value: string, field: string): string => {
  if (value.trim() === '') throw invalid('FIELD_REQUIRED', `${field} must not be blank.`, field);
  return value.trim();
};

const nonNegativeInteger = (value: number, field: string): number => {
  if (!Number.isInteger(value) || value < 0) throw invalid('INVALID_AMOUNT', `${field} must be a whole number ≥ 0.`, field);
  return value;
};

// ---------------------------------------------------------------------------------------------
// One function per command.

const placeOrder = ({ data }: PlaceOrder, state: OrderState): OrderEvent[] => {
  if (state.kind !== 'none') throw conflict('ORDER_ALREADY_EXISTS', `Order ${state.no} already exists.`, { no: state.no });
  if (data.lines.length === 0) throw invalid('ORDER_WITHOUT_LINES', 'An order needs at least one line.', 'lines');
  data.lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1) throw invalid('INVALID_QUANTITY', 'quantity must be a whole number ≥ 1.', `lines[${i}].quantity`);
    nonNegativeInteger(l.unitPrice, `lines[${i}].unitPrice`);
    nonBlank(l.productCode, `lines[${i}].productCode`);
  });
  nonNegativeInteger(data.shippingFee, 'shippingFee');
  nonBlank(data.channel, 'channel');
  nonBlank(data.buyer.name, 'buyer.name');
  nonBlank(data.recipient.name, 'recipient.name');
  nonBlank(data.recipient.address, 'recipient.address');
  const given = data.channelOrderNo?.trim();
  return [
    {
      type: 'OrderPlaced',
      data: {
        no: data.no,
        channel: data.channel.trim(),
        channelOrderNo: given ? given : generatedChannelOrderNo(data.no),
        channelOrderNoGenerated: !given,
        paymentMethod: data.paymentMethod,
        paid: data.paid,
        buyer: data.buyer,
        recipient: data.recipient,
        shippingFee: data.shippingFee,
        lines: data.lines.map((l, i) => ({ ...l, lineId: i + 1 })),
      },
    },
  ];
};

const confirmPayment = (_: ConfirmPayment, state: OrderState): OrderEvent[] => {
  const order = inStatus(notCancelled(placed(state)), ['awaiting_payment'], '입금확인');
  return [{ type: 'PaymentConfirmed', data: { no: order.no } }];
};

const cancelOrder = ({ data }: CancelOrder, state: OrderState): OrderEvent[] => {
  const order = notCancelled(placed(state));
  if (order.status !== 'awaiting_payment') {
    // 전체취소 of a paid order (and returns after 송장) belong to the cancellation capability.
    throw conflict(
      'CANCEL_ONLY_BEFORE_PAYMENT',
      `Only 입금전취소 (an order in 입금대기) can be cancelled here; order ${order.no} is ${ORDER_STATUS_LABELS[order.status]}.`,
      { no: order.no, orderStatus: order.status },
    );
  }
  const lines = order.lines.map((l) => ({ lineId: l.lineId, quantity: activeQuantity(l.ledger) })).filter((l) => l.quantity > 0);
  return [{ type: 'OrderCancelledBeforePayment', data: { no: order.no, reason: data.reason, lines } }];
};

const printShippingInstruction = (_: PrintShippingInstruction, state: OrderState): OrderEvent[] => {
  const order = notCancelled(placed(state));
  if (order.shippingInstructionPrints > 0) {
    // 출고지시서 is printed once: a reprint is recorded, it is not a second transition.
    return [{ type: 'ShippingInstructionReprinted', data: { no: order.no, printCount: order.shippingInstructionPrints + 1 } }];
  }
  inStatus(order, ['received'], '출고지시서');
  return [{ type: 'ShippingInstructionPrinted', data: { no: order.no } }];
};

const holdOrder = ({ data, metadata }: HoldOrder, state: OrderState): OrderEvent[] => {
  const order = inStatus(notCancelled(placed(state)), ['awaiting_payment', 'received', 'preparing', 'invoiced'], '보류설정');
  if (order.hold) throw conflict('ORDER_ALREADY_HELD', `Order ${order.no} is already on hold.`, { no: order.no });
  const alarmAt = data.alarmAt ?? null;
  if (alarmAt !== null) {
    const alarm = ISO_DATE_TIME_PATTERN.test(alarmAt) ? Date.parse(alarmAt) : Number.NaN;
    if (Number.isNaN(alarm)) throw invalid('INVALID_ALARM_TIME', 'alarmAt must be an ISO-8601 date-time.', 'alarmAt');
    if (alarm <= Date.parse(metadata.at)) throw invalid('ALARM_IN_PAST', 'alarmAt must be later than now.', 'alarmAt');
  }
  return [{ type: 'OrderHeld', data: { no: order.no, alarmAt } }];
};

const releaseHold = (_: ReleaseHold, state: OrderState): OrderEvent[] => {
  const order = placed(state);
  if (!order.hold) throw conflict('ORDER_NOT_HELD', `Order ${order.no} is not on hold.`, { no: order.no });
  return [{ type: 'OrderReleased', data: { no: order.no } }];
};

const enterInvoice = ({ data }: EnterInvoice, state: OrderState): OrderEvent[] => {
  const order = notHeld(inStatus(notCancelled(placed(state)), ['received', 'preparing', 'invoiced'], '송장입력'), '송장입력');
  const carrier = nonBlank(data.carrier, 'carrier');
  if (!TRACKING_NUMBER_PATTERN.test(data.trackingNumber)) {
    throw invalid('INVALID_TRACKING_NUMBER', 'trackingNumber must be 8 to 20 digits, with no dashes or spaces.', 'trackingNumber');
  }
  const current = order.invoice;
  if (current && current.carrier === carrier && current.trackingNumber === data.trackingNumber) return [];
  return [{ type: 'InvoiceEntered', data: { no: order.no, carrier, trackingNumber: data.trackingNumber, replaces: current } }];
};

const shipOrder = (_: ShipOrder, state: OrderState): OrderEvent[] => {
  const order = notHeld(inStatus(notCancelled(placed(state)), ['invoiced'], '배송처리'), '배송처리');
  const lines = order.lines
    .map((l) => ({ lineId: l.lineId, quantity: activeQuantity(l.ledger) - l.ledger.shipped }))
    .filter((l) => l.quantity > 0);
  return [{ type: 'OrderShipped', data: { no: order.no, lines } }];
};

const markDelivered = (_: MarkDelivered, state: OrderState): OrderEvent[] => {
  const order = inStatus(placed(state), ['shipped'], '배송완료');
  return [{ type: 'OrderDelivered', data: { no: order.no } }];
};

const confirmPurchase = (_: ConfirmPurchase, state: OrderState): OrderEvent[] => {
  const order = inStatus(placed(state), ['shipped', 'delivered'], '구매확정');
  return [{ type: 'PurchaseConfirmed', data: { no: order.no } }];
};

const addCsMemo = ({ data }: AddCsMemo, state: OrderState): OrderEvent[] => {
  const order = placed(state);
  return [{ type: 'CsMemoAdded', data: { no: order.no, text: nonBlank(data.text, 'text') } }];
};

export const decideOrder = (command: OrderCommand, state: OrderState): readonly OrderEvent[] => {
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(command, state);
    case 'ConfirmPayment':
      return confirmPayment(command, state);
    case 'CancelOrder':
      return cancelOrder(command, state);
    case 'PrintShippingInstruction':
      return printShippingInstruction(command, state);
    case 'HoldOrder':
      return holdOrder(command, state);
    case 'ReleaseHold':
      return releaseHold(command, state);
    case 'EnterInvoice':
      return enterInvoice(command, state);
    case 'ShipOrder':
      return shipOrder(command, state);
    case 'MarkDelivered':
      return markDelivered(command, state);
    case 'ConfirmPurchase':
      return confirmPurchase(command, state);
    case 'AddCsMemo':
      return addCsMemo(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unhandled)}`);
    }
  }
};

export const OrderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide: decideOrder,
  evolve: evolveOrder,
  initialState: initialOrderState,
};
