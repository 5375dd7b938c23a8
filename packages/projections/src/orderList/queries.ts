/**
 * What the CS window asks of order_list. The SQL only compares stored columns with values; every
 * rule (which orders hold a product for shipping, the 우선순위 order) is the domain's: the columns were
 * derived by it (columnsOf), and the 우선순위 order is its byPriority, applied here in code.
 */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import type { CsState, OrderStatus } from '@oms/domain';
import { byPriority } from '@oms/domain';
import type { SelectQueryBuilder } from 'kysely';
import { sql } from 'kysely';
import type { OrderListRow } from './projection.js';
import { orderListRowFromDb } from './projection.js';
import type { Page } from '../values.js';
import type { BoundedTotal, CursorColumn, CursorKey } from '../paging.js';
import { afterKey, boundedTotal, decodeCursor, encodeCursor, estimatedTotal, TOTAL_BOUND } from '../paging.js';
import { DAY_MS, escapeLike, isoInstant, json, seoulMidnight } from '../values.js';

export interface OrderListFilter {
  readonly status?: OrderStatus | undefined;
  readonly held?: boolean | undefined;
  readonly channel?: string | undefined;
  /** Only orders of these channels (a key bound to channels); every channel when absent. */
  readonly channels?: readonly string[] | undefined;
  /** 접수일 from / to, inclusive, `YYYY-MM-DD` in Asia/Seoul. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Free text: names, phones, order numbers (case-insensitive substring of search_text). */
  readonly q?: string | undefined;
  readonly csState?: CsState | undefined;
  readonly merged?: boolean | undefined;
  readonly packageId?: number | undefined;
  readonly returnExpected?: boolean | undefined;
  /** Orders with a line of this product, in its 우선순위 order (then `sort` does not apply). */
  readonly productCode?: string | undefined;
  /** The list's order: 접수일 or 관리번호, newest (desc, the default) or oldest first. */
  readonly sort?: OrderListSort | undefined;
  readonly limit: number;
  readonly offset: number;
  /** The `next` of the page before (keyset paging; offset is then ignored). */
  readonly cursor?: string | undefined;
}

/** `lines` holds a line whose current product is `productCode` (the jsonb_path_ops index answers it). */
const hasLineOf = (productCode: string) => sql<boolean>`lines @> ${JSON.stringify([{ productCode }])}::jsonb`;

type ListQuery = SelectQueryBuilder<any, 'order_list', object>;

/**
 * A whole 관리번호, 주문번호 or 송장번호, as a worker pastes it: the orders it names, by their own indexes
 * (null when q names none, or is not shaped like one: then it is searched as a substring).
 */
const exactMatches = async (db: Db, q: string): Promise<number[] | null> => {
  if (!/^[0-9A-Za-z_-]{4,64}$/.test(q)) return null;
  const asNo = /^\d{1,15}$/.test(q) ? Number(q) : null;
  const rows = await db
    .selectFrom('order_list')
    .select('no')
    .where((eb) => eb.or([...(asNo === null ? [] : [eb('no', '=', asNo)]), eb('channel_order_no', '=', q), eb('tracking_number', '=', q)]))
    .limit(1000)
    .execute();
  return rows.length === 0 ? null : rows.map((r) => toNumber(r.no));
};

const filtered = (db: Db, f: OrderListFilter, exact: readonly number[] | null = null): ListQuery => {
  let query: ListQuery = db.selectFrom('order_list');
  if (f.status) query = query.where('status', '=', f.status);
  if (f.held !== undefined) query = query.where('held', '=', f.held);
  if (f.channel) query = query.where('channel', '=', f.channel);
  if (f.channels) query = f.channels.length === 0 ? query.where(sql<boolean>`false`) : query.where('channel', 'in', f.channels);
  if (f.from) query = query.where('placed_at', '>=', seoulMidnight(f.from));
  if (f.to) query = query.where('placed_at', '<', new Date(seoulMidnight(f.to).getTime() + DAY_MS));
  if (exact) query = query.where('no', 'in', exact);
  else if (f.q) query = query.where('no', 'in', searching(db, f.q).select('no'));
  if (f.csState) query = query.where('cs_state', '=', f.csState);
  if (f.merged !== undefined) query = query.where('package_id', f.merged ? 'is not' : 'is', null);
  if (f.packageId !== undefined) query = query.where('package_id', '=', f.packageId);
  if (f.returnExpected !== undefined) query = query.where('return_expected', '=', f.returnExpected);
  if (f.productCode) query = query.where(hasLineOf(f.productCode));
  return query;
};

