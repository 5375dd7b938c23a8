/**
 * Many commands on the one command path at once (a connector's 1,000 cancellations, a 10,000-row
 * file): the same plans, decided the same way, but read and appended per chunk. Each chunk's streams
 * are read in a few round trips (readStreams) — the reservations they will likely make too — its
 * plans decided one after another on the states the earlier ones left (two rows about one order see
 * each other), each on its own streams only, as it would be alone, and everything they decided is
 * appended in ONE appendMany, each stream at the revision read. A plan that refuses (a DomainError)
 * decides nothing, and the others go on; a lost race falls back to running the chunk's plans one by
 * one through CommandHandler.execute, with its retries. No plan is ever half-applied.
 */
import type { CommandPlan, Reservation, StreamEvent, StreamRead, StreamType } from '@oms/domain';
import { DomainError } from '@oms/domain';
import type { EventStore, StreamAppend } from '../eventStore.js';
import { latestPosition, MultiStreamAppendUnsupported, WrongExpectedRevision } from '../eventStore.js';
import type { CommandContext, CommandHandler, CommandOutcome } from './commandHandler.js';
import { envelopeOf, unreadOf } from './commandHandler.js';
import { eventIds } from './eventIds.js';

export type BatchResult<P = unknown> = { readonly ok: true; readonly outcome: CommandOutcome<P> } | { readonly ok: false; readonly error: unknown };

interface Overlay {
  state: unknown;
  /** As read from the store: the append's expectation, and the hash it chains from. */
  readonly readRevision: number;
  readonly readHash: string;
  revision: number;
  readonly pending: StreamEvent[];
  readonly ids: string[];
}

/** A plan decided on the chunk's states: what it adds to each stream. */
interface Decided {
  readonly plan: CommandPlan;
  /** Every stream it appends to, reservations included … */
  readonly streams: ReadonlyMap<string, readonly StreamEvent[]>;
  /** … and the ones its decide named (the outcome's primary and others). */
  readonly decided: readonly string[];
}

const expectedOf = (revision: number) => (revision < 0 ? ('no_stream' as const) : revision);
const readOf = (o: Overlay): StreamRead => ({ state: o.state, revision: o.revision });

/** The plan's primary and read streams as the chunk has them (every one is read before any plan decides). */
const readsOf = (plan: CommandPlan, overlay: ReadonlyMap<string, Overlay>): Map<string, StreamRead> => {
  const reads = new Map<string, StreamRead>();
  for (const s of [plan.primary, ...plan.read]) {
    const o = overlay.get(s);
    if (o) reads.set(s, readOf(o));
  }
  return reads;
};

export class BatchCommandRunner<P = unknown> {
  constructor(
    private readonly store: EventStore<P>,
    private readonly streamTypeOf: (streamId: string) => StreamType,
    private readonly handler: CommandHandler<P>,
    private readonly chunkSize = 250,
  ) {}

  /**
   * Runs every plan; results in the plans' order. Idempotency keys and If-Match are for single
   * commands. `dryRun` decides everything and appends nothing (a preview: the outcomes as they would be).
   */
  async execute(plans: readonly CommandPlan[], ctx: CommandContext, options: { readonly dryRun?: boolean } = {}): Promise<BatchResult<P>[]> {
    if (ctx.idempotencyKey !== undefined || ctx.ifMatch !== undefined) throw new Error('A batch takes no idempotency key or If-Match.');
    // A preview is one chunk: every plan sees what the ones before it would have done.
    const size = options.dryRun ? Math.max(plans.length, 1) : this.chunkSize;
    const results: BatchResult<P>[] = [];
    for (let i = 0; i < plans.length; i += size) results.push(...(await this.chunk(plans.slice(i, i + size), ctx, options.dryRun ?? false)));
    return results;
  }

  private async readMany(streamIds: readonly string[], into: Map<string, Overlay>): Promise<void> {
    const unread = [...new Set(streamIds)].filter((s) => !into.has(s));
    if (unread.length === 0) return;
    for (const [streamId, { state, revision, lastHash }] of await this.handler.readMany(unread)) {
      into.set(streamId, { state, readRevision: revision, readHash: lastHash, revision, pending: [], ids: [] });
    }
  }

