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
import type { CommandMetadata, OrderCommand, OrderEvent, OrderState, ReservationEvent } from '@oms/domain';
import {
  channelOrderStreamId,
  fold,
  OrderDecider,
  orderStreamId,
  ReservationDecider,
  trackingNumberStreamId,
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
    return { no: (first.data as { no: number }).no, revision: last.streamRevision, events: mine.map((e) => e.type), replayed: true, position: last.position };
  }

  /**
   * Runs `command` on order `no`. `PlaceOrder` expects no stream; every other command needs one.
   * Reservation streams the events need (tracking numbers, channel orders) are appended in the same
   * transaction as the order's events, so an invariant across orders cannot be broken by a race.
   */
  async execute(no: number, command: OrderCommand, ctx: CommandContext): Promise<CommandResult> {
    const replay = await this.findFirstResult(ctx);
    if (replay) return replay;
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await readOrder(this.store, no);
      if (ctx.ifMatch !== undefined && ctx.ifMatch !== revision && state.kind === 'placed') throw revisionConflict(ctx.ifMatch, revision);
      const events = OrderDecider.decide(command, state);
      if (events.length === 0) return { no, revision, events: [], replayed: false, position: null };
      const ids = this.eventIds(ctx);
      const appends: StreamAppend[] = [
        {
          streamId: orderStreamId(no),
          expected: state.kind === 'none' ? 'no_stream' : revision,
          events: events.map((e, i) => this.envelope(e, ids('order', i), ctx)),
        },
        ...(await this.reservationsFor(no, events, ctx)),
      ];
      try {
        const results = await this.store.appendMany(appends);
        const order = results[0];
        if (!order) throw new Error('appendMany returned no result for the order stream');
        if (order.alreadyAppended) {
          const first = await this.findFirstResult(ctx);
          if (first) return first;
        }
        return { no, revision: order.nextExpectedRevision, events: events.map((e) => e.type), replayed: false, position: order.position };
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

  private async reservationsFor(no: number, events: readonly OrderEvent[], ctx: CommandContext): Promise<StreamAppend[]> {
    const appends: StreamAppend[] = [];
    const ids = this.eventIds(ctx);
    const reserve = async (streamId: string, value: string, what: string, release: boolean) => {
      const { state, revision } = await readReservation(this.store, streamId);
      const command = release
        ? ({ type: 'Release', data: { value, orderNo: no }, metadata: ctx.metadata } as const)
        : ({ type: 'Reserve', data: { value, orderNo: no, what }, metadata: ctx.metadata } as const);
      const reservationEvents = ReservationDecider.decide(command, state);
      if (reservationEvents.length > 0) {
        appends.push({
          streamId,
          expected: revision < 0 ? 'no_stream' : revision,
          events: reservationEvents.map((e, i) => this.envelope(e, ids(streamId, i), ctx)),
        });
      }
    };
    for (const event of events) {
      if (event.type === 'OrderPlaced') {
        await reserve(channelOrderStreamId(event.data.channel, event.data.channelOrderNo), `${event.data.channel}/${event.data.channelOrderNo}`, '판매처 주문번호', false);
      }
      if (event.type === 'InvoiceEntered') {
        await reserve(trackingNumberStreamId(event.data.trackingNumber), event.data.trackingNumber, '송장번호', false);
        const old = event.data.replaces;
        if (old && old.trackingNumber !== event.data.trackingNumber) await reserve(trackingNumberStreamId(old.trackingNumber), old.trackingNumber, '송장번호', true);
      }
    }
    return appends;
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
