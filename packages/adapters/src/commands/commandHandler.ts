/**
 * The one command path, for every caller (HTTP routes, the CLI, file imports, background jobs) and
 * every stream type: read the streams a command's plan names, fold each with its stream type, decide
 * (pure), and append every decided stream plus the reservation streams the domain's cross-stream rules
 * ask for in ONE appendMany, each at the revision read and chained from the last hash read with it
 * (so the store checks the chain in the same statement, with no read of its own).
 *  - A lost race (WrongExpectedRevision) is decided again on fresh state, a bounded number of times
 *    with jittered backoff — unless the caller pinned the primary's revision: RevisionConflict.
 *  - With an idempotency key the event ids are derived from it (eventIds.ts): a retry is recognised in
 *    the store and answered with the first result, `others` included; a racing retry that lost on an
 *    id (DuplicateEventId: it took another 관리번호, so the ids collide across streams) is that retry;
 *    a reused key with another request is IdempotencyKeyReused.
 * It knows no HTTP and no order: plans and stream types come from the domain (crossStream.ts).
 */
import type { CommandMetadata, CommandPlan, StreamEvent, StreamRead, StreamType } from '@oms/domain';
import { schemaVersionOf } from '@oms/domain';
import type { EventMetadata, EventStore, EventToAppend, ExpectedRevision, RecordedEvent, StreamAppend } from '../eventStore.js';
import { DuplicateEventId, latestPosition, MultiStreamAppendUnsupported, WrongExpectedRevision } from '../eventStore.js';
import { ZERO_HASH } from '../eventHash.js';
import { IdempotencyKeyReused, RevisionConflict } from './errors.js';
import type { EventIds } from './eventIds.js';
import { eventIds } from './eventIds.js';

export interface CommandContext {
  readonly metadata: CommandMetadata;
  /** The caller's key id: scopes idempotency keys so two clients never collide. */
  readonly keyId: string;
  readonly requestId: string;
  /** Pins the primary stream's revision (If-Match): a moved stream is a RevisionConflict, not a retry. */
  readonly ifMatch?: number | undefined;
  readonly idempotencyKey?: string | undefined;
  /** A hash of the request, to refuse a reused idempotency key with a different request. */
  readonly requestHash: string;
}

export interface StreamRevision {
  readonly streamId: string;
  /** The stream's revision after the command. */
  readonly revision: number;
}

/** `P`: the store's position type (compared only through its codec, store.positions). */
export interface CommandOutcome<P = unknown> {
  readonly primary: StreamRevision & { readonly events: readonly StreamEvent[] };
  /** The other decided streams (not the reservations), in the order decided. */
  readonly others: readonly StreamRevision[];
  /** true when this answers a retry from the store; nothing new was appended. */
  readonly replayed: boolean;
  /** The last position appended (null when nothing was). */
  readonly position: P | null;
}

export interface CommandHandlerOptions {
  /** Attempts in all when races are lost; each round has a winner, so this bounds a burst of writers. */
  readonly maxAttempts?: number;
  readonly backoff?: (attempt: number) => Promise<void>;
  /** Folded states kept (the most recently read streams); 0 keeps none. */
  readonly foldedStates?: number;
}

/** A stream as the handler holds it: folded state, revision, and the last hash its next append chains from. */
export interface HeldStream extends StreamRead {
  readonly lastHash: string;
}

/** The most recently read streams' folded states, at most `max`, the least recently read dropped first. */
class FoldedStates {
  private readonly states = new Map<string, HeldStream>();
  constructor(private readonly max: number) {}

  get(streamId: string): HeldStream | undefined {
    return this.states.get(streamId);
  }

  set(streamId: string, read: HeldStream): HeldStream {
    if (this.max === 0) return read;
    this.states.delete(streamId);
    this.states.set(streamId, read);
    if (this.states.size > this.max) this.states.delete(this.states.keys().next().value as string);
    return read;
  }
}

const jitteredBackoff = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));

const expectedOf = (revision: number): ExpectedRevision => (revision < 0 ? 'no_stream' : revision);

export class CommandHandler<P = unknown> {
  private readonly maxAttempts: number;
  private readonly backoff: (attempt: number) => Promise<void>;
  private readonly folded: FoldedStates;

  constructor(
    private readonly store: EventStore<P>,
    private readonly streamTypeOf: (streamId: string) => StreamType,
    options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 20;
    this.backoff = options.backoff ?? jitteredBackoff;
    this.folded = new FoldedStates(options.foldedStates ?? 20_000);
  }