  private async chunk(plans: readonly CommandPlan[], ctx: CommandContext, dryRun: boolean): Promise<BatchResult<P>[]> {
    const overlay = new Map<string, Overlay>();
    await this.readMany(plans.flatMap((p) => [p.primary, ...p.read]), overlay);
    // The streams `more` names, for every plan at once, in a few round trips.
    for (let round = 0; round < 5; round++) {
      const unread = plans.flatMap((p) => this.missingFor(p, readsOf(p, overlay), overlay));
      if (unread.length === 0) break;
      await this.readMany(unread, overlay);
    }
    await this.prefetchReservations(plans, overlay);

    const results: (BatchResult<P> | Decided)[] = [];
    for (const plan of plans) {
      try {
        const decided = new Map([...plan.decide(await this.readsFor(plan, overlay))].filter(([, events]) => events.length > 0));
        const streams = new Map(decided);
        for (const reservation of plan.reservations?.(decided) ?? []) {
          const events = await this.reserve(reservation, overlay);
          if (events.length > 0) streams.set(reservation.streamId, events);
        }
        this.apply(streams, overlay, ctx);
        results.push({ plan, streams, decided: [...decided.keys()] });
      } catch (error) {
        results.push({ ok: false, error });
      }
    }

    if (dryRun) return this.outcomes(results, overlay, null);
    const appends: StreamAppend[] = [...overlay]
      .filter(([, o]) => o.pending.length > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([streamId, o]) => ({ streamId, expected: expectedOf(o.readRevision), previousHash: o.readHash, events: o.pending.map((e, i) => envelopeOf(e, o.ids[i] ?? '', ctx)) }));
    try {
      const appended = appends.length > 0 ? await this.store.appendMany(appends) : [];
      const position = latestPosition(this.store.positions, appended.map((r) => r.position));
      return await this.refusedAgainAlone(plans, this.outcomes(results, overlay, position), ctx);
    } catch (error) {
      // Another writer moved a stream of the chunk, or the store cannot append the chunk's streams
      // atomically (then a plan on one stream still lands, one on several is refused by name): each
      // plan on its own, deciding again on fresh state.
      if (!(error instanceof WrongExpectedRevision) && !(error instanceof MultiStreamAppendUnsupported)) throw error;
      const alone: BatchResult<P>[] = [];
      for (const plan of plans) {
        try {
          alone.push({ ok: true, outcome: await this.handler.execute(plan, ctx) });
        } catch (e) {
          alone.push({ ok: false, error: e });
        }
      }
      return alone;
    }
  }

  /**
   * A plan the chunk refused was decided on streams read at different moments (the chunk reads its
   * claims first and their orders later): another writer may have moved one in between, so that the
   * reads disagree (a claim not yet recorded on its stream but already on its order). Each refused
   * plan is decided once more on its own, on fresh reads; a real refusal is refused again.
   */
  private async refusedAgainAlone(plans: readonly CommandPlan[], outcomes: BatchResult<P>[], ctx: CommandContext): Promise<BatchResult<P>[]> {
    for (const [i, r] of outcomes.entries()) {
      const plan = plans[i];
      if (r.ok || !plan || !(r.error instanceof DomainError)) continue;
      try {
        outcomes[i] = { ok: true, outcome: await this.handler.execute(plan, ctx) };
      } catch (error) {
        outcomes[i] = { ok: false, error };
      }
    }
    return outcomes;
  }

  /** What `more` names on these reads that the chunk has not read yet. */
  private missingFor(plan: CommandPlan, reads: Map<string, StreamRead>, overlay: ReadonlyMap<string, Overlay>): string[] {
    for (;;) {
      const more = unreadOf(plan, reads);
      const inChunk = more.filter((s) => overlay.has(s));
      if (inChunk.length === 0) return more;
      for (const s of inChunk) reads.set(s, readOf(overlay.get(s) as Overlay));
    }
  }

