/** The schema migrates forward from any earlier deployment, whichever package added a migration. */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '@oms/adapters';
import { eventHash, eventStoreMigrations, migrateToLatest, openDatabase, PostgresEventStore, ZERO_HASH } from '@oms/adapters';
import { Migrator } from 'kysely';
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
    expect(rows.map((r) => r.name)).toEqual(['0001_event_store', '0002_event_hash_chain', '0003_kurrent_event_ids', '0100_read_models', '0101_read_model_v2', '0200_api_keys']);
    const { rows: tables } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'read_model_v2'`.execute(database.db);
    expect(tables[0]?.n).toBe(1);
  });

  it('0002 hashes the events stored before it, each stream in revision order from the rows as stored, and appends chain on', async () => {
    const old = await openDatabase({});
    try {
      const first = eventStoreMigrations['0001_event_store'];
      if (!first) throw new Error('no 0001');
      await new Migrator({ db: old.db, provider: { getMigrations: async () => ({ '0001_event_store': first }) } }).migrateToLatest();
      // Two streams as a deployment before the chain left them, rows inserted out of stream order.
      const rows = [
        ['order-1', 0, 'OrderPlaced', { no: 1, lines: [{ q: 2 }] }],
        ['order-1', 1, 'OrderHeld', { memo: '주소 확인' }],
        ['order-2', 0, 'OrderPlaced', { no: 2 }],
        ['order-1', 2, 'OrderReleased', {}],
      ] as const;
      for (const [stream, revision, type, data] of rows) {
        await sql`INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata)
                  VALUES (${stream}, ${revision}, gen_random_uuid(), ${type}, ${JSON.stringify(data)}::jsonb, ${JSON.stringify({ actor: 'a', schemaVersion: 1 })}::jsonb)`.execute(old.db);
      }
      await sql`INSERT INTO streams (stream_id, revision) VALUES ('order-1', 2), ('order-2', 0)`.execute(old.db);
      await migrateToLatest(old.db);
      const store = new PostgresEventStore(old.db);
      const one = await store.readStream('order-1');
      let previous = ZERO_HASH;
      for (const e of one.events) {
        expect(e.hash).toBe(eventHash(e, previous));
        previous = e.hash;
      }
      expect(one.lastHash).toBe(previous);
      expect((await store.readStream('order-2')).events[0]?.hash).toBe(eventHash({ type: 'OrderPlaced', data: { no: 2 }, metadata: { actor: 'a', schemaVersion: 1 } }, ZERO_HASH));
      const appended = await store.append('order-1', [{ id: crypto.randomUUID(), type: 'OrderHeld', data: {}, metadata: { actor: 'b', role: 'cs', occurredAt: '2026-01-01T00:00:00Z', schemaVersion: 1 } }], { expected: 2, previousHash: previous });
      expect((await store.readStream('order-1', { fromRevision: 3 })).events[0]?.hash).toBe(appended.lastHash);
      await expect(sql`INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES ('x', 0, gen_random_uuid(), 't', '{}', '{}')`.execute(old.db)).rejects.toThrow(/hash/);
    } finally {
      await old.close();
    }
  });
});
