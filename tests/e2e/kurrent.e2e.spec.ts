/**
 * The whole API with its events in KurrentDB (EVENTSTORE_URL) and its read models, checkpoints and
 * event id index in the database: on the in-process stand-in as a 25.1 server (atomic multi-stream
 * append) and as a 24.10 one (none), and on a real server when EVENTSTORE_URL is set. Each run has a
 * database of its own: checkpoints are positions of the store they were read from.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@oms/adapters';
import { openDatabase, ZERO_HASH } from '@oms/adapters';
import { channelOrderStreamId, orderStreamId } from '@oms/domain';
import { exportCommand, verifyCommand } from '@oms/api';
import type { TestApp } from '../support/app.js';
import { sampleOrder, startTestApp } from '../support/app.js';
import { Collect, offlineBreaks, parseLines } from '../support/auditExports.js';
import { databaseUrl } from '../support/databases.js';
import type { KurrentStandIn } from '../support/kurrentStandIn.js';
import { startKurrentStandIn } from '../support/kurrentStandIn.js';

/** A database no other test writes to (PGlite in memory, or a schema of its own on PostgreSQL). */
const freshDatabase = (label: string) => ({
  name: databaseUrl ? 'postgres' : 'pglite',
  open: (): Promise<Database> => (databaseUrl ? openDatabase({ databaseUrl, schema: `test_kurrent_${label}_${process.pid}` }) : openDatabase({})),
});

const KURRENT_POSITION = /^\d{20}\/\d{20}$/;

const servers: { name: string; url: () => Promise<{ url: string; close: () => Promise<void> }> }[] = [
  {
    name: 'the stand-in (25.1: multi-stream append)',
    url: async () => {
      const s = await startKurrentStandIn({ multiStreamAppend: true });
      return { url: s.url, close: () => s.close() };
    },
  },
  ...(process.env.EVENTSTORE_URL ? [{ name: `the server at EVENTSTORE_URL`, url: async () => ({ url: process.env.EVENTSTORE_URL as string, close: async () => undefined }) }] : []),
];

