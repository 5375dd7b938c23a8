/**
 * Order commands on the one command path: the domain's plan for a CS command (orderCommandPlan) run by
 * the generic handler in packages/adapters, and its outcome told in 관리번호 (the result the routes
 * answer with). Nothing about reading, deciding, racing or retrying lives here.
 */
import type { CommandContext, CommandOutcome, EventStore, GlobalPosition, RecordedEvent } from '@oms/adapters';
import { CommandHandler } from '@oms/adapters';
import type { CommandWarning, CsCommand, OrderEvent, OrderState, ReservationState } from '@oms/domain';
import { channelOrderStreamId, fold, OrderDecider, orderCommandPlan, orderNoOfStream, orderStreamId, streamTypeOf, warningsOf } from '@oms/domain';

export type { CommandContext } from '@oms/adapters';

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

export const readOrder = async (store: EventStore, no: number): Promise<{ state: OrderState; revision: number; events: readonly RecordedEvent[] }> => {
  const { revision, events } = await store.readStream(orderStreamId(no));
  return { state: fold(OrderDecider, events.map((e) => e as unknown as OrderEvent)), revision, events };
};

const toResult = (outcome: CommandOutcome): CommandResult => {
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

export class OrderCommandHandler {
  private readonly handler: CommandHandler;

  constructor(store: EventStore) {
    this.handler = new CommandHandler(store, streamTypeOf);
  }

  /** The first result of a command sent with this Idempotency-Key, when it was already applied. */
  async findFirstResult(ctx: CommandContext): Promise<CommandResult | null> {
    const outcome = await this.handler.findFirstResult(ctx);
    return outcome && toResult(outcome);
  }

  /** Runs `command` on order `no` (`PlaceOrder` on a new 관리번호). */
  async execute(no: number, command: CsCommand, ctx: CommandContext): Promise<CommandResult> {
    return toResult(await this.handler.execute(orderCommandPlan(no, command), ctx));
  }

  /** Which order already holds this channel order, if any. */
  async orderOfChannelOrder(channel: string, channelOrderNo: string): Promise<number | null> {
    return ((await this.handler.read(channelOrderStreamId(channel, channelOrderNo))).state as ReservationState).heldBy;
  }
}
