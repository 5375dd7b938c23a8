/**
 * pg_trgm: the trigram indexes that answer substring searches (`LIKE '%…%'`) without scanning. The
 * extension belongs to the database, not to a schema: it is created once, in `public`, and found
 * wherever it already is, so every schema (tenants, test workers) indexes with the same operator class.
 */
import type { Db } from '@oms/adapters';
import { quoteIdent } from '@oms/adapters';
import type { Migration, RawBuilder } from 'kysely';
import { sql } from 'kysely';

export const createTrigramExtension: Migration = {
  async up(db: Db) {
    // Two schemas migrating at once would both try to create it: one waits for the other's commit.
    await sql`SELECT pg_advisory_xact_lock(hashtext('oms:create-extension:pg_trgm'))`.execute(db);
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
  },
  // Other schemas may index with it: it stays.
  async down() {},
};

/** `gin_trgm_ops`, qualified with the schema the extension lives in (not necessarily on the search path). */
export const trigramOps = async (db: Db): Promise<RawBuilder<unknown>> => {
  const { rows } = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('pg_trgm is not installed: the 0160_pg_trgm migration creates it.');
  return sql.raw(`${quoteIdent(schema)}.gin_trgm_ops`);
};
