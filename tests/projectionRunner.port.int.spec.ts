/**
 * The projection runner is not tied to order events nor to the PostgreSQL store: a projection of a
 * made-up stream type is fed like the order ones, a second store (in memory, its own position type)
 * feeds the same read models to the same rows, a rebuild swaps a fresh table in without the readers
 * ever seeing a half-built one, and the positions already stored survive the migration to encoded ones.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database, Db, EventLog, EventToAppend, GlobalPosition } from '@oms/adapters';
import { PostgresEventStore, START, comparePositions, migrateToLatest, openDatabase, postgresPositions } from '@oms/adapters';
import type { AnyProjection, ExpectedInboundRow, Projection } from '@oms/projections';
import { allProjections, orderListProjection, projectionMigrations, ProjectionRunner } from '@oms/projections';
import { foldRows } from '../packages/projections/src/testing/orderHistory.js';
import { databaseUrl, openSecondPostgresConnection, postgresDatabase, testDatabases, uniqueSuffix } from './support/databases.js';
import { InMemoryEventStore } from './support/inMemoryEventStore.js';
import { WAIT_MS, appendHistory, endOfLog, makeHistory, ordersOf, productsOf, scratchTable, scriptedHistory, setCheckpoint } from './support/projectionFixtures.js';

/** A stream type that is not an order: a marketplace's claims (a test-only union). */
type ClaimEvent =
  | { readonly type: 'ClaimRecorded'; readonly data: { readonly claimNo: string; readonly channel: string; readonly amount: number } }
  | { readonly type: 'ClaimWithdrawn'; readonly data: { readonly claimNo: string } };
interface ClaimRow {
  readonly claim_no: string;
  readonly channel: string;
  readonly amount: number;
  readonly withdrawn: boolean;
}

const claimsProjection = (table: string): Projection<ClaimRow, ClaimEvent> => ({
  name: `claims_${uniqueSuffix()}`,
  version: 1,
  table,
  key: 'claim_no',
  handles: ['ClaimRecorded', 'ClaimWithdrawn'],
  keysOf: (e) => [e.data.claimNo],
  evolve: (row, e) => {
    switch (e.type) {
      case 'ClaimRecorded':
        return row ?? { claim_no: e.data.claimNo, channel: e.data.channel, amount: e.data.amount, withdrawn: false };
      case 'ClaimWithdrawn':
        return row === null || row.withdrawn ? row : { ...row, withdrawn: true };
    }
  },
  toDb: (row) => ({ ...row }),
  fromDb: (raw) => ({ claim_no: String(raw.claim_no), channel: String(raw.channel), amount: Number(raw.amount), withdrawn: Boolean(raw.withdrawn) }),
});

const claimEvent = (e: ClaimEvent): EventToAppend => ({
  id: randomUUID(),
  type: e.type,
  data: e.data,
  metadata: { actor: '11번가 connector', role: 'integration', occurredAt: '2026-11-27T01:00:00.000Z', schemaVersion: 1 },
});

/** Some rows of a read-model table, decoded, keyed by primary key; `omit` drops columns that depend on the store. */
const rowsOf = async (db: Db, p: AnyProjection, table: string, column: string, values: readonly (string | number)[], omit: readonly string[] = []) => {
  if (values.length === 0) return {};
  const raw = await db.selectFrom(table).selectAll().where(column, 'in', values).orderBy(p.key).execute();
  return Object.fromEntries(
    raw.map((r) => {
      const row = { ...(p.fromDb(r) as Record<string, unknown>) };
      for (const c of omit) delete row[c];
      return [String(r[p.key]), row];
    }),
  );
};

