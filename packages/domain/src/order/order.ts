/**
 * The order stream (`order-<관리번호>`): its events, its state and evolve.
 * Quantities live on the lines as a ledger; every derived number (active, CS state) is computed.
 */

export const ORDER_STATUSES = ['awaiting_payment', 'received', 'preparing', 'invoiced', 'shipped', 'delivered', 'purchase_confirmed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  awaiting_payment: '입금대기',
  received: '접수',
  preparing: '배송준비중',
  invoiced: '송장',
  shipped: '배송',
  delivered: '배송완료',
  purchase_confirmed: '구매확정',
};

export const CS_STATES = ['normal', 'partially_cancelled', 'cancelled'] as const;
export type CsState = (typeof CS_STATES)[number];
export const CS_STATE_LABELS: Readonly<Record<CsState, string>> = {
  normal: '정상',
  partially_cancelled: '부분취소',
  cancelled: '전체취소',
};

export const PAYMENT_METHODS = ['card', 'realtime_transfer', 'virtual_account', 'escrow', 'bank_deposit', 'deferred'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  card: '신용카드',
  realtime_transfer: '실시간계좌이체',
  virtual_account: '가상계좌',
  escrow: '에스크로',
  bank_deposit: '무통장입금',
  deferred: '후불',
};

/** The six cancel / return reasons (취소/반품 사유). */
export const CANCEL_REASONS = ['return_refund', 'return_defect', 'return_wrong_delivery', 'cancel_lost', 'cancel_quality', 'cancel_delay'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
export const CANCEL_REASON_LABELS: Readonly<Record<CancelReason, string>> = {
  return_refund: '반품-취소(환불)',
  return_defect: '반품-불량',
  return_wrong_delivery: '반품-오배송',
  cancel_lost: '취소-분실',
  cancel_quality: '취소-상품품질',
  cancel_delay: '취소-배송지연',
};

export interface Party {
  readonly name: string;
  readonly phone?: string | undefined;
  readonly mobile?: string | undefined;
}
export interface Recipient extends Party {
  readonly zip?: string | undefined;
  readonly address: string;
  readonly memo?: string | undefined;
}

export interface PlacedLine {
  readonly lineId: number;
  readonly productCode: string;
  readonly productName: string;
  readonly option: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

export interface LineQuantity {
  readonly lineId: number;
  readonly quantity: number;
}

// ---------------------------------------------------------------------------------------------
// Events: one union for the order stream, past tense.

export type OrderPlaced = {
  readonly type: 'OrderPlaced';
  readonly data: {
    readonly no: number;
    readonly channel: string;
    readonly channelOrderNo: string;
    /** true when the channel order number was generated because the order was made by hand. */
    readonly channelOrderNoGenerated: boolean;
    readonly paymentMethod: PaymentMethod;
    readonly paid: boolean;
    readonly buyer: Party;
    readonly recipient: Recipient;
    readonly shippingFee: number;
    readonly lines: readonly PlacedLine[];
  };
};
export type PaymentConfirmed = { readonly type: 'PaymentConfirmed'; readonly data: { readonly no: number } };
export type OrderCancelledBeforePayment = {
  readonly type: 'OrderCancelledBeforePayment';
  readonly data: { readonly no: number; readonly reason: CancelReason; readonly lines: readonly LineQuantity[] };
};
export type ShippingInstructionPrinted = { readonly type: 'ShippingInstructionPrinted'; readonly data: { readonly no: number } };
export type ShippingInstructionReprinted = {
  readonly type: 'ShippingInstructionReprinted';
  readonly data: { readonly no: number; readonly printCount: number };
};
export type OrderHeld = { readonly type: 'OrderHeld'; readonly data: { readonly no: number; readonly alarmAt: string | null } };
export type OrderReleased = { readonly type: 'OrderReleased'; readonly data: { readonly no: number } };
export type InvoiceEntered = {
  readonly type: 'InvoiceEntered';
  readonly data: {
    readonly no: number;
    readonly carrier: string;
    readonly trackingNumber: string;
    /** Set when a mistyped invoice is corrected: the number it replaces. */
    readonly replaces: { readonly carrier: string; readonly trackingNumber: string } | null;
  };
};
export type OrderShipped = { readonly type: 'OrderShipped'; readonly data: { readonly no: number; readonly lines: readonly LineQuantity[] } };
export type OrderDelivered = { readonly type: 'OrderDelivered'; readonly data: { readonly no: number } };
export type PurchaseConfirmed = { readonly type: 'PurchaseConfirmed'; readonly data: { readonly no: number } };
export type CsMemoAdded = { readonly type: 'CsMemoAdded'; readonly data: { readonly no: number; readonly text: string } };

export type OrderEvent =
  | OrderPlaced
  | PaymentConfirmed
  | OrderCancelledBeforePayment
  | ShippingInstructionPrinted
  | ShippingInstructionReprinted
  | OrderHeld
  | OrderReleased
  | InvoiceEntered
  | OrderShipped
  | OrderDelivered
  | PurchaseConfirmed
  | CsMemoAdded;

export type OrderEventType = OrderEvent['type'];

export const ORDER_EVENT_TYPES = [
  'OrderPlaced',
  'PaymentConfirmed',
  'OrderCancelledBeforePayment',
  'ShippingInstructionPrinted',
  'ShippingInstructionReprinted',
  'OrderHeld',
  'OrderReleased',
  'InvoiceEntered',
  'OrderShipped',
  'OrderDelivered',
  'PurchaseConfirmed',
  'CsMemoAdded',
] as const satisfies readonly OrderEventType[];

/** CS work types (작업구분) with the labels the CS window shows. */
export const WORK_TYPE_LABELS: Readonly<Record<OrderEventType, string>> = {
  OrderPlaced: '주문생성',
  PaymentConfirmed: '입금확인',
  OrderCancelledBeforePayment: '입금전취소',
  ShippingInstructionPrinted: '출고지시서',
  ShippingInstructionReprinted: '출고지시서 재출력',
  OrderHeld: '보류설정',
  OrderReleased: '보류해제',
  InvoiceEntered: '송장입력',
  OrderShipped: '배송처리',
  OrderDelivered: '배송완료',
  PurchaseConfirmed: '구매확정',
  CsMemoAdded: 'CS메모',
};

export const orderStreamId = (no: number): string => `order-${no}`;

// ---------------------------------------------------------------------------------------------
// State.

/** The quantity ledger of one line: cumulative counts, never patched. */
export interface LineLedger {
  readonly ordered: number;
  readonly cancelled: number;
  readonly restored: number;
  readonly shipped: number;
  readonly pickedUp: number;
  readonly returned: number;
}

export interface OrderLine extends PlacedLine {
  readonly ledger: LineLedger;
}

export interface Invoice {
  readonly carrier: string;
  readonly trackingNumber: string;
}

export type OrderState =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'placed';
      readonly no: number;
      readonly channel: string;
      readonly channelOrderNo: string;
      readonly paymentMethod: PaymentMethod;
      readonly status: OrderStatus;
      readonly buyer: Party;
      readonly recipient: Recipient;
      readonly shippingFee: number;
      readonly lines: readonly OrderLine[];
      readonly hold: { readonly alarmAt: string | null } | null;
      readonly invoice: Invoice | null;
      readonly shippingInstructionPrints: number;
    };

export type PlacedOrder = Extract<OrderState, { kind: 'placed' }>;

export const initialOrderState = (): OrderState => ({ kind: 'none' });

// Derived numbers: computed from the ledger, never stored.
export const activeQuantity = (l: LineLedger): number => l.ordered - l.cancelled + l.restored;
export const cancelledQuantity = (l: LineLedger): number => l.cancelled - l.restored;

export const csStateOf = (lines: readonly { readonly ledger: LineLedger }[]): CsState => {
  const active = lines.reduce((n, l) => n + activeQuantity(l.ledger), 0);
  if (lines.length > 0 && active === 0) return 'cancelled';
  return lines.some((l) => cancelledQuantity(l.ledger) > 0) ? 'partially_cancelled' : 'normal';
};

const emptyLedger = (ordered: number): LineLedger => ({ ordered, cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0 });

const addToLedger = (
  lines: readonly OrderLine[],
  quantities: readonly LineQuantity[],
  field: keyof Omit<LineLedger, 'ordered'>,
): readonly OrderLine[] =>
  lines.map((line) => {
    const q = quantities.filter((x) => x.lineId === line.lineId).reduce((n, x) => n + x.quantity, 0);
    return q === 0 ? line : { ...line, ledger: { ...line.ledger, [field]: line.ledger[field] + q } };
  });

export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced') {
    const d = event.data;
    return {
      kind: 'placed',
      no: d.no,
      channel: d.channel,
      channelOrderNo: d.channelOrderNo,
      paymentMethod: d.paymentMethod,
      status: d.paid ? 'received' : 'awaiting_payment',
      buyer: d.buyer,
      recipient: d.recipient,
      shippingFee: d.shippingFee,
      lines: d.lines.map((l) => ({ ...l, ledger: emptyLedger(l.quantity) })),
      hold: null,
      invoice: null,
      shippingInstructionPrints: 0,
    };
  }
  if (state.kind === 'none') return state;
  switch (event.type) {
    case 'PaymentConfirmed':
      return { ...state, status: 'received' };
    case 'OrderCancelledBeforePayment':
      return { ...state, lines: addToLedger(state.lines, event.data.lines, 'cancelled') };
    case 'ShippingInstructionPrinted':
      return { ...state, status: 'preparing', shippingInstructionPrints: 1 };
    case 'ShippingInstructionReprinted':
      return { ...state, shippingInstructionPrints: event.data.printCount };
    case 'OrderHeld':
      return { ...state, hold: { alarmAt: event.data.alarmAt } };
    case 'OrderReleased':
      return { ...state, hold: null };
    case 'InvoiceEntered':
      return { ...state, status: 'invoiced', invoice: { carrier: event.data.carrier, trackingNumber: event.data.trackingNumber } };
    case 'OrderShipped':
      return { ...state, status: 'shipped', lines: addToLedger(state.lines, event.data.lines, 'shipped') };
    case 'OrderDelivered':
      return { ...state, status: 'delivered' };
    case 'PurchaseConfirmed':
      return { ...state, status: 'purchase_confirmed' };
    case 'CsMemoAdded':
      return state;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
