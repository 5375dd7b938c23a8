/**
 * order_list: the CS window's order list (주문 목록), one row per order (관리번호).
 * The row carries the order's state as the decider sees it (it is folded with the domain's own
 * `evolveOrder`, so the list can never disagree with the rules) plus the derived numbers the list
 * filters and sorts on. A deleted order (주문삭제) leaves the list: its row is deleted.
 */
import type { CsState, LineLedger, OrderEvent, OrderEventType, OrderStatus, PaymentMethod, PlacedOrder } from '@oms/domain';
import { activeQuantity, csStateOf, evolveOrder, ORDER_EVENT_TYPES } from '@oms/domain';
import type { DbRow, Projection, RecordedOrderEvent } from '../projection.js';
import { instant, instantOrNull, isoInstant, json, num, numOrNull, str, strOrNull } from '../values.js';

export interface OrderListLine {
  readonly lineId: number;
  readonly productCode: string;
  readonly productName: string;
  readonly option: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly ledger: LineLedger;
  /** The product code the line was placed with (상품변경 changes productCode, never this). */
  readonly placedProductCode: string;
  /** Shipped units taken for 교환. */
  readonly exchanged: number;
}

/** One row of `order_list`; the column comments live in the migration (migrations.ts). */
export interface OrderListRow {
  readonly no: number;
  readonly placed_at: string;
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
  readonly search_text: string;
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
 * order number and the 관리번호, separated by spaces (`search_text ILIKE '%' || lower(q) || '%'`).
 */
export const searchTextOf = (row: Omit<OrderListRow, 'search_text'>): string => {
  const phones = [row.buyer_phone, row.buyer_mobile, row.recipient_phone, row.recipient_mobile].filter((p): p is string => !!p && p.trim() !== '');
  const tokens = [
    String(row.no),
    row.channel_order_no,
    row.buyer_name,
    row.recipient_name,
    ...phones.flatMap((p) => [p.trim(), withoutDashes(p)]),
  ].map((t) => t.trim().toLowerCase());
  return [...new Set(tokens.filter((t) => t !== ''))].join(' ');
};

type BaseRow = Omit<OrderListRow, 'product_summary' | 'ordered_quantity' | 'active_quantity' | 'total_amount' | 'cs_state' | 'search_text'>;

const derive = (base: BaseRow): OrderListRow => {
  const withNumbers = {
    ...base,
    product_summary: productSummaryOf(base.lines),
    ordered_quantity: base.lines.reduce((n, l) => n + l.ledger.ordered, 0),
    active_quantity: base.lines.reduce((n, l) => n + activeQuantity(l.ledger), 0),
    total_amount: base.lines.reduce((n, l) => n + l.unitPrice * activeQuantity(l.ledger), 0) + base.shipping_fee,
    cs_state: csStateOf({ lines: base.lines, exchanges: base.exchanges }),
  };
  return { ...withNumbers, search_text: searchTextOf(withNumbers) };
};

// ---------------------------------------------------------------------------------------------
// Row ↔ the domain's order state.

const orNull = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);
const orUndefined = (v: string | null): string | undefined => v ?? undefined;

const stateOf = (row: OrderListRow): PlacedOrder => ({
  kind: 'placed',
  no: row.no,
  channel: row.channel,
  channelOrderNo: row.channel_order_no,
  paymentMethod: row.payment_method,
  status: row.status,
  buyer: { name: row.buyer_name, phone: orUndefined(row.buyer_phone), mobile: orUndefined(row.buyer_mobile) },
  recipient: {
    name: row.recipient_name,
    phone: orUndefined(row.recipient_phone),
    mobile: orUndefined(row.recipient_mobile),
    zip: orUndefined(row.recipient_zip),
    address: row.recipient_address,
    memo: orUndefined(row.recipient_memo),
  },
  shippingFee: row.shipping_fee,
  lines: row.lines,
  hold: row.held ? { alarmAt: row.hold_alarm_at } : null,
  invoice: row.carrier !== null && row.tracking_number !== null ? { carrier: row.carrier, trackingNumber: row.tracking_number } : null,
  shippingInstructionPrints: row.shipping_instruction_prints,
  // A deleted order has no row: evolve drops it on OrderDeleted.
  deleted: false,
  package: row.package_id === null ? null : { id: row.package_id, members: row.package_members },
  mergeForbidden: row.merge_forbidden,
  priorities: row.priorities,
  returnExpected: row.return_expected,
  pickups: row.pickups,
  // Per-pickup arrivals only check 반품입고; the list shows the ledgers' pickedUp / returned instead.
  awaitingReturn: [],
  exchanges: row.exchanges,
  copiedFrom: row.copied_from === null ? null : { no: row.copied_from, whole: row.copied_from_whole === true },
  copies: row.copies,
  // CS 완료 changes nothing the list shows; the entries' state lives in cs_history.
  completedEntries: [],
});

