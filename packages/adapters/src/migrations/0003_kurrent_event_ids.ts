import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Where each event id was meant to go, for the KurrentDB store (kurrent/eventIdIndex.ts): KurrentDB
 * has no index by event id. Empty when the events live in PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kurrent_event_ids')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .execute();
  await sql`COMMENT ON TABLE kurrent_event_ids IS 'KurrentDB store only: the stream each event id was appended to (written before the append; an id whose event is not in that stream never landed).'`.execute(db);
  await sql`COMMENT ON COLUMN kurrent_event_ids.event_id IS 'The event id (the port''s and KurrentDB''s): unique here, so a retried command is recognised by one lookup.'`.execute(db);
  await sql`COMMENT ON COLUMN kurrent_event_ids.stream_id IS 'The stream the event was appended to (or was about to be).'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kurrent_event_ids').execute();
}
