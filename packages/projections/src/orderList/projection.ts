/**
 * order_list: the CS window's order list (주문 목록), one row per order (관리번호).
 *
 * The row keeps the order's state exactly as the domain folds it (`state`, the PlacedOrder that
 * `evolveOrder` returns) and evolve folds that state with `evolveOrder` itself, so the list can never
 * disagree with the rules. Every other column is derived from the state in one place, `columnsOf`:
 * the ones the list filters, sorts and searches on, what it shows that is computed (CS state,
 * amounts, summary), and the plain columns analysts query. Nothing maps a row back to a state.
 * A deleted order (주문삭제) leaves the list: its row is deleted.
 */
import type { CsState, LineToRestore, OrderEvent, OrderEventType, OrderLine, OrderStatus, PaymentMethod, PlacedOrder } from '@oms/domain';
import { activeQuantity, csStateOf, evolveOrder, holdsProduct, initialOrderState, linesToRestoreOf, ORDER_EVENT_TYPES } from '@oms/domain';
import type { DbRow, Projection, RecordedOrderEvent } from '../projection.js';
import { refillOrderSearch } from './migration.js';
import { instant, instantOrNull, isoInstant, json, num, numOrNull, str, strOrNull } from '../values.js';

/** A line as the list keeps it: the domain's own line (with its quantity ledger). */
export type OrderListLine = OrderLine;

/** The columns derived from the order's state; the column comments live in the migration (migration.ts). */
export interface OrderListColumns {
  readonly no: number;
  readonly channel: string;
  readonly channel_order_no: string;
  readonly buyer_name: string;
  readonly buyer_phone: string | null;
  readonly buyer_mobile: string | null;
  readonly recipient_name: string;
  readonly recipient_phone: string | null;
  readonly recipient_mobile: string | null;
  readonly recipient_zip: string | null;
  readonly recipient_address: string;
  readonly recipient_memo: string | null;
  readonly product_summary: string;
  readonly ordered_quantity: number;
  readonly active_quantity: number;
  readonly payment_method: PaymentMethod;
  readonly shipping_fee: number;
  readonly total_amount: number;
  readonly status: OrderStatus;
  readonly cs_state: CsState;
  readonly lines: readonly OrderListLine[];
  readonly held: boolean;
  readonly hold_alarm_at: string | null;
  readonly carrier: string | null;
  readonly tracking_number: string | null;
  readonly shipping_instruction_prints: number;
  /** 합포번호 (null: not merged) and the package's members, this order included ([] when not merged). */
  readonly package_id: number | null;
  readonly package_members: readonly number[];
  readonly merge_forbidden: boolean;
  /** 우선순위 per product code; higher ships first, absent = 0. */
  readonly priorities: Readonly<Record<string, number>>;
  readonly return_expected: boolean;
  readonly pickups: number;
  readonly exchanges: number;
  readonly copied_from: number | null;
  /** null unless copied_from is set: true for 주문전체복사. */
  readonly copied_from_whole: boolean | null;
  readonly copies: readonly number[];
  /** The product codes the order still holds for shipping, by the domain's `holdsProduct` (the 우선순위 candidates). */
  readonly products_to_ship: readonly string[];
  readonly search_text: string;
  /** 취소철회조회: the quantity to put back over all lines (0 for most orders) … */
  readonly to_restore: number;
  /** … and the lines it is on, by the domain's linesToRestoreOf. */
  readonly restore_lines: readonly LineToRestore[];
}

/** Who last cancelled a line here, and when (작업자 of 취소철회조회): the event's metadata, not the order's state. */
export interface LineCancelledBy {
  readonly lineId: number;
  readonly actor: string;
  readonly at: string;
}

/** One row of `order_list`: the folded state, the columns derived from it, and the row's bookkeeping. */
export interface OrderListRow extends OrderListColumns {
  /** The order as `evolveOrder` folds it (JSON round-trip safe: plain data only). */
  readonly state: PlacedOrder;
  /** 접수일: the OrderPlaced event's occurredAt (not part of the order's state). */
  readonly placed_at: string;
  /** 배송일: the last OrderShipped event's occurredAt; null before shipping. */
  readonly shipped_at: string | null;
  readonly cancelled_by: readonly LineCancelledBy[];
  /** The last applied revision of the order stream: the idempotency guard. */
  readonly revision: number;
  readonly updated_at: string;
}

// ---------------------------------------------------------------------------------------------
// Derived columns.

/** "카트야로 스텔 냄비 외 1건": the first line's product, and how many more lines there are. */
export const productSummaryOf = (lines: readonly Pick<OrderListLine, 'productName'>[]): string => {
  const first = lines[0]?.productName ?? '';
  return lines.length > 1 ? `${first} 외 ${lines.length - 1}건` : first;
};

