/**
 * The projection contract. A projection folds the events of one event union (order events by
 * default; any `{ type, data }` union works) into the rows of one plain table, one row per key; an
 * event may touch several rows (CS 완료 of many entries, 입고예정 of many products). The runner
 * (runner.ts) loads the rows an event batch touches, evolves them in memory and writes them back
 * together with the projection's checkpoint in one transaction.
 */
import type { Db, RecordedEvent } from '@oms/adapters';
import type { OrderEvent } from '@oms/domain';

/** What every event union a projection can fold looks like. */
export interface AnyEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * The envelope a projection is handed, typed per event: narrowing on `type` narrows `data`.
 * `position` is the store's position in its ENCODED form (PositionCodec.encode): opaque, but
 * order-preserving as text, so a projection may keep it in a row and compare it with `<`, whichever
 * store feeds the runner.
 */
export type Recorded<E extends AnyEvent> = E extends AnyEvent ? RecordedEvent<E['type'], E['data'], string> : never;

/** An order event as a projection is handed it. */
export type RecordedOrderEvent<E extends OrderEvent = OrderEvent> = Recorded<E>;

/** A column value as handed to / read from the database driver. */
export type DbRow = Record<string, unknown>;

export interface Projection<Row = unknown, E extends AnyEvent = OrderEvent> {
  /** Stable name: the checkpoint's key and the advisory lock's name. */
  readonly name: string;
  /**
   * Bump when evolve's output or the table changes: at start the runner rebuilds every projection
   * whose stored version differs (see ProjectionRunner.upgrade), so read models never mix old and new.
   */
  readonly version: number;
  /** The read-model table the rows live in. */
  readonly table: string;
  /** The table's primary-key column. */
  readonly key: string;
  /** The event types this projection folds (explicit: a new event type is a deliberate change). */
  readonly handles: readonly E['type'][];
  /** The primary-key values of the rows an event affects, each once; none when it changes nothing here. */
  keysOf(e: Recorded<E>): readonly (string | number)[];
  /**
   * Evolves the row under one of `keysOf(e)` with the event; called once per key.
   * PURE (no I/O, no clock: times come from `e.metadata.occurredAt` / `e.recordedAt`) and IDEMPOTENT
   * (applying an event that is already reflected in the row returns the row unchanged: the very same
   * object, which also tells the runner there is nothing to write). null = no row / delete the row.
   * `key` is that key. A projection whose row the event names by itself (order_list, cs_history) may
   * ignore it; one whose event fans out to rows it cannot tell apart when they do not exist yet
   * (expected_inbound: one per product) needs it.
   */
  evolve(row: Row | null, e: Recorded<E>, key: string | number): Row | null;
  /** Row → column values for the driver (jsonb as JSON text, times as ISO strings). */
  toDb(row: Row): DbRow;
  /** Column values as the driver returns them (pg: int8 as string, timestamptz as Date; PGlite: numbers) → Row. */
  fromDb(raw: DbRow): Row;
  /**
   * After a rebuild swapped the fresh table in, in the same transaction: refill what a trigger keeps
   * equal to the table (the fresh table was filled without it). Only order_list has one (order_search).
   */
  afterSwap?(trx: Db): Promise<void>;
}

/** Any projection, whatever its row type and event union (the runner works on the erased form). */
export type AnyProjection = Projection<any, any>;

export const handlesEvent = (projection: AnyProjection, e: { readonly type: string }): boolean =>
  (projection.handles as readonly string[]).includes(e.type);

/** keysOf, without repeats (a projection that lists a key twice must still evolve its row once). */
export const uniqueKeysOf = (projection: AnyProjection, e: RecordedEvent<string, unknown, string>): readonly (string | number)[] => {
  const seen = new Set<string>();
  return projection.keysOf(e).filter((k) => {
    const s = String(k);
    if (seen.has(s)) return false;
    seen.add(s);
    return true;
  });
};

/**
 * Applies events to an in-memory table exactly like the runner: load by key, evolve per key, null =
 * absent. The runner's semantics without a database: the tests' oracle, and the as-of reads (an
 * order's CS 이력 as it stood at a revision, folded from its own events).
 */
export const foldRows = <Row>(projection: AnyProjection, events: readonly RecordedEvent<string, unknown, string>[], table = new Map<string, Row>()): Map<string, Row> => {
  for (const e of events) {
    if (!handlesEvent(projection, e)) continue;
    for (const k of uniqueKeysOf(projection, e)) {
      const key = String(k);
      const next = projection.evolve(table.get(key) ?? null, e, k) as Row | null;
      if (next === null) table.delete(key);
      else table.set(key, next);
    }
  }
  return table;
};
