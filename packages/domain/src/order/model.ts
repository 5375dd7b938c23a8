/**
 * The order stream's vocabulary and state: statuses, parties, lines with their quantity ledger, and
 * the numbers derived from it (active quantity, CS state). Every CS action (actions/*.ts) folds its
 * events into this state; nothing here knows any single action.
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

export const CS_STATES = ['normal', 'partially_cancelled', 'cancelled', 'exchange', 'return'] as const;
export type CsState = (typeof CS_STATES)[number];
export const CS_STATE_LABELS: Readonly<Record<CsState, string>> = {
  normal: '정상',
  partially_cancelled: '부분취소',
  cancelled: '전체취소',
  exchange: '교환',
  return: '반품',
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

/** The five exchange types (교환 구분). */
export const EXCHANGE_TYPES = ['simple', 'defect', 'wrong_delivery', 'quality', 'product'] as const;
export type ExchangeType = (typeof EXCHANGE_TYPES)[number];
export const EXCHANGE_TYPE_LABELS: Readonly<Record<ExchangeType, string>> = {
  simple: '단순교환',
  defect: '불량교환',
  wrong_delivery: '오배송교환',
  quality: '품질교환',
  product: '상품교환',
};

/** How a return's shipping fee is paid (반품 배송비): charged on the site, enclosed in the box, bank transfer. */
export const FEE_ROUTES = ['site', 'enclosed', 'transfer'] as const;
export type FeeRoute = (typeof FEE_ROUTES)[number];
export const FEE_ROUTE_LABELS: Readonly<Record<FeeRoute, string>> = { site: '사이트결제', enclosed: '동봉', transfer: '계좌' };

/** 우선순위: where an order moves among the orders holding the same product. */
export const PRIORITY_POSITIONS = ['top', 'bottom', 'after'] as const;
export type PriorityPosition = (typeof PRIORITY_POSITIONS)[number];

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

/** What a line sells: the product as the catalogue (or the channel) named it when it was put on the line. */
export interface LineProduct {
  readonly productCode: string;
  readonly productName: string;
  readonly option: string;
  readonly unitPrice: number;
}

/** Which product a line event is about, as the line held it then (so the event reads on its own). */
export type LineItem = Pick<LineProduct, 'productCode' | 'productName' | 'option'>;

export interface PlacedLine extends LineProduct {
  readonly lineId: number;
  readonly quantity: number;
  /** The channel's own number for the line (상품주문번호), when the connector sent it: channel cancellations match on it. */
  readonly channelLineNo?: string | undefined;
}

export interface LineQuantity {
  readonly lineId: number;
  readonly quantity: number;
}

export const orderStreamId = (no: number): string => `order-${no}`;

/** Where an order stands in the flow, as the rules group the statuses. */
export const BEFORE_INVOICE = ['awaiting_payment', 'received', 'preparing'] as const satisfies readonly OrderStatus[];
export const BEFORE_SHIPMENT = ['awaiting_payment', 'received', 'preparing', 'invoiced'] as const satisfies readonly OrderStatus[];
export const AFTER_SHIPMENT = ['shipped', 'delivered', 'purchase_confirmed'] as const satisfies readonly OrderStatus[];
export const isShipped = (order: { readonly status: OrderStatus }): boolean => (AFTER_SHIPMENT as readonly OrderStatus[]).includes(order.status);

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
  /** The product code the line was placed with; 상품변경 moves productCode, never this. */
  readonly placedProductCode: string;
  /** Shipped units taken for 교환: each shipped unit is exchanged at most once. */
  readonly exchanged: number;
}

/** A channel's cancellation (판매처취소) as the order keeps it: the line it is about and whether it still stands. */
export interface ChannelClaim {
  readonly cancellationId: string;
  readonly lineId: number;
  readonly quantity: number;
  /** Received before shipping: only these take quantity here, so only these count against what was cancelled here. */
  readonly beforeShipping: boolean;
  /** When the channel cancelled (its date, as it sent it). */
  readonly cancelledAt: string;
  /** When the channel withdrew it (취소철회); null while it stands. */
  readonly withdrawnAt: string | null;
}

/** One route's return fee: what is expected and what has arrived (원). */
export interface ReturnFee {
  readonly expected: number;
  readonly arrived: number;
}
export type ReturnFees = Readonly<Record<FeeRoute, ReturnFee>>;
export const NO_RETURN_FEES: ReturnFees = { site: { expected: 0, arrived: 0 }, enclosed: { expected: 0, arrived: 0 }, transfer: { expected: 0, arrived: 0 } };

/** 미수: what is still unpaid over every route (negative only when overpaid, which needs a reason). */
export const outstandingOf = (fees: ReturnFees): number => FEE_ROUTES.reduce((n, r) => n + fees[r].expected - fees[r].arrived, 0);

/** A channel cancellation (a row of 취소결과조회) a pickup answers. */
export interface ChannelClaimRef {
  readonly channel: string;
  readonly cancellationId: string;
}

/** A 회수 (or an exchange's pickup) as the order follows it: requested → arrived → completed. */
export interface ReturnPickup {
  readonly pickupId: number;
  /** What was picked up. */
  readonly lines: readonly LineQuantity[];
  /** What has arrived back, and of it what arrived damaged (not resellable). */
  readonly received: readonly LineQuantity[];
  readonly damaged: readonly LineQuantity[];
  readonly registerInbound: boolean;
  /** The exchange it takes goods back for (null: a plain 회수). */
  readonly exchangeId: number | null;
  readonly claim: ChannelClaimRef | null;
  readonly fees: ReturnFees;
  /** Why 미수 is negative (overpaid), when it is. */
  readonly feeReason: string | null;
  readonly completed: boolean;
}

