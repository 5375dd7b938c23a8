/** The order stream's commands and decide: one small function per command. */
import type { CommandMetadata, Decider } from '../decider.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { CancelReason, ExchangeType, LineItem, LineProduct, LineQuantity, OrderEvent, OrderLine, OrderState, Party, PaymentMethod, PlacedOrder, Recipient } from './order.js';
import { activeQuantity, cancelledQuantity, csStateOf, evolveOrder, initialOrderState, ORDER_STATUS_LABELS } from './order.js';

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
    readonly copiedFrom?: { readonly no: number; readonly whole: boolean } | undefined;
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
export type ChangeDeliveryInfo = Command<'ChangeDeliveryInfo', { readonly recipient: Recipient }>;
export type RestoreOrder = Command<'RestoreOrder', Record<string, never>>;
export type CancelLine = Command<'CancelLine', { readonly lineId: number; readonly quantity: number; readonly reason: CancelReason }>;
export type RestoreLine = Command<'RestoreLine', { readonly lineId: number; readonly quantity: number }>;
/** The product comes from the catalogue: the caller looks it up, the decider never does I/O. */
export type ChangeLineProduct = Command<'ChangeLineProduct', { readonly lineId: number; readonly product: LineProduct }>;
export type AddLine = Command<'AddLine', { readonly product: LineProduct; readonly quantity: number }>;
export type DeleteOrder = Command<'DeleteOrder', Record<string, never>>;
export type SetMergeForbidden = Command<'SetMergeForbidden', { readonly forbidden: boolean }>;
export type RequestReturnPickup = Command<
  'RequestReturnPickup',
  { readonly lines: readonly LineQuantity[]; readonly reason: CancelReason; readonly registerInbound?: boolean | undefined }
>;
export type ReceiveReturn = Command<'ReceiveReturn', { readonly pickupId: number; readonly lines: readonly LineQuantity[] }>;
export type SetReturnExpected = Command<'SetReturnExpected', { readonly expected: boolean }>;
export type RequestExchange = Command<'RequestExchange', { readonly exchangeType: ExchangeType; readonly lines: readonly LineQuantity[] }>;
/** `entryIds` must be CS 이력 entries of this order; the caller checks that against the stream. */
export type CompleteCsEntries = Command<'CompleteCsEntries', { readonly entryIds: readonly string[] }>;

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
  | AddCsMemo
  | ChangeDeliveryInfo
  | RestoreOrder
  | CancelLine
  | RestoreLine
  | ChangeLineProduct
  | AddLine
  | DeleteOrder
  | SetMergeForbidden
  | RequestReturnPickup
  | ReceiveReturn
  | SetReturnExpected
  | RequestExchange
  | CompleteCsEntries;

export const TRACKING_NUMBER_PATTERN = /^[0-9]{8,20}$/;
/** An ISO-8601 date-time with an explicit offset: without one, Date.parse would read it in the process's time zone. */
const ISO_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A 관리번호-derived channel order number for orders made by hand. */
export const generatedChannelOrderNo = (no: number): string => `OMS${no}`;

// ---------------------------------------------------------------------------------------------
// Guards shared by the commands.

export const placed = (state: OrderState): PlacedOrder => {
  if (state.kind !== 'placed') throw notFound('ORDER_NOT_FOUND', 'The order does not exist.');
  return state;
};

/** A placed order that was not deleted: every CS action but a memo or 완료 needs one. */
export const live = (state: OrderState): PlacedOrder => {
  const order = placed(state);
  if (order.deleted) throw conflict('ORDER_DELETED', `Order ${order.no} was deleted (주문삭제); its history stays readable.`, { no: order.no });
  return order;
};

export const notCancelled = (order: PlacedOrder): PlacedOrder => {
  if (csStateOf(order) === 'cancelled') {
    throw conflict('ORDER_CANCELLED', `Order ${order.no} is cancelled; restore it first.`, { no: order.no });
  }
  return order;
};