describe.each(servers)('events in KurrentDB on $name', (server) => {
  let t: TestApp;
  let database: Database;
  let close: () => Promise<void>;
  const place = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channelOrderNo: `K-${randomUUID()}`, ...overrides }));
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { no: number }).no;
  };

  beforeAll(async () => {
    const s = await server.url();
    close = s.close;
    const fresh = freshDatabase('multi');
    t = await startTestApp({ name: fresh.name as 'pglite', open: async () => (database = await fresh.open()) }, { eventStoreUrl: s.url });
  });
  afterAll(async () => {
    await t?.app.close();
    await database?.close();
    await close?.();
  });

  it('places, holds and reads an order; the CS window and CS 이력 are projected from $all, the checkpoint is a KurrentDB position', async () => {
    expect(t.context.eventStoreKind).toBe('kurrent');
    const channelOrderNo = `K-${randomUUID()}`;
    const no = await place({ channelOrderNo });
    const held = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '주소 확인 중' });
    expect(held.statusCode, held.body).toBe(200);
    const order = (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json() as { no: number; hold: unknown; lines: { active: number }[] };
    expect(order).toMatchObject({ no, hold: { alarmAt: null }, lines: [{ active: 2 }, { active: 1 }] });
    const list = (await t.call(t.keys.cs, 'GET', `/orders?q=${channelOrderNo}`)).json() as { items: { no: number; held: boolean }[] };
    expect(list.items).toMatchObject([{ no, held: true }]);
    const history = (await t.call(t.keys.cs, 'GET', `/orders/${no}/history`)).json() as { items: { workTypeLabel: string }[] };
    expect(history.items.map((h) => h.workTypeLabel)).toEqual(expect.arrayContaining(['주문생성', '보류설정']));

    const { rows } = await sql<{ name: string; position: string | null }>`SELECT name, position FROM projection_checkpoints`.execute(database.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) if (r.position !== null) expect(r.position).toMatch(KURRENT_POSITION);
    // Nothing of the order went to the SQL event tables.
    const { rows: sqlEvents } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM events`.execute(database.db);
    expect(Number(sqlEvents[0]?.n)).toBe(0);
  });

  it('raw events carry the store\'s position, the timeline and as-of reads work, and the stream verifies', async () => {
    const no = await place();
    await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '확인 중' });
    const raw = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json() as { items: Record<string, unknown>[] };
    expect(raw.items).toHaveLength(2);
    expect(raw.items[0]?.position).toMatch(KURRENT_POSITION);
    expect(raw.items[0]).not.toHaveProperty('globalPosition');
    expect(String(raw.items[0]?.position) < String(raw.items[1]?.position)).toBe(true);
    const asOf = (await t.call(t.keys.auditor, 'GET', `/orders/${no}?revision=0`)).json() as { hold: unknown; revision: number };
    expect(asOf).toMatchObject({ hold: null, revision: 0 });
    const timeline = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/timeline`)).json() as { items: { revision: number }[] };
    expect(timeline.items.map((i) => i.revision)).toEqual([0, 1]);
    const verified = (await t.call(t.keys.auditor, 'GET', `/audit/verify?stream=${orderStreamId(no)}`)).json() as { ok: boolean; events: number };
    expect(verified).toMatchObject({ ok: true, events: 2 });
  });

  it('a retried command (same Idempotency-Key) is recognised through the event id index and appends nothing', async () => {
    const no = await place();
    const key = randomUUID();
    const first = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '재시도' }, { 'idempotency-key': key });
    const retry = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '재시도' }, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(200);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ revision: (first.json() as { revision: number }).revision });
    expect((await t.context.storedEvents.readStream(orderStreamId(no))).revision).toBe(1);
  });

  it('합포추가 writes both orders in one multi-stream append', async () => {
    const [a, b] = [await place(), await place()];
    const merged = await t.call(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: b });
    expect(merged.statusCode, merged.body).toBeLessThan(300);
    const [ra, rb] = await Promise.all([a, b].map((n) => t.call(t.keys.cs, 'GET', `/orders/${n}`)));
    expect(ra?.json()).toMatchObject({ package: { id: a, members: [a, b] } });
    expect(rb?.json()).toMatchObject({ package: { id: a, members: [a, b] } });
  });

  it('pnpm cli verify walks $all, and the export re-verifies offline', async () => {
    const started = new Date(Date.now() - 1000);
    const no = await place();
    const lines: string[] = [];
    const { summary, exitCode } = await verifyCommand(t.context, (l) => lines.push(l));
    expect(exitCode).toBe(0);
    expect(summary.breaks).toEqual([]);
    expect(summary.streams).toBeGreaterThanOrEqual(2);
    const out = new Collect();
    await exportCommand(t.context, { from: started, to: new Date(Date.now() + 60_000) }, out);
    const exported = parseLines(out.text);
    const mine = exported.filter((l) => l.streamId === orderStreamId(no));
    expect(mine.map((l) => l.revision)).toEqual([0]);
    expect(mine[0]?.previousHash).toBe(ZERO_HASH);
    expect(mine[0]?.position).toMatch(KURRENT_POSITION);
    // Streams that began before the range have no predecessor line: only what is in the file is checked.
    expect(offlineBreaks(exported.filter((l) => l.previousHash !== null))).toEqual([]);
    expect(exported.some((l) => l.streamId.startsWith('channel-order-'))).toBe(true);
  });
});

