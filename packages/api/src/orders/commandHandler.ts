/**
 * Order commands on the one command path: the domain's plan for a CS command (orderCommandPlan) run by
 * the generic handler in packages/adapters, and its outcome told in 관리번호 (the result the routes
 * answer with). Nothing about reading, deciding, racing or retrying lives here.
 * A caller bound to channels (an integration key with `channels`) is checked here, for every command
 * alike: see channelBound.
 */
import type { BatchResult, CommandContext, CommandOutcome, EventStore, RecordedEvent } from '@oms/adapters';
import { BatchCommandRunner, CommandHandler } from '@oms/adapters';
import type { CommandPlan, CommandWarning, CsCommand, OrderEvent, OrderState, ReservationState } from '@oms/domain';
import { channelOrderStreamId, fold, OrderDecider, orderCommandPlan, orderNoOfStream, orderStreamId, streamTypeOf, warningsOf } from '@oms/domain';
import { channelAllowed } from '../auth.js';
import { ApiProblem } from '../problem.js';

export type { CommandContext } from '@oms/adapters';

export interface OrderCommandContext extends CommandContext {
  /** The caller's channels (Principal.channels); null or absent: every channel. */
  readonly channels?: readonly string[] | null | undefined;
}

/**
 * The one answer for an order the caller cannot have, missing or of a channel its key is not bound to:
 * the two must not differ (the same words as the domain's own ORDER_NOT_FOUND).
 */
export const orderNotFound = (): ApiProblem => new ApiProblem(404, 'ORDER_NOT_FOUND', 'Not found', 'The order does not exist.');

export const channelNotAllowed = (channel: string): ApiProblem =>
  new ApiProblem(403, 'CHANNEL_NOT_ALLOWED', 'Channel not allowed for this key', `This key acts only on orders of its own channels, not ${channel}.`, [{ field: 'channel', message: 'not one of this key\'s channels' }]);

/** POST /orders checks the channel it was sent before looking anything up (an existing channel order is answered with its 관리번호). */
export const assertChannelAllowed = (ctx: OrderCommandContext, channel: string): void => {
  if (!channelAllowed({ channels: ctx.channels ?? null }, channel)) throw channelNotAllowed(channel);
};

const channelOf = (state: unknown): string | null => {
  const order = state as OrderState;
  return order.kind === 'placed' ? order.channel : null;
};

/**
 * The plan, for a caller bound to `channels`: every order it reads (the primary, 합포 members, a
 * copy's source, 우선순위 holders) must be of those channels, or the command answers as if the order
 * did not exist; and every order it would append to must still be of them afterwards (a new order, a
 * copy into another channel: 403 CHANNEL_NOT_ALLOWED). Checked on the states the handler read, inside
 * the decision, so nothing is appended and no rule of the domain speaks first.
 */
const channelBound = (plan: CommandPlan, channels: readonly string[]): CommandPlan => ({
  ...plan,
  decide: (reads) => {
    for (const [streamId, read] of reads) {
      const channel = orderNoOfStream(streamId) === null ? null : channelOf(read.state);
      if (channel !== null && !channelAllowed({ channels }, channel)) throw orderNotFound();
    }
    const decided = plan.decide(reads);
    for (const [streamId, events] of decided) {
      if (orderNoOfStream(streamId) === null) continue;
      const type = streamTypeOf(streamId);
      const after = channelOf(events.reduce((state, e) => type.evolve(state, e), reads.get(streamId)?.state ?? type.initialState()));
      if (after !== null && !channelAllowed({ channels }, after)) throw channelNotAllowed(after);
    }
    return decided;
  },
});

/** `P`: the store's position type (its codec compares them). */
export interface CommandResult<P = unknown> {
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
  /** The last position appended (null when nothing was). */
  readonly position: P | null;
}

export const readOrder = async <P>(store: EventStore<P>, no: number): Promise<{ state: OrderState; revision: number; events: readonly RecordedEvent<string, unknown, P>[] }> => {
  const { revision, events } = await store.readStream(orderStreamId(no));
  return { state: fold(OrderDecider, events.map((e) => e as unknown as OrderEvent)), revision, events };
};

const toResult = <P>(outcome: CommandOutcome<P>): CommandResult<P> => {
  const decided = outcome.primary.events as readonly OrderEvent[];
  return {
    no: orderNoOfStream(outcome.primary.streamId) ?? -1,
    revision: outcome.primary.revision,
    events: decided.map((e) => e.type),
    decided,
    // The product's 우선순위 stream moved too, but only orders are the caller's business.
    others: outcome.others.flatMap(({ streamId, revision }) => {
      const no = orderNoOfStream(streamId);
      return no === null ? [] : [{ no, revision }];
    }),
    warnings: warningsOf(decided),
    replayed: outcome.replayed,
    position: outcome.position,
  };
};

export class OrderCommandHandler<P = unknown> {
  private readonly handler: CommandHandler<P>;
  private readonly batch: BatchCommandRunner<P>;

  constructor(store: EventStore<P>) {
    this.handler = new CommandHandler(store, streamTypeOf);
    this.batch = new BatchCommandRunner(store, streamTypeOf, this.handler);
  }

  /** A plan of the domain's (a channel cancellation, its withdrawal, a 확인) on the one command path. */
  async runPlan(plan: CommandPlan, ctx: OrderCommandContext): Promise<CommandOutcome<P>> {
    return this.handler.execute(ctx.channels ? channelBound(plan, ctx.channels) : plan, ctx);
  }

  /** Many plans, decided one after another and appended per chunk (a connector's batch, a file). */
  async runPlans(plans: readonly CommandPlan[], ctx: OrderCommandContext, options: { readonly dryRun?: boolean } = {}): Promise<BatchResult<P>[]> {
    const channels = ctx.channels;
    // Each item of a batch is idempotent by itself (a claim number, a confirmation): an Idempotency-Key or If-Match adds nothing.
    const batchCtx = { ...ctx, idempotencyKey: undefined, ifMatch: undefined };
    return this.batch.execute(channels ? plans.map((p) => channelBound(p, channels)) : plans, batchCtx, options);
  }

  /** Streams folded (e.g. the claims a batch found already received, to name their orders). */
  readMany(streamIds: readonly string[]) {
    return this.handler.readMany(streamIds);
  }

  /** The first result of a command sent with this Idempotency-Key, when it was already applied. */
  async findFirstResult(ctx: CommandContext): Promise<CommandResult<P> | null> {
    const outcome = await this.handler.findFirstResult(ctx);
    return outcome && toResult(outcome);
  }

  /** Runs `command` on order `no` (`PlaceOrder` on a new 관리번호). */
  async execute(no: number, command: CsCommand, ctx: OrderCommandContext): Promise<CommandResult<P>> {
    const plan = orderCommandPlan(no, command);
    return toResult(await this.handler.execute(ctx.channels ? channelBound(plan, ctx.channels) : plan, ctx));
  }

  /** Which order already holds this channel order, if any. */
  async orderOfChannelOrder(channel: string, channelOrderNo: string): Promise<number | null> {
    return ((await this.handler.read(channelOrderStreamId(channel, channelOrderNo))).state as ReservationState).heldBy;
  }
}
