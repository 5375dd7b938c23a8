/**
 * The event store on PostgreSQL and on the embedded PGlite (both are PostgreSQL, one code path).
 *
 * An append is ONE statement, one round trip: a CTE moves the stream's row in `streams` forward
 * (that is the optimistic check: the row only moves when the expectation holds) and inserts the
 * events numbered from the revision it returned. The same row holds the stream's last hash: the
 * statement moves it only when it is the previousHash the events were chained from (eventHash.ts),
 * so the chain is checked and extended in that one statement too. Only on failure does a follow-up
 * query run:
 *  - zero rows back: the expectation failed. If the ids are all stored in this stream, in order, it
 *    is a retried command (alreadyAppended, the original result) — so a retry with its original,
 *    now stale, exact revision or no_stream is recognised; otherwise WrongExpectedRevision;
 *  - unique violation on events_event_id_key (the expectation held: any, stream_exists, or a retry
 *    racing its original): after the rollback, a retried command (alreadyAppended) or, when the ids
 *    are stored elsewhere, DuplicateEventId.
 *
 * PGlite serialises connections: inside a transaction only ever use the transaction handle.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Db } from './db.js';
import { toBigInt, toNumber } from './db.js';
import type {
  AppendExpectation,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadStreamResult,
  RecordedEvent,
  StreamAppend,
} from './eventStore.js';
import { DuplicateEventId, postgresPositions, START, WrongExpectedRevision, WrongPreviousHash } from './eventStore.js';
import { ZERO_HASH } from './eventHash.js';
import type { EventRow } from './readAll.js';
import { EVENT_COLUMNS_SQL, readAllEvents, readWholeStreams, toRecordedEvent } from './readAll.js';
import { appendsAtOnce, appendStreams } from './appendStreams.js';
import { prepared } from './preparedStatements.js';
import type { AppendOptions, AppendRow } from './appendStatement.js';
import { appendMode, appendResultFromRow, appendStatement, expectedRevisionOf } from './appendStatement.js';

const UNIQUE_VIOLATION = '23505';
const EVENT_ID_KEY = 'events_event_id_key';

const isEventIdViolation = (error: unknown): boolean => {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return !!e && e.code === UNIQUE_VIOLATION && e.constraint === EVENT_ID_KEY;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * readStream: the stream's revision (no row: a missing stream) beside its events from $2, at most $3
 * (NULL: all), one row with NULL event columns when none is left — so a revision-only read
 * (fromRevision past the end) still answers the current revision in the same round trip. A constant
 * text, sent as a named prepared statement like the append: planning this join cost about three times
 * its execution (EXPLAIN ANALYZE: 0.13–0.23 ms planning, 0.04–0.08 ms executing for 10 events), and
 * most of a short read's server time went there.
 */
const READ_STREAM_SQL = `
  SELECT s.revision AS current_revision, s.last_hash AS current_hash, e.*
    FROM (SELECT revision, last_hash FROM streams WHERE stream_id = $1::text) s
    LEFT JOIN LATERAL (
      SELECT ${EVENT_COLUMNS_SQL}
        FROM events
       WHERE stream_id = $1::text AND stream_revision >= $2::bigint
       ORDER BY stream_revision
       LIMIT $3::bigint
    ) e ON true
   ORDER BY e.stream_revision`;
const PREPARED_READ_STREAM_SQL = prepared(READ_STREAM_SQL);

const FIND_EVENT_SQL = `SELECT ${EVENT_COLUMNS_SQL} FROM events WHERE event_id = $1::uuid`;
const PREPARED_FIND_EVENT_SQL = prepared(FIND_EVENT_SQL);

interface StreamState {
  /** -1 when the stream does not exist. */
  readonly revision: number;
  /** The stored events carrying any of the looked-up ids. */
  readonly stored: readonly { id: string; streamId: string; streamRevision: number; position: GlobalPosition; hash: string }[];
  /** Position of the stream's last event (START when none). */
  readonly lastPosition: GlobalPosition;
  /** The stream's last hash (ZERO_HASH when it does not exist). */
  readonly lastHash: string;
}