const rowOf = (state: PlacedOrder, placedAt: string, revision: number, updatedAt: string): OrderListRow =>
  derive({
    no: state.no,
    placed_at: placedAt,
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
    payment_method: state.paymentMethod,
    shipping_fee: state.shippingFee,
    status: state.status,
    lines: state.lines.map((l) => ({
      lineId: l.lineId,
      productCode: l.productCode,
      productName: l.productName,
      option: l.option,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      ledger: { ...l.ledger },
      placedProductCode: l.placedProductCode,
      exchanged: l.exchanged,
    })),
    held: state.hold !== null,
    hold_alarm_at: state.hold?.alarmAt == null ? null : isoInstant(state.hold.alarmAt),
    carrier: state.invoice?.carrier ?? null,
    tracking_number: state.invoice?.trackingNumber ?? null,
    shipping_instruction_prints: state.shippingInstructionPrints,
    package_id: state.package?.id ?? null,
    package_members: state.package ? [...state.package.members] : [],
    merge_forbidden: state.mergeForbidden,
    priorities: { ...state.priorities },
    return_expected: state.returnExpected,
    pickups: state.pickups,
    exchanges: state.exchanges,
    copied_from: state.copiedFrom?.no ?? null,
    copied_from_whole: state.copiedFrom?.whole ?? null,
    copies: [...state.copies],
    revision,
    updated_at: updatedAt,
  });

const domainEvent = (e: RecordedOrderEvent): OrderEvent => ({ type: e.type, data: e.data }) as OrderEvent;

// ---------------------------------------------------------------------------------------------

export const evolveOrderList = (row: OrderListRow | null, e: RecordedOrderEvent): OrderListRow | null => {
  // Idempotent: an event at or below the last applied revision is already in the row.
  if (row !== null && e.streamRevision <= row.revision) return row;
  const updatedAt = isoInstant(e.recordedAt);
  if (row === null) {
    // Only OrderPlaced opens a row; anything else for an unknown order has nothing to change.
    if (e.type !== 'OrderPlaced') return null;
    const state = evolveOrder({ kind: 'none' }, domainEvent(e));
    if (state.kind !== 'placed') return null;
    return rowOf(state, isoInstant(e.metadata.occurredAt), e.streamRevision, updatedAt);
  }
  // A second OrderPlaced on an existing stream cannot happen (the decider refuses it): keep the row.
  if (e.type === 'OrderPlaced') return row;
  const state = evolveOrder(stateOf(row), domainEvent(e));
  // 주문삭제 takes the order off the CS window. Its later events (a memo, CS 완료) find no row and,
  // not being OrderPlaced, open none.
  if (state.kind !== 'placed' || state.deleted) return null;
  return rowOf(state, row.placed_at, e.streamRevision, updatedAt);
};

/** Every order event moves the list row (its revision at least). */
const LIST_EVENT_TYPES: readonly OrderEventType[] = ORDER_EVENT_TYPES;

export const orderListProjection: Projection<OrderListRow> = {
  name: 'order_list',
  version: 3,
  table: 'order_list',
  key: 'no',
  handles: LIST_EVENT_TYPES,
  keysOf: (e) => [e.data.no],
  evolve: evolveOrderList,
  toDb: (row) => ({
    ...row,
    lines: JSON.stringify(row.lines),
    package_members: JSON.stringify(row.package_members),
    priorities: JSON.stringify(row.priorities),
    copies: JSON.stringify(row.copies),
  }),
  fromDb: (raw: DbRow): OrderListRow => ({
    no: num(raw.no),
    placed_at: instant(raw.placed_at),
    channel: str(raw.channel),
    channel_order_no: str(raw.channel_order_no),
    buyer_name: str(raw.buyer_name),
    buyer_phone: strOrNull(raw.buyer_phone),
    buyer_mobile: strOrNull(raw.buyer_mobile),
    recipient_name: str(raw.recipient_name),
    recipient_phone: strOrNull(raw.recipient_phone),
    recipient_mobile: strOrNull(raw.recipient_mobile),
    recipient_zip: strOrNull(raw.recipient_zip),
    recipient_address: str(raw.recipient_address),
    recipient_memo: strOrNull(raw.recipient_memo),
    product_summary: str(raw.product_summary),
    ordered_quantity: num(raw.ordered_quantity),
    active_quantity: num(raw.active_quantity),
    payment_method: str(raw.payment_method) as PaymentMethod,
    shipping_fee: num(raw.shipping_fee),
    total_amount: num(raw.total_amount),
    status: str(raw.status) as OrderStatus,
    cs_state: str(raw.cs_state) as CsState,
    lines: json<OrderListLine[]>(raw.lines),
    held: Boolean(raw.held),
    hold_alarm_at: instantOrNull(raw.hold_alarm_at),
    carrier: strOrNull(raw.carrier),
    tracking_number: strOrNull(raw.tracking_number),
    shipping_instruction_prints: num(raw.shipping_instruction_prints),
    package_id: numOrNull(raw.package_id),
    package_members: json<number[]>(raw.package_members),
    merge_forbidden: Boolean(raw.merge_forbidden),
    priorities: json<Record<string, number>>(raw.priorities),
    return_expected: Boolean(raw.return_expected),
    pickups: num(raw.pickups),
    exchanges: num(raw.exchanges),
    copied_from: numOrNull(raw.copied_from),
    copied_from_whole: raw.copied_from_whole === null || raw.copied_from_whole === undefined ? null : Boolean(raw.copied_from_whole),
    copies: json<number[]>(raw.copies),
    search_text: str(raw.search_text),
    revision: num(raw.revision),
    updated_at: instant(raw.updated_at),
  }),
};
