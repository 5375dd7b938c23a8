/**
 * The one way an order command runs: read the order stream, fold, decide, stamp the command's
 * metadata on every event, and append — atomically with any reservation streams the events touch —
 * expecting the revision that was read. Without If-Match a lost race is retried on fresh state;
 * with If-Match the caller's revision must still be current. With an Idempotency-Key the event ids
 * are derived from it, so a retry finds the first result in the store and returns it.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EventMetadata, EventStore, EventToAppend, GlobalPosition, RecordedEvent, StreamAppend } from '@oms/adapters';
import { WrongExpectedRevision } from '@oms/adapters';
import type { CommandMetadata, CommandWarning, CsCommand, OrderEvent, OrderState, ReservationEvent } from '@oms/domain';
import {
  channelOrderStreamId,
  decideAcrossOrders,
  fold,
  OrderDecider,
  ordersInvolved,
  orderStreamId,
  productPriorityMovesOf,
  productPriorityStreamId,
  ReservationDecider,
  trackingNumberStreamId,
  warningsOf,
} from '@oms/domain';
import { ApiProblem, revisionConflict } from '../problem.js';

export interface CommandContext {
  readonly metadata: CommandMetadata;
  /** The worker's key id: scopes idempotency keys so two clients never collide. */
  readonly keyId: string;
  readonly requestId: string;
  readonly ifMatch?: number | undefined;
  readonly idempotencyKey?: string | undefined;
  /** A hash of the request, to refuse a reused Idempotency-Key with a different body. */
  readonly requestHash: string;
}

export interface CommandResult {
  readonly no: number;
  readonly revision: number;
  readonly events: readonly string[];
  /** The order's new events (type and data), e.g. the 관리번호 of a copy. */
  readonly decided: readonly OrderEvent[];
  /** Other orders the command appended to (합포 members, a copy, renumbered priorities), with their new revisions. */
  readonly others: readonly { readonly no: number; readonly revision: number }[];
  readonly warnings: readonly CommandWarning[];
  /** true when this answers a retry from the store; nothing new was appended. */
  readonly replayed: boolean;
  readonly position: GlobalPosition | null;
}

/** Lost races are retried on fresh state; each round has a winner, so this bounds a burst of writers. */
const MAX_ATTEMPTS = 20;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));

/** A name-based (v5-style) UUID: the same idempotency key always yields the same event ids. */
export const deterministicId = (...parts: readonly string[]): string => {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};

export const readOrder = async (store: EventStore, no: number): Promise<{ state: OrderState; revision: number; events: readonly RecordedEvent[] }> => {
  const { revision, events } = await store.readStream(orderStreamId(no));
  return { state: fold(OrderDecider, events.map((e) => e as unknown as OrderEvent)), revision, events };
};

const readReservation = async (store: EventStore, streamId: string) => {
  const { revision, events } = await store.readStream(streamId);
  return { state: fold(ReservationDecider, events.map((e) => e as unknown as ReservationEvent)), revision };
};

export class OrderCommandHandler {
  constructor(private readonly store: EventStore) {}

