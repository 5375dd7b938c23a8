/**
 * The event store contract: every implementation of the port passes it. Runs on PGlite always, on
 * PostgreSQL when DATABASE_URL is set, and on KurrentDB (the stand-in; a real server with
 * EVENTSTORE_URL). The races between sessions are in eventStore.races.int.spec.ts, the log's read side
 * in eventStore.log.int.spec.ts, the hash chain in eventStore.chain.int.spec.ts, event ids in
 * eventStore.ids.int.spec.ts.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendResult, Db, EventStore, GlobalPosition, RecordedEvent } from '@oms/adapters';
import {
  DuplicateEventId,
  PostgresEventStore,
  START,
  appendInTransaction,
  nextOrderNo,
  ZERO_HASH,
} from '@oms/adapters';
import { contractStores, event, events, expectWrongRevision, postgresOnlyOn, readAllUntil, rejection, streamName } from './support/eventStoreContract.js';

const expectPostgresNormalised = (r: AppendResult): void => {
  expect(typeof r.nextExpectedRevision).toBe('number');
  expect(typeof r.position.transactionId).toBe('bigint');
  expect(typeof r.position.globalPosition).toBe('number');
};

describe.each(contractStores)('event store contract on $name', ({ kind, open }) => {
  let db: Db;
  let store: EventStore<unknown>;
  let close: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ db, store, close } = await open());
  });
  afterAll(() => close());

  const cmp = (a: unknown, b: unknown): number => store.positions.compare(a, b);
  /** Revisions are numbers; a position survives its codec (PostgreSQL's: a bigint xid and a number). */
  const expectNormalised = (r: AppendResult<unknown>): void => {
    expect(typeof r.nextExpectedRevision).toBe('number');
    expect(store.positions.decode(store.positions.encode(r.position))).toEqual(r.position);
    if (kind === 'postgres') expectPostgresNormalised(r as AppendResult);
  };
  const postgresOnly = postgresOnlyOn(kind);

  describe('expected revision', () => {
    it('no_stream: creates the stream, revisions are 0-based', async () => {
      const s = streamName('nostream');
      const batch = events(2);
      const r = await store.append(s, batch, { expected: 'no_stream' });
      expect(r).toMatchObject({ streamId: s, nextExpectedRevision: 1, alreadyAppended: false });
      expectNormalised(r);
      const read = await store.readStream(s);
      expect(read.revision).toBe(1);
      expect(read.events.map((e) => e.streamRevision)).toEqual([0, 1]);
      expect(read.events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
      expect(read.events.map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }]);
      expect(read.events[0]?.metadata).toEqual(batch[0]?.metadata);
      expect(read.events[1]?.position).toEqual(r.position);
    });

    it('no_stream: conflicts on an existing stream with its actual revision', async () => {
      const s = streamName('nostream-conflict');
      await store.append(s, events(3), { expected: 'no_stream' });
      await expectWrongRevision(store.append(s, events(1), { expected: 'no_stream' }), s, 2);
      expect((await store.readStream(s)).events).toHaveLength(3);
    });

    it('exact revision: appends when it matches, the first event of a stream is revision 0', async () => {
      const s = streamName('exact');
      const first = await store.append(s, events(1), { expected: 'no_stream' });
      expect(first.nextExpectedRevision).toBe(0);
      const second = await store.append(s, events(2), { expected: 0 });
      expect(second.nextExpectedRevision).toBe(2);
      const third = await store.append(s, events(1), { expected: 2 });
      expect(third.nextExpectedRevision).toBe(3);
      expect(cmp(first.position, second.position)).toBeLessThan(0);
      expect(cmp(second.position, third.position)).toBeLessThan(0);
      expect((await store.readStream(s)).events.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
    });

    it('exact revision: a stale or future revision conflicts with the actual one, a missing stream is -1', async () => {
      const s = streamName('exact-conflict');
      await expectWrongRevision(store.append(s, events(1), { expected: 0 }), s, -1);
      await store.append(s, events(2), { expected: 'no_stream' });
      const stale = await expectWrongRevision(store.append(s, events(1), { expected: 0 }), s, 1);
      expect(stale.expected).toBe(0);
      await expectWrongRevision(store.append(s, events(1), { expected: 5 }), s, 1);
      expect((await store.readStream(s)).revision).toBe(1);
      expect((await store.readStream(streamName('never'))).revision).toBe(-1);
    });

    it('-1, the revision readStream reports for a missing stream, expects no stream', async () => {
      const s = streamName('minus-one');
      const { revision } = await store.readStream(s);
      expect(revision).toBe(-1);
      expect((await store.append(s, events(1), { expected: revision })).nextExpectedRevision).toBe(0);
      const wrong = await expectWrongRevision(store.append(s, events(1), { expected: -1 }), s, 0);
      expect(wrong.expected).toBe(-1);
      expect(await rejection(store.append(s, events(1), { expected: -2 }))).toBeInstanceOf(RangeError);
      expect(await rejection(store.append(s, events(1), { expected: 1.5 }))).toBeInstanceOf(RangeError);
    });

    it('stream_exists: appends to an existing stream, conflicts with -1 on a missing one', async () => {
      const s = streamName('exists');
      await expectWrongRevision(store.append(s, events(1), { expected: 'stream_exists' }), s, -1);
      expect((await store.readStream(s)).revision).toBe(-1);
      await store.append(s, events(1), { expected: 'no_stream' });
      const r = await store.append(s, events(2), { expected: 'stream_exists' });
      expect(r.nextExpectedRevision).toBe(2);
      expect((await store.readStream(s)).events.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
    });

    it('any: creates a missing stream and appends to an existing one', async () => {
      const s = streamName('any');
      expect((await store.append(s, events(2), { expected: 'any' })).nextExpectedRevision).toBe(1);
      expect((await store.append(s, events(1), { expected: 'any' })).nextExpectedRevision).toBe(2);
      expect((await store.readStream(s)).events.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
    });

    it('zero events: writes nothing, returns the current revision and still checks the expectation', async () => {
      const s = streamName('empty');
      expect((await store.append(s, [], { expected: 'no_stream' })).nextExpectedRevision).toBe(-1);
      expect((await store.append(s, [], { expected: 'any' })).nextExpectedRevision).toBe(-1);
      await expectWrongRevision(store.append(s, [], { expected: 'stream_exists' }), s, -1);
      await expectWrongRevision(store.append(s, [], { expected: 0 }), s, -1);
      expect((await store.readStream(s)).revision).toBe(-1);
      const written = await store.append(s, events(2), { expected: 'no_stream' });
      const none = await store.append(s, [], { expected: 1 });
      expect(none).toEqual({ streamId: s, nextExpectedRevision: 1, position: written.position, alreadyAppended: false, lastHash: written.lastHash });
      await expectWrongRevision(store.append(s, [], { expected: 'no_stream' }), s, 1);
      await expectWrongRevision(store.append(s, [], { expected: 0 }), s, 1);
      expect((await store.readStream(s)).events).toHaveLength(2);
    });
  });

  describe('readStream', () => {
    it('reads from a revision, at most maxCount events, ordered by revision', async () => {
      const s = streamName('read');
      await store.append(s, events(3), { expected: 'no_stream' });
      await store.append(s, events(3), { expected: 2 });
      const from = await store.readStream(s, { fromRevision: 2 });
      expect(from.revision).toBe(5);
      expect(from.events.map((e) => e.streamRevision)).toEqual([2, 3, 4, 5]);
      const page = await store.readStream(s, { fromRevision: 1, maxCount: 2 });
      expect(page.revision).toBe(5);
      expect(page.events.map((e) => e.streamRevision)).toEqual([1, 2]);
      const past = await store.readStream(s, { fromRevision: 6 });
      expect(past).toEqual({ revision: 5, lastHash: from.events.at(-1)?.hash, events: [] });
      expect(await store.readStream(streamName('missing'), { fromRevision: 0 })).toEqual({ revision: -1, lastHash: ZERO_HASH, events: [] });
    });
  });

  describe('appendMany', () => {
    it('appends to several streams atomically, in one transaction', async () => {
      const [a, b, c] = [streamName('many-a'), streamName('many-b'), streamName('many-c')];
      await store.append(b, events(2), { expected: 'no_stream' });
      await store.append(c, events(1), { expected: 'no_stream' });
      const results = await store.appendMany([
        { streamId: a, events: events(2), expected: 'no_stream' },
        { streamId: b, events: events(1), expected: 1 },
        { streamId: c, events: events(3), expected: 'stream_exists' },
      ]);
      expect(results.map((r) => [r.streamId, r.nextExpectedRevision, r.alreadyAppended])).toEqual([
        [a, 1, false],
        [b, 2, false],
        [c, 3, false],
      ]);
      results.forEach(expectNormalised);
      // One transaction (PostgreSQL: one xid8 for all of them), positions in append order.
      if (kind === 'postgres') expect(new Set(results.map((r) => (r.position as GlobalPosition).transactionId)).size).toBe(1);
      expect(cmp((results[0] as AppendResult<unknown>).position, (results[2] as AppendResult<unknown>).position)).toBeLessThan(0);
      expect((await store.readStream(a)).revision).toBe(1);
      expect((await store.readStream(b)).revision).toBe(2);
      expect((await store.readStream(c)).events.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
    });

    it('a conflict on one stream leaves every stream unchanged', async () => {
      const [a, b, c] = [streamName('atomic-a'), streamName('atomic-b'), streamName('atomic-c')];
      await store.append(b, events(2), { expected: 'no_stream' });
      await store.append(c, events(1), { expected: 'no_stream' });
      const before = await Promise.all([a, b, c].map((s) => store.readStream(s)));
      const error = await expectWrongRevision(
        store.appendMany([
          { streamId: a, events: events(2), expected: 'no_stream' },
          { streamId: b, events: events(1), expected: 1 },
          { streamId: c, events: events(1), expected: 5 },
        ]),
        c,
        0,
      );
      expect(error.expected).toBe(5);
      const after = await Promise.all([a, b, c].map((s) => store.readStream(s)));
      expect(after).toEqual(before);
      expect(after.map((r) => r.revision)).toEqual([-1, 1, 0]);
    });

    postgresOnly('appendInTransaction appends inside a transaction the caller owns, and rolls back with it', "appendInTransaction is the SQL store's own API", async () => {
      const [a, b] = [streamName('trx-a'), streamName('trx-b')];
      const committed = await db.transaction().execute((trx) =>
        appendInTransaction(trx, [
          { streamId: a, events: events(1), expected: 'no_stream' },
          { streamId: b, events: events(2), expected: 'any' },
        ]),
      );
      expect(committed.map((r) => r.nextExpectedRevision)).toEqual([0, 1]);
      const rollback = new Error('caller rolls back');
      const error = await rejection(
        db.transaction().execute(async (trx) => {
          await appendInTransaction(trx, [{ streamId: a, events: events(1), expected: 0 }]);
          throw rollback;
        }),
      );
      expect(error).toBe(rollback);
      expect((await store.readStream(a)).revision).toBe(0);
    });

    /** A batch's append: new streams and existing ones at exact revisions, in stream-id order. */
    const manyStreams = async (label: string, count: number) => {
      const ids = Array.from({ length: count }, (_, i) => streamName(`${label}-${String(i).padStart(3, '0')}`)).sort();
      for (const s of ids.filter((_, i) => i % 2 === 1)) await store.append(s, events(2), { expected: 'no_stream' });
      const appends = ids.map((streamId, i) => ({ streamId, events: events(1 + (i % 3)), expected: i % 2 === 1 ? 1 : ('no_stream' as const) }));
      return { ids, appends };
    };

    postgresOnly('many streams (new, and existing at exact revisions) in a constant number of statements, as one transaction in append order', "counts SQL statements", async () => {
      const { ids, appends } = await manyStreams('many', 40);
      let statements = 0;
      const counting = new PostgresEventStore(
        db.withPlugin({
          transformQuery: (args) => args.node,
          transformResult: async (args) => {
            statements++;
            return args.result;
          },
        }),
      );
      const results = await counting.appendMany(appends);
      expect(statements).toBeLessThanOrEqual(3);
      expect(results.map((r) => [r.streamId, r.nextExpectedRevision, r.alreadyAppended])).toEqual(appends.map((a, i) => [a.streamId, (i % 2 === 1 ? 1 : -1) + a.events.length, false]));
      results.forEach(expectNormalised);
      expect(new Set(results.map((r) => r.position.transactionId)).size).toBe(1);
      for (let i = 1; i < results.length; i++) expect(cmp((results[i - 1] as AppendResult<unknown>).position, (results[i] as AppendResult<unknown>).position)).toBeLessThan(0);
      for (const [i, s] of ids.entries()) {
        const read = await store.readStream(s);
        expect(read.events.map((e) => e.streamRevision)).toEqual(Array.from({ length: read.revision + 1 }, (_, r) => r));
        expect(read.events.slice(i % 2 === 1 ? 2 : 0).map((e) => e.id)).toEqual(appends[i]?.events.map((e) => e.id));
      }
    });

    it('many streams: a stale expectation on one of them writes nothing anywhere and names it with the actual revision', async () => {
      const { ids, appends } = await manyStreams('many-stale', 10);
      const stale = appends.map((a, i) => (i === 5 ? { ...a, expected: 0 } : a));
      await expectWrongRevision(store.appendMany(stale), ids[5] as string, 1);
      const existing = appends.map((a, i) => (i === 4 ? { ...a, expected: 'no_stream' as const } : a));
      await store.append(ids[4] as string, events(1), { expected: 'no_stream' });
      await expectWrongRevision(store.appendMany(existing), ids[4] as string, 0);
      for (const [i, s] of ids.entries()) expect((await store.readStream(s)).revision).toBe(i % 2 === 1 ? 1 : i === 4 ? 0 : -1);
    });

    it('many streams retried: recognised on every stream, nothing stored twice', async () => {
      const { ids, appends } = await manyStreams('many-retry', 6);
      const original = await store.appendMany(appends);
      expect(await store.appendMany(appends)).toEqual(original.map((r) => ({ ...r, alreadyAppended: true })));
      for (const [i, s] of ids.entries()) expect((await store.readStream(s)).revision).toBe(original[i]?.nextExpectedRevision);
    });

    it('many streams, one event id already stored elsewhere: DuplicateEventId, nothing written', async () => {
      const { ids, appends } = await manyStreams('many-dup', 6);
      const stored = event();
      await store.append(streamName('many-dup-other'), [stored], { expected: 'no_stream' });
      const error = await rejection(store.appendMany(appends.map((a, i) => (i === 3 ? { ...a, events: [stored] } : a))));
      expect(error).toBeInstanceOf(DuplicateEventId);
      for (const [i, s] of ids.entries()) expect((await store.readStream(s)).revision).toBe(i % 2 === 1 ? 1 : -1);
    });
  });

  describe('readAll', () => {
    it('returns events after a position in (transactionId, globalPosition) order', async () => {
      const [a, b] = [streamName('all-a'), streamName('all-b')];
      const mark = await store.append(a, events(1), { expected: 'no_stream' });
      const r1 = await store.append(b, events(2), { expected: 'no_stream' });
      const r2 = await store.appendMany([
        { streamId: a, events: events(1), expected: 0 },
        { streamId: b, events: events(1), expected: 1 },
      ]);
      const mine = (all: readonly RecordedEvent<string, unknown, unknown>[]) => all.filter((e) => e.streamId === a || e.streamId === b);
      const all = await readAllUntil(store, mark.position, (es) => mine(es).length === 4);
      for (let i = 1; i < all.length; i++) {
        expect(cmp((all[i - 1] as RecordedEvent<string, unknown, unknown>).position, (all[i] as RecordedEvent<string, unknown, unknown>).position)).toBeLessThan(0);
      }
      expect(all.every((e) => cmp(e.position, mark.position) > 0)).toBe(true);
      expect(mine(all).map((e) => [e.streamId, e.streamRevision])).toEqual([
        [b, 0],
        [b, 1],
        [a, 1],
        [b, 2],
      ]);
      expect(mine(all)[1]?.position).toEqual(r1.position);
      expect(mine(all)[3]?.position).toEqual(r2[1]?.position);
      // Paging from a position in the middle continues right after it.
      const rest = await store.readAll({ after: r1.position, limit: 1000 });
      expect(mine(rest).map((e) => [e.streamId, e.streamRevision])).toEqual([
        [a, 1],
        [b, 2],
      ]);
      const page = await store.readAll({ after: store.positions.start, limit: 2 });
      expect(page.length).toBeLessThanOrEqual(2);
    });

    postgresOnly('orders transaction ids as numbers, not as text: 9 before 10 (a log crossing 999 → 1000 must not reorder)', "writes xid8 rows by SQL", async () => {
      const pg = store as unknown as PostgresEventStore;
      // Two events written as if by the long-finished transactions 9 and 10 (every real one is later).
      const stream = streamName('xid-order');
      for (const xid of ['10', '9']) {
        await sql`INSERT INTO events (transaction_id, stream_id, stream_revision, event_id, type, data, metadata, hash)
                  VALUES (${xid}::xid8, ${stream}, ${Number(xid)}, ${randomUUID()}::uuid, 'XidOrderProbe', '{}'::jsonb, '{}'::jsonb, ${ZERO_HASH})`.execute(db);
      }
      const read = await pg.readAll({ after: { transactionId: 8n, globalPosition: 0 }, limit: 3 });
      expect(read.slice(0, 2).map((e) => [e.streamId, e.position.transactionId])).toEqual([
        [stream, 9n],
        [stream, 10n],
      ]);
      for (let i = 1; i < read.length; i++) expect(cmp((read[i - 1] as RecordedEvent).position, (read[i] as RecordedEvent).position)).toBeLessThan(0);
    });
  });

  describe('without prepared statements (e.g. behind a transaction-pooling PgBouncer)', () => {
    postgresOnly('appends, checks and recognises retries the same way', "prepared statements are the SQL store's", async () => {
      const plain = new PostgresEventStore(db, { preparedStatements: false });
      const s = streamName('plain');
      const batch = events(2);
      const first = await plain.append(s, batch, { expected: 'no_stream' });
      expect(first.nextExpectedRevision).toBe(1);
      expect(await plain.append(s, batch, { expected: 'any' })).toEqual({ ...first, alreadyAppended: true });
      await expectWrongRevision(plain.append(s, events(1), { expected: 0 }), s, 1);
      expect((await plain.append(s, events(1), { expected: 1 })).nextExpectedRevision).toBe(2);
      expect((await store.readStream(s)).events.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
    });
  });

  describe('int8 normalisation', () => {
    postgresOnly('revisions and positions are numbers, transaction ids bigints, never strings', "pg/PGlite int8 types", async () => {
      const pg = store as unknown as PostgresEventStore;
      const s = streamName('int8');
      const r = await pg.append(s, events(2), { expected: 'no_stream' });
      expectNormalised(r);
      const read = await pg.readStream(s);
      expect(typeof read.revision).toBe('number');
      for (const e of read.events) {
        expect(typeof e.streamRevision).toBe('number');
        expect(typeof e.position.globalPosition).toBe('number');
        expect(typeof e.position.transactionId).toBe('bigint');
        expect(e.position.transactionId).toBeGreaterThan(0n);
        expect(typeof e.recordedAt).toBe('string');
      }
      const all = await readAllUntil(pg, START, (es) => es.some((e) => e.streamId === s));
      const last = all.find((e) => e.streamId === s);
      expect(typeof last?.streamRevision).toBe('number');
      expect(typeof last?.position.transactionId).toBe('bigint');
      const wrong = await expectWrongRevision(pg.append(s, events(1), { expected: 0 }), s, 1);
      expect(typeof wrong.actual).toBe('number');
    });

    postgresOnly('nextOrderNo hands out increasing numbers from order_no_seq', "a SQL sequence", async () => {
      const a = await nextOrderNo(db);
      const b = await nextOrderNo(db);
      expect(typeof a).toBe('number');
      expect(a).toBeGreaterThanOrEqual(100001);
      expect(b).toBeGreaterThan(a);
    });
  });
});
