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
    /** 주문복사: the order this one was copied from (absent on orders placed before copies existed). */
    readonly copiedFrom?: { readonly no: number; readonly whole: boolean } | undefined;
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
    /** 합포: the package the number was entered for; every member carries the same number. */
    readonly packageId?: number | undefined;
  };
};
export type OrderShipped = { readonly type: 'OrderShipped'; readonly data: { readonly no: number; readonly lines: readonly LineQuantity[] } };
export type OrderDelivered = { readonly type: 'OrderDelivered'; readonly data: { readonly no: number } };
export type PurchaseConfirmed = { readonly type: 'PurchaseConfirmed'; readonly data: { readonly no: number } };
export type CsMemoAdded = { readonly type: 'CsMemoAdded'; readonly data: { readonly no: number; readonly text: string } };
export type DeliveryInfoChanged = {
  readonly type: 'DeliveryInfoChanged';
  readonly data: { readonly no: number; readonly recipient: Recipient; readonly previous: Recipient };
};
/** 전체취소 of a paid order: every active quantity, with one reason. */
export type OrderCancelled = {
  readonly type: 'OrderCancelled';
  readonly data: { readonly no: number; readonly reason: CancelReason; readonly lines: readonly LineQuantity[] };
};
/** 전체정상복귀: every cancelled quantity comes back; the order returns to `status`. */
export type OrderRestored = {
  readonly type: 'OrderRestored';
  readonly data: { readonly no: number; readonly lines: readonly LineQuantity[]; readonly status: OrderStatus };
};
export type LineCancelled = {
  readonly type: 'LineCancelled';
  readonly data: { readonly no: number; readonly lineId: number; readonly item: LineItem; readonly quantity: number; readonly reason: CancelReason };
};
export type LineRestored = {
  readonly type: 'LineRestored';
  readonly data: { readonly no: number; readonly lineId: number; readonly item: LineItem; readonly quantity: number };
};
export type LineProductChanged = {
  readonly type: 'LineProductChanged';
  readonly data: { readonly no: number; readonly lineId: number; readonly from: LineProduct; readonly to: LineProduct };
};
export type LineAdded = { readonly type: 'LineAdded'; readonly data: { readonly no: number; readonly line: PlacedLine } };
/** On the source of a 주문복사 / 주문전체복사: names the new order. */
export type OrderCopied = {
  readonly type: 'OrderCopied';
  readonly data: { readonly no: number; readonly copyNo: number; readonly whole: boolean; readonly channel: string };
};
export type OrderDeleted = { readonly type: 'OrderDeleted'; readonly data: { readonly no: number } };
/** 합포추가, appended to every member of the package (the joining order included). */
export type OrderMerged = {
  readonly type: 'OrderMerged';
  readonly data: { readonly no: number; readonly packageId: number; readonly joined: number; readonly members: readonly number[] };
};
/** 합포제외, appended to the leaving order and every remaining member; a package of one is no package. */
export type OrderUnmerged = {
  readonly type: 'OrderUnmerged';
  readonly data: { readonly no: number; readonly packageId: number; readonly left: number; readonly members: readonly number[] };
};
/** 합포삭제, appended to every former member. */
export type PackageDissolved = {
  readonly type: 'PackageDissolved';
  readonly data: { readonly no: number; readonly packageId: number; readonly members: readonly number[] };
};
export type MergeForbidden = { readonly type: 'MergeForbidden'; readonly data: { readonly no: number } };
export type MergeAllowed = { readonly type: 'MergeAllowed'; readonly data: { readonly no: number } };
/** 우선순위 set by a worker: higher ships first among the orders holding `productCode`. */
export type PrioritySet = {
  readonly type: 'PrioritySet';
  readonly data: {
    readonly no: number;
    readonly productCode: string;
    readonly position: PriorityPosition;
    readonly after: number | null;
    readonly priority: number;
  };
};
/** Another order's move needed room: this order keeps its place, under a new number. Not a CS action. */
export type PriorityRenumbered = {
  readonly type: 'PriorityRenumbered';
  readonly data: { readonly no: number; readonly productCode: string; readonly priority: number };
};
/** 회수: pickup of shipped quantities. `repeated` when the order already had a pickup (the worker was warned). */
export type ReturnPickupRequested = {
  readonly type: 'ReturnPickupRequested';
  readonly data: {
    readonly no: number;
    readonly pickupId: number;
    readonly lines: readonly LineQuantity[];
    readonly reason: CancelReason;
    /** 입고예정: the picked-up quantities are expected back in stock. */
    readonly registerInbound: boolean;
    /** What is expected in, per product (empty unless registerInbound). */
    readonly inbound: readonly { readonly productCode: string; readonly quantity: number }[];
    readonly repeated: boolean;
  };
};
/** 반품입고: picked-up quantities arrived back. */
export type ReturnReceived = {
  readonly type: 'ReturnReceived';
  readonly data: {
    readonly no: number;
    readonly pickupId: number;
    readonly lines: readonly LineQuantity[];
    /** What was expected in (입고예정) and has now arrived, per product (empty unless the pickup registered it). */
    readonly inbound: readonly { readonly productCode: string; readonly quantity: number }[];
  };
};
export type ReturnExpectedMarked = { readonly type: 'ReturnExpectedMarked'; readonly data: { readonly no: number } };
export type ReturnExpectedCleared = { readonly type: 'ReturnExpectedCleared'; readonly data: { readonly no: number } };
export type ExchangeRequested = {
  readonly type: 'ExchangeRequested';
  readonly data: { readonly no: number; readonly exchangeId: number; readonly exchangeType: ExchangeType; readonly lines: readonly LineQuantity[] };
};
/** CS 이력 entries (event ids of this stream) marked 완료. Not itself an entry. */
export type CsEntriesCompleted = { readonly type: 'CsEntriesCompleted'; readonly data: { readonly no: number; readonly entryIds: readonly string[] } };

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
  | CsMemoAdded
  | DeliveryInfoChanged
  | OrderCancelled
  | OrderRestored
  | LineCancelled
  | LineRestored
  | LineProductChanged
  | LineAdded
  | OrderCopied
  | OrderDeleted
  | OrderMerged
  | OrderUnmerged
  | PackageDissolved
  | MergeForbidden
  | MergeAllowed
  | PrioritySet
  | PriorityRenumbered
  | ReturnPickupRequested
  | ReturnReceived
  | ReturnExpectedMarked
  | ReturnExpectedCleared
  | ExchangeRequested
  | CsEntriesCompleted;

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
  'DeliveryInfoChanged',
  'OrderCancelled',
  'OrderRestored',
  'LineCancelled',
  'LineRestored',
  'LineProductChanged',
  'LineAdded',
  'OrderCopied',
  'OrderDeleted',
  'OrderMerged',
  'OrderUnmerged',
  'PackageDissolved',
  'MergeForbidden',
  'MergeAllowed',
  'PrioritySet',
  'PriorityRenumbered',
  'ReturnPickupRequested',
  'ReturnReceived',
  'ReturnExpectedMarked',
  'ReturnExpectedCleared',
  'ExchangeRequested',
  'CsEntriesCompleted',
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
  DeliveryInfoChanged: '배송정보변경',
  OrderCancelled: '전체취소',
  OrderRestored: '전체정상복귀',
  LineCancelled: '개별취소',
  LineRestored: '개별정상복귀',
  LineProductChanged: '상품변경',
  LineAdded: '상품추가',
  OrderCopied: '주문복사',
  OrderDeleted: '주문삭제',
  OrderMerged: '합포추가',
  OrderUnmerged: '합포제외',
  PackageDissolved: '합포삭제',
  MergeForbidden: '합포금지',
  MergeAllowed: '합포금지해제',
  PrioritySet: '우선순위',
  PriorityRenumbered: '우선순위 재정렬',
  ReturnPickupRequested: '회수',
  ReturnReceived: '반품입고',
  ReturnExpectedMarked: '반품예정',
  ReturnExpectedCleared: '반품예정해제',
  ExchangeRequested: '교환',
  CsEntriesCompleted: 'CS완료',
};

