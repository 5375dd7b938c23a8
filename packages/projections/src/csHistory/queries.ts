/** What the CS window asks of cs_history. */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import { sql } from 'kysely';
import type { Page } from '../values.js';
import type { CsHistoryRow } from './projection.js';
import { csHistoryRowFromDb } from './projection.js';

/** An order's CS 이력, oldest first (by the event's revision in the order stream), one page of it. */
export const historyOf = async (db: Db, orderNo: number, page: { readonly limit: number; readonly offset: number }): Promise<Page<CsHistoryRow>> => {
  const base = db.selectFrom('cs_history').where('order_no', '=', orderNo);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('stream_revision').limit(page.limit).offset(page.offset).execute(),
    base.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(csHistoryRowFromDb), total: toNumber(count.total) };
};