export const notHeld = (order: PlacedOrder, action: string): PlacedOrder => {
  if (order.hold) throw conflict('ORDER_HELD', `Order ${order.no} is on hold (보류): ${action} is not allowed until the hold is released.`, { no: order.no });
  return order;
};

export const inStatus = (order: PlacedOrder, allowed: readonly PlacedOrder['status'][], action: string): PlacedOrder => {
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

export const nonBlank = (value: string, field: string): string => {
  if (value.trim() === '') throw invalid('FIELD_REQUIRED', `${field} must not be blank.`, field);
  return value.trim();
};

export const nonNegativeInteger = (value: number, field: string): number => {
  if (!Number.isInteger(value) || value < 0) throw invalid('INVALID_AMOUNT', `${field} must be a whole number ≥ 0.`, field);
  return value;
};

export const positiveQuantity = (value: number, field: string): number => {
  if (!Number.isInteger(value) || value < 1) throw invalid('INVALID_QUANTITY', `${field} must be a whole number ≥ 1.`, field);
  return value;
};

const lineOf = (order: PlacedOrder, lineId: number): OrderLine => {
  const line = order.lines.find((l) => l.lineId === lineId);
  if (!line) throw notFound('LINE_NOT_FOUND', `Order ${order.no} has no line ${lineId}.`, { no: order.no, lineId });
  return line;
};

const itemOf = (line: OrderLine): LineItem => ({ productCode: line.productCode, productName: line.productName, option: line.option });

/** Line quantities as given: each line once, known to the order, quantity ≥ 1, at most `available(line)`. */
const lineQuantities = (
  order: PlacedOrder,
  lines: readonly LineQuantity[],
  available: (line: OrderLine) => number,
  rule: { readonly code: string; readonly what: string },
): LineQuantity[] => {
  if (lines.length === 0) throw invalid('LINES_REQUIRED', 'Name at least one line and its quantity.', 'lines');
  return lines.map((l, i) => {
    const field = `lines[${i}]`;
    if (lines.findIndex((x) => x.lineId === l.lineId) !== i) throw invalid('DUPLICATE_LINE', `Line ${l.lineId} is named twice.`, `${field}.lineId`);
    const line = order.lines.find((x) => x.lineId === l.lineId);
    if (!line) throw invalid('LINE_NOT_FOUND', `Order ${order.no} has no line ${l.lineId}.`, `${field}.lineId`);
    positiveQuantity(l.quantity, `${field}.quantity`);
    const max = available(line);
    if (l.quantity > max) {
      throw invalid(rule.code, `Line ${l.lineId}: ${l.quantity} is more than the ${max} ${rule.what}.`, `${field}.quantity`, { lineId: l.lineId, available: max });
    }
    return { lineId: l.lineId, quantity: l.quantity };
  });
};

const lineProduct = (p: LineProduct, field: string): LineProduct => ({
  productCode: nonBlank(p.productCode, `${field}.productCode`),
  productName: nonBlank(p.productName, `${field}.productName`),
  option: p.option.trim(),
  unitPrice: nonNegativeInteger(p.unitPrice, `${field}.unitPrice`),
});

const sameProduct = (a: LineProduct, b: LineProduct): boolean =>
  a.productCode === b.productCode && a.productName === b.productName && a.option === b.option && a.unitPrice === b.unitPrice;

const BEFORE_INVOICE = ['awaiting_payment', 'received', 'preparing'] as const;
const BEFORE_SHIPMENT = ['awaiting_payment', 'received', 'preparing', 'invoiced'] as const;
const AFTER_SHIPMENT = ['shipped', 'delivered', 'purchase_confirmed'] as const;
const isShipped = (order: PlacedOrder): boolean => (AFTER_SHIPMENT as readonly string[]).includes(order.status);

/** After 송장 a cancellation is a return (회수), not a cancel. */
const returnRequired = (order: PlacedOrder, action: string) =>
  conflict(
    'RETURN_REQUIRED',
    `${action} is not allowed once the order has an invoice (${ORDER_STATUS_LABELS[order.status]}): it must be a return (회수).`,
    { no: order.no, orderStatus: order.status },
  );

// ---------------------------------------------------------------------------------------------
// One function per command.

const placeOrder = ({ data }: PlaceOrder, state: OrderState): OrderEvent[] => {
  if (state.kind !== 'none') throw conflict('ORDER_ALREADY_EXISTS', `Order ${state.no} already exists.`, { no: state.no });
  if (data.lines.length === 0) throw invalid('ORDER_WITHOUT_LINES', 'An order needs at least one line.', 'lines');
  data.lines.forEach((l, i) => {
    positiveQuantity(l.quantity, `lines[${i}].quantity`);
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
        ...(data.copiedFrom ? { copiedFrom: data.copiedFrom } : {}),
      },
    },
  ];
};