  /**
   * A stream folded with its stream type (only the revision, for a stream that serialises). A state
   * folded before is kept with its revision and checked on every read: only the events after it are
   * read and folded onto it, so an order's whole history is not read again for each CS action.
   */
  async read(streamId: string): Promise<HeldStream> {
    const type = this.streamTypeOf(streamId);
    if (type.revisionOnly) {
      const { revision, lastHash } = await this.store.readStream(streamId, { fromRevision: Number.MAX_SAFE_INTEGER });
      return { state: type.initialState(), revision, lastHash };
    }
    const cached = this.folded.get(streamId);
    if (cached) {
      const { revision, lastHash, events } = await this.store.readStream(streamId, { fromRevision: cached.revision + 1 });
      // Anything but the very next events (a store emptied under us, as in tests) is folded again from the start.
      if (revision >= cached.revision && (events[0]?.streamRevision ?? cached.revision + 1) === cached.revision + 1) {
        return this.folded.set(streamId, { state: events.reduce<unknown>((s, e) => type.evolve(s, e), cached.state), revision, lastHash });
      }
    }
    const { revision, lastHash, events } = await this.store.readStream(streamId);
    return this.folded.set(streamId, { state: events.reduce<unknown>((s, e) => type.evolve(s, e), type.initialState()), revision, lastHash });
  }

  /** Many streams folded, in as few round trips as the store allows (readStreams); one entry per id. */
  async readMany(streamIds: readonly string[]): Promise<Map<string, HeldStream>> {
    const ids = [...new Set(streamIds)];
    const read = this.store.readStreams ? await this.store.readStreams(ids) : new Map(await Promise.all(ids.map(async (s) => [s, await this.store.readStream(s)] as const)));
    return new Map(
      ids.map((streamId) => {
        const type = this.streamTypeOf(streamId);
        const r = read.get(streamId) ?? { revision: -1, lastHash: ZERO_HASH, events: [] };
        return [streamId, { state: r.events.reduce<unknown>((s, e) => type.evolve(s, e), type.initialState()), revision: r.revision, lastHash: r.lastHash }];
      }),
    );
  }

  /** The first result of a command sent with this idempotency key, when it was already applied. */
  async findFirstResult(ctx: CommandContext): Promise<CommandOutcome<P> | null> {
    if (!ctx.idempotencyKey) return null;
    const ids = eventIds(ctx.keyId, ctx.idempotencyKey);
    const first = await this.store.findEvent(ids.primary(0));
    if (!first) return null;
    if (first.metadata.requestHash !== ctx.requestHash) throw new IdempotencyKeyReused(ctx.idempotencyKey);
    const { events } = await this.store.readStream(first.streamId, { fromRevision: first.streamRevision });
    const mine: RecordedEvent<string, unknown, P>[] = [];
    for (const [i, e] of events.entries()) {
      if (e.id !== ids.primary(i)) break;
      mine.push(e);
    }
    const last = mine[mine.length - 1] ?? first;
    // The other streams' events carry a running index: the last one found per stream is its revision.
    const others = new Map<string, RecordedEvent<string, unknown, P>>();
    for (let k = 0; ; k++) {
      const e = await this.store.findEvent(ids.other(k));
      if (!e) break;
      others.set(e.streamId, e);
    }
    return {
      primary: { streamId: first.streamId, revision: last.streamRevision, events: mine.map((e) => ({ type: e.type, data: e.data })) },
      others: [...others.values()].map((e) => ({ streamId: e.streamId, revision: e.streamRevision })),
      replayed: true,
      position: latestPosition(this.store.positions, [last.position, ...[...others.values()].map((e) => e.position)]),
    };
  }