/** One query: the stream's revision and last position, and where the given ids are already stored. */
const streamState = async (db: Db, streamId: string, ids: readonly string[]): Promise<StreamState> => {
  const { rows } = await sql<{
    kind: 'stream' | 'event';
    stream_id: string | null;
    revision: number | string | null;
    event_id: string | null;
    transaction_id: string | null;
    global_position: number | string | null;
    hash: string | null;
  }>`
    SELECT 'stream' AS kind, s.stream_id, s.revision, NULL::text AS event_id,
           e.transaction_id::text AS transaction_id, e.global_position, s.last_hash AS hash
      FROM streams s
      LEFT JOIN events e ON e.stream_id = s.stream_id AND e.stream_revision = s.revision
     WHERE s.stream_id = ${streamId}
    UNION ALL
    SELECT 'event', stream_id, stream_revision, event_id::text, transaction_id::text, global_position, hash
      FROM events
     WHERE event_id = ANY(${ids as string[]}::uuid[])`.execute(db);
  let revision = -1;
  let lastPosition: GlobalPosition = START;
  let lastHash = ZERO_HASH;
  const stored: StreamState['stored'][number][] = [];
  for (const r of rows) {
    const position =
      r.transaction_id !== null && r.global_position !== null
        ? { transactionId: toBigInt(r.transaction_id), globalPosition: toNumber(r.global_position) }
        : START;
    if (r.kind === 'stream') {
      revision = toNumber(r.revision);
      lastPosition = position;
      lastHash = r.hash ?? ZERO_HASH;
    } else {
      stored.push({ id: r.event_id ?? '', streamId: r.stream_id ?? '', streamRevision: toNumber(r.revision), position, hash: r.hash ?? ZERO_HASH });
    }
  }
  return { revision, stored, lastPosition, lastHash };
};

/**
 * Why nothing was written. Every id stored in this stream, in order, at consecutive revisions: a
 * retried command, answered with the original result. Some id stored otherwise: DuplicateEventId.
 * No id stored: the expectation failed, WrongExpectedRevision with the actual revision — or it held
 * and the stream's last hash is not the one chained from, WrongPreviousHash.
 */
const explainNoWrite = (append: StreamAppend, state: StreamState, previousHash: string): AppendResult => {
  const { streamId, events, expected } = append;
  if (state.stored.length > 0) {
    const byId = new Map(state.stored.map((s) => [s.id.toLowerCase(), s]));
    const first = byId.get(events[0]?.id.toLowerCase() ?? '');
    const isRetry =
      first !== undefined &&
      events.every((e, i) => {
        const s = byId.get(e.id.toLowerCase());
        return s !== undefined && s.streamId === streamId && s.streamRevision === first.streamRevision + i;
      });
    if (isRetry) {
      const last = byId.get(events[events.length - 1]?.id.toLowerCase() ?? '');
      return {
        streamId,
        nextExpectedRevision: last?.streamRevision ?? first.streamRevision,
        position: last?.position ?? first.position,
        alreadyAppended: true,
        lastHash: last?.hash ?? first.hash,
      };
    }
    const offending = events.find((e) => {
      const s = byId.get(e.id.toLowerCase());
      return s !== undefined && s.streamId !== streamId;
    }) ?? events.find((e) => byId.has(e.id.toLowerCase()));
    throw new DuplicateEventId(offending?.id ?? state.stored[0]?.id ?? '');
  }
  if (!expectationHolds(expected, state.revision)) throw new WrongExpectedRevision(streamId, expected, state.revision);
  throw new WrongPreviousHash(streamId, expected, state.revision, previousHash, state.lastHash);
};

const expectationHolds = (expected: ExpectedRevision, actual: number): boolean =>
  expected === 'any' ||
  ((expected === 'no_stream' || expected === -1) && actual === -1) ||
  (expected === 'stream_exists' && actual >= 0) ||
  expected === actual;

/**
 * Appends to one stream through any executor (the pool or a transaction handle): one statement on the
 * happy path. Throws WrongExpectedRevision or DuplicateEventId; a retried command whose expectation no
 * longer holds comes back with alreadyAppended. When the expectation holds but an id is already stored
 * (expected any or stream_exists, a retry racing its original, an id reused), PostgreSQL raises a
 * unique violation on events_event_id_key: it is rethrown as is, because the transaction is dead by
 * then — `PostgresEventStore.append` / `appendMany` answer it after the rollback (alreadyAppended or
 * DuplicateEventId); a caller owning the transaction (`appendInTransaction`) rolls back and asks
 * `findEvent`, or appends with exact revisions, whose retries are recognised without an error.
 */