const confirmPayment = (_: ConfirmPayment, state: OrderState): OrderEvent[] => {
  const order = inStatus(notCancelled(live(state)), ['awaiting_payment'], '입금확인');
  return [{ type: 'PaymentConfirmed', data: { no: order.no } }];
};

const activeLines = (order: PlacedOrder): LineQuantity[] =>
  order.lines.map((l) => ({ lineId: l.lineId, quantity: activeQuantity(l.ledger) })).filter((l) => l.quantity > 0);

/** 입금전취소 in 입금대기, 전체취소 in 접수 / 배송준비중; from 송장 on it must be a return. */
const cancelOrder = ({ data }: CancelOrder, state: OrderState): OrderEvent[] => {
  const order = notCancelled(live(state));
  if (order.status === 'awaiting_payment') {
    return [{ type: 'OrderCancelledBeforePayment', data: { no: order.no, reason: data.reason, lines: activeLines(order) } }];
  }
  if (order.status !== 'received' && order.status !== 'preparing') throw returnRequired(order, '전체취소');
  return [{ type: 'OrderCancelled', data: { no: order.no, reason: data.reason, lines: activeLines(order) } }];
};

/** 전체정상복귀: only a cancelled order; every cancelled quantity comes back and the order is 접수 again. */
const restoreOrder = (_: RestoreOrder, state: OrderState): OrderEvent[] => {
  const order = live(state);
  if (csStateOf(order) !== 'cancelled') throw conflict('ORDER_NOT_CANCELLED', `Order ${order.no} is not cancelled (전체취소); nothing to restore.`, { no: order.no });
  const lines = order.lines.map((l) => ({ lineId: l.lineId, quantity: cancelledQuantity(l.ledger) })).filter((l) => l.quantity > 0);
  // An order cancelled before payment still waits for it.
  const status = order.status === 'awaiting_payment' ? 'awaiting_payment' : 'received';
  return [{ type: 'OrderRestored', data: { no: order.no, lines, status } }];
};

/** 개별취소: quantity ≤ active. At 송장 a cancel that would leave nothing active is a return. */
const cancelLine = ({ data }: CancelLine, state: OrderState): OrderEvent[] => {
  const order = live(state);
  if (!(BEFORE_SHIPMENT as readonly string[]).includes(order.status)) throw returnRequired(order, '개별취소');
  const line = lineOf(order, data.lineId);
  positiveQuantity(data.quantity, 'quantity');
  const active = activeQuantity(line.ledger);
  if (data.quantity > active) {
    throw invalid('CANCEL_EXCEEDS_ACTIVE', `Line ${line.lineId} has ${active} active; ${data.quantity} cannot be cancelled.`, 'quantity', { lineId: line.lineId, active });
  }
  const remaining = order.lines.reduce((n, l) => n + activeQuantity(l.ledger), 0) - data.quantity;
  if (order.status === 'invoiced' && remaining === 0) throw returnRequired(order, 'Cancelling the last active quantity');
  return [{ type: 'LineCancelled', data: { no: order.no, lineId: line.lineId, item: itemOf(line), quantity: data.quantity, reason: data.reason } }];
};