  async execute(plan: CommandPlan, ctx: CommandContext): Promise<CommandOutcome<P>> {
    const replay = await this.findFirstResult(ctx);
    if (replay) return replay;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(plan, ctx);
      } catch (error) {
        if (error instanceof DuplicateEventId) {
          // A retry racing its original lost on an id: once the original committed, it is found.
          const first = await this.findFirstResult(ctx);
          if (first) return first;
          throw error;
        }
        if (error instanceof MultiStreamAppendUnsupported) throw new MultiStreamAppendUnsupported(error.streamIds, plan.name);
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (ctx.ifMatch !== undefined && error.streamId === plan.primary) throw new RevisionConflict(plan.primary, ctx.ifMatch, error.actual);
        const first = await this.findFirstResult(ctx);
        if (first) return first;
        if (attempt >= this.maxAttempts) throw error;
        await this.backoff(attempt);
      }
    }
  }

  private async attempt(plan: CommandPlan, ctx: CommandContext): Promise<CommandOutcome<P>> {
    const reads = new Map<string, HeldStream>();
    const readOnce = async (streamId: string) => {
      if (!reads.has(streamId)) reads.set(streamId, await this.read(streamId));
    };
    await readOnce(plan.primary);
    const primary = reads.get(plan.primary) as HeldStream;
    if (ctx.ifMatch !== undefined && primary.revision >= 0 && ctx.ifMatch !== primary.revision) {
      throw new RevisionConflict(plan.primary, ctx.ifMatch, primary.revision);
    }
    for (const streamId of plan.read) await readOnce(streamId);
    for (let unread = unreadOf(plan, reads); unread.length > 0; unread = unreadOf(plan, reads)) {
      for (const streamId of unread) await readOnce(streamId);
    }

    const decided = new Map([...plan.decide(reads)].filter(([, events]) => events.length > 0));
    if (decided.size === 0) return { primary: { streamId: plan.primary, revision: primary.revision, events: [] }, others: [], replayed: false, position: null };
    const ids = eventIds(ctx.keyId, ctx.idempotencyKey);
    const appends = this.decidedAppends(decided, reads, plan.primary, ids, ctx);
    for (const reservation of plan.reservations?.(decided) ?? []) {
      if (decided.has(reservation.streamId)) throw new Error(`Stream ${reservation.streamId} is both decided and reserved.`);
      if (appends.some((a) => a.streamId === reservation.streamId)) continue;
      const append = await this.reservationAppend(reservation.streamId, reservation.command, ids, ctx);
      if (append) appends.push(append);
    }

    // One lock order for every command, so two transactions never wait on each other's streams.
    const sorted = [...appends].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    const results = await this.store.appendMany(sorted);
    if (results.some((r) => r.alreadyAppended)) {
      const first = await this.findFirstResult(ctx);
      if (first) return first;
    }
    const revisionOf = new Map(results.map((r) => [r.streamId, r.nextExpectedRevision]));
    const others = [...decided.keys()].filter((s) => s !== plan.primary);
    return {
      primary: { streamId: plan.primary, revision: revisionOf.get(plan.primary) ?? primary.revision, events: decided.get(plan.primary) ?? [] },
      others: others.map((streamId) => ({ streamId, revision: revisionOf.get(streamId) ?? -1 })),
      replayed: false,
      position: latestPosition(this.store.positions, results.map((r) => r.position)),
    };
  }

  /** The decided streams' appends, each at the revision read; ids as in eventIds.ts. */
  private decidedAppends(decided: ReadonlyMap<string, readonly StreamEvent[]>, reads: ReadonlyMap<string, HeldStream>, primary: string, ids: EventIds, ctx: CommandContext): StreamAppend[] {
    let other = 0;
    return [...decided].map(([streamId, events]) => {
      const read = reads.get(streamId);
      if (!read) throw new Error(`The plan decided events for ${streamId}, which it did not read.`);
      return {
        streamId,
        expected: expectedOf(read.revision),
        previousHash: read.lastHash,
        events: events.map((e, i) => this.envelope(e, streamId === primary ? ids.primary(i) : ids.other(other++), ctx)),
      };
    });
  }

  /** A reservation stream's own decider decides the rule's command on its state; nothing to append when it decides nothing. */
  private async reservationAppend(streamId: string, command: unknown, ids: EventIds, ctx: CommandContext): Promise<StreamAppend | null> {
    const decide = this.streamTypeOf(streamId).decide;
    if (!decide) throw new Error(`Stream ${streamId} decides no commands; it cannot be reserved.`);
    const { state, revision, lastHash } = await this.read(streamId);
    const events = decide(command, state);
    if (events.length === 0) return null;
    return { streamId, expected: expectedOf(revision), previousHash: lastHash, events: events.map((e, i) => this.envelope(e, ids.reservation(streamId, i), ctx)) };
  }

  private envelope(event: StreamEvent, id: string, ctx: CommandContext): EventToAppend {
    return envelopeOf(event, id, ctx);
  }
}

/**
 * The streams `more` names that are not read yet. Asked again after every round, so a stream named by
 * a state read in the round before (the order a reservation names, then that order's 합포 members) is
 * read too; a plan's own answer bounds the rounds.
 */
export const unreadOf = (plan: CommandPlan, reads: ReadonlyMap<string, StreamRead>): string[] => [...new Set(plan.more?.(reads) ?? [])].filter((s) => !reads.has(s));

/** An event as the store is handed it: the command's metadata on every event. */
export const envelopeOf = (event: StreamEvent, id: string, ctx: CommandContext): EventToAppend => {
    const metadata: EventMetadata = {
      actor: ctx.metadata.actor,
      role: ctx.metadata.role,
      occurredAt: ctx.metadata.at,
      ...(ctx.metadata.memo ? { memo: ctx.metadata.memo } : {}),
      correlationId: ctx.requestId,
      ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey } : {}),
      requestHash: ctx.requestHash,
      schemaVersion: schemaVersionOf(event.type),
    };
    return { id, type: event.type, data: event.data, metadata };
};
