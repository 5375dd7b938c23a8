import { sql } from 'kysely';
import type { Db } from './db.js';
import { toBigInt, toNumber } from './db.js';
import type { EventMetadata, GlobalPosition, RecordedEvent } from './eventStore.js';

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
}

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  streamRevision: toNumber(row.stream_revision),
  type: row.type,
  data: row.data,
  metadata: row.metadata as EventMetadata,
  position: { transactionId: toBigInt(row.transaction_id), globalPosition: toNumber(row.global_position) },
  recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : new Date(row.recorded_at).toISOString(),
});

/**
 * Events after `after` in global order. Only transactions below the current snapshot's xmin are read:
 * every transaction below it has ended, so nothing can later appear behind the returned position.
 * Takes any executor (the pool or a transaction), so a projection runner reads inside its own transaction.
 */
export const readAllEvents = async (db: Db, options: { after: GlobalPosition; limit: number }): Promise<RecordedEvent[]> => {
  const { rows } = await sql<EventRow>`
    SELECT global_position, transaction_id::text AS transaction_id, stream_id, stream_revision, event_id::text AS event_id,
           type, data, metadata, recorded_at
      FROM events
     WHERE (events.transaction_id, events.global_position) > (${options.after.transactionId.toString()}::xid8, ${options.after.globalPosition}::bigint)
       AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
     -- Qualified: a bare name in ORDER BY means the output column, here the ::text alias, which sorts '1000' before '999'.
     ORDER BY events.transaction_id, events.global_position
     LIMIT ${options.limit}`.execute(db);
  return rows.map(toRecordedEvent);
};
