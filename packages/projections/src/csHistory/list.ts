/**
 * What CS내역조회 asks of cs_history: every CS entry across orders, joined with order_list for the
 * order as it is now (판매처, 주문번호, 수령자, 주문상태, C/S 상태) and with products for 공급처. The SQL
 * compares stored columns with values; nothing of the domain is decided here.
 */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { CsHistoryRow } from './projection.js';
import { csHistoryRowFromDb } from './projection.js';
import type { Page } from '../values.js';
import { afterKey, boundedTotalOf, decodeCursor, encodeCursor } from '../paging.js';
import { DAY_MS, escapeLike, seoulMidnight, strOrNull } from '../values.js';

export interface CsHistoryFilter {
  /** 등록일 from / to, inclusive: `YYYY-MM-DD` (a day in Asia/Seoul) or an ISO instant. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly worker?: string | undefined;
  readonly channel?: string | undefined;
  /** Only these channels (a key bound to channels). */
  readonly channels?: readonly string[] | undefined;
  /** 공급처: an order with a line of one of the supplier's products. */
  readonly supplier?: string | undefined;
  readonly status?: string | undefined;
  readonly csState?: string | undefined;
  /** 처리상태: true = 완료, false = 미처리. */
  readonly processed?: boolean | undefined;
  /** 작업: the event type, or the label as the list shows it (a copy's 주문생성 is 주문복사). */
  readonly workType?: { readonly code: string; readonly label: string } | undefined;
  readonly cancelType?: string | undefined;
  readonly exchangeType?: string | undefined;
  /** Free text: CS 내역, 메모, 관리번호, 주문번호, 수령자. */
  readonly q?: string | undefined;
}

