/**
 * The hash chain (eventHash.ts) on every port store, and the KurrentDB store's refusal of several
 * streams at once on a server without the multi-stream append.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@oms/adapters';
import { KurrentEventStore, MultiStreamAppendUnsupported, SqlEventIdIndex, WrongExpectedRevision, WrongPreviousHash, eventHash, ZERO_HASH } from '@oms/adapters';
import { pgliteDatabase } from './support/databases.js';
import { event, events, portStores, rejection, streamName, TEST_STREAM_PREFIXES } from './support/eventStoreContract.js';
import type { KurrentStandIn } from './support/kurrentStandIn.js';
import { startKurrentStandIn } from './support/kurrentStandIn.js';

/**
 * The hash chain (eventHash.ts), on the PostgreSQL store (PGlite, PostgreSQL) and the in-memory one:
 * each stored event's hash recomputes from its content and its predecessor's hash, and an append
 * that names a previousHash other than the stream's last one writes nothing.
 */

describe.each(portStores)('the hash chain of the $name', ({ make }) => {
  let store: EventStore<unknown>;
  beforeAll(async () => {
    store = await make();
  });

  /** Every event's hash recomputes from the one before it (the zero hash before revision 0); answers the last. */
  const expectChained = async (streamId: string): Promise<string> => {
    const read = await store.readStream(streamId);
    let previous = ZERO_HASH;
    for (const [i, e] of read.events.entries()) {
      expect(e.streamRevision).toBe(i);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.hash, `revision ${i}`).toBe(eventHash(e, previous));
      previous = e.hash;
    }
    expect(read.lastHash).toBe(previous);
    return previous;
  };

  it('each event chains from its predecessor, across appends and inside a multi-event append; results and reads carry the last hash', async () => {
    const s = streamName('chain');
    const first = await store.append(s, events(3), { expected: 'no_stream' });
    const second = await store.append(s, [event('Other', { nested: { b: 1, a: [1, 'x', null] } }), event()], { expected: 2, previousHash: first.lastHash });
    expect(second.lastHash).toBe(await expectChained(s));
    expect(second.lastHash).not.toBe(first.lastHash);
    // Without a previousHash the store reads the tip itself, whatever the expectation.
    await store.append(s, events(1), { expected: 'any' });
    await store.append(s, events(1), { expected: 'stream_exists' });
    const exact = await store.append(s, events(2), { expected: 6 });
    expect(exact.lastHash).toBe(await expectChained(s));
    expect((await store.readStream(s, { fromRevision: 99 })).lastHash).toBe(exact.lastHash);
    const found = await store.findEvent((await store.readStream(s)).events[4]?.id ?? '');
    expect(found?.hash).toBe((await store.readStream(s)).events[4]?.hash);
  });

  it('the same content chains to different hashes at different places; the hash covers type, data and metadata', async () => {
    const [a, b] = [streamName('same-a'), streamName('same-b')];
    const e = event('Same', { n: 1 });
    const { id: _ignored, ...content } = e;
    await store.append(a, [{ ...e, id: randomUUID() }, { ...e, id: randomUUID() }], { expected: 'no_stream' });
    await store.append(b, [{ ...e, id: randomUUID() }], { expected: 'no_stream' });
    const [ra, rb] = [await store.readStream(a), await store.readStream(b)];
    expect(ra.events[0]?.hash).toBe(rb.events[0]?.hash);
    expect(ra.events[1]?.hash).not.toBe(ra.events[0]?.hash);
    expect(eventHash({ ...content, type: 'Other' }, ZERO_HASH)).not.toBe(ra.events[0]?.hash);
    expect(eventHash({ ...content, data: { n: 2 } }, ZERO_HASH)).not.toBe(ra.events[0]?.hash);
    expect(eventHash({ ...content, metadata: { ...content.metadata, actor: 'someone' } }, ZERO_HASH)).not.toBe(ra.events[0]?.hash);
  });

  it('appendMany chains every stream, few or many (new streams and existing ones, with or without the previous hash)', async () => {
    for (const count of [2, 4]) {
      const existing = Array.from({ length: count }, (_, i) => streamName(`many-old${i}`));
      const created = Array.from({ length: count }, (_, i) => streamName(`many-new${i}`));
      const tips = await store.appendMany(existing.map((streamId) => ({ streamId, events: events(2), expected: 'no_stream' as const })));
      const results = await store.appendMany([
        ...existing.map((streamId, i) => ({ streamId, events: events(2), expected: 1, ...(i % 2 === 0 ? { previousHash: tips[i]?.lastHash } : {}) })),
        ...created.map((streamId) => ({ streamId, events: events(3), expected: 'no_stream' as const, previousHash: ZERO_HASH })),
      ]);
      for (const [i, streamId] of [...existing, ...created].entries()) expect(results[i]?.lastHash).toBe(await expectChained(streamId));
    }
  });

  it('a previousHash that is not the stream’s last hash is refused (a kind of WrongExpectedRevision) and nothing is written', async () => {
    const s = streamName('wrong-hash');
    const first = await store.append(s, events(2), { expected: 'no_stream' });
    const stale = (await store.readStream(s)).events[0]?.hash ?? '';
    for (const options of [{ expected: 1, previousHash: stale }, { expected: 'any' as const, previousHash: stale }, { expected: 'stream_exists' as const, previousHash: ZERO_HASH }]) {
      const error = await rejection(store.append(s, events(1), options));
      expect(error).toBeInstanceOf(WrongPreviousHash);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error).toMatchObject({ streamId: s, actual: 1, expectedHash: options.previousHash, actualHash: first.lastHash });
    }
    // A new stream chains from the zero hash only.
    const fresh = streamName('wrong-hash-new');
    expect(await rejection(store.append(fresh, events(1), { expected: 'no_stream', previousHash: stale }))).toBeInstanceOf(WrongPreviousHash);
    // Atomic across streams, few or many: the other streams are untouched too.
    for (const count of [2, 4]) {
      const others = Array.from({ length: count - 1 }, (_, i) => streamName(`wrong-hash-other${i}`));
      const error = await rejection(
        store.appendMany([{ streamId: s, events: events(1), expected: 1, previousHash: stale }, ...others.map((streamId) => ({ streamId, events: events(1), expected: 'no_stream' as const }))]),
      );
      expect(error).toBeInstanceOf(WrongPreviousHash);
      for (const o of others) expect((await store.readStream(o)).revision).toBe(-1);
    }
    expect((await store.readStream(fresh)).revision).toBe(-1);
    const after = await store.readStream(s);
    expect(after.events).toHaveLength(2);
    expect(after.lastHash).toBe(first.lastHash);
    expect(await expectChained(s)).toBe(first.lastHash);
  });

  it('a retried append (same ids) is recognised and keeps its hashes; the next append chains on', async () => {
    const s = streamName('retry-hash');
    const batch = events(3);
    const first = await store.append(s, batch, { expected: 'no_stream', previousHash: ZERO_HASH });
    const hashes = (await store.readStream(s)).events.map((e) => e.hash);
    const retry = await store.append(s, batch, { expected: 'no_stream', previousHash: ZERO_HASH });
    expect(retry).toMatchObject({ alreadyAppended: true, nextExpectedRevision: 2, lastHash: first.lastHash });
    const many = [s, streamName('retry-hash-b'), streamName('retry-hash-c')].map((streamId, i) => ({ streamId, events: events(2), expected: i === 0 ? 2 : ('no_stream' as const) }));
    const once = await store.appendMany(many);
    const again = await store.appendMany(many);
    expect(again.map((r) => [r.alreadyAppended, r.lastHash])).toEqual(once.map((r) => [true, r.lastHash]));
    expect((await store.readStream(s)).events.slice(0, 3).map((e) => e.hash)).toEqual(hashes);
    await store.append(s, events(1), { expected: 4, previousHash: once[0]?.lastHash });
    await expectChained(s);
  });
});

