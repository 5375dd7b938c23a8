/**
 * KurrentDB finds events by stream and position, never by id, so the KurrentDB store records where
 * each event id goes BEFORE it appends (an intent): every id that landed is in the index, and one
 * whose event is not in the recorded stream never landed (the append failed or lost a race) and is
 * ignored. So findEvent costs one lookup here plus one read of that stream, and a miss (the common
 * case: a new command) costs the lookup alone.
 */
import type { Db } from '../db.js';
import { sql } from 'kysely';

export interface EventIdIndex {
  /** Records (or re-points) the stream each id is about to be appended to. */
  record(entries: readonly { readonly eventId: string; readonly streamId: string }[]): Promise<void>;
  /** The stream recorded for each known id (ids lower-cased). */
  streamsOf(eventIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** The index in the SQL database that holds the read models (table kurrent_event_ids, migration 0003). */
export class SqlEventIdIndex implements EventIdIndex {
  constructor(private readonly db: Db) {}

  async record(entries: readonly { readonly eventId: string; readonly streamId: string }[]): Promise<void> {
    if (entries.length === 0) return;
    const ids = entries.map((e) => e.eventId.toLowerCase());
    const streams = entries.map((e) => e.streamId);
    await sql`INSERT INTO kurrent_event_ids (event_id, stream_id)
              SELECT * FROM unnest(${ids}::text[], ${streams}::text[])
              ON CONFLICT (event_id) DO UPDATE SET stream_id = excluded.stream_id`.execute(this.db);
  }

  async streamsOf(eventIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (eventIds.length === 0) return new Map();
    const ids = eventIds.map((id) => id.toLowerCase());
    const { rows } = await sql<{ event_id: string; stream_id: string }>`SELECT event_id, stream_id FROM kurrent_event_ids WHERE event_id = ANY(${ids}::text[])`.execute(this.db);
    return new Map(rows.map((r) => [r.event_id, r.stream_id]));
  }
}