/** 주문전체복사: a work type of its own in the CS window, carried by the same events as 주문복사. */
export const WHOLE_COPY_LABEL = '주문전체복사';

/** The work type as the CS window shows it: a copy's 주문생성 is 주문복사 / 주문전체복사, like the copying. */
export const workTypeLabelOf = (e: OrderEvent): string => {
  if (e.type === 'OrderPlaced' && e.data.copiedFrom) return e.data.copiedFrom.whole ? WHOLE_COPY_LABEL : WORK_TYPE_LABELS.OrderCopied;
  if (e.type === 'OrderCopied' && e.data.whole) return WHOLE_COPY_LABEL;
  return WORK_TYPE_LABELS[e.type];
};

/** Events that are bookkeeping, not a worker's CS action: they open no CS 이력 entry. */
export const NON_CS_EVENT_TYPES: readonly OrderEventType[] = ['PriorityRenumbered', 'CsEntriesCompleted'];

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
  /** The product code the line was placed with; 상품변경 moves productCode, never this. */
  readonly placedProductCode: string;
  /** Shipped units taken for 교환: each shipped unit is exchanged at most once. */
  readonly exchanged: number;
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
      /** Per 회수, what was picked up and has not arrived back yet (반품입고 is checked against its own pickup). */
      readonly awaitingReturn: readonly { readonly pickupId: number; readonly lines: readonly LineQuantity[]; readonly registerInbound: boolean }[];
      readonly exchanges: number;
      readonly copiedFrom: { readonly no: number; readonly whole: boolean } | null;
      readonly copies: readonly number[];
      /** CS 이력 entries (event ids) marked 완료. */
      readonly completedEntries: readonly string[];
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

