/**
 * What 반품관리 asks of return_lines ⨝ return_pickups, with order_list for the order as it is now
 * (판매처, 주문번호, 수령자, the line's 상품 / 옵션, 배송일) and products for 공급처.
 */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { Page } from '../values.js';
import { boundedTotalOf } from '../paging.js';
import { DAY_MS, escapeLike, instantOrNull, seoulMidnight, strOrNull } from '../values.js';
import type { ReturnLineRow, ReturnPickupRow } from './projection.js';
import { returnLineRowFromDb, returnPickupRowFromDb } from './projection.js';

export const RETURN_LINE_STATES = ['requested', 'partially_arrived', 'arrived', 'completed'] as const;
export type ReturnLineState = (typeof RETURN_LINE_STATES)[number];

export interface ReturnLineFilter {
  /** Which date from / to bound: 회수요청일 (requested, the default) or 도착일 (arrived). */
  readonly dateField?: 'requested' | 'arrived' | undefined;
  /** A `YYYY-MM-DD` Seoul day (from its 00:00, to its end) or an ISO instant (inclusive). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly channel?: string | undefined;
  readonly channels?: readonly string[] | undefined;
  readonly supplier?: string | undefined;
  /** 수령자 contains. */
  readonly recipient?: string | undefined;
  readonly state?: ReturnLineState | undefined;
  readonly kind?: 'return' | 'exchange' | undefined;
  readonly completed?: boolean | undefined;
  /** 관리번호, 주문번호, 상품명. */
  readonly q?: string | undefined;
  /** 작업자: who requested the pickup. */
  readonly worker?: string | undefined;
}

export interface ReturnLineView {
  readonly line: ReturnLineRow;
  readonly pickup: ReturnPickupRow;
  readonly state: ReturnLineState;
  readonly channel: string | null;
  readonly channelOrderNo: string | null;
  readonly recipientName: string | null;
  readonly productCode: string | null;
  readonly productName: string | null;
  readonly option: string | null;
  readonly supplier: string | null;
  readonly shippedAt: string | null;
}

const STATE = sql`CASE WHEN p.completed THEN 'completed' WHEN l.received_quantity >= l.picked_up_quantity THEN 'arrived' WHEN l.received_quantity > 0 THEN 'partially_arrived' ELSE 'requested' END`;

const LINES = sql`return_lines l JOIN return_pickups p ON p.id = l.pickup_key`;
/** What the order is now (판매처, 주문번호, 수령자, the line's product) and the product's 공급처: at most one row each. */
const ORDER_JOINS = sql`LEFT JOIN order_list o ON o.no = l.no
  LEFT JOIN LATERAL (SELECT x.value AS line FROM jsonb_array_elements(o.lines) x WHERE (x.value->>'lineId')::int = l.line_id LIMIT 1) ol ON true
  LEFT JOIN products pr ON pr.code = ol.line->>'productCode'`;
const ORDER = sql`ORDER BY l.requested_at DESC, l.no DESC, l.pickup_id, l.line_id`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const lowerBound = (v: string): Date => (DAY.test(v) ? seoulMidnight(v) : new Date(v));

const conditionsOf = (f: ReturnLineFilter): RawBuilder<unknown>[] => {
  const where: RawBuilder<unknown>[] = [];
  const column = f.dateField === 'arrived' ? sql`l.arrived_at` : sql`l.requested_at`;
  if (f.from) where.push(sql`${column} >= ${lowerBound(f.from)}`);
  if (f.to) where.push(DAY.test(f.to) ? sql`${column} < ${new Date(seoulMidnight(f.to).getTime() + DAY_MS)}` : sql`${column} <= ${new Date(f.to)}`);
  if (f.channel) where.push(sql`o.channel = ${f.channel}`);
  if (f.channels) where.push(f.channels.length === 0 ? sql`false` : sql`o.channel = ANY(${[...f.channels]}::text[])`);
  if (f.supplier) where.push(sql`pr.supplier = ${f.supplier}`);
  if (f.recipient) where.push(sql`lower(o.recipient_name) LIKE ${`%${escapeLike(f.recipient.trim().toLowerCase())}%`}`);
  if (f.state) where.push(sql`${STATE} = ${f.state}`);
  if (f.kind) where.push(sql`p.kind = ${f.kind}`);
  if (f.completed !== undefined) where.push(sql`p.completed = ${f.completed}`);
  if (f.worker) where.push(sql`p.requested_by = ${f.worker}`);
  if (f.q) {
    const q = f.q.trim().toLowerCase();
    const like = `%${escapeLike(q)}%`;
    where.push(sql`(l.no::text = ${q} OR lower(o.channel_order_no) LIKE ${like} OR lower(ol.line->>'productName') LIKE ${like})`);
  }
  return where;
};