  /** The first result of a command sent with this Idempotency-Key, when it was already applied. */
  async findFirstResult(ctx: CommandContext): Promise<CommandResult | null> {
    if (!ctx.idempotencyKey) return null;
    const ids = this.eventIds(ctx);
    const first = await this.store.findEvent(ids('order', 0));
    if (!first) return null;
    if (first.metadata.requestHash !== ctx.requestHash) {
      throw new ApiProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request.', [
        { field: 'Idempotency-Key', message: 'already used for a different request' },
      ]);
    }
    const { events } = await this.store.readStream(first.streamId, { fromRevision: first.streamRevision });
    const mine = [];
    for (const [i, e] of events.entries()) {
      if (e.id !== ids('order', i)) break;
      mine.push(e);
    }
    const last = mine[mine.length - 1] ?? first;
    const decided = mine.map((e) => ({ type: e.type, data: e.data }) as OrderEvent);
    return {
      no: (first.data as { no: number }).no,
      revision: last.streamRevision,
      events: mine.map((e) => e.type),
      decided,
      others: [],
      warnings: warningsOf(decided),
      replayed: true,
      position: last.position,
    };
  }

  /**
   * Runs `command` on order `no`. `PlaceOrder` expects no stream; every other command needs one.
   * A command that spans orders (합포, 주문복사, 우선순위) reads every order involved and appends to
   * each at the revision it read, in ONE transaction with the reservation streams its events need
   * (tracking numbers, channel orders): an invariant across orders cannot be broken by a race.
   */
  async execute(no: number, command: CsCommand, ctx: CommandContext): Promise<CommandResult> {
    const replay = await this.findFirstResult(ctx);
    if (replay) return replay;
    for (let attempt = 1; ; attempt++) {
      const primary = await readOrder(this.store, no);
      if (ctx.ifMatch !== undefined && ctx.ifMatch !== primary.revision && primary.state.kind === 'placed') throw revisionConflict(ctx.ifMatch, primary.revision);
      const read = new Map([[no, primary]]);
      for (const other of ordersInvolved(no, command, primary.state)) read.set(other, await readOrder(this.store, other));
      const decided = decideAcrossOrders(no, command, new Map([...read].map(([n, r]) => [n, r.state])));
      const mine = decided.get(no) ?? [];
      const changed = [...decided].filter(([, events]) => events.length > 0).sort(([a], [b]) => (a === no ? -1 : b === no ? 1 : a - b));
      if (changed.length === 0) return { no, revision: primary.revision, events: [], decided: [], others: [], warnings: [], replayed: false, position: null };
      const ids = this.eventIds(ctx);
      const orderAppends: StreamAppend[] = changed.map(([n, events]) => {
        const { state, revision } = read.get(n) ?? { state: { kind: 'none' } as OrderState, revision: -1 };
        return {
          streamId: orderStreamId(n),
          expected: state.kind === 'none' ? 'no_stream' : revision,
          // The acted-on order's ids are the ones a retry with the same Idempotency-Key looks for.
          events: events.map((e, i) => this.envelope(e, n === no ? ids('order', i) : ids(orderStreamId(n), i), ctx)),
        };
      });
      const appends = [...orderAppends, ...(await this.reservationsFor(changed.flatMap(([, events]) => events), ctx))];
      try {
        const results = await this.store.appendMany(appends);
        if (results[0]?.alreadyAppended) {
          const first = await this.findFirstResult(ctx);
          if (first) return first;
        }
        const revisionOf = (n: number) => results[changed.findIndex(([m]) => m === n)]?.nextExpectedRevision ?? read.get(n)?.revision ?? -1;
        const last = results[orderAppends.length - 1] ?? results[0];
        return {
          no,
          revision: revisionOf(no),
          events: mine.map((e) => e.type),
          decided: mine,
          others: changed.filter(([n]) => n !== no).map(([n]) => ({ no: n, revision: revisionOf(n) })),
          warnings: warningsOf(mine),
          replayed: false,
          position: last?.position ?? null,
        };
      } catch (error) {
        // A concurrent writer got there first: decide again on fresh state, unless the caller pinned a revision.
        if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
        if (ctx.ifMatch !== undefined && error.streamId === orderStreamId(no)) throw revisionConflict(ctx.ifMatch, error.actual);
        const replayed = await this.findFirstResult(ctx);
        if (replayed) return replayed;
        await backoff(attempt);
      }
    }
  }

  /** Reservation appends for the decided events; a package's tracking number is reserved once, for the package. */
  private async reservationsFor(events: readonly OrderEvent[], ctx: CommandContext): Promise<StreamAppend[]> {
    const appends = new Map<string, StreamAppend>();
    const ids = this.eventIds(ctx);
    const reserve = async (streamId: string, value: string, owner: number, what: string, release: boolean) => {
      if (appends.has(streamId)) return;
      const { state, revision } = await readReservation(this.store, streamId);
      const command = release
        ? ({ type: 'Release', data: { value, orderNo: owner }, metadata: ctx.metadata } as const)
        : ({ type: 'Reserve', data: { value, orderNo: owner, what }, metadata: ctx.metadata } as const);
      const reservationEvents = ReservationDecider.decide(command, state);
      if (reservationEvents.length > 0) {
        appends.set(streamId, {
          streamId,
          expected: revision < 0 ? 'no_stream' : revision,
          events: reservationEvents.map((e, i) => this.envelope(e, ids(streamId, i), ctx)),
        });
      }
    };
    for (const event of events) {
      if (event.type === 'OrderPlaced') {
        const { channel, channelOrderNo, no } = event.data;
        await reserve(channelOrderStreamId(channel, channelOrderNo), `${channel}/${channelOrderNo}`, no, '판매처 주문번호', false);
      }
      if (event.type === 'InvoiceEntered') {
        const owner = event.data.packageId ?? event.data.no;
        await reserve(trackingNumberStreamId(event.data.trackingNumber), event.data.trackingNumber, owner, '송장번호', false);
        const old = event.data.replaces;
        if (old && old.trackingNumber !== event.data.trackingNumber) await reserve(trackingNumberStreamId(old.trackingNumber), old.trackingNumber, owner, '송장번호', true);
      }
    }
    // 우선순위: moves of one product are serialised on its stream (see productPriority.ts).
    for (const move of productPriorityMovesOf(events)) {
      const streamId = productPriorityStreamId(move.data.productCode);
      const { revision } = await this.store.readStream(streamId, { fromRevision: Number.MAX_SAFE_INTEGER });
      appends.set(streamId, { streamId, expected: revision < 0 ? 'no_stream' : revision, events: [this.envelope(move, ids(streamId, 0), ctx)] });
    }
    return [...appends.values()];
  }

  /** Which order already holds this channel order, if any. */
  async orderOfChannelOrder(channel: string, channelOrderNo: string): Promise<number | null> {
    return (await readReservation(this.store, channelOrderStreamId(channel, channelOrderNo))).state.heldBy;
  }

  private eventIds(ctx: CommandContext) {
    const base = ctx.idempotencyKey ? deterministicId('idempotency', ctx.keyId, ctx.idempotencyKey) : randomUUID();
    return (stream: string, index: number) => deterministicId(base, stream, String(index));
  }

  private envelope(event: { readonly type: string; readonly data: unknown }, id: string, ctx: CommandContext): EventToAppend {
    const metadata: EventMetadata = {
      actor: ctx.metadata.actor,
      role: ctx.metadata.role,
      occurredAt: ctx.metadata.at,
      ...(ctx.metadata.memo ? { memo: ctx.metadata.memo } : {}),
      correlationId: ctx.requestId,
      ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey } : {}),
      requestHash: ctx.requestHash,
      schemaVersion: 1,
    };
    return { id, type: event.type, data: event.data, metadata };
  }
}
