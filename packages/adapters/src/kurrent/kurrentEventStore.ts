/**
 * The event store port on KurrentDB / EventStoreDB, through @kurrent/kurrentdb-client. Streams and
 * their events live on the server; the event id index (eventIdIndex.ts) lives in the SQL database
 * with the read models.
 *
 *  - Expected revisions: `no_stream` (and -1) → NO_STREAM, a revision n → BigInt(n), sent as given.
 *    `any` and `stream_exists` are checked here against the tip just read and sent as that tip's
 *    revision: the next event's hash needs the previous one, so the tip must not move in between. A
 *    race lost that way is re-read and retried, so concurrent `any` appends all land, as they do on
 *    the server.
 *  - Event ids are the client's event ids. The server's own deduplication only recognises a retry of
 *    the same ids at the same expected revision (and, with ANY, only while they are in its recent-write
 *    cache); it enforces no uniqueness across streams. So retries and duplicates are recognised here:
 *    the ids are looked up in the index, and only those found are read back from their streams.
 *    Uniqueness across streams is checked, not enforced: two writers racing the same id onto two
 *    streams can both land (the SQL stores refuse one).
 *  - The hash chain lives in each event's metadata ({ omsMetadata: <json>, omsHash }), all strings,
 *    as the multi-stream append requires. Events are immutable on the server, so the hash at a
 *    (stream, revision) read once is kept and a caller's previousHash is checked without a read.
 *  - Several streams at once: the server's multi-stream append (KurrentDB 25.1, AppendSession), one
 *    transaction. An older server has none: MultiStreamAppendUnsupported, before anything is written.
 *  - readAll follows `$all` with a server-side stream-name prefix filter (this app's streams only,
 *    so no `$` system events); the position is (commit, prepare).
 */
import type { AppendStreamRequest, AppendStreamState, EventData, ReadStreamOptions, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { BACKWARDS, END, FORWARDS, jsonEvent, KurrentDBClient, NO_STREAM, START, StreamNotFoundError, streamNameFilter, UnsupportedError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import type { AppendExpectation, AppendResult, EventMetadata, EventStore, EventToAppend, ExpectedRevision, ReadStreamResult, RecordedEvent, StreamAppend } from '../eventStore.js';
import { DuplicateEventId, MultiStreamAppendUnsupported, WrongExpectedRevision, WrongPreviousHash } from '../eventStore.js';
import { chainHashes, ZERO_HASH } from '../eventHash.js';
import type { EventIdIndex } from './eventIdIndex.js';
import type { KurrentPosition } from './positions.js';
import { compareKurrentPositions, kurrentPositions } from './positions.js';

export interface KurrentEventStoreOptions {
  /** The prefixes of this app's streams: `$all` is read through a server-side filter on them. */
  readonly streamPrefixes: readonly string[];
  readonly index: EventIdIndex;
  /** Attempts for an `any`/`stream_exists` append whose pinned tip moved (default 20). */
  readonly maxPinnedAttempts?: number;
}

type Recorded = RecordedEvent<string, unknown, KurrentPosition>;
interface Tip {
  readonly revision: number;
  readonly hash: string;
  readonly position: KurrentPosition;
}
/** One stream's part of an append: a recognised retry, or events to write at a wire expectation. */
type Plan =
  | { readonly kind: 'retry' | 'nothing'; readonly result: AppendResult<KurrentPosition> }
  | { readonly kind: 'write'; readonly append: StreamAppend; readonly wire: AppendStreamState; readonly pinned: boolean; readonly events: EventData[]; readonly lastHash: string; readonly from: number };

const MAX_KEPT_HASHES = 100_000;

const checkExpected = (expected: ExpectedRevision): void => {
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < -1)) throw new RangeError(`Not an expected revision: ${expected}`);
};
const holds = (expected: ExpectedRevision, actual: number): boolean =>
  expected === 'any' || ((expected === 'no_stream' || expected === -1) && actual === -1) || (expected === 'stream_exists' && actual >= 0) || expected === actual;
const actualOf = (error: WrongExpectedVersionError): number => (typeof error.actualState === 'bigint' ? Number(error.actualState) : -1);

