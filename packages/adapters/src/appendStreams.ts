/**
 * Many streams appended at once, in two statements instead of one per stream: a batch of commands
 * (a 10,000-row file) appends to hundreds of streams per transaction, and one round trip per stream
 * cost more than everything else the batch does. Only for exact and no_stream expectations — the
 * ones commands use — and only inside the caller's transaction (postgresEventStore.ts decides when,
 * and explains anything that was not written).
 *
 *  1. The existing streams are locked in stream-id order (the lock order every writer keeps, so two
 *     transactions never wait on each other) and their revisions compared with the expectations: a
 *     mismatch writes nothing and answers null, so the caller appends one by one, which explains it.
 *  2. One statement moves the streams' rows forward (created for no_stream) and inserts the events,
 *     in the appends' order: the same rows and positions as one statement per stream.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from './db.js';
import { toNumber } from './db.js';
import type { ExpectedRevision, StreamAppend } from './eventStore.js';
import { prepared } from './preparedStatements.js';

/** From how many streams on: below it, one statement per stream is as few round trips. */
export const MANY_STREAMS = 3;

const LOCK_SQL = `SELECT stream_id, revision FROM streams WHERE stream_id = ANY($1::text[]) ORDER BY stream_id FOR UPDATE`;

/** $1: [{ord, stream_id, expected (-1: no stream), n, events: [{id, type, data, metadata}]}], in append order. */
const APPEND_STREAMS_SQL = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(ord int, stream_id text, expected bigint, n int, events jsonb)
  ), moved AS (
    UPDATE streams s SET revision = s.revision + i.n
      FROM input i
     WHERE i.expected >= 0 AND s.stream_id = i.stream_id AND s.revision = i.expected
    RETURNING s.stream_id, s.revision
  ), created AS (
    INSERT INTO streams (stream_id, revision)
    SELECT stream_id, n - 1 FROM input WHERE expected < 0 ORDER BY stream_id
    ON CONFLICT (stream_id) DO NOTHING
    RETURNING stream_id, revision
  ), ins AS (
    INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata)
    SELECT i.stream_id, m.revision - i.n + e.ord, (e.ev->>'id')::uuid, e.ev->>'type', e.ev->'data', e.ev->'metadata'
      FROM input i
      JOIN (SELECT * FROM moved UNION ALL SELECT * FROM created) m ON m.stream_id = i.stream_id,
           jsonb_array_elements(i.events) WITH ORDINALITY AS e(ev, ord)
     ORDER BY i.ord, e.ord
    RETURNING stream_id, stream_revision, global_position, transaction_id
  )
  SELECT stream_id, max(stream_revision) AS revision, max(global_position) AS global_position, max(transaction_id::text) AS transaction_id
    FROM ins
   GROUP BY stream_id`;

const PREPARED = { lock: prepared(LOCK_SQL), append: prepared(APPEND_STREAMS_SQL) };
const PLAIN = { lock: LOCK_SQL, append: APPEND_STREAMS_SQL };

/** The revision an exact or no_stream expectation names (-1: none); null for any other. */
const expectedRevisionOf = (expected: ExpectedRevision): number | null =>
  typeof expected === 'number' ? expected : expected === 'no_stream' ? -1 : null;

/** Appends this path takes: enough of them, each with events, distinct streams, exact or no_stream. */
export const appendsAtOnce = (appends: readonly StreamAppend[]): boolean =>
  appends.length >= MANY_STREAMS &&
  new Set(appends.map((a) => a.streamId)).size === appends.length &&
  appends.every((a) => a.events.length > 0 && expectedRevisionOf(a.expected) !== null);

export interface StreamRow {
  readonly stream_id: string;
  readonly revision: number | string | null;
  readonly global_position: number | string | null;
  readonly transaction_id: string | null;
}

/**
 * null when an expectation does not hold (nothing written); otherwise the written streams' rows by
 * stream id — one missing only when another transaction created that stream meanwhile.
 */
export const appendStreams = async (trx: Db, appends: readonly StreamAppend[], options: { readonly preparedStatements?: boolean } = {}): Promise<Map<string, StreamRow> | null> => {
  const text = options.preparedStatements === false ? PLAIN : PREPARED;
  const { rows: locked } = await trx.executeQuery<{ stream_id: string; revision: number | string }>(CompiledQuery.raw(text.lock, [appends.map((a) => a.streamId)]));
  const actual = new Map(locked.map((r) => [r.stream_id, toNumber(r.revision)]));
  if (appends.some((a) => (actual.get(a.streamId) ?? -1) !== expectedRevisionOf(a.expected))) return null;
  const input = JSON.stringify(
    appends.map((a, ord) => ({
      ord,
      stream_id: a.streamId,
      expected: expectedRevisionOf(a.expected),
      n: a.events.length,
      // Serialised here, so both drivers hand PostgreSQL the same JSON text.
      events: a.events.map((e) => ({ id: e.id, type: e.type, data: e.data ?? null, metadata: e.metadata })),
    })),
  );
  const { rows } = await trx.executeQuery<StreamRow>(CompiledQuery.raw(text.append, [input]));
  return new Map(rows.map((r) => [r.stream_id, r]));
};
