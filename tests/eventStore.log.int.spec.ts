import { beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, GlobalPosition, RecordedEvent } from '@oms/adapters';
import { postgresPositions, START } from '@oms/adapters';
import { events, portStores, streamName } from './support/eventStoreContract.js';

/**
 * The read side every store gives the projection runner (EventLog): readAll pages through the log
 * after a position of the store's own type, and the store's codec encodes positions so that text order
 * is log order. Run on every port store (portStores).
 */

describe.each(portStores)('the event log read side of the $name', ({ make }) => {
  let store: EventStore<unknown>;
  beforeAll(async () => {
    store = await make();
  });

  /** Every event after `after` (polling a little: on a shared server the snapshot xmin may lag). */
  const readFrom = async (after: unknown, until: (es: readonly RecordedEvent<string, unknown, unknown>[]) => boolean, limit = 3) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const all: RecordedEvent<string, unknown, unknown>[] = [];
      let position = after;
      for (;;) {
        const page = await store.readAll({ after: position, limit });
        expect(page.length).toBeLessThanOrEqual(limit);
        const last = page.at(-1);
        if (!last) break;
        all.push(...page);
        position = last.position;
      }
      if (until(all) || Date.now() > deadline) return all;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('pages through the log after a position, in order, each page right after the last one; the codec orders, encodes and decodes its positions', async () => {
    const { positions } = store;
    const [a, b] = [streamName('log-a'), streamName('log-b')];
    const mark = await store.append(a, events(1), { expected: 'no_stream' });
    await store.appendMany([
      { streamId: b, events: events(2), expected: 'no_stream' },
      { streamId: a, events: events(1), expected: 0 },
    ]);
    const last = await store.append(b, events(2), { expected: 1 });
    const mine = (es: readonly RecordedEvent<string, unknown, unknown>[]) => es.filter((e) => e.streamId === a || e.streamId === b);
    const read = await readFrom(mark.position, (es) => mine(es).length === 5);
    expect(mine(read).map((e) => [e.streamId, e.streamRevision])).toEqual([
      [b, 0],
      [b, 1],
      [a, 1],
      [b, 2],
      [b, 3],
    ]);
    expect(mine(read).at(-1)?.position).toEqual(last.position);
    const all = [mark.position, ...read.map((e) => e.position)];
    for (let i = 1; i < all.length; i++) {
      expect(positions.compare(all[i - 1], all[i])).toBeLessThan(0);
      // Order-preserving: the encoded forms compare the same way as text.
      expect(positions.encode(all[i - 1]) < positions.encode(all[i])).toBe(true);
    }
    for (const p of all) {
      expect(positions.decode(positions.encode(p))).toEqual(p);
      expect(positions.compare(p, p)).toBe(0);
      expect(positions.compare(positions.start, p)).toBeLessThan(0);
      expect(positions.encode(positions.start) < positions.encode(p)).toBe(true);
    }
    // From the start: the whole log, ours included.
    const fromStart = await readFrom(positions.start, (es) => mine(es).length === 6, 500);
    expect(mine(fromStart).map((e) => e.id)).toEqual([(await store.readStream(a)).events[0]?.id, ...mine(read).map((e) => e.id)]);
    expect(await store.readAll({ after: last.position, limit: 10 }).then(mine)).toEqual([]);
    expect(() => positions.decode('not a position')).toThrow();
  });
});

describe('the PostgreSQL store’s position codec', () => {
  it('encodes (xid8, global_position) with fixed widths: text order is numeric order at every digit count', () => {
    const ps: GlobalPosition[] = [
      { transactionId: 9n, globalPosition: 5 },
      { transactionId: 999n, globalPosition: 1_000 },
      { transactionId: 1000n, globalPosition: 2 },
      { transactionId: 1000n, globalPosition: 10 },
      { transactionId: 2n ** 63n, globalPosition: Number.MAX_SAFE_INTEGER },
    ];
    const encoded = ps.map((p) => postgresPositions.encode(p));
    expect([...encoded].sort()).toEqual(encoded);
    expect(encoded.map((e) => postgresPositions.decode(e))).toEqual(ps);
    expect(postgresPositions.encode(START)).toBe(`${'0'.repeat(20)}:${'0'.repeat(19)}`);
  });
});