/** What analysts and later migrations rely on: columns, index and constraint names, comments. */
const tableShape = async (db: Db, table: string) => {
  const q = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    columns: await q(sql`SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
                          WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`),
    indexes: await q(sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ${table} ORDER BY indexname`),
    constraints: await q(sql`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = ${table}::regclass ORDER BY conname`),
    comments: await q(sql`SELECT a.attname, col_description(a.attrelid, a.attnum) AS comment FROM pg_attribute a
                          WHERE a.attrelid = ${table}::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname`),
    tableComment: await q(sql`SELECT obj_description(${table}::regclass, 'pg_class') AS comment`),
  };
};

describe.each(testDatabases)('projection runner, any stream and any store, on $name', ({ name, open }) => {
  let db: Db;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = (await open()).db;
    store = new PostgresEventStore(db);
  });

  it('feeds a projection of a non-order event union, beside the order projections, skipping the events it does not handle', async () => {
    const table = `claims_${uniqueSuffix()}`;
    await sql`CREATE TABLE ${sql.table(table)} (claim_no text PRIMARY KEY, channel text NOT NULL, amount integer NOT NULL, withdrawn boolean NOT NULL)`.execute(db);
    const claims = claimsProjection(table);
    const runner = new ProjectionRunner(store, db, [claims, ...allProjections], { batchSize: 3 });
    await setCheckpoint(db, claims.name, await endOfLog(db, START));
    const [a, b] = [`C-${uniqueSuffix()}`, `C-${uniqueSuffix()}`];
    // Claim events interleaved with order events on other streams.
    const orders = await makeHistory(db, 41, 2);
    await store.append(`claim-${a}`, [claimEvent({ type: 'ClaimRecorded', data: { claimNo: a, channel: '11번가', amount: 12_000 } })], { expected: 'no_stream' });
    await appendHistory(store, orders);
    await store.append(`claim-${b}`, [claimEvent({ type: 'ClaimRecorded', data: { claimNo: b, channel: 'G마켓', amount: 3_500 } })], { expected: 'no_stream' });
    const last = await store.append(`claim-${a}`, [claimEvent({ type: 'ClaimWithdrawn', data: { claimNo: a } }), claimEvent({ type: 'ClaimWithdrawn', data: { claimNo: a } })], { expected: 0 });

    expect(await runner.waitFor(last.position, WAIT_MS)).toBe(true);
    expect(await rowsOf(db, claims, table, 'claim_no', [a, b])).toEqual({
      [a]: { claim_no: a, channel: '11번가', amount: 12_000, withdrawn: true },
      [b]: { claim_no: b, channel: 'G마켓', amount: 3_500, withdrawn: false },
    });
    expect(Object.keys(await rowsOf(db, orderListProjection, 'order_list', 'no', ordersOf(orders)))).toHaveLength(ordersOf(orders).length);
    expect(comparePositions(await runner.checkpoint(claims.name), last.position)).toBeGreaterThanOrEqual(0);

    // Rebuilt from zero (every order event of the log read and skipped): the same rows.
    const before = await rowsOf(db, claims, table, 'claim_no', [a, b]);
    expect(await runner.rebuild(claims)).toBeGreaterThan(orders.length);
    expect(await rowsOf(db, claims, table, 'claim_no', [a, b])).toEqual(before);
    await db.schema.dropTable(table).execute();
    await db.deleteFrom('projection_checkpoints').where('name', '=', claims.name).execute();
  });

  it('projections at the same checkpoint share one read of the log per batch; one behind reads on its own', async () => {
    const tables = [`claims_${uniqueSuffix()}`, `claims_${uniqueSuffix()}`, `claims_${uniqueSuffix()}`];
    for (const table of tables) await sql`CREATE TABLE ${sql.table(table)} (claim_no text PRIMARY KEY, channel text NOT NULL, amount integer NOT NULL, withdrawn boolean NOT NULL)`.execute(db);
    const [p1, p2, behind] = tables.map(claimsProjection) as [Projection<ClaimRow, ClaimEvent>, Projection<ClaimRow, ClaimEvent>, Projection<ClaimRow, ClaimEvent>];
    let reads = 0;
    const log: EventLog<GlobalPosition> = {
      positions: store.positions,
      readAll: (options) => {
        reads++;
        return store.readAll(options);
      },
    };
    const start = await endOfLog(db, START);
    const c = `C-${uniqueSuffix()}`;
    const first = await store.append(`claim-${c}`, [claimEvent({ type: 'ClaimRecorded', data: { claimNo: c, channel: '11번가', amount: 1 } })], { expected: 'no_stream' });
    for (const p of [p1, p2]) await setCheckpoint(db, p.name, first.position);
    await setCheckpoint(db, behind.name, start);
    await store.append(`claim-${c}`, [claimEvent({ type: 'ClaimWithdrawn', data: { claimNo: c } })], { expected: 0 });
    // On a shared cluster another test's open transaction can hold the log's visible end back; the
    // count below is only about sharing, so wait until the withdrawal is readable first.
    for (let i = 0; i < 400 && (await store.readAll({ after: first.position, limit: 10 })).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const runner = new ProjectionRunner(log, db, [p1, p2, behind], { batchSize: 100 });
    // p1 and p2 read once together, `behind` (from an earlier position) on its own; then all three
    // are at the end of the log and one read finds nothing more for any of them.
    await runner.catchUp();
    expect(reads).toBe(3);
    expect((await rowsOf(db, behind, tables[2] as string, 'claim_no', [c]))[c]).toMatchObject({ withdrawn: true });
    for (const [i, p] of [p1, p2].entries()) expect(await rowsOf(db, p, tables[i] as string, 'claim_no', [c])).toEqual({});
    for (const table of tables) await db.schema.dropTable(table).execute();
    await db.deleteFrom('projection_checkpoints').where('name', 'in', [p1.name, p2.name, behind.name]).execute();
  });

  it('runs from a second store implementation (in memory, its own positions) to the same rows as from PostgreSQL, live and rebuilt', async () => {
    const history = [...(await scriptedHistory(db)), ...(await makeHistory(db, 43)), ...(await makeHistory(db, 44))];
    const nos = ordersOf(history);
    const products = productsOf(history);
    const live = new ProjectionRunner(store, db, allProjections);
    expect(await live.waitFor(await appendHistory(store, history), WAIT_MS)).toBe(true);

    const memory = new InMemoryEventStore();
    const copies = await Promise.all(allProjections.map(async (p) => ({ ...p, name: `${p.name}_mem_${uniqueSuffix()}`, table: await scratchTable(db, p.table) })));
    const fromMemory = new ProjectionRunner(memory, db, copies, { batchSize: 4 });
    const last = await appendHistory(memory, history, (i) => (i % 7 === 6 ? fromMemory.runOnce() : Promise.resolve()));
    expect(last).toBe(history.length);
    expect(await fromMemory.waitFor(last, WAIT_MS)).toBe(true);
    expect(await fromMemory.checkpoint(copies[0]!.name)).toBe(last);

    // Times (recordedAt) and positions are the store's own; everything else is equal.
    const [list, entries, inbound] = allProjections;
    const [listCopy, entriesCopy, inboundCopy] = copies;
    const compare = async () => {
      expect(await rowsOf(db, listCopy!, listCopy!.table, 'no', nos, ['updated_at'])).toEqual(await rowsOf(db, list!, list!.table, 'no', nos, ['updated_at']));
      expect(await rowsOf(db, entriesCopy!, entriesCopy!.table, 'order_no', nos)).toEqual(await rowsOf(db, entries!, entries!.table, 'order_no', nos));
      const omit = ['updated_at', 'last_position'];
      expect(await rowsOf(db, inboundCopy!, inboundCopy!.table, 'product_code', products, omit)).toEqual(await rowsOf(db, inbound!, inbound!.table, 'product_code', products, omit));
      expect(Object.keys(await rowsOf(db, listCopy!, listCopy!.table, 'no', nos)).length).toBeGreaterThan(0);
      // And exactly the in-memory fold of the memory store's own log, positions included.
      const logged = (await memory.readAll({ after: 0, limit: 100_000 })).map((e) => ({ ...e, position: memory.positions.encode(e.position) }));
      const folded = Object.fromEntries(foldRows<ExpectedInboundRow>(inboundCopy!, logged as never));
      expect(await rowsOf(db, inboundCopy!, inboundCopy!.table, 'product_code', products)).toEqual(folded);
      expect(Object.values(folded).every((r) => memory.positions.decode(r.last_position) <= last)).toBe(true);
    };
    await compare();
    expect(await fromMemory.rebuild()).toBe(history.length * copies.length);
    await compare();
    expect(await fromMemory.catchUp()).toBe(0);
    for (const p of copies) {
      await db.schema.dropTable(p.table).execute();
      await db.deleteFrom('projection_checkpoints').where('name', '=', p.name).execute();
    }
  });

  it('rebuild swaps in a table with the migrations’ column, index and constraint names and comments, and leaves no table behind', async () => {
    const runner = new ProjectionRunner(store, db, allProjections);
    await appendHistory(store, await makeHistory(db, 45, 2));
    const shapes = async () => Object.fromEntries(await Promise.all(allProjections.map(async (p) => [p.table, await tableShape(db, p.table)] as const)));
    const before = await shapes();
    expect(before.order_list?.indexes.map((i) => (i as { indexname: string }).indexname)).toContain('order_list_status_idx');
    expect(before.order_list?.constraints.map((c) => (c as { conname: string }).conname)).toEqual(expect.arrayContaining(['order_list_copied_from_whole_check', 'order_list_pkey']));
    expect(await runner.rebuild()).toBeGreaterThan(0);
    expect(await shapes()).toEqual(before);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE '%\\_\\_rebuild\\_%'`.execute(db);
    expect(rows[0]?.n).toBe(0);
  });

  it('the store-positions migration converts the checkpoints and 입고예정 positions a database already has (nothing is rebuilt)', async () => {
    const schema = `test_positions_${uniqueSuffix()}`;
    const database: Database = name === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl, schema });
    try {
      const earlier = Object.fromEntries(Object.entries(projectionMigrations).filter(([k]) => k < '0103'));
      await migrateToLatest(database.db, earlier);
      const versions = Object.fromEntries(allProjections.map((p) => [p.name, p.version]));
      await sql`INSERT INTO projection_checkpoints (name, transaction_id, global_position, version) VALUES
                  ('order_list', '999'::xid8, 41, ${versions.order_list}), ('cs_history', '1000'::xid8, 7, ${versions.cs_history}),
                  ('expected_inbound', '12'::xid8, 3, ${versions.expected_inbound})`.execute(database.db);
      await sql`INSERT INTO expected_inbound (product_code, quantity, pickups, last_order_no, last_transaction_id, last_global_position, updated_at)
                VALUES ('P-100', 2, 1, 100001, '12'::xid8, 3, '2026-11-27T01:00:00Z')`.execute(database.db);

      await migrateToLatest(database.db, projectionMigrations);
      const { rows } = await sql<{ name: string; position: string; version: number }>`SELECT name, position, version FROM projection_checkpoints ORDER BY position`.execute(database.db);
      // Text order is log order: xid 999 before 1000.
      expect(rows.map((r) => [r.name, r.position, Number(r.version)])).toEqual([
        ['expected_inbound', postgresPositions.encode({ transactionId: 12n, globalPosition: 3 }), versions.expected_inbound],
        ['order_list', postgresPositions.encode({ transactionId: 999n, globalPosition: 41 }), versions.order_list],
        ['cs_history', postgresPositions.encode({ transactionId: 1000n, globalPosition: 7 }), versions.cs_history],
      ]);
      const runner = new ProjectionRunner(new PostgresEventStore(database.db), database.db, allProjections);
      expect(await runner.checkpoint('order_list')).toEqual({ transactionId: 999n, globalPosition: 41 });
      expect(await runner.upgrade()).toEqual([]);
      const inbound = await database.db.selectFrom('expected_inbound').selectAll().execute();
      expect(inbound.map((r) => [r.product_code, r.quantity, r.last_position])).toEqual([['P-100', 2, postgresPositions.encode({ transactionId: 12n, globalPosition: 3 })]]);
      const { rows: comments } = await sql<{ c: string | null }>`SELECT col_description('projection_checkpoints'::regclass, attnum) AS c FROM pg_attribute
                                                                  WHERE attrelid = 'projection_checkpoints'::regclass AND attname = 'position'`.execute(database.db);
      expect(comments[0]?.c).toMatch(/as the event store encodes it/);
    } finally {
      if (name === 'postgres') await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(database.db);
      await database.close();
    }
  });
});

