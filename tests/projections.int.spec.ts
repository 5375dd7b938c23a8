/**
 * The projection runner against a real database (PGlite always, PostgreSQL when DATABASE_URL is set):
 * events appended through the event store, histories made by the OrderDecider. The database is shared
 * with this worker's other test files: only our own orders' rows are compared, or a whole table
 * before/after a rebuild.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database, Db, GlobalPosition } from '@oms/adapters';
import { PostgresEventStore, START, comparePositions, nextOrderNo } from '@oms/adapters';
import { ORDER_EVENT_TYPES, orderStreamId } from '@oms/domain';
import type { OrderListRow, Projection, RunnerLogger } from '@oms/projections';
import { allProjections, csHistoryProjection, expectedInboundProjection, orderListProjection, ProjectionRunner } from '@oms/projections';
import type { HistoryEvent } from '../packages/projections/src/testing/orderHistory.js';
import { foldRows, placeOrder, runCommands } from '../packages/projections/src/testing/orderHistory.js';
import { openSecondPostgresConnection, postgresDatabase, testDatabases, uniqueSuffix } from './support/databases.js';
import {
  WAIT_MS,
  appendHistory,
  csEntriesOf,
  endOfLog,
  historyRows,
  inboundRows,
  listRows,
  makeHistory,
  ordersOf,
  productsOf,
  scratchTable,
  scriptedHistory,
  setCheckpoint,
  streamEvents,
  wholeTable,
} from './support/projectionFixtures.js';


describe.each(testDatabases)('projection runner on $name', ({ open }) => {
  let db: Db;
  let store: PostgresEventStore;

  beforeAll(async () => {
    // Shared by this worker's files: opened once, never closed here.
    db = (await open()).db;
    store = new PostgresEventStore(db);
  });

  it('live rows (caught up batch by batch while appending) equal the rows of a replay, and the rows after rebuild()', async () => {
    const runner = new ProjectionRunner(store, db, allProjections, { batchSize: 7 });
    const script = await scriptedHistory(db);
    const history = [...script, ...(await makeHistory(db, 1)), ...(await makeHistory(db, 2)), ...(await makeHistory(db, 3))];
    const nos = ordersOf(history);
    const products = productsOf(history);
    const last = await appendHistory(store, history, (i) => (i % 5 === 4 ? runner.runOnce() : Promise.resolve()));
    expect(await runner.waitFor(last, WAIT_MS)).toBe(true);

    // Live rows = a fold of the same events in memory (so they survived the database round-trip).
    const events = await streamEvents(store, nos);
    expect(events).toHaveLength(history.length);
    const live = { list: await listRows(db, nos), history: await historyRows(db, nos), inbound: await inboundRows(db, products) };
    expect(live.list).toEqual(Object.fromEntries(foldRows(orderListProjection, events)));
    expect(live.history).toEqual(Object.fromEntries(foldRows(csHistoryProjection, events)));
    expect(live.inbound).toEqual(Object.fromEntries(foldRows(expectedInboundProjection, events)));
    const deleted = new Set(history.filter((h) => h.event.type === 'OrderDeleted').map((h) => h.no));
    expect(Object.keys(live.list)).toHaveLength(nos.length - deleted.size);
    expect(Object.keys(live.history)).toHaveLength(csEntriesOf(history).length);
    // The script was accepted as a whole (a refused step would leave a path untested).
    const types = new Set(history.map((h) => h.event.type));
    for (const type of ['OrderMerged', 'ReturnPickupRequested', 'OrderCopied', 'OrderDeleted', 'CsEntriesCompleted'] as const) expect(types).toContain(type);
    const [first, second, copy] = ordersOf(script);
    const entriesOf = (no: number | undefined) => Object.values(live.history).filter((r) => r.order_no === no).sort((a, b) => a.stream_revision - b.stream_revision);
    expect(entriesOf(first).filter((r) => r.processed).map((r) => r.work_type)).toEqual(['OrderPlaced', 'OrderShipped']);
    expect(live.list[String(first)]).toMatchObject({ package_id: first, package_members: [first, second], pickups: 1, cs_state: 'return', copies: [copy] });
    expect(live.list[String(copy)]).toBeUndefined();
    expect(entriesOf(copy).map((r) => r.work_type_label)).toEqual(['주문복사', '주문삭제', 'CS메모']);
    const scriptInbound = Object.entries(await inboundRows(db, productsOf(script))).map(([code, r]) => [code.split('-').slice(0, 2).join('-'), r.quantity, r.pickups, r.last_order_no]);
    expect(scriptInbound).toEqual([
      ['P-100', 3, 2, second],
      ['P-200', 1, 1, first],
    ]);

    // The whole tables, before and after a replay from zero.
    const before = Object.fromEntries(await Promise.all(allProjections.map(async (p) => [p.name, await wholeTable(db, p)] as const)));
    const checkpoints = Object.fromEntries(await Promise.all(allProjections.map(async (p) => [p.name, await runner.checkpoint(p.name)] as const)));
    const replayed = await runner.rebuild();
    // A rebuild reads below the snapshot's xmin: with an older transaction open elsewhere in the cluster
    // (another test worker) it leaves the newest events to the runner, which takes them next.
    expect(await runner.waitFor(last, WAIT_MS)).toBe(true);
    expect(replayed).toBeGreaterThan(0);
    for (const p of allProjections) {
      expect(await wholeTable(db, p)).toEqual(before[p.name]);
      expect(comparePositions(await runner.checkpoint(p.name), checkpoints[p.name]!)).toBeGreaterThanOrEqual(0);
    }
    expect(await runner.catchUp()).toBe(0);
    expect(await listRows(db, nos)).toEqual(live.list);
    expect(await inboundRows(db, products)).toEqual(live.inbound);

    // order_search (the free text's narrow copy) equals order_list after the swap, and its trigger
    // came along: the next orders' rows reach it too.
    const searchColumns = async (table: 'order_list' | 'order_search') =>
      (await sql<{ no: unknown; placed_at: unknown; search_text: string }>`SELECT no, placed_at, search_text FROM ${sql.table(table)} ORDER BY no`.execute(db)).rows.map((r) => [Number(r.no), new Date(r.placed_at as string).toISOString(), r.search_text]);
    expect(await searchColumns('order_search')).toEqual(await searchColumns('order_list'));
    const more = await appendHistory(store, await makeHistory(db, 4));
    expect(await runner.waitFor(more, WAIT_MS)).toBe(true);
    const after = await searchColumns('order_search');
    expect(after.length).toBeGreaterThan(Object.keys(live.list).length);
    expect(after).toEqual(await searchColumns('order_list'));
  });

  it('upgrade() rebuilds a read model built by another version of its projection, and leaves current ones alone', async () => {
    const runner = new ProjectionRunner(store, db, allProjections);
    const history = await makeHistory(db, 11, 2);
    const nos = ordersOf(history);
    await runner.waitFor(await appendHistory(store, history), WAIT_MS);
    const rows = await historyRows(db, nos);
    expect(await runner.upgrade()).toEqual([]);
    // Rows as an older evolve wrote them, stamped with that older version.
    await sql`UPDATE cs_history SET content = 'written by version 0' WHERE order_no = ANY(${nos}::bigint[])`.execute(db);
    await sql`UPDATE projection_checkpoints SET version = 0 WHERE name = 'cs_history'`.execute(db);
    expect(await runner.upgrade()).toEqual(['cs_history']);
    expect(await historyRows(db, nos)).toEqual(rows);
    const { rows: versions } = await sql<{ name: string; version: number }>`SELECT name, version FROM projection_checkpoints WHERE name IN ('cs_history', 'order_list') ORDER BY name`.execute(db);
    expect(versions.map((v) => [v.name, Number(v.version)])).toEqual([
      ['cs_history', csHistoryProjection.version],
      ['order_list', orderListProjection.version],
    ]);
    expect(await runner.upgrade()).toEqual([]);
  });

  it('is idempotent: running again, and replaying from a checkpoint reset back, gives the same rows', async () => {
    const runner = new ProjectionRunner(store, db, allProjections, { batchSize: 5 });
    await runner.catchUp();
    const from = await endOfLog(db, await runner.checkpoint('order_list'));
    const history = await makeHistory(db, 7, 3);
    const nos = ordersOf(history);
    const last = await appendHistory(store, history);
    expect(await runner.waitFor(last, WAIT_MS)).toBe(true);
    const once = {
      list: await wholeTable(db, orderListProjection),
      history: await wholeTable(db, csHistoryProjection),
      inbound: await wholeTable(db, expectedInboundProjection),
    };
    const deleted = new Set(history.filter((h) => h.event.type === 'OrderDeleted').map((h) => h.no));
    expect(Object.keys(await listRows(db, nos))).toHaveLength(nos.length - deleted.size);

    // Running again reads nothing and changes nothing.
    expect(await runner.catchUp()).toBe(0);
    expect(await wholeTable(db, orderListProjection)).toEqual(once.list);

    // Checkpoints reset back (to before this history, then to the very start): every event is applied again.
    for (const position of [from, START]) {
      for (const p of allProjections) await setCheckpoint(db, p.name, position);
      expect(await runner.catchUp()).toBeGreaterThan(0);
      expect(await runner.waitFor(last, WAIT_MS)).toBe(true);
      expect(await wholeTable(db, orderListProjection)).toEqual(once.list);
      expect(await wholeTable(db, csHistoryProjection)).toEqual(once.history);
      expect(await wholeTable(db, expectedInboundProjection)).toEqual(once.inbound);
    }
  });

  it('writes rows and checkpoint in one transaction: a batch that fails leaves neither advanced', async () => {
    const table = await scratchTable(db);
    const [placeA, placeB] = [await nextOrderNo(db), await nextOrderNo(db)];
    const history = runCommands([
      [placeA, placeOrder(placeA)],
      [placeB, placeOrder(placeB)],
      [placeA, { type: 'HoldOrder', data: {} }],
      [placeB, { type: 'AddCsMemo', data: { text: '독이 든 이벤트' } }],
      [placeA, { type: 'ReleaseHold', data: {} }],
    ]);
    const poisoned = { on: true };
    const failing: Projection<OrderListRow> = {
      ...orderListProjection,
      name: `failing_${uniqueSuffix()}`,
      table,
      evolve: (row, e, key) => {
        if (poisoned.on && e.type === 'CsMemoAdded' && e.data.no === placeB) throw new Error('poisoned event');
        return orderListProjection.evolve(row, e, key);
      },
    };
    const runner = new ProjectionRunner(store, db, [failing], { batchSize: 1000 });
    const start = await endOfLog(db, START);
    await setCheckpoint(db, failing.name, start);
    const last = await appendHistory(store, history);
    await endOfLog(db, last);

    await expect(runner.runOnce()).rejects.toThrow('poisoned event');
    expect(await db.selectFrom(table).select('no').execute()).toEqual([]);
    expect(await runner.checkpoint(failing.name)).toEqual(start);

    // The background loop logs the failure, keeps going, and does not crash.
    const logged: unknown[] = [];
    const logger: RunnerLogger = { error: (obj) => logged.push(obj) };
    const looping = new ProjectionRunner(store, db, [failing], { batchSize: 1000, logger });
    looping.start(5);
    const deadline = Date.now() + WAIT_MS;
    while (logged.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(await runner.checkpoint(failing.name)).toEqual(start);

    // Fixed: the loop picks up from the same checkpoint and both orders' rows land with it.
    poisoned.on = false;
    expect(await looping.waitFor(last, WAIT_MS)).toBe(true);
    await looping.stop();
    const rows = (await db.selectFrom(table).selectAll().orderBy('no').execute()).map((r) => failing.fromDb(r));
    expect(rows.map((r) => [r.no, r.revision])).toEqual([
      [placeA, 2],
      [placeB, 1],
    ]);
    expect(comparePositions(await runner.checkpoint(failing.name), last)).toBeGreaterThanOrEqual(0);
    await db.schema.dropTable(table).execute();
    await db.deleteFrom('projection_checkpoints').where('name', '=', failing.name).execute();
  });

  it('one failing projection holds none of the others back: they move, its rows and checkpoint stay', async () => {
    const [tableA, tableB] = [await scratchTable(db), await scratchTable(db)];
    const no = await nextOrderNo(db);
    const history = runCommands([
      [no, placeOrder(no)],
      [no, { type: 'AddCsMemo', data: { text: '독이 든 이벤트' } }],
    ]);
    const healthy: Projection<OrderListRow> = { ...orderListProjection, name: `healthy_${uniqueSuffix()}`, table: tableA };
    const failing: Projection<OrderListRow> = {
      ...orderListProjection,
      name: `failing_${uniqueSuffix()}`,
      table: tableB,
      evolve: (row, e, key) => {
        if (e.type === 'CsMemoAdded' && e.data.no === no) throw new Error('poisoned event');
        return orderListProjection.evolve(row, e, key);
      },
    };
    const start = await endOfLog(db, START);
    for (const p of [healthy, failing]) await setCheckpoint(db, p.name, start);
    const runner = new ProjectionRunner(store, db, [healthy, failing], { batchSize: 1000 });
    const last = await appendHistory(store, history);
    await endOfLog(db, last);

    await expect(runner.runOnce()).rejects.toThrow('poisoned event');
    expect(comparePositions(await runner.checkpoint(healthy.name), last)).toBeGreaterThanOrEqual(0);
    expect((await db.selectFrom(tableA).select(['no', 'revision']).execute()).map((r) => [Number(r.no), Number(r.revision)])).toEqual([[no, 1]]);
    expect(await runner.checkpoint(failing.name)).toEqual(start);
    expect(await db.selectFrom(tableB).select('no').execute()).toEqual([]);
    for (const t of [tableA, tableB]) await db.schema.dropTable(t).execute();
    await db.deleteFrom('projection_checkpoints').where('name', 'in', [healthy.name, failing.name]).execute();
  });

  it('many waiters at once share batches: a burst of 40 read-your-writes waits reads the log a few times, not 40', async () => {
    const runner = new ProjectionRunner(store, db, allProjections);
    await runner.catchUp();
    let reads = 0;
    const counting = new ProjectionRunner({ positions: store.positions, readAll: (o) => ((reads += 1), store.readAll(o)) }, db, allProjections);
    const no = await nextOrderNo(db);
    const last = await appendHistory(store, runCommands([[no, placeOrder(no)]]));
    const answers = await Promise.all(Array.from({ length: 40 }, () => counting.waitFor(last, WAIT_MS)));
    expect(answers.every(Boolean)).toBe(true);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(6);
    expect((await listRows(db, [no]))[String(no)]).toMatchObject({ no, revision: 0 });
  });

  it('waitFor resolves once an append is projected (read-your-writes), and false on timeout', async () => {
    const runner = new ProjectionRunner(store, db, allProjections);
    await runner.catchUp();
    const no = await nextOrderNo(db);
    const [placed, held] = runCommands([
      [no, placeOrder(no)],
      [no, { type: 'HoldOrder', data: {} }],
    ]);
    const result = await store.append(orderStreamId(no), [{ id: randomUUID(), type: placed!.event.type, data: placed!.event.data, metadata: placed!.metadata }], {
      expected: 'no_stream',
    });
    expect(await runner.waitFor(result.position, WAIT_MS)).toBe(true);
    expect((await listRows(db, [no]))[String(no)]).toMatchObject({ no, status: 'received', revision: 0 });
    expect(Object.values(await historyRows(db, [no])).map((r) => r.content)).toEqual([
      `[주문생성] 판매처: 11번가 법인, 주문번호: ord${no}, 2개 상품 / 수량 3`,
    ]);

    // Another runner's background loop does the work; waitFor only waits for it.
    const background = new ProjectionRunner(store, db, allProjections);
    background.start(5);
    try {
      const again = await store.append(orderStreamId(no), [{ id: randomUUID(), type: held!.event.type, data: held!.event.data, metadata: held!.metadata }], {
        expected: 0,
      });
      expect(await runner.waitFor(again.position, WAIT_MS)).toBe(true);
      expect((await listRows(db, [no]))[String(no)]).toMatchObject({ held: true, revision: 1 });
    } finally {
      await background.stop();
    }

    const future: GlobalPosition = { transactionId: 2n ** 60n, globalPosition: Number.MAX_SAFE_INTEGER };
    const t0 = Date.now();
    expect(await runner.waitFor(future, 100)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

describe.each(postgresDatabase ? [postgresDatabase] : [])('two projection runners on $name', ({ open }) => {
  let db: Db;
  let second: Database;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = (await open()).db;
    second = await openSecondPostgresConnection(4);
    store = new PostgresEventStore(db);
  });

  afterAll(async () => {
    await second?.close();
  });

  it('running concurrently on two connections apply each event exactly once', async () => {
    // A deliberately NOT idempotent projection counts applications per event: any double apply shows.
    const table = `proj_count_${uniqueSuffix()}`;
    await sql`CREATE TABLE ${sql.table(table)} (entry_id uuid PRIMARY KEY, order_no bigint NOT NULL, applied int NOT NULL)`.execute(db);
    type Counted = { entry_id: string; order_no: number; applied: number };
    const counting: Projection<Counted> = {
      name: `counting_${uniqueSuffix()}`,
      version: 1,
      table,
      key: 'entry_id',
      handles: ORDER_EVENT_TYPES,
      keysOf: (e) => [e.id],
      evolve: (row, e) => (row === null ? { entry_id: e.id, order_no: e.data.no, applied: 1 } : { ...row, applied: row.applied + 1 }),
      toDb: (row) => ({ ...row }),
      fromDb: (raw) => ({ entry_id: String(raw.entry_id), order_no: Number(raw.order_no), applied: Number(raw.applied) }),
    };
    await setCheckpoint(db, counting.name, await endOfLog(db, START));
    const projections = [counting, ...allProjections];
    const a = new ProjectionRunner(store, db, projections, { batchSize: 3 });
    const b = new ProjectionRunner(new PostgresEventStore(second.db), second.db, projections, { batchSize: 4 });

    // Both loops run while the events are appended, then both catch up at once.
    a.start(1);
    b.start(1);
    let history: HistoryEvent[] = [];
    let last: GlobalPosition;
    try {
      for (const seed of [11, 12, 13]) history = [...history, ...(await makeHistory(db, seed))];
      last = await appendHistory(store, history);
      await Promise.all([a.catchUp(), b.catchUp(), a.waitFor(last, WAIT_MS), b.waitFor(last, WAIT_MS)]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await a.waitFor(last, WAIT_MS)).toBe(true);

    const nos = ordersOf(history);
    const counts = (await db.selectFrom(table).selectAll().where('order_no', 'in', nos).execute()).map((r) => counting.fromDb(r));
    expect(counts).toHaveLength(history.length);
    expect(counts.filter((c) => c.applied !== 1)).toEqual([]);

    const events = await streamEvents(store, nos);
    expect(await listRows(db, nos)).toEqual(Object.fromEntries(foldRows(orderListProjection, events)));
    expect(await historyRows(db, nos)).toEqual(Object.fromEntries(foldRows(csHistoryProjection, events)));
    expect(await inboundRows(db, productsOf(history))).toEqual(Object.fromEntries(foldRows(expectedInboundProjection, events)));

    await db.schema.dropTable(table).execute();
    await db.deleteFrom('projection_checkpoints').where('name', '=', counting.name).execute();
  });
});
