/**
 * Where each projection has read the event log up to (projection_checkpoints), and the advisory lock
 * that lets one runner at a time write a projection. Each asks for every projection at once: a batch
 * of the runner spends one round trip on all of them, not one per projection.
 */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import { sql } from 'kysely';
import type { AnyProjection } from './projection.js';

/**
 * The projection's advisory lock: `hashtext('projection:' || schema || '.' || name)`. Advisory locks are
 * per database, not per schema, so the schema is part of the key: the same projection in two schemas
 * (tenants, or test workers) never waits on the other.
 */
export const lockKey = (name: string) => sql`hashtext('projection:' || current_schema() || '.' || ${name})`;

/** The stored (encoded) checkpoints; null for a projection that never ran. */
export const readCheckpoints = async (db: Db, names: readonly string[]): Promise<Map<string, string | null>> => {
  const out = new Map<string, string | null>(names.map((n) => [n, null]));
  if (names.length === 0) return out;
  const { rows } = await sql<{ name: string; position: string }>`
    SELECT name, position FROM projection_checkpoints WHERE name = ANY(${names as string[]}::text[])`.execute(db);
  for (const r of rows) out.set(r.name, r.position);
  return out;
};

export const writeCheckpoints = async (db: Db, written: readonly { readonly projection: AnyProjection; readonly position: string }[]): Promise<void> => {
  if (written.length === 0) return;
  await db
    .insertInto('projection_checkpoints')
    .values(written.map(({ projection, position }) => ({ name: projection.name, position, version: projection.version, updated_at: sql`now()` })))
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ position: sql.ref('excluded.position'), version: sql.ref('excluded.version'), updated_at: sql.ref('excluded.updated_at') }),
    )
    .execute();
};

/** The version a projection's stored rows were built with; null when it never ran. */
export const storedVersion = async (db: Db, name: string): Promise<number | null> => {
  const { rows } = await sql<{ version: number }>`SELECT version FROM projection_checkpoints WHERE name = ${name}`.execute(db);
  return rows[0] ? toNumber(rows[0].version) : null;
};

/** Takes, inside the caller's transaction, each projection's lock that is free; returns the names taken. */
export const tryLocks = async (trx: Db, names: readonly string[]): Promise<Set<string>> => {
  const { rows } = await sql<{ name: string; locked: boolean }>`
    SELECT name, pg_try_advisory_xact_lock(hashtext('projection:' || current_schema() || '.' || name)) AS locked
      FROM unnest(${names as string[]}::text[]) AS t(name)`.execute(trx);
  return new Set(rows.filter((r) => r.locked).map((r) => r.name));
};
