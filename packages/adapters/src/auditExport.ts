/**
 * Events for auditors to take away: one JSON line per event AS STORED, with its hash and the hash it
 * was chained from, so a file can be re-verified offline with eventHash.ts alone (each line's hash
 * from its own content and previousHash; each previousHash against the line before it in its stream).
 */
import type { Db } from './db.js';
import { sql, toNumber } from './db.js';
import { ZERO_HASH } from './eventHash.js';
import type { EventRow } from './readAll.js';
import { toRecordedEvent } from './readAll.js';
import type { EventLog, PositionCodec, RecordedEvent } from './eventStore.js';
import { postgresPositions } from './eventStore.js';

export interface ExportedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: string;
  /** The event's place in the whole log, as the store encodes it (order-preserving as text). */
  readonly position: string;
  /** The stored hash of the stream's event at revision − 1 (the zero hash at 0; null when that row is missing). */
  readonly previousHash: string | null;
  readonly hash: string;
}

export const exportedEvent = <P>(e: RecordedEvent<string, unknown, P>, previousHash: string | null, positions: PositionCodec<P>): ExportedEvent => ({
  streamId: e.streamId,
  revision: e.streamRevision,
  eventId: e.id,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt,
  position: positions.encode(e.position),
  previousHash,
  hash: e.hash,
});

/** A stream's events (in revision order, from its first) as lines, each chained from the one before. */
export const exportedStream = <P>(events: readonly RecordedEvent<string, unknown, P>[], positions: PositionCodec<P>): ExportedEvent[] => {
  let previous: string | null = ZERO_HASH;
  let expected = 0;
  return events.map((e) => {
    const line = exportedEvent(e, e.streamRevision === expected ? previous : null, positions);
    previous = e.hash;
    expected = e.streamRevision + 1;
    return line;
  });
};

/** What was recorded from `from` (inclusive) to `to` (exclusive). */
export interface RecordedRange {
  readonly from: Date;
  readonly to: Date;
}

export const countEventsRecorded = async (db: Db, range: RecordedRange): Promise<number> => {
  const { rows } = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM events WHERE recorded_at >= ${range.from.toISOString()}::timestamptz AND recorded_at < ${range.to.toISOString()}::timestamptz`.execute(db);
  return toNumber(rows[0]?.n ?? 0);
};

/**
 * The events recorded in the range, in global order, in pages of `pageSize`; each with its
 * predecessor's stored hash (one key lookup per row). Only committed transactions below the snapshot's
 * xmin are read, as readAll does, so paging on never skips one.
 */
export async function* eventsRecorded(db: Db, range: RecordedRange, pageSize = 1000): AsyncGenerator<ExportedEvent[]> {
  let after = { transactionId: '0', globalPosition: 0 };
  for (;;) {
    const { rows } = await sql<EventRow & { previous_hash: string | null }>`
      SELECT e.global_position, e.transaction_id::text AS transaction_id, e.stream_id, e.stream_revision, e.event_id::text AS event_id,
             e.type, e.data, e.metadata, e.recorded_at, e.hash,
             CASE WHEN e.stream_revision = 0 THEN ${ZERO_HASH} ELSE p.hash END AS previous_hash
        FROM events e
        LEFT JOIN events p ON p.stream_id = e.stream_id AND p.stream_revision = e.stream_revision - 1
       WHERE e.recorded_at >= ${range.from.toISOString()}::timestamptz AND e.recorded_at < ${range.to.toISOString()}::timestamptz
         AND (e.transaction_id, e.global_position) > (${after.transactionId}::xid8, ${after.globalPosition}::bigint)
         AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.transaction_id, e.global_position
       LIMIT ${pageSize}`.execute(db);
    const last = rows[rows.length - 1];
    if (!last) return;
    yield rows.map((r) => exportedEvent(toRecordedEvent(r), r.previous_hash, postgresPositions));
    after = { transactionId: String(last.transaction_id), globalPosition: toNumber(last.global_position) };
  }
}

/**
 * The same from any store's whole log (a KurrentDB store has no table to query by recordedAt): the log
 * read in global order, each event's predecessor hash remembered per stream, the events recorded in
 * the range kept. Reads the whole log, however short the range.
 */
export async function* eventsRecordedInLog<P>(log: EventLog<P>, range: RecordedRange, pageSize = 1000): AsyncGenerator<ExportedEvent[]> {
  const tips = new Map<string, { readonly revision: number; readonly hash: string }>();
  const [from, to] = [range.from.getTime(), range.to.getTime()];
  for (let after = log.positions.start; ; ) {
    const page = await log.readAll({ after, limit: pageSize });
    const last = page.at(-1);
    if (!last) return;
    const lines: ExportedEvent[] = [];
    for (const e of page) {
      const tip = tips.get(e.streamId);
      const previous = e.streamRevision === 0 ? ZERO_HASH : tip?.revision === e.streamRevision - 1 ? tip.hash : null;
      tips.set(e.streamId, { revision: e.streamRevision, hash: e.hash });
      const at = Date.parse(e.recordedAt);
      if (at >= from && at < to) lines.push(exportedEvent(e, previous, log.positions));
    }
    if (lines.length > 0) yield lines;
    after = last.position;
  }
}
