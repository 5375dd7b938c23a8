/**
 * The command plans of channel cancellations, for the one command handler: the claim's stream is the
 * primary (the guard), the channel order's reservation names the order, the order names its 합포
 * members; all of them are decided and appended together.
 */
import type { CommandMetadata } from '../decider.js';
import { conflict, notFound } from '../errors.js';
import type { CommandPlan, StreamEvent, StreamReads } from '../crossStream.js';
import { orderStatesOf } from '../crossStream.js';
import type { ChannelCancellation } from '../order/actions/channelCancellation.js';
import { decideAcrossOrders, ordersInvolved } from '../order/crossOrderDecider.js';
import type { OrderState } from '../order/model.js';
import { orderStreamId } from '../order/model.js';
import type { CsCommand } from '../order/orderDecider.js';
import type { ReservationState } from '../reservation/reservation.js';
import { channelOrderStreamId } from '../reservation/reservation.js';
import type { ChannelClaimEvent, ChannelClaimState } from './channelClaim.js';
import { channelClaimStreamId, sameClaimContent } from './channelClaim.js';

/** What became of one channel cancellation (or withdrawal) sent in. */
export type ClaimOutcome = 'applied' | 'recorded' | 'duplicate';

const claimOf = (reads: StreamReads, streamId: string): ChannelClaimState => (reads.get(streamId)?.state as ChannelClaimState | undefined) ?? { kind: 'none' };

/** The order stream and the 합포 members a command on order `no` reaches, as far as they are read. */
const orderStreams = (no: number, command: CsCommand, reads: StreamReads): string[] => {
  const read = reads.get(orderStreamId(no));
  return [orderStreamId(no), ...(read ? ordersInvolved(no, command, read.state as OrderState).map(orderStreamId) : [])];
};

/** The order's decided events by stream, and the claim's own event first. */
const withClaim = (primary: string, claimEvents: readonly ChannelClaimEvent[], no: number, command: CsCommand, reads: StreamReads): Map<string, readonly StreamEvent[]> => {
  const decided = decideAcrossOrders(no, command, orderStatesOf(reads));
  return new Map<string, readonly StreamEvent[]>([[primary, claimEvents], ...[...decided].filter(([, events]) => events.length > 0).map(([n, events]) => [orderStreamId(n), events] as const)]);
};

/** 판매처취소 in: recorded once per (channel, claim number); the same content again decides nothing. */
export const receiveChannelCancellationPlan = (cancellation: ChannelCancellation, metadata: CommandMetadata): CommandPlan => {
  const primary = channelClaimStreamId(cancellation.channel, cancellation.cancellationId);
  const reservation = channelOrderStreamId(cancellation.channel, cancellation.channelOrderNo);
  const command: CsCommand = { type: 'ReceiveChannelCancellation', data: { cancellation }, metadata };
  const orderNoOf = (reads: StreamReads): number | null => (reads.get(reservation)?.state as ReservationState | undefined)?.heldBy ?? null;
  return {
    name: command.type,
    primary,
    read: [reservation],
    more: (reads) => {
      const no = orderNoOf(reads);
      return claimOf(reads, primary).kind === 'recorded' || no === null ? [] : orderStreams(no, command, reads);
    },
    decide: (reads) => {
      const claim = claimOf(reads, primary);
      if (claim.kind === 'recorded') {
        if (sameClaimContent(claim.content, cancellation)) return new Map();
        throw conflict('CANCELLATION_CONFLICT', `${cancellation.channel} claim ${cancellation.cancellationId} was already received with other content.`, {
          channel: cancellation.channel,
          cancellationId: cancellation.cancellationId,
          no: claim.no,
        });
      }
      const no = orderNoOf(reads);
      if (no === null) throw notFound('ORDER_NOT_FOUND', `${cancellation.channel} has no order ${cancellation.channelOrderNo} here.`, { channelOrderNo: cancellation.channelOrderNo });
      const decided = decideAcrossOrders(no, command, orderStatesOf(reads));
      const received = (decided.get(no) ?? []).find((e) => e.type === 'ChannelCancellationReceived');
      if (received?.type !== 'ChannelCancellationReceived') throw new Error('A channel cancellation decided no ChannelCancellationReceived.');
      const { cancelType, cancelled } = received.data;
      const key = { channel: cancellation.channel, cancellationId: cancellation.cancellationId, no };
      return withClaim(primary, [{ type: 'ChannelClaimRecorded', data: { ...key, content: cancellation, cancelType, cancelled } }], no, command, reads);
    },
  };
};

/** 취소철회: the channel withdrew its cancellation; a second withdrawal decides nothing. */
export const withdrawChannelCancellationPlan = (channel: string, cancellationId: string, withdrawnAt: string, metadata: CommandMetadata): CommandPlan => {
  const primary = channelClaimStreamId(channel, cancellationId);
  const commandOn = (_no: number): CsCommand => ({ type: 'WithdrawChannelCancellation', data: { cancellationId, withdrawnAt }, metadata });
  return {
    name: 'WithdrawChannelCancellation',
    primary,
    read: [],
    more: (reads) => {
      const claim = claimOf(reads, primary);
      return claim.kind === 'recorded' && !claim.withdrawn ? orderStreams(claim.no, commandOn(claim.no), reads) : [];
    },
    decide: (reads) => {
      const claim = claimOf(reads, primary);
      if (claim.kind === 'none') throw notFound('CANCELLATION_NOT_FOUND', `${channel} claim ${cancellationId} was never received.`, { channel, cancellationId });
      if (claim.withdrawn) return new Map();
      return withClaim(primary, [{ type: 'ChannelClaimWithdrawn', data: { channel, cancellationId, no: claim.no, withdrawnAt } }], claim.no, commandOn(claim.no), reads);
    },
  };
};

/** 확인 / 확인취소 of a row of 취소결과조회; confirming a confirmed row decides nothing. */
export const confirmChannelCancellationPlan = (channel: string, cancellationId: string, confirmed: boolean): CommandPlan => {
  const primary = channelClaimStreamId(channel, cancellationId);
  return {
    name: confirmed ? 'ConfirmChannelCancellation' : 'UnconfirmChannelCancellation',
    primary,
    read: [],
    decide: (reads) => {
      const claim = claimOf(reads, primary);
      if (claim.kind === 'none') throw notFound('CANCELLATION_NOT_FOUND', `${channel} claim ${cancellationId} was never received.`, { channel, cancellationId });
      if (claim.confirmed === confirmed) return new Map();
      const key = { channel, cancellationId, no: claim.no };
      return new Map([[primary, [confirmed ? { type: 'ChannelClaimConfirmed', data: key } : { type: 'ChannelClaimUnconfirmed', data: key }] satisfies ChannelClaimEvent[]]]);
    },
  };
};

/** What a plan's claim events say became of the claim. */
export const claimOutcomeOf = (claimEvents: readonly StreamEvent[]): ClaimOutcome => {
  const first = claimEvents[0] as ChannelClaimEvent | undefined;
  if (!first) return 'duplicate';
  return first.type === 'ChannelClaimRecorded' && first.data.cancelled === 0 ? 'recorded' : 'applied';
};
