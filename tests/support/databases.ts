/**
 * The databases every integration test runs against: the embedded PGlite always, and the real
 * PostgreSQL when DATABASE_URL is set (as .ci/run does). One instance of each per test worker,
 * shared by that worker's files (PGlite takes seconds to open); on PostgreSQL each worker works in
 * its own schema so parallel workers never see each other's rows.
 */
import type { Database } from '@oms/adapters';
import { migrateToLatest, openDatabase } from '@oms/adapters';
import { projectionMigrations } from '@oms/projections';
import type { Migration } from 'kysely';

export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  /** Opens (once per worker) and migrates. */
  readonly open: () => Promise<Database>;
}

/** The migrations of every package that owns tables, on top of the event store's. */
const extraMigrations: Record<string, Migration>[] = [projectionMigrations];

const cache = new Map<string, Promise<Database>>();
const workerId = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0';

const once = (name: string, make: () => Promise<Database>) => (): Promise<Database> => {
  let p = cache.get(name);
  if (!p) {
    p = make().then(async (d) => {
      await migrateToLatest(d.db, ...extraMigrations);
      return d;
    });
    cache.set(name, p);
  }
  return p;
};

export const databaseUrl = process.env.DATABASE_URL;

if (process.env.CI && !databaseUrl) {
  throw new Error('CI must run the integration tests on PostgreSQL too: set DATABASE_URL.');
}

export const pgliteDatabase: TestDatabase = { name: 'pglite', open: once('pglite', () => openDatabase({})) };

/** The schema this worker's shared PostgreSQL database works in. */
export const postgresSchema = `test_w${workerId}_${process.pid}`;

export const postgresDatabase: TestDatabase | null = databaseUrl
  ? { name: 'postgres', open: once('postgres', () => openDatabase({ databaseUrl, schema: postgresSchema })) }
  : null;

/**
 * A second, separate pool on the same schema as the shared PostgreSQL database (for tests that need
 * two sessions racing each other). Opens (and migrates) the shared one first; the caller closes it.
 */
export const openSecondPostgresConnection = async (poolSize?: number): Promise<Database> => {
  if (!postgresDatabase || !databaseUrl) throw new Error('A second PostgreSQL connection needs DATABASE_URL.');
  await postgresDatabase.open();
  return openDatabase({ databaseUrl, schema: postgresSchema, poolSize });
};

/** PGlite, plus PostgreSQL when DATABASE_URL is set. */
export const testDatabases: readonly TestDatabase[] = postgresDatabase ? [pgliteDatabase, postgresDatabase] : [pgliteDatabase];

export const uniqueSuffix = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