export class KurrentEventStore implements EventStore<KurrentPosition> {
  readonly positions = kurrentPositions;
  private readonly client: KurrentDBClient;
  /** (stream, revision) → hash, for events read or written: they never change on the server. */
  private readonly hashes = new Map<string, string>();
  private readonly maxPinnedAttempts: number;

  constructor(
    connectionString: string | KurrentDBClient,
    private readonly options: KurrentEventStoreOptions,
  ) {
    this.client = typeof connectionString === 'string' ? KurrentDBClient.connectionString(connectionString) : connectionString;
    this.maxPinnedAttempts = options.maxPinnedAttempts ?? 20;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  async readStream(streamId: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<ReadStreamResult<KurrentPosition>> {
    const events = await this.read(streamId, options.fromRevision ?? 0, options.maxCount);
    if (events === null) return { revision: -1, lastHash: ZERO_HASH, events: [] };
    const last = events.at(-1);
    if (last && options.maxCount === undefined) return { revision: last.streamRevision, lastHash: last.hash, events };
    const tip = await this.tip(streamId);
    return { revision: tip?.revision ?? -1, lastHash: tip?.hash ?? ZERO_HASH, events };
  }

  async append(streamId: string, events: readonly EventToAppend[], options: AppendExpectation): Promise<AppendResult<KurrentPosition>> {
    const [result] = await this.appendMany([{ streamId, events, expected: options.expected, previousHash: options.previousHash }]);
    if (!result) throw new Error('appendMany returned nothing');
    return result;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult<KurrentPosition>[]> {
    for (const a of appends) checkExpected(a.expected);
    const ids = appends.flatMap((a) => a.events.map((e) => e.id.toLowerCase()));
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) throw new DuplicateEventId(twice);
    for (let attempt = 1; ; attempt++) {
      const known = await this.options.index.streamsOf(ids);
      const plans = await Promise.all(appends.map((a) => this.plan(a, known)));
      const retried = plans.filter((p) => p.kind === 'retry');
      const writes = plans.filter((p) => p.kind === 'write');
      if (retried.length > 0 && writes.length > 0) throw new DuplicateEventId(appends.find((_, i) => plans[i]?.kind === 'retry')?.events[0]?.id ?? '');
      if (writes.length === 0) return plans.map((p) => (p.kind === 'write' ? unreachable() : p.result));
      await this.options.index.record(writes.flatMap((w) => w.append.events.map((e) => ({ eventId: e.id, streamId: w.append.streamId }))));
      try {
        const written = writes.length === 1 ? [await this.writeOne(writes[0] as WritePlan)] : await this.writeMany(writes);
        const byStream = new Map(written.map((r) => [r.streamId, r]));
        return plans.map((p) => (p.kind === 'write' ? (byStream.get(p.append.streamId) ?? unreachable()) : p.result));
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const lost = writes.find((w) => w.append.streamId === error.streamName) ?? writes[0];
        if (!lost) throw error;
        // A tip pinned here moved: the caller's any/stream_exists still holds, so read again and retry.
        if (lost.pinned && attempt < this.maxPinnedAttempts) continue;
        throw new WrongExpectedRevision(lost.append.streamId, lost.append.expected, actualOf(error));
      }
    }
  }

  async readAll(options: { after: KurrentPosition; limit: number }): Promise<readonly Recorded[]> {
    const { after, limit } = options;
    if (limit <= 0) return [];
    const fromPosition = compareKurrentPositions(after, kurrentPositions.start) === 0 ? START : after;
    const out: Recorded[] = [];
    // The read starts AT `after` (inclusive), so one more than asked and the event at `after` skipped.
    for await (const resolved of this.client.readAll({ fromPosition, maxCount: limit + 1, direction: FORWARDS, filter: streamNameFilter({ prefixes: [...this.options.streamPrefixes] }) })) {
      const e = this.recorded(resolved);
      if (!e || compareKurrentPositions(e.position, after) <= 0) continue;
      out.push(e);
      if (out.length === limit) break;
    }
    return out;
  }

  async findEvent(id: string): Promise<Recorded | null> {
    const streamId = (await this.options.index.streamsOf([id])).get(id.toLowerCase());
    if (streamId === undefined) return null;
    return (await this.read(streamId, 0))?.find((e) => e.id === id.toLowerCase()) ?? null;
  }

  /** One stream's part of an append, every check done before anything is written. */
  private async plan(append: StreamAppend, known: ReadonlyMap<string, string>): Promise<Plan> {
    const { streamId, expected, previousHash } = append;
    const recorded = append.events.map((e) => known.get(e.id.toLowerCase()));
    if (recorded.some((s) => s !== undefined)) {
      const landed = await this.landed(append, recorded);
      if (landed === 'retry') {
        const last = (await this.read(streamId, 0))?.find((e) => e.id === append.events.at(-1)?.id.toLowerCase());
        if (last) return { kind: 'retry', result: { streamId, nextExpectedRevision: last.streamRevision, position: last.position, alreadyAppended: true, lastHash: last.hash } };
      }
      if (landed !== 'none') throw new DuplicateEventId(landed === 'retry' ? (append.events[0]?.id ?? '') : landed);
    }
    const kept = typeof expected === 'number' && expected >= 0 && previousHash !== undefined && append.events.length > 0 ? this.hashes.get(key(streamId, expected)) : undefined;
    if (kept !== undefined) {
      // The caller holds the stream at `expected`: its hash is known, the server checks the revision.
      if (kept !== previousHash) throw new WrongPreviousHash(streamId, expected, expected as number, previousHash as string, kept);
      return this.writePlan(append, BigInt(expected as number), false, kept, (expected as number) + 1);
    }
    const tip = await this.tip(streamId);
    const revision = tip?.revision ?? -1;
    const lastHash = tip?.hash ?? ZERO_HASH;
    if (!holds(expected, revision)) throw new WrongExpectedRevision(streamId, expected, revision);
    if (previousHash !== undefined && previousHash !== lastHash) throw new WrongPreviousHash(streamId, expected, revision, previousHash, lastHash);
    if (append.events.length === 0) {
      return { kind: 'nothing', result: { streamId, nextExpectedRevision: revision, position: tip?.position ?? kurrentPositions.start, alreadyAppended: false, lastHash } };
    }
    const pinned = expected === 'any' || expected === 'stream_exists';
    const wire: AppendStreamState = revision < 0 ? NO_STREAM : BigInt(revision);
    return this.writePlan(append, wire, pinned, lastHash, revision + 1);
  }

  private writePlan(append: StreamAppend, wire: AppendStreamState, pinned: boolean, previousHash: string, from: number): WritePlan {
    const contents = append.events.map((e) => ({ type: e.type, data: JSON.parse(JSON.stringify(e.data ?? null)) as unknown, metadata: JSON.parse(JSON.stringify(e.metadata)) as unknown }));
    const hashes = chainHashes(contents, previousHash);
    const events = append.events.map((e, i) =>
      jsonEvent({ id: e.id, type: e.type, data: (contents[i]?.data ?? null) as never, metadata: { omsMetadata: JSON.stringify(contents[i]?.metadata), omsHash: hashes[i] as string } }),
    );
    return { kind: 'write', append, wire, pinned, events, lastHash: hashes.at(-1) ?? previousHash, from };
  }

  /** Whether the ids an append names already landed: all of them, in order, on its stream; none; or the first one found elsewhere. */
  private async landed(append: StreamAppend, recorded: readonly (string | undefined)[]): Promise<'retry' | 'none' | string> {
    const streams = [...new Set(recorded.filter((s): s is string => s !== undefined))];
    const found = new Map<string, Recorded>();
    for (const s of streams) for (const e of (await this.read(s, 0)) ?? []) found.set(e.id, e);
    const mine = append.events.map((e) => found.get(e.id.toLowerCase()));
    const first = mine[0];
    if (first && mine.every((e, i) => e !== undefined && e.streamId === append.streamId && e.streamRevision === first.streamRevision + i)) return 'retry';
    const offending = append.events.find((e) => found.has(e.id.toLowerCase()));
    return offending ? offending.id : 'none';
  }

  private async writeOne(w: WritePlan): Promise<AppendResult<KurrentPosition>> {
    const r = await this.client.appendToStream(w.append.streamId, w.events, { streamState: w.wire });
    this.keep(w);
    const position = r.position ? { commit: r.position.commit, prepare: r.position.prepare } : kurrentPositions.start;
    return { streamId: w.append.streamId, nextExpectedRevision: Number(r.nextExpectedRevision), position, alreadyAppended: false, lastHash: w.lastHash };
  }

  private async writeMany(writes: readonly WritePlan[]): Promise<AppendResult<KurrentPosition>[]> {
    const requests: AppendStreamRequest[] = writes.map((w) => ({ streamName: w.append.streamId, events: w.events, expectedState: w.wire }));
    let r;
    try {
      r = await this.client.multiStreamAppend(requests);
    } catch (error) {
      // Raised by the client before it sends anything, when the server lists no AppendSession.
      if (error instanceof UnsupportedError) throw new MultiStreamAppendUnsupported(writes.map((w) => w.append.streamId));
      throw error;
    }
    writes.forEach((w) => this.keep(w));
    const revisions = new Map(r.responses.map((x) => [x.streamName, Number(x.revision)]));
    // The response names one log position for the whole transaction, not each stream's: each stream's
    // last event is read back at its revision (one read per stream, in parallel).
    return Promise.all(
      writes.map(async (w) => {
        const revision = revisions.get(w.append.streamId) ?? w.from + w.events.length - 1;
        const [last] = (await this.read(w.append.streamId, revision, 1)) ?? [];
        return { streamId: w.append.streamId, nextExpectedRevision: revision, position: last?.position ?? { commit: r.position, prepare: 0n }, alreadyAppended: false, lastHash: w.lastHash };
      }),
    );
  }

  /** The hashes just written, at their revisions. */
  private keep(w: WritePlan): void {
    const hashes = chainHashesOf(w);
    hashes.forEach((h, i) => this.remember(w.append.streamId, w.from + i, h));
  }

  private remember(streamId: string, revision: number, hash: string): void {
    if (this.hashes.size >= MAX_KEPT_HASHES) this.hashes.delete(this.hashes.keys().next().value as string);
    this.hashes.set(key(streamId, revision), hash);
  }

  /** The stream's last event, or null when there is none. */
  private async tip(streamId: string): Promise<Tip | null> {
    const [last] = (await this.read(streamId, 'end', 1)) ?? [];
    return last ? { revision: last.streamRevision, hash: last.hash, position: last.position } : null;
  }

  /** A stream's events from a revision (or the last one, backwards), null when it does not exist. */
  private async read(streamId: string, from: number | 'end', maxCount?: number): Promise<Recorded[] | null> {
    const events: Recorded[] = [];
    try {
      const options: ReadStreamOptions = from === 'end' ? { fromRevision: END, direction: BACKWARDS, maxCount: maxCount ?? 1 } : { fromRevision: from === 0 ? START : BigInt(from), direction: FORWARDS, ...(maxCount === undefined ? {} : { maxCount }) };
      for await (const resolved of this.client.readStream(streamId, options)) {
        const e = this.recorded(resolved);
        if (e) events.push(e);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return events;
  }

  private recorded(resolved: ResolvedEvent): Recorded | null {
    const e = resolved.event;
    if (!e || !e.isJson || !e.position) return null;
    const stored = (e.metadata ?? {}) as { omsMetadata?: unknown; omsHash?: unknown };
    if (typeof stored.omsMetadata !== 'string' || typeof stored.omsHash !== 'string') return null; // not written by this store
    const event: Recorded = {
      id: e.id.toLowerCase(),
      streamId: e.streamId,
      streamRevision: Number(e.revision),
      type: e.type,
      data: e.data,
      metadata: JSON.parse(stored.omsMetadata) as EventMetadata,
      position: { commit: e.position.commit, prepare: e.position.prepare },
      recordedAt: e.created.toISOString(),
      hash: stored.omsHash,
    };
    this.remember(event.streamId, event.streamRevision, event.hash);
    return event;
  }
}

type WritePlan = Extract<Plan, { kind: 'write' }>;

const key = (streamId: string, revision: number): string => `${revision}\u0000${streamId}`;
const chainHashesOf = (w: WritePlan): string[] => w.events.map((e) => (e.metadata as { omsHash: string }).omsHash);
const unreachable = (): never => {
  throw new Error('unreachable');
};