/** 개별정상복귀: quantity ≤ cancelled, before shipment. */
const restoreLine = ({ data }: RestoreLine, state: OrderState): OrderEvent[] => {
  const order = inStatus(live(state), BEFORE_SHIPMENT, '개별정상복귀');
  const line = lineOf(order, data.lineId);
  positiveQuantity(data.quantity, 'quantity');
  const cancelled = cancelledQuantity(line.ledger);
  if (data.quantity > cancelled) {
    throw invalid('RESTORE_EXCEEDS_CANCELLED', `Line ${line.lineId} has ${cancelled} cancelled; ${data.quantity} cannot be restored.`, 'quantity', { lineId: line.lineId, cancelled });
  }
  return [{ type: 'LineRestored', data: { no: order.no, lineId: line.lineId, item: itemOf(line), quantity: data.quantity } }];
};

const changeDeliveryInfo = ({ data }: ChangeDeliveryInfo, state: OrderState): OrderEvent[] => {
  const order = live(state);
  if (isShipped(order)) {
    throw conflict('ALREADY_SHIPPED', `Order ${order.no} has shipped (${ORDER_STATUS_LABELS[order.status]}): its delivery info can no longer change.`, { no: order.no, orderStatus: order.status });
  }
  const r = data.recipient;
  const recipient: Recipient = {
    name: nonBlank(r.name, 'recipient.name'),
    phone: r.phone,
    mobile: r.mobile,
    zip: r.zip,
    address: nonBlank(r.address, 'recipient.address'),
    memo: r.memo,
  };
  const same = (Object.keys(recipient) as (keyof Recipient)[]).every((k) => (recipient[k] ?? '') === (order.recipient[k] ?? ''));
  if (same) return [];
  return [{ type: 'DeliveryInfoChanged', data: { no: order.no, recipient, previous: order.recipient } }];
};

/** 상품변경: before the invoice; the line keeps its placed product code, the change is on record. */
const changeLineProduct = ({ data }: ChangeLineProduct, state: OrderState): OrderEvent[] => {
  const order = inStatus(notCancelled(live(state)), BEFORE_INVOICE, '상품변경');
  const line = lineOf(order, data.lineId);
  if (activeQuantity(line.ledger) === 0) throw conflict('LINE_CANCELLED', `Line ${line.lineId} is cancelled; restore it before changing its product.`, { no: order.no, lineId: line.lineId });
  const to = lineProduct(data.product, 'product');
  const from: LineProduct = { productCode: line.productCode, productName: line.productName, option: line.option, unitPrice: line.unitPrice };
  if (sameProduct(from, to)) return [];
  return [{ type: 'LineProductChanged', data: { no: order.no, lineId: line.lineId, from, to } }];
};

/** 상품추가: before the invoice. */
const addLine = ({ data }: AddLine, state: OrderState): OrderEvent[] => {
  const order = inStatus(notCancelled(live(state)), BEFORE_INVOICE, '상품추가');
  const product = lineProduct(data.product, 'product');
  const quantity = positiveQuantity(data.quantity, 'quantity');
  const lineId = order.lines.reduce((max, l) => Math.max(max, l.lineId), 0) + 1;
  return [{ type: 'LineAdded', data: { no: order.no, line: { ...product, lineId, quantity } } }];
};

/** 주문삭제: a received order only, outside any package; a tombstone, the history stays. */
const deleteOrder = (_: DeleteOrder, state: OrderState): OrderEvent[] => {
  const order = inStatus(live(state), ['received'], '주문삭제');
  if (order.package) throw conflict('ORDER_MERGED', `Order ${order.no} is merged (합포 ${order.package.id}); 합포제외 it first.`, { no: order.no, packageId: order.package.id });
  return [{ type: 'OrderDeleted', data: { no: order.no } }];
};