/** What a pickup still awaits on a line: picked up, not arrived, and not closed by 완료처리. */
export const awaitingOf = (pickup: ReturnPickup, lineId: number): number =>
  pickup.completed ? 0 : quantityOf(pickup.lines, lineId) - quantityOf(pickup.received, lineId);

/** An exchange as the original order keeps it; the replacement is an order of its own. */
export interface Exchange {
  readonly exchangeId: number;
  readonly exchangeType: ExchangeType;
  readonly lines: readonly LineQuantity[];
  /** Absent on exchanges recorded before exchanges took goods back and shipped replacements. */
  readonly pickupId: number | null;
  readonly replacementNo: number | null;
}

/** On a replacement order: the exchange it ships. */
export interface ReplacementOf {
  readonly no: number;
  readonly exchangeId: number;
  readonly exchangeType: ExchangeType;
}

export interface Package {
  /** 합포번호: the 관리번호 of the order the package was formed on. */
  readonly id: number;
  readonly members: readonly number[];
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
      readonly deleted: boolean;
      readonly package: Package | null;
      readonly mergeForbidden: boolean;
      /** 우선순위 per product code: higher ships first; absent = 0. */
      readonly priorities: Readonly<Record<string, number>>;
      readonly returnExpected: boolean;
      readonly pickups: number;
      /** Every 회수, an exchange's included, in order (반품입고 is checked against its own pickup). */
      readonly returnPickups: readonly ReturnPickup[];
      readonly exchanges: number;
      readonly exchangeList: readonly Exchange[];
      /** A replacement order (교환 출고): the exchange it ships; null for any other order. */
      readonly replacementOf: ReplacementOf | null;
      readonly copiedFrom: { readonly no: number; readonly whole: boolean } | null;
      readonly copies: readonly number[];
      /** CS 이력 entries (event ids) marked 완료. */
      readonly completedEntries: readonly string[];
      /** 판매처취소: every channel cancellation received for the order, in order of arrival. */
      readonly channelClaims: readonly ChannelClaim[];
      /** 취소철회조회 확인: per line, the to-restore figure a worker acknowledged (a different figure shows again). */
      readonly restoreConfirmed: readonly LineQuantity[];
    };

export type PlacedOrder = Extract<OrderState, { kind: 'placed' }>;

export const initialOrderState = (): OrderState => ({ kind: 'none' });

// Derived numbers: computed from the ledger, never stored.
export const activeQuantity = (l: LineLedger): number => l.ordered - l.cancelled + l.restored;
export const cancelledQuantity = (l: LineLedger): number => l.cancelled - l.restored;

/**
 * CS 상태, derived: 전체취소 when nothing is active, 교환 once an exchange was taken, 반품 once
 * anything was picked up, 부분취소 while some quantity stays cancelled, else 정상.
 */
export const csStateOf = (order: { readonly lines: readonly { readonly ledger: LineLedger }[]; readonly exchanges?: number }): CsState => {
  const { lines } = order;
  const active = lines.reduce((n, l) => n + activeQuantity(l.ledger), 0);
  if (lines.length > 0 && active === 0) return 'cancelled';
  if ((order.exchanges ?? 0) > 0) return 'exchange';
  if (lines.some((l) => l.ledger.pickedUp > 0)) return 'return';
  return lines.some((l) => cancelledQuantity(l.ledger) > 0) ? 'partially_cancelled' : 'normal';
};

/** Lines that still hold `productCode` for shipping: active quantity not yet shipped. */
export const holdsProduct = (order: PlacedOrder, productCode: string): boolean =>
  !order.deleted && order.lines.some((l) => l.productCode === productCode && activeQuantity(l.ledger) - l.ledger.shipped > 0);

const emptyLedger = (ordered: number): LineLedger => ({ ordered, cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0 });

/** A line as placed (주문생성, 상품추가): its whole quantity ordered, nothing else moved yet. */
export const newLine = (l: PlacedLine): OrderLine => ({ ...l, ledger: emptyLedger(l.quantity), placedProductCode: l.productCode, exchanged: 0 });

/** Adds event quantities to one column of the lines' ledgers (a line named twice adds up). */
export const addToLedger = (
  lines: readonly OrderLine[],
  quantities: readonly LineQuantity[],
  field: keyof Omit<LineLedger, 'ordered'>,
): readonly OrderLine[] =>
  lines.map((line) => {
    const q = quantities.filter((x) => x.lineId === line.lineId).reduce((n, x) => n + x.quantity, 0);
    return q === 0 ? line : { ...line, ledger: { ...line.ledger, [field]: line.ledger[field] + q } };
  });

/** The sum of the quantities a list names for one line. */
export const quantityOf = (lines: readonly LineQuantity[], lineId: number): number =>
  lines.filter((l) => l.lineId === lineId).reduce((n, l) => n + l.quantity, 0);

/** What the channel has cancelled on a line and still stands (withdrawals netted), counting only claims received before shipping. */
export const channelCancelledBeforeShipping = (order: PlacedOrder, lineId: number): number =>
  order.channelClaims.filter((c) => c.lineId === lineId && c.beforeShipping && c.withdrawnAt === null).reduce((n, c) => n + c.quantity, 0);

/**
 * 취소철회조회: what must be put back on a line — cancelled here beyond what the channel cancelled
 * (before shipping, net of withdrawals) — on an order that has at least one channel cancellation.
 * Derived from the history every time: a restore clears it by itself.
 */
export const toRestoreOf = (order: PlacedOrder, line: OrderLine): number =>
  order.channelClaims.length === 0 ? 0 : Math.max(0, cancelledQuantity(line.ledger) - channelCancelledBeforeShipping(order, line.lineId));