const withoutDashes = (phone: string): string => phone.replace(/[\s-]/g, '');

/**
 * The free-text search column: lowercased names, every phone with and without dashes, the channel's
 * order number and the 관리번호, separated by spaces (`search_text LIKE '%' || lower(q) || '%'`).
 */
export const searchTextOf = (state: PlacedOrder): string => {
  const phones = [state.buyer.phone, state.buyer.mobile, state.recipient.phone, state.recipient.mobile].filter(
    (p): p is string => p !== undefined && p.trim() !== '',
  );
  const tokens = [
    String(state.no),
    state.channelOrderNo,
    state.buyer.name,
    state.recipient.name,
    ...phones.flatMap((p) => [p.trim(), withoutDashes(p)]),
  ].map((t) => t.trim().toLowerCase());
  return [...new Set(tokens.filter((t) => t !== ''))].join(' ');
};

/** The product codes the order's lines hold for shipping, each once, in line order (the domain's holdsProduct). */
export const productsToShipOf = (state: PlacedOrder): string[] =>
  [...new Set(state.lines.map((l) => l.productCode))].filter((code) => holdsProduct(state, code));

const orNull = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);

/** Every column of the row, from the order's state: the one place a column gets its value. */
export const columnsOf = (state: PlacedOrder): OrderListColumns => ({
  no: state.no,
  channel: state.channel,
  channel_order_no: state.channelOrderNo,
  buyer_name: state.buyer.name,
  buyer_phone: orNull(state.buyer.phone),
  buyer_mobile: orNull(state.buyer.mobile),
  recipient_name: state.recipient.name,
  recipient_phone: orNull(state.recipient.phone),
  recipient_mobile: orNull(state.recipient.mobile),
  recipient_zip: orNull(state.recipient.zip),
  recipient_address: state.recipient.address,
  recipient_memo: orNull(state.recipient.memo),
  product_summary: productSummaryOf(state.lines),
  ordered_quantity: state.lines.reduce((n, l) => n + l.ledger.ordered, 0),
  active_quantity: state.lines.reduce((n, l) => n + activeQuantity(l.ledger), 0),
  payment_method: state.paymentMethod,
  shipping_fee: state.shippingFee,
  total_amount: state.lines.reduce((n, l) => n + l.unitPrice * activeQuantity(l.ledger), 0) + state.shippingFee,
  status: state.status,
  cs_state: csStateOf(state),
  lines: state.lines,
  held: state.hold !== null,
  hold_alarm_at: state.hold?.alarmAt == null ? null : isoInstant(state.hold.alarmAt),
  carrier: state.invoice?.carrier ?? null,
  tracking_number: state.invoice?.trackingNumber ?? null,
  shipping_instruction_prints: state.shippingInstructionPrints,
  package_id: state.package?.id ?? null,
  package_members: state.package?.members ?? [],
  merge_forbidden: state.mergeForbidden,
  priorities: state.priorities,
  return_expected: state.returnExpected,
  pickups: state.pickups,
  exchanges: state.exchanges,
  copied_from: state.copiedFrom?.no ?? null,
  copied_from_whole: state.copiedFrom?.whole ?? null,
  copies: state.copies,
  products_to_ship: productsToShipOf(state),
  search_text: searchTextOf(state),
  to_restore: linesToRestoreOf(state).reduce((n, l) => n + l.toRestore, 0),
  restore_lines: linesToRestoreOf(state),
});

// ---------------------------------------------------------------------------------------------

const domainEvent = (e: RecordedOrderEvent): OrderEvent => ({ type: e.type, data: e.data }) as OrderEvent;

/** The lines an event cancels here, for 작업자. */
const linesCancelledBy = (e: OrderEvent): readonly number[] => {
  switch (e.type) {
    case 'LineCancelled':
      return [e.data.lineId];
    case 'OrderCancelled':
    case 'OrderCancelledBeforePayment':
      return e.data.lines.map((l) => l.lineId);
    case 'ChannelCancellationReceived':
      return e.data.cancelled > 0 ? [e.data.lineId] : [];
    default:
      return [];
  }
};

const cancelledByAfter = (before: readonly LineCancelledBy[], e: RecordedOrderEvent): readonly LineCancelledBy[] => {
  const lines = linesCancelledBy(domainEvent(e));
  if (lines.length === 0) return before;
  const at = isoInstant(e.metadata.occurredAt);
  return [...before.filter((b) => !lines.includes(b.lineId)), ...lines.map((lineId) => ({ lineId, actor: e.metadata.actor, at }))].sort((a, b) => a.lineId - b.lineId);
};