/** An entry with what order_list says of its order now (null when the order left the list: 주문삭제). */
export interface CsHistoryView extends CsHistoryRow {
  readonly order: {
    readonly channel: string;
    readonly channelOrderNo: string;
    readonly recipientName: string;
    readonly status: string;
    readonly csState: string;
  } | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const conditionsOf = (f: CsHistoryFilter): RawBuilder<unknown>[] => {
  const where: RawBuilder<unknown>[] = [];
  if (f.from) where.push(sql`h.at >= ${DAY.test(f.from) ? seoulMidnight(f.from) : new Date(f.from)}`);
  if (f.to) where.push(DAY.test(f.to) ? sql`h.at < ${new Date(seoulMidnight(f.to).getTime() + DAY_MS)}` : sql`h.at <= ${new Date(f.to)}`);
  if (f.worker) where.push(sql`h.worker = ${f.worker}`);
  if (f.channel) where.push(sql`o.channel = ${f.channel}`);
  if (f.channels) where.push(f.channels.length === 0 ? sql`false` : sql`o.channel = ANY(${[...f.channels]}::text[])`);
  if (f.supplier) {
    where.push(sql`EXISTS (SELECT 1 FROM jsonb_array_elements(o.lines) l JOIN products p ON p.code = l->>'productCode' WHERE p.supplier = ${f.supplier})`);
  }
  if (f.status) where.push(sql`o.status = ${f.status}`);
  if (f.csState) where.push(sql`o.cs_state = ${f.csState}`);
  if (f.processed !== undefined) where.push(sql`h.processed = ${f.processed}`);
  if (f.workType) where.push(sql`(h.work_type = ${f.workType.code} OR h.work_type_label = ${f.workType.label})`);
  if (f.cancelType) where.push(sql`h.cancel_type = ${f.cancelType}`);
  if (f.exchangeType) where.push(sql`h.exchange_type = ${f.exchangeType}`);
  if (f.q) {
    const text = f.q.trim();
    const like = `%${escapeLike(text.toLowerCase())}%`;
    const no = /^\d{1,15}$/.test(text) ? Number(text) : null;
    // 주문번호, 수령자 (and the other names, phones and numbers of the order) through order_list's trigram
    // index, as an array computed once (ARRAY(…)): with content and memo by their own trigram indexes,
    // the three combine as a bitmap OR instead of a walk over every entry.
    where.push(sql`(lower(h.content) LIKE ${like} OR lower(coalesce(h.memo, '')) LIKE ${like}
      OR h.order_no = ANY(ARRAY(SELECT b.no FROM order_search b WHERE b.search_text LIKE ${like}))${no === null ? sql`` : sql` OR h.order_no = ${no}`})`);
  }
  return where;
};

const whereFrom = (where: readonly RawBuilder<unknown>[]) => (where.length === 0 ? sql`` : sql`WHERE ${sql.join([...where], sql` AND `)}`);
const whereOf = (f: CsHistoryFilter) => whereFrom(conditionsOf(f));

const FROM = sql`FROM cs_history h LEFT JOIN order_list o ON o.no = h.order_no`;

const viewOf = (raw: Record<string, unknown>): CsHistoryView => ({
  ...csHistoryRowFromDb(raw),
  order:
    raw.o_status == null
      ? null
      : {
          channel: String(raw.o_channel),
          channelOrderNo: String(raw.o_channel_order_no),
          recipientName: String(raw.o_recipient_name),
          status: String(raw.o_status),
          csState: strOrNull(raw.o_cs_state) ?? 'normal',
        },
});

const SELECT = sql`SELECT h.*, o.channel AS o_channel, o.channel_order_no AS o_channel_order_no, o.recipient_name AS o_recipient_name,
       o.status AS o_status, o.cs_state AS o_cs_state`;

const LIST_KEY = ['h.at', 'h.entry_id'] as const;

/** CS내역조회: latest 등록일 first, paged by keyset (`cursor`) or offset; the total is exact up to TOTAL_BOUND. */
export const listCsHistory = async (db: Db, f: CsHistoryFilter & { readonly limit: number; readonly offset: number; readonly cursor?: string | undefined }): Promise<Page<CsHistoryView>> => {
  const conditions = conditionsOf(f);
  const key = f.cursor ? decodeCursor(f.cursor, ['instant', 'uuid']) : null;
  const { rows } = await sql<Record<string, unknown>>`${SELECT} ${FROM} ${whereFrom([...conditions, ...(key ? [afterKey(LIST_KEY, key)] : [])])}
    ORDER BY h.at DESC, h.entry_id DESC LIMIT ${f.limit + 1} OFFSET ${key ? 0 : f.offset}`.execute(db);
  const total = await boundedTotalOf(db, sql`${FROM} ${whereFrom(conditions)}`);
  const page = rows.slice(0, f.limit).map(viewOf);
  const last = page.at(-1);
  return { rows: page, ...total, next: rows.length > f.limit && last ? encodeCursor([last.at, String(last.entry_id)]) : null };
};

/** The + of a row: every entry of the entry's order, oldest first (null: no such entry). */
export const csThreadOf = async (db: Db, entryId: string): Promise<CsHistoryView[] | null> => {
  const { rows: found } = await sql<{ order_no: unknown }>`SELECT order_no FROM cs_history WHERE entry_id = ${entryId}`.execute(db);
  if (found.length === 0) return null;
  const no = toNumber(found[0]!.order_no);
  const { rows } = await sql<Record<string, unknown>>`${SELECT} ${FROM} WHERE h.order_no = ${no} ORDER BY h.stream_revision`.execute(db);
  return rows.map(viewOf);
};

export interface CsEntryKey {
  readonly entryId: string;
  readonly no: number;
  readonly channel: string | null;
  readonly processed: boolean;
}

/** The entries CS선택완료 / CS일괄완료 act on, by id or by a filter; at most `limit` (ask for one more to tell "too many"). */
export const csEntryKeys = async (db: Db, by: { readonly ids: readonly string[] } | { readonly filter: CsHistoryFilter; readonly limit: number }): Promise<CsEntryKey[]> => {
  const query =
    'ids' in by
      ? by.ids.length === 0
        ? sql`WHERE false`
        : sql`WHERE h.entry_id::text = ANY(${[...by.ids]}::text[])`
      : sql`${whereOf(by.filter)} ORDER BY h.at DESC, h.entry_id DESC LIMIT ${by.limit}`;
  const { rows } = await sql<Record<string, unknown>>`SELECT h.entry_id, h.order_no, h.processed, o.channel AS o_channel ${FROM} ${query}`.execute(db);
  return rows.map((r) => ({ entryId: String(r.entry_id), no: toNumber(r.order_no), channel: strOrNull(r.o_channel), processed: Boolean(r.processed) }));
};