const setMergeForbidden = ({ data }: SetMergeForbidden, state: OrderState): OrderEvent[] => {
  const order = live(state);
  if (order.mergeForbidden === data.forbidden) return [];
  if (data.forbidden && order.package) {
    throw conflict('ORDER_MERGED', `Order ${order.no} is merged (합포 ${order.package.id}); 합포제외 it before forbidding merges.`, { no: order.no, packageId: order.package.id });
  }
  return [{ type: data.forbidden ? 'MergeForbidden' : 'MergeAllowed', data: { no: order.no } }];
};

/** 입고예정 quantities per product of these lines. */
const inboundOf = (order: PlacedOrder, lines: readonly LineQuantity[]): { productCode: string; quantity: number }[] => {
  const byProduct = new Map<string, number>();
  for (const l of lines) {
    const code = lineOf(order, l.lineId).productCode;
    byProduct.set(code, (byProduct.get(code) ?? 0) + l.quantity);
  }
  return [...byProduct].map(([productCode, quantity]) => ({ productCode, quantity }));
};

/** 회수: shipped quantities not yet picked up. A second pickup is allowed (the caller is warned); 입고예정 then defaults to off. */
const requestReturnPickup = ({ data }: RequestReturnPickup, state: OrderState): OrderEvent[] => {
  const order = inStatus(live(state), AFTER_SHIPMENT, '회수');
  const lines = lineQuantities(order, data.lines, (l) => l.ledger.shipped - l.ledger.pickedUp, { code: 'PICKUP_EXCEEDS_SHIPPED', what: 'shipped and not yet picked up' });
  const repeated = order.pickups > 0;
  const registerInbound = data.registerInbound ?? !repeated;
  return [
    {
      type: 'ReturnPickupRequested',
      data: {
        no: order.no,
        pickupId: order.pickups + 1,
        lines,
        reason: data.reason,
        registerInbound,
        inbound: registerInbound ? inboundOf(order, lines) : [],
        repeated,
      },
    },
  ];
};

/** 반품입고: quantities of one pickup arrive back; never more than that pickup took and has not returned. */
const receiveReturn = ({ data }: ReceiveReturn, state: OrderState): OrderEvent[] => {
  const order = live(state);
  const pickup = order.awaitingReturn.find((p) => p.pickupId === data.pickupId);
  if (!pickup) throw notFound('PICKUP_NOT_FOUND', `Order ${order.no} has no pickup ${data.pickupId}.`, { no: order.no, pickupId: data.pickupId });
  const awaiting = (line: OrderLine) => pickup.lines.filter((l) => l.lineId === line.lineId).reduce((n, l) => n + l.quantity, 0);
  const lines = lineQuantities(order, data.lines, awaiting, { code: 'RETURN_EXCEEDS_PICKED_UP', what: `picked up by pickup ${pickup.pickupId} and not yet returned` });
  return [{ type: 'ReturnReceived', data: { no: order.no, pickupId: pickup.pickupId, lines, inbound: pickup.registerInbound ? inboundOf(order, lines) : [] } }];
};

/** 반품예정: only an order that has shipped something. */
const setReturnExpected = ({ data }: SetReturnExpected, state: OrderState): OrderEvent[] => {
  const order = live(state);
  if (order.returnExpected === data.expected) return [];
  if (data.expected) inStatus(order, AFTER_SHIPMENT, '반품예정');
  return [{ type: data.expected ? 'ReturnExpectedMarked' : 'ReturnExpectedCleared', data: { no: order.no } }];
};

/** 교환: of shipped units not returned, each at most once, with one of the five types. */
const requestExchange = ({ data }: RequestExchange, state: OrderState): OrderEvent[] => {
  const order = inStatus(live(state), AFTER_SHIPMENT, '교환');
  const exchangeable = (l: OrderLine) => Math.min(l.ledger.shipped - l.ledger.returned, l.ledger.shipped - l.exchanged);
  const lines = lineQuantities(order, data.lines, exchangeable, { code: 'EXCHANGE_EXCEEDS_SHIPPED', what: 'shipped, not returned and not exchanged before' });
  return [{ type: 'ExchangeRequested', data: { no: order.no, exchangeId: order.exchanges + 1, exchangeType: data.exchangeType, lines } }];
};