const lineOf = (l: PlacedLine): OrderLine => ({ ...l, ledger: emptyLedger(l.quantity), placedProductCode: l.productCode, exchanged: 0 });

const packageAfter = (no: number, packageId: number, members: readonly number[]): Package | null =>
  members.length > 1 && members.includes(no) ? { id: packageId, members } : null;

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
      lines: d.lines.map(lineOf),
      hold: null,
      invoice: null,
      shippingInstructionPrints: 0,
      deleted: false,
      package: null,
      mergeForbidden: false,
      priorities: {},
      returnExpected: false,
      pickups: 0,
      awaitingReturn: [],
      exchanges: 0,
      copiedFrom: d.copiedFrom ?? null,
      copies: [],
      completedEntries: [],
    };
  }
  if (state.kind === 'none') return state;
  switch (event.type) {
    case 'PaymentConfirmed':
      return { ...state, status: 'received' };
    case 'OrderCancelledBeforePayment':
      return { ...state, lines: addToLedger(state.lines, event.data.lines, 'cancelled') };
    case 'ShippingInstructionPrinted':
      return { ...state, status: 'preparing', shippingInstructionPrints: state.shippingInstructionPrints + 1 };
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
    case 'DeliveryInfoChanged':
      return { ...state, recipient: event.data.recipient };
    case 'OrderCancelled':
      return { ...state, lines: addToLedger(state.lines, event.data.lines, 'cancelled') };
    case 'OrderRestored':
      return { ...state, status: event.data.status, lines: addToLedger(state.lines, event.data.lines, 'restored') };
    case 'LineCancelled':
      return { ...state, lines: addToLedger(state.lines, [event.data], 'cancelled') };
    case 'LineRestored':
      return { ...state, lines: addToLedger(state.lines, [event.data], 'restored') };
    case 'LineProductChanged': {
      const { lineId, to } = event.data;
      return { ...state, lines: state.lines.map((l) => (l.lineId === lineId ? { ...l, ...to } : l)) };
    }
    case 'LineAdded':
      return { ...state, lines: [...state.lines, lineOf(event.data.line)] };
    case 'OrderCopied':
      return { ...state, copies: [...state.copies, event.data.copyNo] };
    case 'OrderDeleted':
      return { ...state, deleted: true };
    case 'OrderMerged':
      return { ...state, package: packageAfter(state.no, event.data.packageId, event.data.members) };
    case 'OrderUnmerged':
      return { ...state, package: packageAfter(state.no, event.data.packageId, event.data.members) };
    case 'PackageDissolved':
      return { ...state, package: null };
    case 'MergeForbidden':
      return { ...state, mergeForbidden: true };
    case 'MergeAllowed':
      return { ...state, mergeForbidden: false };
    case 'PrioritySet':
    case 'PriorityRenumbered':
      return { ...state, priorities: { ...state.priorities, [event.data.productCode]: event.data.priority } };
    case 'ReturnPickupRequested':
      return {
        ...state,
        pickups: state.pickups + 1,
        awaitingReturn: [...state.awaitingReturn, { pickupId: event.data.pickupId, lines: event.data.lines, registerInbound: event.data.registerInbound }],
        lines: addToLedger(state.lines, event.data.lines, 'pickedUp'),
      };
    case 'ReturnReceived': {
      const { pickupId, lines } = event.data;
      const arrived = (lineId: number) => lines.filter((l) => l.lineId === lineId).reduce((n, l) => n + l.quantity, 0);
      return {
        ...state,
        awaitingReturn: state.awaitingReturn.map((p) =>
          p.pickupId === pickupId ? { ...p, lines: p.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity - arrived(l.lineId) })) } : p,
        ),
        lines: addToLedger(state.lines, lines, 'returned'),
      };
    }
    case 'ReturnExpectedMarked':
      return { ...state, returnExpected: true };
    case 'ReturnExpectedCleared':
      return { ...state, returnExpected: false };
    case 'ExchangeRequested': {
      const taken = (lineId: number) => event.data.lines.filter((l) => l.lineId === lineId).reduce((n, l) => n + l.quantity, 0);
      return { ...state, exchanges: state.exchanges + 1, lines: state.lines.map((l) => ({ ...l, exchanged: l.exchanged + taken(l.lineId) })) };
    }
    case 'CsEntriesCompleted':
      return { ...state, completedEntries: [...state.completedEntries, ...event.data.entryIds] };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
