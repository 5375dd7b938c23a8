/** The schema migrates forward from any earlier deployment, whichever package added a migration. */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '@oms/adapters';
import { migrateToLatest, openDatabase } from '@oms/adapters';
import type { Db } from '@oms/adapters';

const table = (name: string) => ({ up: async (db: Db) => void (await sql`CREATE TABLE ${sql.table(name)} (id int)`.execute(db)) });

describe('migrations', () => {
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
  });

  it('apply a package’s new migration even when another package’s later-numbered one is already applied', async () => {
    database = await openDatabase({});
    await migrateToLatest(database.db, { '0100_read_models': table('read_model') }, { '0200_api_keys': table('api_key') });
    await migrateToLatest(database.db, { '0100_read_models': table('read_model'), '0101_read_model_v2': table('read_model_v2') }, { '0200_api_keys': table('api_key') });
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(database.db);
    expect(rows.map((r) => r.name)).toEqual(['0001_event_store', '0100_read_models', '0101_read_model_v2', '0200_api_keys']);
    const { rows: tables } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'read_model_v2'`.execute(database.db);
    expect(tables[0]?.n).toBe(1);
  });
});