export const appendToStream = async (db: Db, append: StreamAppend, options: AppendOptions = {}): Promise<AppendResult> => {
  const { streamId, events, expected } = append;
  if (events.length === 0) {
    const state = await streamState(db, streamId, []);
    if (!expectationHolds(expected, state.revision)) throw new WrongExpectedRevision(streamId, expected, state.revision);
    if (append.previousHash !== undefined && append.previousHash !== state.lastHash) throw new WrongPreviousHash(streamId, expected, state.revision, append.previousHash, state.lastHash);
    return { streamId, nextExpectedRevision: state.revision, position: state.lastPosition, alreadyAppended: false, lastHash: state.lastHash };
  }
  for (let attempt = 1; ; attempt++) {
    const previousHash = append.previousHash ?? (expectedRevisionOf(expected) === -1 ? ZERO_HASH : await lastHashOf(db, streamId, options));
    // A new stream chains from the zero hash: any other previousHash cannot hold.
    const written =
      appendMode(expected, previousHash) === 'no_stream' && previousHash !== ZERO_HASH ? null : await appendOnce(db, streamId, events, expected, previousHash, options);
    if (written) return written;
    try {
      return explainNoWrite(append, await streamState(db, streamId, events.map((e) => e.id)), previousHash);
    } catch (error) {
      // The hash read above was overtaken by another writer, where the expectation (any,
      // stream_exists) promises no conflict: read it again.
      if (!(error instanceof WrongPreviousHash) || append.previousHash !== undefined || attempt >= ANY_ATTEMPTS) throw error;
    }
  }
};

/** How often an append given no previousHash, expecting any or stream_exists, reads the last hash again after losing a race. */
const ANY_ATTEMPTS = 10;

const appendOnce = async (db: Db, streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, previousHash: string, options: AppendOptions): Promise<AppendResult | null> => {
  const { text, values, lastHash } = appendStatement(streamId, events, expected, previousHash, options);
  const { rows } = await db.executeQuery<AppendRow>(CompiledQuery.raw(text, values));
  return appendResultFromRow(streamId, rows[0], lastHash);
};

const LAST_HASH_SQL = `SELECT last_hash FROM streams WHERE stream_id = $1::text`;
const PREPARED_LAST_HASH_SQL = prepared(LAST_HASH_SQL);

/**
 * The extra read an append costs when its caller gives no previousHash (expected any or
 * stream_exists, tests, imports of raw events): the statement needs the hash to chain from.
 */
const lastHashOf = async (db: Db, streamId: string, options: AppendOptions): Promise<string> => {
  const { rows } = await db.executeQuery<{ last_hash: string }>(CompiledQuery.raw(options.preparedStatements === false ? LAST_HASH_SQL : PREPARED_LAST_HASH_SQL, [streamId]));
  return rows[0]?.last_hash ?? ZERO_HASH;
};

/**
 * Appends to several streams inside a transaction the caller owns (`trx`), all on `trx`: many streams
 * with exact or no_stream expectations in two statements (appendStreams.ts), otherwise — or when an
 * expectation does not hold, to say why — one statement per stream. Any failure throws and the
 * caller's transaction must roll back.
 */
export const appendInTransaction = async (
  trx: Db,
  appends: readonly StreamAppend[],
  options: AppendOptions = {},
): Promise<AppendResult[]> => {
  const written = appendsAtOnce(appends) ? await appendStreams(trx, appends, options) : null;
  const results: AppendResult[] = [];
  for (const a of appends) {
    if (!written) results.push(await appendToStream(trx, a, options));
    else results.push(written.get(a.streamId) ?? (await explainCreatedMeanwhile(trx, a)));
  }
  return results;
};

/** A no_stream append of the many-streams path whose stream another transaction created meanwhile. */
const explainCreatedMeanwhile = async (trx: Db, append: StreamAppend): Promise<AppendResult> =>
  explainNoWrite(append, await streamState(trx, append.streamId, append.events.map((e) => e.id)), append.previousHash ?? ZERO_HASH);

/**
 * After a rolled-back append that hit the event-id key: a retried command when every append's ids are
 * stored in its stream, in order (they landed together, atomically), otherwise DuplicateEventId
 * naming an id that is stored (or, with none stored, one used twice within the call).
 */