/** CS 이력 완료: entries already 완료 are left as they are. */
const completeCsEntries = ({ data }: CompleteCsEntries, state: OrderState): OrderEvent[] => {
  const order = placed(state);
  if (data.entryIds.length === 0) throw invalid('ENTRIES_REQUIRED', 'Name at least one CS 이력 entry.', 'entryIds');
  const open = [...new Set(data.entryIds)].filter((id) => !order.completedEntries.includes(id));
  return open.length === 0 ? [] : [{ type: 'CsEntriesCompleted', data: { no: order.no, entryIds: open } }];
};

/** 출고지시서: printing in 접수 moves the order to 배송준비중; a print after that is recorded as a reprint. */
const printShippingInstruction = (_: PrintShippingInstruction, state: OrderState): OrderEvent[] => {
  const order = notCancelled(live(state));
  if (order.status !== 'received' && order.shippingInstructionPrints > 0) {
    return [{ type: 'ShippingInstructionReprinted', data: { no: order.no, printCount: order.shippingInstructionPrints + 1 } }];
  }
  inStatus(order, ['received'], '출고지시서');
  return [{ type: 'ShippingInstructionPrinted', data: { no: order.no } }];
};

const holdOrder = ({ data, metadata }: HoldOrder, state: OrderState): OrderEvent[] => {
  const order = inStatus(notCancelled(live(state)), ['awaiting_payment', 'received', 'preparing', 'invoiced'], '보류설정');
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
  const order = live(state);
  if (!order.hold) throw conflict('ORDER_NOT_HELD', `Order ${order.no} is not on hold.`, { no: order.no });
  return [{ type: 'OrderReleased', data: { no: order.no } }];
};

/** 송장입력 on one order. A package's members are invoiced together (packageDecider.ts), each through this rule. */
const enterInvoice = ({ data }: EnterInvoice, state: OrderState): OrderEvent[] => {
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
};

const shipOrder = (_: ShipOrder, state: OrderState): OrderEvent[] => {
  const order = notHeld(inStatus(notCancelled(live(state)), ['invoiced'], '배송처리'), '배송처리');
  const lines = order.lines
    .map((l) => ({ lineId: l.lineId, quantity: activeQuantity(l.ledger) - l.ledger.shipped }))
    .filter((l) => l.quantity > 0);
  return [{ type: 'OrderShipped', data: { no: order.no, lines } }];
};

const markDelivered = (_: MarkDelivered, state: OrderState): OrderEvent[] => {
  const order = inStatus(live(state), ['shipped'], '배송완료');
  return [{ type: 'OrderDelivered', data: { no: order.no } }];
};

const confirmPurchase = (_: ConfirmPurchase, state: OrderState): OrderEvent[] => {
  const order = inStatus(live(state), ['shipped', 'delivered'], '구매확정');
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
    case 'ChangeDeliveryInfo':
      return changeDeliveryInfo(command, state);
    case 'RestoreOrder':
      return restoreOrder(command, state);
    case 'CancelLine':
      return cancelLine(command, state);
    case 'RestoreLine':
      return restoreLine(command, state);
    case 'ChangeLineProduct':
      return changeLineProduct(command, state);
    case 'AddLine':
      return addLine(command, state);
    case 'DeleteOrder':
      return deleteOrder(command, state);
    case 'SetMergeForbidden':
      return setMergeForbidden(command, state);
    case 'RequestReturnPickup':
      return requestReturnPickup(command, state);
    case 'ReceiveReturn':
      return receiveReturn(command, state);
    case 'SetReturnExpected':
      return setReturnExpected(command, state);
    case 'RequestExchange':
      return requestExchange(command, state);
    case 'CompleteCsEntries':
      return completeCsEntries(command, state);
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
