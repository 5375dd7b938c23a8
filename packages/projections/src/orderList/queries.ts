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
import { DAY_MS, escapeLike, json, seoulMidnight } from '../values.js';

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
  /** Orders with a line of this product, in its 우선순위 order. */
  readonly productCode?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** `lines` holds a line whose current product is `productCode` (the jsonb_path_ops index answers it). */
const hasLineOf = (productCode: string) => sql<boolean>`lines @> ${JSON.stringify([{ productCode }])}::jsonb`;

type ListQuery = SelectQueryBuilder<any, 'order_list', object>;

const filtered = (db: Db, f: OrderListFilter): ListQuery => {
  let query: ListQuery = db.selectFrom('order_list');
  if (f.status) query = query.where('status', '=', f.status);
  if (f.held !== undefined) query = query.where('held', '=', f.held);
  if (f.channel) query = query.where('channel', '=', f.channel);
  if (f.channels) query = f.channels.length === 0 ? query.where(sql<boolean>`false`) : query.where('channel', 'in', f.channels);
  if (f.from) query = query.where('placed_at', '>=', seoulMidnight(f.from));
  if (f.to) query = query.where('placed_at', '<', new Date(seoulMidnight(f.to).getTime() + DAY_MS));
  if (f.q) query = query.where('search_text', 'like', `%${escapeLike(f.q.toLowerCase())}%`);
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

/**
 * The CS window list: newest order first, or, with a product, that product's 우선순위 order. The
 * 우선순위 order is the domain's byPriority, so the page is cut in code: the matching orders' numbers
 * and priorities (two narrow columns) are read and sorted, then only the page's rows are loaded.
 */
export const listOrders = async (db: Db, f: OrderListFilter): Promise<Page<OrderListRow>> => {
  const query = filtered(db, f);
  if (f.productCode) {
    const ranked = (await query.select(['no', 'priorities']).execute())
      .map((r) => ({ no: toNumber(r.no), priorities: json<Record<string, number>>(r.priorities) }))
      .sort(byPriority(f.productCode));
    const page = ranked.slice(f.offset, f.offset + f.limit).map((r) => r.no);
    return { rows: await rowsByNo(db, page), total: ranked.length };
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('no', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(orderListRowFromDb), total: toNumber(count.total) };
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
