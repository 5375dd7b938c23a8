/**
 * A second implementation of the event store port, in memory, for tests: it keeps the port's
 * contract (0-based revisions, expectations, atomic appendMany, retries recognised by their event
 * ids, readAll in global order, the hash chain checked with the expectation) with a position type of its own — a plain event counter — so the
 * projection runner can be shown to work from any store, not just PostgreSQL's.
 */
import type {
  AppendExpectation,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  PositionCodec,
  ReadStreamResult,
  RecordedEvent,
  StreamAppend,
} from '@oms/adapters';
import { DuplicateEventId, eventHash, WrongExpectedRevision, WrongPreviousHash, ZERO_HASH } from '@oms/adapters';

type Stored = RecordedEvent<string, unknown, number>;

/** 1, 2, 3 … in append order; 16 digits, so text order is number order. */
export const counterPositions: PositionCodec<number> = {
  start: 0,
  compare: (a, b) => a - b,
  encode: (p) => p.toString().padStart(16, '0'),
  decode: (s) => {
    if (!/^\d{16}$/.test(s)) throw new Error(`Not an in-memory position: ${s}`);
    return Number(s);
  },
};

const expectationHolds = (expected: ExpectedRevision, actual: number): boolean =>
  expected === 'any' ||
  ((expected === 'no_stream' || expected === -1) && actual === -1) ||
  (expected === 'stream_exists' && actual >= 0) ||
  expected === actual;

const lastHashOf = (stream: readonly Stored[]): string => stream[stream.length - 1]?.hash ?? ZERO_HASH;

/** Stored as JSON, like jsonb: the caller's objects are never shared with the store. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

export class InMemoryEventStore implements EventStore<number> {
  readonly positions = counterPositions;
  /** The log: the event at position p is log[p - 1]. */
  private readonly log: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private readonly byId = new Map<string, Stored>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async readStream(streamId: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<ReadStreamResult<number>> {
    const stream = this.streams.get(streamId);
    if (!stream) return { revision: -1, lastHash: ZERO_HASH, events: [] };
    const from = options.fromRevision ?? 0;
    return { revision: stream.length - 1, lastHash: lastHashOf(stream), events: stream.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount) };
  }

  async append(streamId: string, events: readonly EventToAppend[], options: AppendExpectation): Promise<AppendResult<number>> {
    const [result] = await this.appendMany([{ streamId, events, expected: options.expected, previousHash: options.previousHash }]);
    if (!result) throw new Error('appendMany returned nothing');
    return result;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult<number>[]> {
    // Everything is checked before anything is written: all or nothing.
    const plans = appends.map((a) => this.plan(a));
    const retried = plans.filter((p) => p.retry && p.append.events.length > 0);
    const written = plans.filter((p) => !p.retry && p.append.events.length > 0);
    if (retried.length > 0 && written.length > 0) throw new DuplicateEventId(retried[0]?.append.events[0]?.id ?? '');
    const ids = written.flatMap((p) => p.append.events.map((e) => e.id.toLowerCase()));
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) throw new DuplicateEventId(twice);
    const recordedAt = this.clock().toISOString();
    return plans.map(({ append, retry, result }) => {
      if (retry || append.events.length === 0) return result;
      const stream = this.streams.get(append.streamId) ?? [];
      for (const e of append.events) {
        const content = { type: e.type, data: copy(e.data), metadata: copy(e.metadata) };
        const stored: Stored = {
          id: e.id,
          streamId: append.streamId,
          streamRevision: stream.length,
          ...content,
          position: this.log.length + 1,
          recordedAt,
          hash: eventHash(content, lastHashOf(stream)),
        };
        stream.push(stored);
        this.log.push(stored);
        this.byId.set(e.id.toLowerCase(), stored);
      }
      this.streams.set(append.streamId, stream);
      const last = stream[stream.length - 1] as Stored;
      return { streamId: append.streamId, nextExpectedRevision: last.streamRevision, position: last.position, alreadyAppended: false, lastHash: last.hash };
    });
  }

  /** What one append would do: a recognised retry, a write, or an error. */
  private plan(append: StreamAppend): { append: StreamAppend; retry: boolean; result: AppendResult<number> } {
    const stream = this.streams.get(append.streamId) ?? [];
    const revision = stream.length - 1;
    const stored = append.events.map((e) => this.byId.get(e.id.toLowerCase()));
    const first = stored[0];
    if (first && stored.every((s, i) => s !== undefined && s.streamId === append.streamId && s.streamRevision === first.streamRevision + i)) {
      const last = stored[stored.length - 1] as Stored;
      return { append, retry: true, result: { streamId: append.streamId, nextExpectedRevision: last.streamRevision, position: last.position, alreadyAppended: true, lastHash: last.hash } };
    }
    const offending = append.events.find((e) => this.byId.has(e.id.toLowerCase()));
    if (offending) throw new DuplicateEventId(offending.id);
    if (!expectationHolds(append.expected, revision)) throw new WrongExpectedRevision(append.streamId, append.expected, revision);
    const lastHash = lastHashOf(stream);
    if (append.previousHash !== undefined && append.previousHash !== lastHash) throw new WrongPreviousHash(append.streamId, append.expected, revision, append.previousHash, lastHash);
    const position = stream[stream.length - 1]?.position ?? this.positions.start;
    return { append, retry: false, result: { streamId: append.streamId, nextExpectedRevision: revision, position, alreadyAppended: false, lastHash } };
  }

  async readAll(options: { after: number; limit: number }): Promise<readonly Stored[]> {
    return this.log.slice(Math.max(0, options.after), Math.max(0, options.after) + options.limit);
  }

  async findEvent(id: string): Promise<Stored | null> {
    return this.byId.get(id.toLowerCase()) ?? null;
  }
}