describe('the KurrentDB store on a server without the multi-stream append (the stand-in started as 24.10)', () => {
  let standIn: KurrentStandIn;
  let store: KurrentEventStore;
  beforeAll(async () => {
    standIn = await startKurrentStandIn({ multiStreamAppend: false });
    store = new KurrentEventStore(standIn.url, { streamPrefixes: TEST_STREAM_PREFIXES, index: new SqlEventIdIndex((await pgliteDatabase.open()).db) });
  });
  afterAll(async () => {
    await store.close();
    await standIn.close();
  });

  it('refuses several streams at once with MultiStreamAppendUnsupported naming them, and writes nothing; one stream still appends', async () => {
    const [a, b] = [streamName('old-a'), streamName('old-b')];
    await store.append(a, events(1), { expected: 'no_stream' });
    const error = await rejection(store.appendMany([{ streamId: a, events: events(1), expected: 0 }, { streamId: b, events: events(1), expected: 'no_stream' }]));
    expect(error).toBeInstanceOf(MultiStreamAppendUnsupported);
    expect((error as MultiStreamAppendUnsupported).streamIds).toEqual([a, b]);
    expect((await store.readStream(a)).revision).toBe(0);
    expect((await store.readStream(b)).revision).toBe(-1);
    expect(standIn.log).toHaveLength(1);
    expect((await store.appendMany([{ streamId: b, events: events(2), expected: 'no_stream' }]))[0]?.nextExpectedRevision).toBe(1);
  });
});
