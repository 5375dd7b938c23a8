import { CompiledQuery, sql } from 'kysely';
import type { Db } from './db.js';
import { toBigInt, toNumber } from './db.js';
import { prepared } from './preparedStatements.js';
import { ZERO_HASH } from './eventHash.js';
import type { EventMetadata, GlobalPosition, ReadStreamResult, RecordedEvent } from './eventStore.js';

export interface EventRow {
  global_position: number | string;
  transaction_id: string | number;
  stream_id: string;
  stream_revision: number | string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  recorded_at: Date | string;
  hash: string;
}

/** The columns a RecordedEvent is made of (xid8 and uuid as text: the drivers hand those over as they are). */
export const EVENT_COLUMNS_SQL = `global_position, transaction_id::text AS transaction_id, stream_id, stream_revision,
  event_id::text AS event_id, type, data, metadata, recorded_at, hash`;

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  streamRevision: toNumber(row.stream_revision),
  type: row.type,
  data: row.data,
  metadata: row.metadata as EventMetadata,
  position: { transactionId: toBigInt(row.transaction_id), globalPosition: toNumber(row.global_position) },
  recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : new Date(row.recorded_at).toISOString(),
  hash: row.hash,
});

/**
 * Events after `after` in global order. Only transactions below the current snapshot's xmin are read:
 * every transaction below it has ended, so nothing can later appear behind the returned position.
 * Takes any executor (the pool or a transaction), so a projection runner reads inside its own transaction.
 */
export const readAllEvents = async (db: Db, options: { after: GlobalPosition; limit: number }): Promise<RecordedEvent[]> => {
  const { rows } = await sql<EventRow>`
    SELECT global_position, transaction_id::text AS transaction_id, stream_id, stream_revision, event_id::text AS event_id,
           type, data, metadata, recorded_at, hash
      FROM events
     WHERE (events.transaction_id, events.global_position) > (${options.after.transactionId.toString()}::xid8, ${options.after.globalPosition}::bigint)
       AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
     -- Qualified: a bare name in ORDER BY means the output column, here the ::text alias, which sorts '1000' before '999'.
     ORDER BY events.transaction_id, events.global_position
     LIMIT ${options.limit}`.execute(db);
  return rows.map(toRecordedEvent);
};

/** Whole streams' rows, for every id of $1; a constant text, prepared on PostgreSQL like readStream's. */
const READ_WHOLE_STREAMS_SQL = `
  SELECT s.stream_id AS current_stream, s.revision AS current_revision, s.last_hash AS current_hash, e.*
    FROM streams s
    LEFT JOIN LATERAL (
      SELECT ${EVENT_COLUMNS_SQL}
        FROM events WHERE events.stream_id = s.stream_id ORDER BY stream_revision
    ) e ON true
   WHERE s.stream_id = ANY($1::text[])
   ORDER BY s.stream_id, e.stream_revision`;
const PREPARED_READ_WHOLE_STREAMS_SQL = prepared(READ_WHOLE_STREAMS_SQL);

/**
 * Whole streams, one round trip for all of them (a batch of commands reads thousands); -1 for a missing
 * one. `preparedStatements: false` sends it unnamed (behind a transaction-pooling PgBouncer).
 */
export const readWholeStreams = async (
  db: Db,
  streamIds: readonly string[],
  options: { readonly preparedStatements?: boolean } = {},
): Promise<ReadonlyMap<string, ReadStreamResult>> => {
  const results = new Map<string, { revision: number; lastHash: string; events: RecordedEvent[] }>(streamIds.map((id) => [id, { revision: -1, lastHash: ZERO_HASH, events: [] }]));
  if (streamIds.length === 0) return results;
  const text = options.preparedStatements === false ? READ_WHOLE_STREAMS_SQL : PREPARED_READ_WHOLE_STREAMS_SQL;
  const { rows } = await db.executeQuery<Partial<EventRow> & { current_stream: string; current_revision: number | string; current_hash: string }>(
    CompiledQuery.raw(text, [[...new Set(streamIds)]]),
  );
  for (const row of rows) {
    const result = results.get(row.current_stream);
    if (!result) continue;
    result.revision = toNumber(row.current_revision);
    result.lastHash = row.current_hash;
    if (row.event_id != null) result.events.push(toRecordedEvent(row as EventRow));
  }
  return results;
};
