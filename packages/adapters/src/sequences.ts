import { sql } from 'kysely';
import type { Db } from './db.js';
import { toNumber } from './db.js';

/**
 * The next human-facing order number (100001, 100002, …) from `order_no_seq`. Never rolled back, so
 * numbers can have gaps; they are unique. Takes any executor (the pool or a transaction handle).
 */
export const nextOrderNo = async (db: Db): Promise<number> => {
  const { rows } = await sql<{ order_no: number | string }>`SELECT nextval('order_no_seq') AS order_no`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('nextval(order_no_seq) returned no row');
  return toNumber(row.order_no);
};
