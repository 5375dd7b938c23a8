/**
 * One ordered set of migrations for the whole schema: the event store's here, the read models'
 * handed in by packages/projections and the API's own (keys), merged by name.
 */
import { Migrator, sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import type { Db } from './db.js';
import * as eventStore from './migrations/0001_event_store.js';
import * as eventHashChain from './migrations/0002_event_hash_chain.js';
import * as kurrentEventIds from './migrations/0003_kurrent_event_ids.js';

export const eventStoreMigrations: Record<string, Migration> = {
  '0001_event_store': eventStore,
  '0002_event_hash_chain': eventHashChain,
  '0003_kurrent_event_ids': kurrentEventIds,
};

/** Documents a table for analysts: its comment (unless null) and its columns' (COMMENT ON …). */
export const commentOn = async (db: Db, table: string, tableComment: string | null, columns: Record<string, string>): Promise<void> => {
  if (tableComment !== null) await sql`COMMENT ON TABLE ${sql.table(table)} IS ${sql.lit(tableComment)}`.execute(db);
  for (const [column, text] of Object.entries(columns)) {
    await sql`COMMENT ON COLUMN ${sql.ref(`${table}.${column}`)} IS ${sql.lit(text)}`.execute(db);
  }
};

export const migrateToLatest = async (db: Db, ...more: Record<string, Migration>[]): Promise<void> => {
  const all = Object.assign({}, eventStoreMigrations, ...more) as Record<string, Migration>;
  const provider: MigrationProvider = { getMigrations: async () => all };
  // Kysely looks for its own tables in any schema unless told which one: pin it to the schema we
  // migrate, or a second schema on the same server (another test worker, a previous run) is taken
  // for this one and the migration lock table is "missing".
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const migrationTableSchema = rows[0]?.schema;
  // Each package numbers its own migrations in its own range (event store 00xx, read models 01xx, api 02xx)
  // and they touch only their own tables, so a new read-model migration may follow an applied api one.
  const { error, results } = await new Migrator({ db, provider, migrationTableSchema, allowUnorderedMigrations: true }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};