describe('events on a KurrentDB server without multi-stream append (the stand-in as 24.10)', () => {
  let t: TestApp;
  let database: Database;
  let standIn: KurrentStandIn;
  /** An order written straight onto its one stream (placing one also reserves its 판매처 주문번호: two streams). */
  const seeded = async (): Promise<number> => {
    const no = 900_000_000 + Math.floor(Math.random() * 9e7);
    const placed = (await import('../../packages/domain/src/order/actions/fixtures/OrderPlacedV1.json', { with: { type: 'json' } })).default;
    await t.context.storedEvents.append(orderStreamId(no), [{ id: randomUUID(), type: placed.type, data: { ...placed.data, no, channelOrderNo: `OLD-${no}` }, metadata: placed.metadata }], { expected: 'no_stream' });
    return no;
  };

  beforeAll(async () => {
    standIn = await startKurrentStandIn({ multiStreamAppend: false });
    const fresh = freshDatabase('single');
    t = await startTestApp({ name: fresh.name as 'pglite', open: async () => (database = await fresh.open()) }, { eventStoreUrl: standIn.url });
  });
  afterAll(async () => {
    await t?.app.close();
    await database?.close();
    await standIn?.close();
  });

  it('a command on one stream is applied', async () => {
    const no = await seeded();
    const held = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '단일 스트림' });
    expect(held.statusCode, held.body).toBe(200);
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json()).toMatchObject({ hold: { alarmAt: null } });
  });

  it('a bulk 완료 over two orders (one append per order, not one across them) lands both', async () => {
    const orders = [await seeded(), await seeded()];
    for (const no of orders) expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '일괄' })).statusCode).toBe(200);
    const entries = (await Promise.all(orders.map(async (no) => ((await t.call(t.keys.cs, 'GET', `/orders/${no}/history`)).json() as { items: { entryId: string; processed: boolean }[] }).items))).flat().filter((e) => !e.processed);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const res = await t.call(t.keys.cs, 'POST', '/views/cs-history/complete', { entryIds: entries.map((e) => e.entryId) });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { summary: unknown }).summary).toEqual({ applied: entries.length, duplicate: 0, refused: 0 });
  });

  it('합포추가 is a 501 naming the command and its streams, and neither order changed', async () => {
    const [a, b] = [await seeded(), await seeded()];
    const before = standIn.log.length;
    const res = await t.call(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: b });
    expect(res.statusCode, res.body).toBe(501);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'MULTI_STREAM_APPEND_UNSUPPORTED', command: 'MergeOrder', streams: [orderStreamId(a), orderStreamId(b)].sort() });
    expect(String((res.json() as { detail: string }).detail)).toMatch(/MergeOrder.*Nothing was written/);
    expect(standIn.log.length).toBe(before);
    expect((await t.call(t.keys.cs, 'GET', `/orders/${a}`)).json()).toMatchObject({ package: null });
  });

  it('placing an order (the order and its 판매처 주문번호 reservation) is a 501 naming PlaceOrder; nothing is written', async () => {
    const before = standIn.log.length;
    const channelOrderNo = `NEW-${randomUUID()}`;
    const res = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channelOrderNo }));
    expect(res.statusCode, res.body).toBe(501);
    expect(res.json()).toMatchObject({ code: 'MULTI_STREAM_APPEND_UNSUPPORTED', command: 'PlaceOrder' });
    expect(standIn.log.length).toBe(before);
    expect((await t.context.storedEvents.readStream(channelOrderStreamId('11번가 법인', channelOrderNo))).revision).toBe(-1);
  });
});

describe('a database whose read models were built from the PostgreSQL store', () => {
  it('is refused at start with EVENTSTORE_URL: its checkpoints are not positions of that store', async () => {
    const standIn = await startKurrentStandIn({ multiStreamAppend: true });
    const fresh = freshDatabase('mixed');
    const database = await fresh.open();
    const db = { name: fresh.name as 'pglite', open: async () => database };
    try {
      const before = await startTestApp(db);
      const placed = await before.call(before.keys.integration, 'POST', '/orders', sampleOrder({ channelOrderNo: `M-${randomUUID()}` }));
      expect(placed.statusCode, placed.body).toBe(201);
      await before.app.close();
      await expect(startTestApp(db, { eventStoreUrl: standIn.url })).rejects.toThrow(/Not a KurrentDB position/);
    } finally {
      await database.close();
      await standIn.close();
    }
  });
});
