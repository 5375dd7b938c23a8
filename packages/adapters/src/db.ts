/**
 * One way to reach the database: a Kysely instance over PostgreSQL (pg) or the embedded PGlite.
 * Everything (event store, projections, API reads) goes through it, so one schema and one set of
 * migrations serve both.
 *
 * PGlite serialises all connections: inside a transaction, only ever use the transaction handle,
 * never the outer `db`, or the two wait on each other forever.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { PreparingClient } from './preparedStatements.js';

export type Db = Kysely<any>;

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** postgres://… — when absent, the embedded PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data folder; absent → in memory. */
  readonly dataDir?: string | undefined;
  /** PostgreSQL schema to work in (created if missing); tests give each worker its own. */
  readonly schema?: string | undefined;
  readonly poolSize?: number | undefined;
}

export const openDatabase = async (config: DatabaseConfig): Promise<Database> => {
  if (config.databaseUrl) {
    if (config.schema) {
      const admin = new pg.Client({ connectionString: config.databaseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(config.schema)}`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      // Sends statements marked with `prepared()` as named prepared statements (see preparedStatements.ts).
      Client: PreparingClient,
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      // No JIT: on a table that grew faster than autovacuum analyses it, the planner's guesses cross
      // jit_above_cost and a 5 ms read (the event store's readStreams) spends 150 ms compiling itself.
      options: `-c jit=off${config.schema ? ` -c search_path=${config.schema}` : ''}`,
    });
    const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', db, close: () => db.destroy() };
  }
  // pg_trgm: the read models' substring searches (trigram indexes), as on PostgreSQL.
  const pglite = new PGlite({ dataDir: config.dataDir, extensions: { pg_trgm } });
  await pglite.waitReady;
  if (config.schema) {
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(config.schema)}; SET search_path TO ${quoteIdent(config.schema)};`);
  }
  const db: Db = new Kysely({ dialect: new PGliteDialect(pglite) });
  return { kind: 'pglite', db, close: () => db.destroy() };
};

export const quoteIdent = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return `"${name}"`;
};

/** int8 arrives as a string from pg and as a number from PGlite. */
export const toNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v as string));
export const toBigInt = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as string | number));

export { sql };
