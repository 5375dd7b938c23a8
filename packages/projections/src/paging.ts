/**
 * How every list of a read model pages and counts at a big seller's size (one way for all of them):
 *  - keyset paging: a page ends with `next`, an opaque cursor holding the last row's sort key; sent back
 *    as `cursor`, the next page starts after that key by a row comparison one index serves, however deep
 *    (OFFSET would read and drop every row before the page);
 *  - a bounded total: counted exactly up to TOTAL_BOUND rows; above that the planner's estimate,
 *    marked `totalEstimated`, so a list of a million matches does not count a million rows per request.
 */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import type { RawBuilder, SelectQueryBuilder } from 'kysely';
import { CompiledQuery, sql } from 'kysely';

/** Counted exactly up to here. */
export const TOTAL_BOUND = 10_000;

export interface BoundedTotal {
  readonly total: number;
  /** true when more than the bound matched: `total` is then the planner's estimate (never below bound + 1). */
  readonly totalEstimated: boolean;
}

type AnyQuery = SelectQueryBuilder<any, any, any>;

/** The planner's row estimate for a statement (EXPLAIN, which runs nothing). */
const plannerRows = async (db: Db, compiled: { readonly sql: string; readonly parameters: readonly unknown[] }): Promise<number> => {
  const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${compiled.sql}`, [...compiled.parameters]));
  const cell = rows[0]?.['QUERY PLAN'];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan?: { 'Plan Rows'?: number } }[];
  return Math.round(plan[0]?.Plan?.['Plan Rows'] ?? 0);
};

const bounded = async (n: number, bound: number, estimate: () => Promise<number>): Promise<BoundedTotal> =>
  n <= bound ? { total: n, totalEstimated: false } : { total: Math.max(bound + 1, await estimate()), totalEstimated: true };

/** How many rows `query` (its FROM and WHERE; its select list is replaced) matches, exact up to `bound`. */
export const boundedTotal = async (db: Db, query: AnyQuery, bound = TOTAL_BOUND): Promise<BoundedTotal> => {
  const matching = query.clearSelect().clearOrderBy().clearLimit().clearOffset().select(sql`1`.as('one'));
  const row = await db.selectFrom(matching.limit(bound + 1).as('bounded')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return bounded(toNumber(row.n), bound, () => plannerRows(db, matching.compile()));
};

/** The total of `query` already known to match more than `bound` rows: the planner's estimate. */
export const estimatedTotal = async (db: Db, query: AnyQuery, bound = TOTAL_BOUND): Promise<BoundedTotal> =>
  bounded(bound + 1, bound, () => plannerRows(db, query.clearSelect().select(sql`1`.as('one')).compile()));

/** boundedTotal for a raw `FROM … WHERE …` (the views written in SQL). */
export const boundedTotalOf = async (db: Db, fromWhere: RawBuilder<unknown>, bound = TOTAL_BOUND): Promise<BoundedTotal> => {
  const { rows } = await sql<{ n: unknown }>`SELECT count(*) AS n FROM (SELECT 1 ${fromWhere} LIMIT ${bound + 1}) bounded`.execute(db);
  return bounded(toNumber(rows[0]?.n ?? 0), bound, () => plannerRows(db, sql`SELECT 1 ${fromWhere}`.compile(db)));
};

/** A `cursor` that is not one this server handed out (or not for this list). */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
  readonly field = 'cursor';
  constructor() {
    super('The cursor is not one a page of this list returned.');
  }
}

export type CursorKey = readonly (string | number)[];

export const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** What a cursor's key column holds: checked here, so a forged cursor is a 400, never a database error. */
export type CursorColumn = 'string' | 'number' | 'instant' | 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const fits = (v: unknown, column: CursorColumn): boolean => {
  switch (column) {
    case 'number':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'instant':
      return typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v));
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
    case 'string':
      return typeof v === 'string' && v.length <= 200;
  }
};

/** The sort key a cursor holds, checked against the list's key shape (one kind per column). */
export const decodeCursor = (cursor: string, shape: readonly CursorColumn[]): CursorKey => {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => !fits(v, shape[i] as CursorColumn))) throw new InvalidCursor();
  return key as CursorKey;
};

/**
 * Rows after `key` in a DESCENDING order on `columns` (the last one unique, e.g. the 관리번호), or an
 * ascending one: one row comparison, which a b-tree index on the same columns answers by seeking.
 */
export const afterKey = (columns: readonly string[], key: CursorKey, direction: 'asc' | 'desc' = 'desc'): RawBuilder<boolean> =>
  sql<boolean>`(${sql.join(columns.map((c) => sql.ref(c)))}) ${sql.raw(direction === 'desc' ? '<' : '>')} (${sql.join(key.map((v) => sql`${v}`))})`;