  /**
   * What the plan sees: its own streams (primary, read, and what `more` adds), at the states the
   * plans before it left — as it would alone, not the whole chunk (which would make every decision
   * cost as much as the chunk is large).
   */
  private async readsFor(plan: CommandPlan, overlay: Map<string, Overlay>): Promise<Map<string, StreamRead>> {
    const reads = readsOf(plan, overlay);
    for (let unread = this.missingFor(plan, reads, overlay); unread.length > 0; unread = this.missingFor(plan, reads, overlay)) await this.readMany(unread, overlay);
    return reads;
  }

  /**
   * The reservation streams the plans will likely reserve (decided on the states read, before any
   * plan of the chunk), read in one round trip rather than one per plan. Only a prefetch: a plan
   * that decides otherwise once the plans before it have run reads what it reserves then.
   */
  private async prefetchReservations(plans: readonly CommandPlan[], overlay: Map<string, Overlay>): Promise<void> {
    const streams: string[] = [];
    for (const plan of plans) {
      if (!plan.reservations) continue;
      try {
        const decided = plan.decide(readsOf(plan, overlay));
        for (const r of plan.reservations(decided)) streams.push(r.streamId);
      } catch {
        // It refuses now; it may not once the plans before it have run, and then reads what it needs.
      }
    }
    await this.readMany(streams, overlay);
  }

  private async reserve(reservation: Reservation, overlay: Map<string, Overlay>): Promise<readonly StreamEvent[]> {
    const decide = this.streamTypeOf(reservation.streamId).decide;
    if (!decide) throw new Error(`Stream ${reservation.streamId} decides no commands; it cannot be reserved.`);
    await this.readMany([reservation.streamId], overlay);
    return decide(reservation.command, overlay.get(reservation.streamId)?.state);
  }

  /** The plan's events join the chunk: states folded, revisions moved, ids drawn (each plan its own, as alone). */
  private apply(streams: ReadonlyMap<string, readonly StreamEvent[]>, overlay: Map<string, Overlay>, ctx: CommandContext): void {
    for (const streamId of streams.keys()) if (!overlay.has(streamId)) throw new Error(`The plan decided events for ${streamId}, which it did not read.`);
    const ids = eventIds(ctx.keyId, undefined);
    for (const [streamId, events] of streams) {
      const o = overlay.get(streamId) as Overlay;
      const type = this.streamTypeOf(streamId);
      for (const [i, e] of events.entries()) {
        o.state = type.evolve(o.state, e);
        o.pending.push(e);
        o.ids.push(ids.reservation(streamId, i));
      }
      o.revision += events.length;
    }
  }

  private outcomes(results: readonly (BatchResult<P> | Decided)[], overlay: ReadonlyMap<string, Overlay>, position: P | null): BatchResult<P>[] {
    // A stream's revision after each plan: counted back from the end of the chunk.
    const after = new Map<string, number>([...overlay].map(([s, o]) => [s, o.revision]));
    const revisions: Map<string, number>[] = [];
    for (let i = results.length - 1; i >= 0; i--) {
      const r = results[i] as BatchResult<P> | Decided;
      if ('ok' in r) continue;
      revisions[i] = new Map([...r.streams.keys()].map((s) => [s, after.get(s) ?? -1]));
      for (const [s, events] of r.streams) after.set(s, (after.get(s) ?? -1) - events.length);
    }
    return results.map((r, i) => {
      if ('ok' in r) return r;
      const mine = revisions[i] ?? new Map<string, number>();
      const { primary } = r.plan;
      return {
        ok: true,
        outcome: {
          primary: { streamId: primary, revision: mine.get(primary) ?? overlay.get(primary)?.readRevision ?? -1, events: r.streams.get(primary) ?? [] },
          others: r.decided.filter((s) => s !== primary).map((streamId) => ({ streamId, revision: mine.get(streamId) ?? -1 })),
          replayed: false,
          position: r.streams.size > 0 ? position : null,
        },
      };
    });
  }
}
