/**
 * The event store contract, deterministic event ids: a retried append is recognised, an id elsewhere is
 * a DuplicateEventId, findEvent finds by id. On every contract store (eventStoreContract.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, EventStore, EventToAppend } from '@oms/adapters';
import { DuplicateEventId, appendInTransaction } from '@oms/adapters';
import { contractStores, event, events, postgresOnlyOn, rejection, streamName } from './support/eventStoreContract.js';

describe.each(contractStores)('event store contract on $name: event ids', ({ kind, open }) => {
  let db: Db;
  let store: EventStore<unknown>;
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ db, store, close } = await open());
  });
  afterAll(() => close());
  const postgresOnly = postgresOnlyOn(kind);

  describe('deterministic event ids', () => {
    it('a retried append (same ids, same stream) is recognised: alreadyAppended, nothing stored twice', async () => {
      const s = streamName('retry');
      await store.append(s, events(1), { expected: 'no_stream' });
      const batch = events(2);
      const original = await store.append(s, batch, { expected: 0 });
      expect(original.alreadyAppended).toBe(false);
      for (const expected of ['any', 'stream_exists', 0] as const) {
        const retry = await store.append(s, batch, { expected });
        expect(retry).toEqual({ ...original, alreadyAppended: true });
      }
      const read = await store.readStream(s);
      expect(read.revision).toBe(2);
      expect(read.events.map((e) => e.id)).toEqual([expect.any(String), ...batch.map((e) => e.id)]);
    });

    it('a retried first append with no_stream is recognised', async () => {
      const s = streamName('retry-new');
      const batch = events(3);
      const original = await store.append(s, batch, { expected: 'no_stream' });
      expect(await store.append(s, batch, { expected: 'no_stream' })).toEqual({ ...original, alreadyAppended: true });
      expect((await store.readStream(s)).events).toHaveLength(3);
    });

    it('a retried appendMany is recognised on every stream', async () => {
      const [a, b] = [streamName('retry-many-a'), streamName('retry-many-b')];
      const appends = [
        { streamId: a, events: events(2), expected: 'no_stream' as const },
        { streamId: b, events: events(1), expected: 'any' as const },
      ];
      const original = await store.appendMany(appends);
      const retry = await store.appendMany(appends);
      expect(retry).toEqual(original.map((r) => ({ ...r, alreadyAppended: true })));
      expect((await store.readStream(a)).revision).toBe(1);
      expect((await store.readStream(b)).revision).toBe(0);
    });

    it('the same id on another stream is a DuplicateEventId', async () => {
      const [s, other] = [streamName('dup'), streamName('dup-other')];
      const e = event();
      await store.append(s, [e], { expected: 'no_stream' });
      const error = await rejection(store.append(other, [e], { expected: 'any' }));
      expect(error).toBeInstanceOf(DuplicateEventId);
      expect((error as DuplicateEventId).eventId).toBe(e.id);
      expect((await store.readStream(other)).revision).toBe(-1);
      expect((await store.findEvent(e.id))?.streamId).toBe(s);
    });

    it('ids partly stored, or in another order, are a DuplicateEventId, not a retry', async () => {
      const s = streamName('dup-partial');
      const [e1, e2, e3] = events(3) as [EventToAppend, EventToAppend, EventToAppend];
      await store.append(s, [e1, e2], { expected: 'no_stream' });
      expect(await rejection(store.append(s, [e2, e3], { expected: 'any' }))).toBeInstanceOf(DuplicateEventId);
      expect(await rejection(store.append(s, [e2, e1], { expected: 'any' }))).toBeInstanceOf(DuplicateEventId);
      expect((await store.readStream(s)).revision).toBe(1);
    });

    it('an id used twice in one call is a DuplicateEventId and nothing is written', async () => {
      const [a, b] = [streamName('dup-self-a'), streamName('dup-self-b')];
      const e = event();
      expect(await rejection(store.append(a, [e, e], { expected: 'any' }))).toBeInstanceOf(DuplicateEventId);
      expect(
        await rejection(
          store.appendMany([
            { streamId: a, events: [e], expected: 'any' },
            { streamId: b, events: [e], expected: 'any' },
          ]),
        ),
      ).toBeInstanceOf(DuplicateEventId);
      expect((await store.readStream(a)).revision).toBe(-1);
      expect((await store.readStream(b)).revision).toBe(-1);
      expect(await store.findEvent(e.id)).toBeNull();
    });

    it('an appendMany mixing an already stored append with a new one is a DuplicateEventId and writes nothing', async () => {
      const [a, b] = [streamName('mix-a'), streamName('mix-b')];
      const stored = events(1);
      await store.append(a, stored, { expected: 'no_stream' });
      const error = await rejection(
        store.appendMany([
          { streamId: a, events: stored, expected: 'any' },
          { streamId: b, events: events(1), expected: 'any' },
        ]),
      );
      expect(error).toBeInstanceOf(DuplicateEventId);
      expect((await store.readStream(b)).revision).toBe(-1);
    });

    postgresOnly('inside a transaction the caller owns, a retry with its original expectation is recognised without aborting it', "appendInTransaction is the SQL store's own API", async () => {
      const [a, b] = [streamName('trx-retry-a'), streamName('trx-retry-b')];
      const batch = events(2);
      const original = await store.append(a, batch, { expected: 'no_stream' });
      const [retry, next] = await db.transaction().execute(async (trx) => {
        const [r] = await appendInTransaction(trx, [{ streamId: a, events: batch, expected: 'no_stream' }]);
        const [n] = await appendInTransaction(trx, [{ streamId: b, events: events(1), expected: 'no_stream' }]);
        return [r, n];
      });
      expect(retry).toEqual({ ...original, alreadyAppended: true });
      expect(next?.nextExpectedRevision).toBe(0);
      expect((await store.readStream(a)).revision).toBe(1);
    });

    postgresOnly('inside a transaction the caller owns, a stored id with expected any fails that transaction (unique violation)', "the SQL unique index", async () => {
      const [a, b] = [streamName('trx-any-a'), streamName('trx-any-b')];
      const batch = events(1);
      await store.append(a, batch, { expected: 'no_stream' });
      const error = await rejection(
        db.transaction().execute(async (trx) => {
          await appendInTransaction(trx, [{ streamId: b, events: events(1), expected: 'no_stream' }]);
          await appendInTransaction(trx, [{ streamId: a, events: batch, expected: 'any' }]);
        }),
      );
      expect(error).toMatchObject({ code: '23505', constraint: 'events_event_id_key' });
      expect((await store.readStream(b)).revision).toBe(-1);
      expect((await store.readStream(a)).revision).toBe(0);
    });

    it('findEvent finds an event by id, null when unknown', async () => {
      const s = streamName('find');
      const e = event('Found', { x: [1, 2, { y: 'z' }] });
      const r = await store.append(s, [e], { expected: 'no_stream' });
      const found = await store.findEvent(e.id);
      expect(found).toMatchObject({ id: e.id, streamId: s, streamRevision: 0, type: 'Found', data: e.data, metadata: e.metadata });
      expect(found?.position).toEqual(r.position);
      expect(await store.findEvent(randomUUID())).toBeNull();
      expect(await store.findEvent('not-a-uuid')).toBeNull();
    });
  });
});