export const evolveOrderList = (row: OrderListRow | null, e: RecordedOrderEvent): OrderListRow | null => {
  // Idempotent: an event at or below the last applied revision is already in the row.
  if (row !== null && e.streamRevision <= row.revision) return row;
  // Only OrderPlaced opens a row: anything else for an order without one (never placed here, or
  // deleted: its later memo or CS 완료) has nothing to change. A second OrderPlaced on an existing
  // stream cannot happen (the decider refuses it): the row stays.
  if ((row === null) !== (e.type === 'OrderPlaced')) return row;
  const state = evolveOrder(row?.state ?? initialOrderState(), domainEvent(e));
  // 주문삭제 takes the order off the CS window.
  if (state.kind !== 'placed' || state.deleted) return null;
  return {
    ...columnsOf(state),
    state,
    placed_at: row?.placed_at ?? isoInstant(e.metadata.occurredAt),
    shipped_at: e.type === 'OrderShipped' ? isoInstant(e.metadata.occurredAt) : (row?.shipped_at ?? null),
    cancelled_by: cancelledByAfter(row?.cancelled_by ?? [], e),
    revision: e.streamRevision,
    updated_at: isoInstant(e.recordedAt),
  };
};

/** Every order event moves the list row (its revision at least). */
const LIST_EVENT_TYPES: readonly OrderEventType[] = ORDER_EVENT_TYPES;

/** jsonb columns: JSON text to the driver. */
const JSONB_COLUMNS = ['state', 'lines', 'package_members', 'priorities', 'copies', 'products_to_ship', 'restore_lines', 'cancelled_by'] as const satisfies readonly (keyof OrderListRow)[];

const bool = (v: unknown): boolean => Boolean(v);
const boolOrNull = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(v));

/** How each stored column reads back (pg: int8 as string, timestamptz as Date; PGlite: numbers). Typed: a column without a decoder does not compile. */
const DECODERS: { readonly [K in keyof OrderListRow]-?: (v: unknown) => OrderListRow[K] } = {
  no: num,
  state: (v) => json<PlacedOrder>(v),
  placed_at: instant,
  shipped_at: instantOrNull,
  cancelled_by: (v) => json<LineCancelledBy[]>(v),
  to_restore: num,
  restore_lines: (v) => json<LineToRestore[]>(v),
  revision: num,
  updated_at: instant,
  channel: str,
  channel_order_no: str,
  buyer_name: str,
  buyer_phone: strOrNull,
  buyer_mobile: strOrNull,
  recipient_name: str,
  recipient_phone: strOrNull,
  recipient_mobile: strOrNull,
  recipient_zip: strOrNull,
  recipient_address: str,
  recipient_memo: strOrNull,
  product_summary: str,
  ordered_quantity: num,
  active_quantity: num,
  payment_method: (v) => str(v) as PaymentMethod,
  shipping_fee: num,
  total_amount: num,
  status: (v) => str(v) as OrderStatus,
  cs_state: (v) => str(v) as CsState,
  lines: (v) => json<OrderListLine[]>(v),
  held: bool,
  hold_alarm_at: instantOrNull,
  carrier: strOrNull,
  tracking_number: strOrNull,
  shipping_instruction_prints: num,
  package_id: numOrNull,
  package_members: (v) => json<number[]>(v),
  merge_forbidden: bool,
  priorities: (v) => json<Record<string, number>>(v),
  return_expected: bool,
  pickups: num,
  exchanges: num,
  copied_from: numOrNull,
  copied_from_whole: boolOrNull,
  copies: (v) => json<number[]>(v),
  products_to_ship: (v) => json<string[]>(v),
  search_text: str,
};

/** Column values as the driver returns them → a row (also for the list's queries). */
export const orderListRowFromDb = (raw: DbRow): OrderListRow =>
  Object.fromEntries(Object.entries(DECODERS).map(([column, decode]) => [column, (decode as (v: unknown) => unknown)(raw[column])])) as unknown as OrderListRow;

export const orderListProjection: Projection<OrderListRow> = {
  name: 'order_list',
  // 4: the row keeps the folded state (jsonb) and products_to_ship; older rows are rebuilt.
  // 5: the state holds the channel's cancellations (channelClaims, restoreConfirmed); 취소철회조회's columns, 배송일.
  version: 6,
  table: 'order_list',
  key: 'no',
  handles: LIST_EVENT_TYPES,
  keysOf: (e) => [e.data.no],
  evolve: evolveOrderList,
  toDb: (row) => ({ ...row, ...Object.fromEntries(JSONB_COLUMNS.map((c) => [c, JSON.stringify(row[c])])) }),
  fromDb: orderListRowFromDb,
  afterSwap: refillOrderSearch,
};
