import { sql } from 'kysely';
import type { Db } from '../db.js';
import { eventHash, ZERO_HASH } from '../eventHash.js';

/** Rows hashed per round trip while backfilling. */
const PAGE = 1000;

/**
 * The hash chain (eventHash.ts): every event's hash, and each stream's last hash in `streams`, the
 * value an append checks in the same statement as the revision (so checking the chain's tip costs no
 * read). Events stored before this migration are hashed here, each stream in revision order, from the
 * rows as stored — an upgrade's one-off walk of the log, in pages.
 */
export const up = async (db: Db): Promise<void> => {
  await sql`ALTER TABLE events ADD COLUMN hash text`.execute(db);
  await sql`ALTER TABLE streams ADD COLUMN last_hash text`.execute(db);

  // The last row hashed (keyset paging); cast so TypeScript does not narrow it to null for good.
  let after = null as { streamId: string; revision: number } | null;
  let previous = ZERO_HASH;
  for (;;) {
    const { rows } = await sql<{ stream_id: string; stream_revision: number | string; type: string; data: unknown; metadata: unknown }>`
      SELECT stream_id, stream_revision, type, data, metadata
        FROM events
       WHERE ${after === null ? sql`true` : sql`(stream_id, stream_revision) > (${after.streamId}, ${after.revision}::bigint)`}
       ORDER BY stream_id, stream_revision
       LIMIT ${PAGE}`.execute(db);
    if (rows.length === 0) break;
    const hashed: { stream_id: string; stream_revision: number; hash: string }[] = [];
    for (const r of rows) {
      const revision = Number(r.stream_revision);
      if (r.stream_id !== after?.streamId) previous = ZERO_HASH;
      previous = eventHash(r, previous);
      after = { streamId: r.stream_id, revision };
      hashed.push({ stream_id: r.stream_id, stream_revision: revision, hash: previous });
    }
    await sql`
      UPDATE events e SET hash = v.hash
        FROM jsonb_to_recordset(${JSON.stringify(hashed)}::jsonb) AS v(stream_id text, stream_revision bigint, hash text)
       WHERE e.stream_id = v.stream_id AND e.stream_revision = v.stream_revision`.execute(db);
  }
  await sql`
    UPDATE streams s SET last_hash = coalesce(
      (SELECT e.hash FROM events e WHERE e.stream_id = s.stream_id ORDER BY e.stream_revision DESC LIMIT 1), ${ZERO_HASH})`.execute(db);

  await sql`ALTER TABLE events ALTER COLUMN hash SET NOT NULL`.execute(db);
  await sql`ALTER TABLE streams ALTER COLUMN last_hash SET NOT NULL`.execute(db);
  await sql`COMMENT ON COLUMN events.hash IS ${sql.lit(
    'Tamper evidence: lowercase hex SHA-256 of the RFC 8785 canonical JSON of {type, data, metadata, previousHash}, previousHash being the hash of this stream\'s event at revision - 1 (64 zeros at revision 0). See README "Tamper evidence and exports".',
  )}`.execute(db);
  await sql`COMMENT ON COLUMN streams.last_hash IS ${sql.lit('The hash of the stream\'s last event: every append checks it with the revision, in the same statement, so no chain is ever forked.')}`.execute(db);
};

export const down = async (db: Db): Promise<void> => {
  await sql`ALTER TABLE streams DROP COLUMN last_hash`.execute(db);
  await sql`ALTER TABLE events DROP COLUMN hash`.execute(db);
};