describe.each(postgresDatabase ? [postgresDatabase] : [])('a rebuild and its readers on $name', ({ open }) => {
  let db: Db;
  let second: Database;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = (await open()).db;
    second = await openSecondPostgresConnection(2);
    store = new PostgresEventStore(db);
  });

  afterAll(async () => {
    await second?.close();
  });

  it('readers on another connection see all the old rows until the swap, then all the new ones: never an empty or half-built table', async () => {
    const table = await scratchTable(db);
    const p: Projection<unknown> = { ...(orderListProjection as AnyProjection), name: `swap_${uniqueSuffix()}`, table };
    await endOfLog(db, await appendHistory(store, await makeHistory(db, 47, 3)));
    await new ProjectionRunner(store, db, [p]).rebuild();
    const sample = async () => {
      const { rows } = await sql<{ n: number; old: number }>`
        SELECT count(*)::int AS n, (count(*) FILTER (WHERE buyer_name = 'old row'))::int AS old FROM ${sql.table(table)}`.execute(second.db);
      return rows[0]!;
    };
    await sql`UPDATE ${sql.table(table)} SET buyer_name = 'old row'`.execute(db);
    const total = (await sample()).n;
    expect(total).toBeGreaterThan(2);

    // The store, watched: every page the rebuild reads, a reader on the second connection looks too.
    const duringFold: { n: number; old: number }[] = [];
    const watched: EventLog<GlobalPosition> = {
      positions: store.positions,
      readAll: async (options) => {
        duringFold.push(await sample());
        return store.readAll(options);
      },
    };
    const polled: { n: number; old: number }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) polled.push(await sample());
    })();
    try {
      await new ProjectionRunner(watched, db, [p], { batchSize: 20 }).rebuild();
    } finally {
      polling = false;
      await poller;
    }
    expect(duringFold.length).toBeGreaterThan(2);
    expect(duringFold.filter((s) => s.n !== total || s.old !== total)).toEqual([]);
    expect(await sample()).toEqual({ n: total, old: 0 });
    expect(polled.filter((s) => s.n !== total || (s.old !== total && s.old !== 0))).toEqual([]);
    expect(polled.some((s) => s.old === total)).toBe(true);
    await db.schema.dropTable(table).execute();
    await db.deleteFrom('projection_checkpoints').where('name', '=', p.name).execute();
  });
});
