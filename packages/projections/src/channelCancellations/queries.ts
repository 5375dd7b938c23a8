/**
 * What 취소결과조회 asks of channel_cancellations, joined with order_list for the order as it is now.
 * The SQL compares stored columns with values: 배송전 / 배송후 and partial were decided when the row
 * was written.
 */
import type { Db } from '@oms/adapters';
import type { OrderStatus } from '@oms/domain';
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { ChannelCancellationRow } from './projection.js';
import { channelCancellationRowFromDb } from './projection.js';
import type { Page } from '../values.js';
import { afterKey, boundedTotalOf, decodeCursor, encodeCursor } from '../paging.js';
import { DAY_MS, escapeLike, instantOrNull, seoulMidnight, strOrNull } from '../values.js';

export type YesNoAll = 'yes' | 'no' | 'all';

export interface ChannelCancellationFilter {
  /** 취소일 from / to, inclusive, `YYYY-MM-DD` in Asia/Seoul. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly channel?: string | undefined;
  /** Only these channels (a key bound to channels). */
  readonly channels?: readonly string[] | undefined;
  /** 배송상태: received before shipping (접수-취소, 송장-취소), after (배송-취소, 배송-반품), or all. */
  readonly shipping: 'before' | 'after' | 'all';
  readonly confirmed: YesNoAll;
  /** Only partial cancellations (취소수량 < 주문수량). */
  readonly partial?: boolean | undefined;
  /** Free text: 관리번호, 주문번호, 클레임번호, 상품, 주문자. */
  readonly q?: string | undefined;
}

/** A row with what order_list says of its order now (null when the order left the list: 주문삭제). */
export interface ChannelCancellationView extends ChannelCancellationRow {
  readonly order: {
    readonly buyerName: string;
    readonly status: OrderStatus;
    readonly placedAt: string;
    readonly shippedAt: string | null;
    readonly carrier: string | null;
    readonly trackingNumber: string | null;
  } | null;
}

const conditionsOf = (f: ChannelCancellationFilter): RawBuilder<unknown>[] => {
  const where: RawBuilder<unknown>[] = [];
  if (f.from) where.push(sql`c.cancelled_at >= ${seoulMidnight(f.from)}`);
  if (f.to) where.push(sql`c.cancelled_at < ${new Date(seoulMidnight(f.to).getTime() + DAY_MS)}`);
  if (f.channel) where.push(sql`c.channel = ${f.channel}`);
  if (f.channels) where.push(f.channels.length === 0 ? sql`false` : sql`c.channel = ANY(${[...f.channels]}::text[])`);
  if (f.shipping !== 'all') where.push(sql`c.before_shipping = ${f.shipping === 'before'}`);
  if (f.confirmed !== 'all') where.push(sql`c.confirmed = ${f.confirmed === 'yes'}`);
  if (f.partial) where.push(sql`c.partial`);
  if (f.q) {
    const like = `%${escapeLike(f.q.trim().toLowerCase())}%`;
    // Each side by its own trigram index (the claim's text; the order's names, phones and numbers). The
    // orders' numbers are an array computed once (ARRAY(…)), so the two sides combine as a bitmap OR.
    where.push(sql`(c.search_text LIKE ${like} OR c.no = ANY(ARRAY(SELECT b.no FROM order_search b WHERE b.search_text LIKE ${like})))`);
  }
  return where;
};

const whereFrom = (where: readonly RawBuilder<unknown>[]) => (where.length === 0 ? sql`` : sql`WHERE ${sql.join([...where], sql` AND `)}`);
const whereOf = (f: ChannelCancellationFilter) => whereFrom(conditionsOf(f));

const FROM = sql`FROM channel_cancellations c LEFT JOIN order_list o ON o.no = c.no`;
const LIST_KEY = ['c.cancelled_at', 'c.id'] as const;

/**
 * 취소결과조회: latest 취소일 first, paged by keyset (`cursor`) or offset; the page is cut from the
 * claims alone and only its rows are joined with their orders; the total is exact up to TOTAL_BOUND.
 */
export const listChannelCancellations = async (
  db: Db,
  f: ChannelCancellationFilter & { readonly limit: number; readonly offset: number; readonly cursor?: string | undefined },
): Promise<Page<ChannelCancellationView>> => {
  const conditions = conditionsOf(f);
  const key = f.cursor ? decodeCursor(f.cursor, ['instant', 'string']) : null;
  const pageWhere = [...conditions, ...(key ? [afterKey(LIST_KEY, key)] : [])];
  const { rows } = await sql<Record<string, unknown>>`
    SELECT c.*, o.buyer_name AS o_buyer_name, o.status AS o_status, o.placed_at AS o_placed_at, o.shipped_at AS o_shipped_at,
           o.carrier AS o_carrier, o.tracking_number AS o_tracking_number
      FROM (SELECT * FROM channel_cancellations c ${whereFrom(pageWhere)}
             ORDER BY c.cancelled_at DESC, c.id DESC LIMIT ${f.limit + 1} OFFSET ${key ? 0 : f.offset}) c
      LEFT JOIN order_list o ON o.no = c.no
     ORDER BY c.cancelled_at DESC, c.id DESC`.execute(db);
  const total = await boundedTotalOf(db, sql`FROM channel_cancellations c ${whereFrom(conditions)}`);
  const page = rows.slice(0, f.limit).map((raw) => ({
    ...channelCancellationRowFromDb(raw),
    order:
      raw.o_status == null
        ? null
        : {
            buyerName: String(raw.o_buyer_name),
            status: String(raw.o_status) as OrderStatus,
            placedAt: instantOrNull(raw.o_placed_at) ?? '',
            shippedAt: instantOrNull(raw.o_shipped_at),
            carrier: strOrNull(raw.o_carrier),
            trackingNumber: strOrNull(raw.o_tracking_number),
          },
  }));
  const last = page.at(-1);
  return { rows: page, ...total, next: rows.length > f.limit && last ? encodeCursor([last.cancelled_at, last.id]) : null };
};

/** The claims (판매처, 클레임번호) of rows, by id or by a filter (전체 확인): what 확인 acts on. */
export const channelCancellationKeys = async (db: Db, by: { readonly ids: readonly string[] } | { readonly filter: ChannelCancellationFilter }): Promise<{ id: string; channel: string; cancellationId: string }[]> => {
  const where = 'ids' in by ? (by.ids.length === 0 ? sql`WHERE false` : sql`WHERE c.id = ANY(${[...by.ids]}::text[])`) : whereOf(by.filter);
  const { rows } = await sql<{ id: string; channel: string; cancellation_id: string }>`SELECT c.id, c.channel, c.cancellation_id ${FROM} ${where} ORDER BY c.cancelled_at DESC, c.id DESC`.execute(db);
  return rows.map((r) => ({ id: r.id, channel: r.channel, cancellationId: r.cancellation_id }));
};
