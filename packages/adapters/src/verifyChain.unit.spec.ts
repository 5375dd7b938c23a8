/**
 * verifyStream (a stream read whole) and verifyLog (every stream, from the log as it interleaves them)
 * find the same breaks: a property over random logs with one kind of tampering each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventLog, RecordedEvent } from './eventStore.js';
import { chainHashes, ZERO_HASH } from './eventHash.js';
import { verifyLog, verifyStream } from './verifyChain.js';

type Recorded = RecordedEvent<string, unknown, number>;

/** Streams of the given lengths, hashed as the stores hash them, interleaved in a given order. */
const logOf = (lengths: readonly number[], order: readonly number[]): Recorded[] => {
  const streams = lengths.map((n, s) => {
    const contents = Array.from({ length: n }, (_, r) => ({ type: 'Noted', data: { s, r }, metadata: { actor: 'a', role: 'cs', occurredAt: '2026-12-01T00:00:00Z', schemaVersion: 1 } }));
    const hashes = chainHashes(contents, ZERO_HASH);
    return contents.map((c, r) => ({ ...c, id: `e-${s}-${r}`, streamId: `order-${s + 1}`, streamRevision: r, position: 0, recordedAt: '2026-12-01T00:00:00.000Z', hash: hashes[r] as string }));
  });
  const next = streams.map(() => 0);
  const log: Recorded[] = [];
  for (const s of order) {
    const stream = streams[s % streams.length] ?? [];
    const e = stream[next[s % streams.length] ?? 0];
    if (!e) continue;
    next[s % streams.length] = (next[s % streams.length] ?? 0) + 1;
    log.push(e);
  }
  for (const [s, stream] of streams.entries()) log.push(...stream.slice(next[s]));
  return log.map((e, i) => ({ ...e, position: i + 1 }));
};

const logReader = (events: readonly Recorded[]): EventLog<number> => ({
  positions: { start: 0, compare: (a, b) => a - b, encode: (p) => String(p).padStart(12, '0'), decode: Number },
  readAll: async ({ after, limit }) => events.filter((e) => e.position > after).slice(0, limit),
});

const tamperings = ['none', 'data', 'hash', 'delete'] as const;

describe('verifyLog', () => {
  it('finds, on random interleaved logs, the breaks verifyStream finds on each stream, and none on an untouched log', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(20), { maxLength: 40 }),
        fc.constantFrom(...tamperings),
        fc.nat(),
        async (lengths, order, tampering, pick) => {
          let log = logOf(lengths, order);
          const victim = log[pick % log.length] as Recorded;
          if (tampering === 'data') log = log.map((e) => (e === victim ? { ...e, data: { edited: true } } : e));
          if (tampering === 'hash') log = log.map((e) => (e === victim ? { ...e, hash: 'f'.repeat(64) } : e));
          if (tampering === 'delete') log = log.filter((e) => e !== victim);
          const summary = await verifyLog(logReader(log), { pageSize: 3 });
          const perStream = [...new Set(log.map((e) => e.streamId))].flatMap((streamId) => {
            const events = log.filter((e) => e.streamId === streamId);
            const last = events.at(-1) as Recorded;
            return verifyStream(streamId, { revision: last.streamRevision, lastHash: last.hash, events }).breaks;
          });
          expect(summary.events).toBe(log.length);
          expect([...summary.breaks].sort((a, b) => a.streamId.localeCompare(b.streamId) || a.revision - b.revision)).toEqual(perStream.sort((a, b) => a.streamId.localeCompare(b.streamId) || a.revision - b.revision));
          const isLast = victim.streamRevision === (lengths[Number(victim.streamId.slice(6)) - 1] ?? 0) - 1;
          if (tampering === 'none') expect(summary.breaks).toEqual([]);
          // A deleted last event leaves nothing behind in the log itself; anything else is named where it is.
          else if (!(tampering === 'delete' && isLast)) expect(summary.breaks.map((b) => b.streamId)).toContain(victim.streamId);
          if (tampering === 'data') expect(summary.breaks).toContainEqual({ streamId: victim.streamId, revision: victim.streamRevision, kind: 'hash_mismatch' });
        },
      ),
      { numRuns: 200 },
    );
  });
});