const rowsByNo = async (db: Db, nos: readonly number[]): Promise<OrderListRow[]> => {
  if (nos.length === 0) return [];
  const rows = (await db.selectFrom('order_list').selectAll().where('no', 'in', nos).execute()).map(orderListRowFromDb);
  const byNo = new Map(rows.map((r) => [r.no, r]));
  // In the order asked for; a row deleted in between (주문삭제) is simply left out.
  return nos.flatMap((no) => byNo.get(no) ?? []);
};

export const ORDER_LIST_SORTS = ['placedAt.desc', 'placedAt.asc', 'no.desc', 'no.asc'] as const;
export type OrderListSort = (typeof ORDER_LIST_SORTS)[number];

/**
 * A list order: its key columns (the last unique), their shape in a cursor, and the same order in code
 * for the pages cut from the matches. 접수일 sorts end with the 관리번호, which every list index ends
 * with; 관리번호 alone is the primary key. Both read their index forwards or backwards.
 */
interface ListOrder {
  readonly columns: readonly ('placed_at' | 'no')[];
  readonly shape: readonly CursorColumn[];
  readonly direction: 'asc' | 'desc';
  readonly keyOf: (m: Match) => CursorKey;
}

const LIST_ORDERS: Record<OrderListSort, ListOrder> = {
  'placedAt.desc': { columns: ['placed_at', 'no'], shape: ['instant', 'number'], direction: 'desc', keyOf: (m) => [m.placedAt, m.no] },
  'placedAt.asc': { columns: ['placed_at', 'no'], shape: ['instant', 'number'], direction: 'asc', keyOf: (m) => [m.placedAt, m.no] },
  'no.desc': { columns: ['no'], shape: ['number'], direction: 'desc', keyOf: (m) => [m.no] },
  'no.asc': { columns: ['no'], shape: ['number'], direction: 'asc', keyOf: (m) => [m.no] },
};

const orderOf = (f: OrderListFilter): ListOrder => LIST_ORDERS[f.sort ?? 'placedAt.desc'];

/** Compares two keys of one shape as the list orders them (instants as ISO strings sort as text). */
const compareKeys = (order: ListOrder, a: CursorKey, b: CursorKey): number => {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x !== y) return (x < y ? -1 : 1) * (order.direction === 'asc' ? 1 : -1);
  }
  return 0;
};

const ordered = <Q extends SelectQueryBuilder<any, any, any>>(query: Q, order: ListOrder, key: CursorKey | null): Q => {
  let q = key ? (query.where(afterKey(order.columns, key, order.direction)) as Q) : query;
  for (const column of order.columns) q = q.orderBy(column, order.direction) as Q;
  return q;
};

/**
 * The CS window list: newest 접수일 first, paged by keyset (`cursor`) or offset, with a total exact up
 * to TOTAL_BOUND (paging.ts). With a product it is that product's 우선순위 order, the domain's
 * byPriority, so that page is cut in code: the matching orders' numbers and priorities (two narrow
 * columns) are read and sorted, then only the page's rows are loaded.
 */
export const listOrders = async (db: Db, f: OrderListFilter): Promise<Page<OrderListRow>> => {
  const exact = f.q ? await exactMatches(db, f.q.trim()) : null;
  const query = filtered(db, f, exact);
  if (f.productCode) {
    const ranked = (await query.select(['no', 'priorities']).execute())
      .map((r) => ({ no: toNumber(r.no), priorities: json<Record<string, number>>(r.priorities) }))
      .sort(byPriority(f.productCode));
    const page = ranked.slice(f.offset, f.offset + f.limit).map((r) => r.no);
    return { rows: await rowsByNo(db, page), total: ranked.length, totalEstimated: false, next: null };
  }
  const order = orderOf(f);
  const key = f.cursor ? decodeCursor(f.cursor, order.shape) : null;
  if (f.q && !exact) {
    if (textAndDatesOnly(f)) return searchPage(db, f, order, key);
    const few = await fewMatches(query.select(['no', 'placed_at']), FEW_MATCHES, order);
    if (few) return matchesPage(db, few, f, order, key);
  }
  let page = ordered(query.selectAll(), order, key).limit(f.limit + 1);
  if (!key && f.offset > 0) page = page.offset(f.offset);
  const [found, total] = await Promise.all([page.execute(), boundedTotal(db, query)]);
  return pageOf(found.slice(0, f.limit).map(orderListRowFromDb), total, found.length > f.limit, order);
};

const pageOf = (rows: OrderListRow[], total: BoundedTotal, more: boolean, order: ListOrder): Page<OrderListRow> => {
  const last = rows.at(-1);
  return { rows, ...total, next: more && last ? encodeCursor(order.keyOf({ no: last.no, placedAt: last.placed_at })) : null };
};