const explainDuplicate = async (db: Db, appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
  const results: AppendResult[] = [];
  const stored = new Set<string>();
  let retry = true;
  for (const a of appends) {
    const state = await streamState(db, a.streamId, a.events.map((e) => e.id));
    for (const e of state.stored) stored.add(e.id.toLowerCase());
    if (a.events.length === 0) {
      results.push({ streamId: a.streamId, nextExpectedRevision: state.revision, position: state.lastPosition, alreadyAppended: true, lastHash: state.lastHash });
    } else if (retry && state.stored.length > 0) {
      try {
        results.push(explainNoWrite(a, state, a.previousHash ?? state.lastHash));
      } catch (error) {
        if (!(error instanceof DuplicateEventId)) throw error;
        retry = false;
      }
    } else {
      retry = false;
    }
  }
  if (retry) return results;
  const ids = appends.flatMap((a) => a.events.map((e) => e.id));
  const offending =
    ids.find((id) => stored.has(id.toLowerCase())) ??
    ids.find((id, i) => ids.findIndex((o) => o.toLowerCase() === id.toLowerCase()) !== i) ??
    ids[0] ??
    '';
  throw new DuplicateEventId(offending);
};

export class PostgresEventStore implements EventStore {
  readonly positions = postgresPositions;

  constructor(
    private readonly db: Db,
    private readonly options: AppendOptions = {},
  ) {}

  async append(streamId: string, events: readonly EventToAppend[], options: AppendExpectation): Promise<AppendResult> {
    const append: StreamAppend = { streamId, events, expected: options.expected, previousHash: options.previousHash };
    try {
      return await appendToStream(this.db, append, this.options);
    } catch (error) {
      if (!isEventIdViolation(error)) throw error;
      const [result] = await explainDuplicate(this.db, [append]);
      if (!result) throw error;
      return result;
    }
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const results = await appendInTransaction(trx, appends, this.options);
        // Atomic appends landed together or not at all: a retry finds every stream already appended.
        const retried = results.filter((r, i) => r.alreadyAppended && (appends[i]?.events.length ?? 0) > 0);
        const written = results.filter((r, i) => !r.alreadyAppended && (appends[i]?.events.length ?? 0) > 0);
        if (retried.length > 0 && written.length > 0) {
          throw new DuplicateEventId(appends[results.indexOf(retried[0] as AppendResult)]?.events[0]?.id ?? '');
        }
        return results;
      });
    } catch (error) {
      // The transaction has rolled back: only now may the outer handle be used again (PGlite).
      if (!isEventIdViolation(error)) throw error;
      return explainDuplicate(this.db, appends);
    }
  }

  async readStream(streamId: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<ReadStreamResult> {
    const text = this.options.preparedStatements === false ? READ_STREAM_SQL : PREPARED_READ_STREAM_SQL;
    const values = [streamId, options.fromRevision ?? 0, options.maxCount ?? null];
    const { rows } = await this.db.executeQuery<Partial<EventRow> & { current_revision: number | string; current_hash: string }>(CompiledQuery.raw(text, values));
    const first = rows[0];
    if (!first) return { revision: -1, lastHash: ZERO_HASH, events: [] };
    const events: RecordedEvent[] = [];
    for (const r of rows) if (r.event_id != null) events.push(toRecordedEvent(r as EventRow));
    return { revision: toNumber(first.current_revision), lastHash: first.current_hash, events };
  }

  readStreams(streamIds: readonly string[]): Promise<ReadonlyMap<string, ReadStreamResult>> {
    return readWholeStreams(this.db, streamIds, this.options);
  }

  readAll(options: { after: GlobalPosition; limit: number }): Promise<readonly RecordedEvent[]> {
    return readAllEvents(this.db, options);
  }

  async findEvent(id: string): Promise<RecordedEvent | null> {
    if (!UUID.test(id)) return null;
    const text = this.options.preparedStatements === false ? FIND_EVENT_SQL : PREPARED_FIND_EVENT_SQL;
    const { rows } = await this.db.executeQuery<EventRow>(CompiledQuery.raw(text, [id]));
    const row = rows[0];
    return row ? toRecordedEvent(row) : null;
  }
}