const whereOf = (f: ReturnLineFilter) => {
  const where = conditionsOf(f);
  return where.length === 0 ? sql`` : sql`WHERE ${sql.join(where, sql` AND `)}`;
};

/** The filters that look at the order or the product: only they need the joins to page and count. */
const filtersOnOrder = (f: ReturnLineFilter): boolean => [f.channel, f.channels, f.supplier, f.recipient, f.q].some((v) => v !== undefined);

const prefixed = (raw: Record<string, unknown>, prefix: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(raw).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));

const PICKUP_COLUMNS = [
  'id', 'no', 'pickup_id', 'kind', 'reason', 'exchange_type', 'exchange_id', 'replacement_no', 'register_inbound', 'claim_channel', 'claim_cancellation_id',
  'picked_up_quantity', 'received_quantity', 'requested_at', 'requested_by', 'arrived_at', 'site_expected', 'site_arrived', 'enclosed_expected', 'enclosed_arrived',
  'transfer_expected', 'transfer_arrived', 'outstanding', 'fee_reason', 'completed', 'completed_at', 'completed_by', 'completion_memo', 'last_position',
];
const PICKUP_SELECT = sql.join(PICKUP_COLUMNS.map((c) => sql`p.${sql.ref(c)} AS ${sql.ref(`p_${c}`)}`));

/** 반품관리: latest 회수요청일 first. */
export const listReturnLines = async (db: Db, f: ReturnLineFilter & { readonly limit: number; readonly offset: number }): Promise<Page<ReturnLineView>> => {
  // The page is cut first, over the lines and pickups alone when no filter looks at the order; only
  // its rows are then joined with order_list (a wide row each) and products.
  const fromWhere = sql`FROM ${LINES} ${filtersOnOrder(f) ? ORDER_JOINS : sql``} ${whereOf(f)}`;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT l.*, ${PICKUP_SELECT}, ${STATE} AS state,
           o.channel AS o_channel, o.channel_order_no AS o_channel_order_no, o.recipient_name AS o_recipient_name, o.shipped_at AS o_shipped_at,
           ol.line->>'productCode' AS o_product_code, ol.line->>'productName' AS o_product_name, ol.line->>'option' AS o_option, pr.supplier AS pr_supplier
      FROM (SELECT l.id ${fromWhere} ${ORDER} LIMIT ${f.limit} OFFSET ${f.offset}) page
      JOIN ${LINES} ON l.id = page.id
      ${ORDER_JOINS}
     ${ORDER}`.execute(db);
  const total = await boundedTotalOf(db, fromWhere);
  return {
    ...total,
    rows: rows.map((raw) => ({
      line: returnLineRowFromDb(raw),
      pickup: returnPickupRowFromDb(prefixed(raw, 'p_')),
      state: String(raw.state) as ReturnLineState,
      channel: strOrNull(raw.o_channel),
      channelOrderNo: strOrNull(raw.o_channel_order_no),
      recipientName: strOrNull(raw.o_recipient_name),
      productCode: strOrNull(raw.o_product_code),
      productName: strOrNull(raw.o_product_name),
      option: strOrNull(raw.o_option),
      supplier: strOrNull(raw.pr_supplier),
      shippedAt: instantOrNull(raw.o_shipped_at),
    })),
  };
};

/** The pickups of rows by id (완료처리 acts on the pickup), with the order's channel; unknown ids are left out. */
export const returnLinePickups = async (db: Db, ids: readonly string[]): Promise<{ id: string; no: number; pickupId: number; channel: string | null }[]> => {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string; no: unknown; pickup_id: unknown; channel: string | null }>`
    SELECT l.id, l.no, l.pickup_id, o.channel FROM return_lines l LEFT JOIN order_list o ON o.no = l.no WHERE l.id = ANY(${[...ids]}::text[])`.execute(db);
  return rows.map((r) => ({ id: r.id, no: toNumber(r.no), pickupId: toNumber(r.pickup_id), channel: r.channel }));
};
