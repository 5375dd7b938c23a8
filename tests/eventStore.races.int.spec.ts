/**
 * Races between two PostgreSQL sessions on the event store: they need separate connections, so they
 * run on PostgreSQL only (PGlite serialises its connections).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db, RecordedEvent } from '@oms/adapters';
import { PostgresEventStore, START, WrongExpectedRevision, appendInTransaction, comparePositions } from '@oms/adapters';
import { openSecondPostgresConnection, postgresDatabase } from './support/databases.js';
import { event, events, expectWrongRevision, readAllAfter, readAllUntil, streamName } from './support/eventStoreContract.js';

/** A promise and its resolver, to hold a transaction open until the test says so. */
const deferred = <T = void>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe.each(postgresDatabase ? [postgresDatabase] : [])('event store races between sessions on $name', ({ open }) => {
  let db: Db;
  let store: PostgresEventStore;
  let second: Database;
  let store2: PostgresEventStore;

  beforeAll(async () => {
    db = (await open()).db;
    store = new PostgresEventStore(db);
    second = await openSecondPostgresConnection(4);
    store2 = new PostgresEventStore(second.db);
  });

  afterAll(async () => {
    // Only the second pool is this file's own; the shared one stays open for the worker's other files.
    await second?.close();
  });

  const race = async (streamId: string, expected: number | 'no_stream') => {
    const settled = await Promise.allSettled([
      store.append(streamId, events(1, 'FromOne'), { expected }),
      store2.append(streamId, events(1, 'FromTwo'), { expected }),
    ]);
    const won = settled.filter((s) => s.status === 'fulfilled');
    const lost = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    return { won, lost };
  };

  it('two sessions appending at the same exact revision: exactly one wins, the other sees the actual revision', async () => {
    for (let i = 0; i < 20; i++) {
      const s = streamName(`race-${i}`);
      await store.append(s, events(1), { expected: 'no_stream' });
      const { won, lost } = await race(s, 0);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(WrongExpectedRevision);
      expect((lost[0]?.reason as WrongExpectedRevision).actual).toBe(1);
      const read = await store.readStream(s);
      expect(read.events.map((e) => e.streamRevision)).toEqual([0, 1]);
    }
  });

  it('two sessions creating the same stream with no_stream: exactly one wins', async () => {
    for (let i = 0; i < 20; i++) {
      const s = streamName(`race-new-${i}`);
      const { won, lost } = await race(s, 'no_stream');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(WrongExpectedRevision);
      expect((lost[0]?.reason as WrongExpectedRevision).actual).toBe(0);
      expect((await store.readStream(s)).events).toHaveLength(1);
    }
  });

  it('a writer blocked behind an open transaction on the stream loses once it commits, with the actual revision', async () => {
    const s = streamName('blocked');
    await store.append(s, events(1), { expected: 'no_stream' });
    const appended = deferred();
    const commit = deferred();
    const t1 = db.transaction().execute(async (trx) => {
      await appendInTransaction(trx, [{ streamId: s, events: events(2), expected: 0 }]);
      appended.resolve();
      await commit.promise;
    });
    await appended.promise;
    const blocked = store2.append(s, events(1), { expected: 0 });
    let settled = false;
    void blocked.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false); // waiting on the stream's row lock
    commit.resolve();
    await t1;
    await expectWrongRevision(blocked, s, 2);
  });

  it('two sessions appending to the same many streams, listed in opposite orders: one wins, the other loses with no deadlock', async () => {
    for (let round = 0; round < 10; round++) {
      const ids = Array.from({ length: 8 }, (_, i) => streamName(`race-many-${round}-${i}`));
      for (const s of ids.slice(0, 4)) await store.append(s, events(1), { expected: 'no_stream' });
      const appends = ids.map((streamId, i) => ({ streamId, events: events(1), expected: i < 4 ? 0 : ('no_stream' as const) }));
      const settled = await Promise.allSettled([store.appendMany(appends), store2.appendMany([...appends].reverse().map((a) => ({ ...a, events: events(1) })))]);
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      const lost = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(WrongExpectedRevision);
      for (const [i, s] of ids.entries()) expect((await store.readStream(s)).revision).toBe(i < 4 ? 1 : 0);
    }
  });

  for (const expected of ['any', 0] as const) {
    it(`the same append retried by two sessions at once (expected ${String(expected)}) lands once, the other is told alreadyAppended`, async () => {
      const s = streamName('race-retry');
      await store.append(s, events(1), { expected: 'no_stream' });
      const batch = events(2);
      const appended = deferred();
      const commit = deferred();
      const t1 = db.transaction().execute(async (trx) => {
        const [r] = await appendInTransaction(trx, [{ streamId: s, events: batch, expected }]);
        appended.resolve();
        await commit.promise;
        return r;
      });
      await appended.promise;
      // Blocks on the stream's row; its id guard already passed, so once T1 commits, 'any' runs into the
      // event id key (the rare path) and an exact revision into the changed row: both are recognised.
      const retry = store2.append(s, batch, { expected });
      await new Promise((r) => setTimeout(r, 100));
      commit.resolve();
      const original = await t1;
      expect(await retry).toEqual({ ...original, alreadyAppended: true });
      expect((await store.readStream(s)).events.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
    });
  }

  it('concurrent appends with any both land, at distinct revisions', async () => {
    const s = streamName('race-any');
    await Promise.all([
      store.append(s, events(2), { expected: 'any' }),
      store2.append(s, events(2), { expected: 'any' }),
      store.append(s, events(2), { expected: 'any' }),
    ]);
    const read = await store.readStream(s);
    expect(read.events.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('subscribers never skip an event whose transaction began earlier but committed later', async () => {
    const [s1, s2] = [streamName('sub-t1'), streamName('sub-t2')];
    const t1Event = event('FromT1');
    const t2Event = event('FromT2');
    const t1Appended = deferred();
    const t1Commit = deferred();

    // T1 on connection 1: begins, appends (takes its xid and a lower global_position), stays open.
    const t1 = db.transaction().execute(async (trx) => {
      await appendInTransaction(trx, [{ streamId: s1, events: [t1Event], expected: 'no_stream' }]);
      t1Appended.resolve();
      await t1Commit.promise;
    });
    try {
      await t1Appended.promise;
      // T2 on connection 2: begins later, appends and commits.
      const t2 = await store2.append(s2, [t2Event], { expected: 'no_stream' });

      // While T1 is open, T2's event is not readable, though it is committed: T1's xid is below it.
      const ids = (es: readonly RecordedEvent[]) => es.map((e) => e.id);
      const whileOpen = await readAllAfter(store, START);
      expect(ids(whileOpen)).not.toContain(t2Event.id);
      expect(ids(whileOpen)).not.toContain(t1Event.id);
      expect(await store.findEvent(t2Event.id)).not.toBeNull(); // committed, just not yet in global order
      const checkpoint = whileOpen.length > 0 ? (whileOpen[whileOpen.length - 1] as RecordedEvent).position : START;
      expect(comparePositions(checkpoint, t2.position)).toBeLessThan(0);

      t1Commit.resolve();
      await t1;

      // The reader that checkpointed goes on from its checkpoint: T1's event first, then T2's.
      const both = (es: RecordedEvent[]) => ids(es).includes(t1Event.id) && ids(es).includes(t2Event.id);
      const resumed = await readAllUntil(store, checkpoint, both);
      expect(both(resumed)).toBe(true);
      expect(ids(resumed).indexOf(t1Event.id)).toBeLessThan(ids(resumed).indexOf(t2Event.id));
      const fromStart = await readAllUntil(store, START, both);
      expect(ids(fromStart).indexOf(t1Event.id)).toBeLessThan(ids(fromStart).indexOf(t2Event.id));
    } finally {
      t1Commit.resolve();
      await t1.catch(() => undefined);
    }
  });
});