/** Free text with other filters, matching at most this many orders, is answered from the matches alone. */
const FEW_MATCHES = 1000;

interface Match {
  readonly no: number;
  readonly placedAt: string;
}

/** order_search rows whose text holds q (the trigram index; the rows rechecked are narrow). */
const searching = (db: Db, q: string) => db.selectFrom('order_search').where('search_text', 'like', `%${escapeLike(q.toLowerCase())}%`);

const textAndDatesOnly = (f: OrderListFilter): boolean =>
  [f.status, f.held, f.channel, f.channels, f.csState, f.merged, f.packageId, f.returnExpected, f.productCode].every((v) => v === undefined);

/**
 * Free text (and 접수일) alone, the commonest search: answered from order_search, the narrow copy of
 * order_list's search columns. Up to TOTAL_BOUND matches are read in one pass of two narrow columns,
 * counted exactly, sorted and cut in code; only the page's rows are then read from order_list. Above
 * the bound the matches are dense: the 접수일 index walk finds a page quickly, and the total is the
 * planner's estimate.
 */
const searchPage = async (db: Db, f: OrderListFilter, order: ListOrder, key: CursorKey | null): Promise<Page<OrderListRow>> => {
  let query = searching(db, f.q ?? '');
  if (f.from) query = query.where('placed_at', '>=', seoulMidnight(f.from));
  if (f.to) query = query.where('placed_at', '<', new Date(seoulMidnight(f.to).getTime() + DAY_MS));
  const all = await fewMatches(query.select(['no', 'placed_at']), TOTAL_BOUND, order);
  if (all) return matchesPage(db, all, f, order, key);
  let page = ordered(query.select('no'), order, key).limit(f.limit + 1);
  if (!key && f.offset > 0) page = page.offset(f.offset);
  const [found, total] = await Promise.all([page.execute(), estimatedTotal(db, query, TOTAL_BOUND)]);
  const nos = found.slice(0, f.limit).map((r) => toNumber(r.no));
  return pageOf(await rowsByNo(db, nos), total, found.length > f.limit, order);
};

/**
 * Every match, when there are at most `bound`: one read of two narrow columns, without an ORDER BY
 * the planner would rather serve by walking the 접수일 index and filtering (fast for a common name, a
 * scan of every order for a rare phone). In the list's order.
 */
const fewMatches = async (query: SelectQueryBuilder<any, any, { no: unknown; placed_at: unknown }>, bound: number, order: ListOrder): Promise<Match[] | null> => {
  const rows = await query.limit(bound + 1).execute();
  if (rows.length > bound) return null;
  return rows.map((r) => ({ no: toNumber(r.no), placedAt: isoInstant(r.placed_at as string | Date) })).sort((a, b) => compareKeys(order, order.keyOf(a), order.keyOf(b)));
};

const matchesPage = async (db: Db, matches: readonly Match[], f: OrderListFilter, order: ListOrder, key: CursorKey | null): Promise<Page<OrderListRow>> =>
  pageOf(await rowsByNo(db, cut(matches, f, order, key).map((m) => m.no)), { total: matches.length, totalEstimated: false }, cut(matches, f, order, key, 1).length > f.limit, order);

/** The page of the matches after the cursor's key (or from the offset), `extra` more to tell whether one follows. */
const cut = (matches: readonly Match[], f: OrderListFilter, order: ListOrder, key: CursorKey | null, extra = 0): Match[] => {
  if (!key) return matches.slice(f.offset, f.offset + f.limit + extra);
  return matches.filter((m) => compareKeys(order, order.keyOf(m), key) > 0).slice(0, f.limit + extra);
};

/** The order holds the product for shipping: the domain's holdsProduct, as it was when the row was written. */
const holding = (productCode: string) => sql<boolean>`products_to_ship @> ${JSON.stringify([productCode])}::jsonb`;

/** The orders that hold the product for shipping (관리번호s, ascending). */
export const holdersOf = async (db: Db, productCode: string): Promise<number[]> => {
  const rows = await db.selectFrom('order_list').select('no').where(holding(productCode)).orderBy('no').execute();
  return rows.map((row) => toNumber(row.no));
};

/** 우선순위 list of a product: the orders holding it for shipping, in the domain's byPriority order. */
export const priorityListOf = async (db: Db, productCode: string): Promise<OrderListRow[]> => {
  const rows = await db.selectFrom('order_list').selectAll().where(holding(productCode)).execute();
  return rows.map(orderListRowFromDb).sort((a, b) => byPriority(productCode)(a.state, b.state));
};
