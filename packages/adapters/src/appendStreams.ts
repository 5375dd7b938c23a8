/**
 * Many streams appended at once, in two statements instead of one per stream: a batch of commands
 * (a 10,000-row file) appends to hundreds of streams per transaction, and one round trip per stream
 * cost more than everything else the batch does. Only for exact and no_stream expectations — the
 * ones commands use — and only inside the caller's transaction (postgresEventStore.ts decides when,
 * and explains anything that was not written).
 *
 *  1. The existing streams are locked in stream-id order (the lock order every writer keeps, so two
 *     transactions never wait on each other) and their revisions and last hashes compared with the
 *     expectations: a mismatch writes nothing and answers null, so the caller appends one by one,
 *     which explains it. The lock read hands over each stream's last hash, so an append given no
 *     previousHash costs nothing more here.
 *  2. One statement moves the streams' rows forward (created for no_stream) and inserts the events
 *     with their hashes (chained in JS from the locked last hashes), in the appends' order: the same
 *     rows, positions and hashes as one statement per stream.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from './db.js';
import { toNumber } from './db.js';
import type { AppendResult, StreamAppend } from './eventStore.js';
import type { AppendRow } from './appendStatement.js';
import { appendResultFromRow, expectedRevisionOf, hashedRows } from './appendStatement.js';
import { ZERO_HASH } from './eventHash.js';
import { prepared } from './preparedStatements.js';

/** From how many streams on: below it, one statement per stream is as few round trips. */
export const MANY_STREAMS = 3;

const LOCK_SQL = `SELECT stream_id, revision, last_hash FROM streams WHERE stream_id = ANY($1::text[]) ORDER BY stream_id FOR UPDATE`;

/**
 * $1: [{ord, stream_id, expected (-1: no stream), previous_hash, last_hash, n, events: [{id, type,
 * data, metadata, hash}]}], in append order.
 */
const APPEND_STREAMS_SQL = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(ord int, stream_id text, expected bigint, previous_hash text, last_hash text, n int, events jsonb)
  ), moved AS (
    UPDATE streams s SET revision = s.revision + i.n, last_hash = i.last_hash
      FROM input i
     WHERE i.expected >= 0 AND s.stream_id = i.stream_id AND s.revision = i.expected AND s.last_hash = i.previous_hash
    RETURNING s.stream_id, s.revision
  ), created AS (
    INSERT INTO streams (stream_id, revision, last_hash)
    SELECT stream_id, n - 1, last_hash FROM input WHERE expected < 0 ORDER BY stream_id
    ON CONFLICT (stream_id) DO NOTHING
    RETURNING stream_id, revision
  ), ins AS (
    INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata, hash)
    SELECT i.stream_id, m.revision - i.n + e.ord, (e.ev->>'id')::uuid, e.ev->>'type', e.ev->'data', e.ev->'metadata', e.ev->>'hash'
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

/** Appends this path takes: enough of them, each with events, distinct streams, exact or no_stream. */
export const appendsAtOnce = (appends: readonly StreamAppend[]): boolean =>
  appends.length >= MANY_STREAMS &&
  new Set(appends.map((a) => a.streamId)).size === appends.length &&
  appends.every((a) => a.events.length > 0 && expectedRevisionOf(a.expected) !== null);

interface StreamRow extends AppendRow {
  readonly stream_id: string;
}

/**
 * null when an expectation or a previousHash does not hold (nothing written); otherwise the written
 * streams' results by stream id — one missing only when another transaction created that stream
 * meanwhile.
 */
export const appendStreams = async (trx: Db, appends: readonly StreamAppend[], options: { readonly preparedStatements?: boolean } = {}): Promise<Map<string, AppendResult> | null> => {
  const text = options.preparedStatements === false ? PLAIN : PREPARED;
  const { rows: locked } = await trx.executeQuery<{ stream_id: string; revision: number | string; last_hash: string }>(CompiledQuery.raw(text.lock, [appends.map((a) => a.streamId)]));
  const actual = new Map(locked.map((r) => [r.stream_id, { revision: toNumber(r.revision), lastHash: r.last_hash }]));
  const previousOf = (a: StreamAppend) => actual.get(a.streamId)?.lastHash ?? ZERO_HASH;
  if (appends.some((a) => (actual.get(a.streamId)?.revision ?? -1) !== expectedRevisionOf(a.expected) || (a.previousHash !== undefined && a.previousHash !== previousOf(a)))) return null;
  const input = appends.map((a, ord) => {
    const previous = previousOf(a);
    const events = hashedRows(a.events, previous);
    return { ord, stream_id: a.streamId, expected: expectedRevisionOf(a.expected), previous_hash: previous, last_hash: events[events.length - 1]?.hash ?? previous, n: a.events.length, events };
  });
  // Serialised here, so both drivers hand PostgreSQL the same JSON text.
  const { rows } = await trx.executeQuery<StreamRow>(CompiledQuery.raw(text.append, [JSON.stringify(input)]));
  const lastHashes = new Map(input.map((i) => [i.stream_id, i.last_hash]));
  const results = new Map<string, AppendResult>();
  for (const r of rows) {
    const result = appendResultFromRow(r.stream_id, r, lastHashes.get(r.stream_id) ?? ZERO_HASH);
    if (result) results.set(r.stream_id, result);
  }
  return results;
};
