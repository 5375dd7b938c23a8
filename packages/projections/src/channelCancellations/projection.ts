/**
 * channel_cancellations: 취소결과조회, one row per channel cancellation (판매처 + 클레임번호). The row
 * is opened by the order's ChannelCancellationReceived (what the channel sent and what it did here),
 * marked by the order's ChannelCancellationWithdrawn, and confirmed / unconfirmed by the claim
 * stream's events. What the order is now (주문자, 송장번호, 배송일, 주문상태) is order_list's: the
 * queries join it by 관리번호.
 *
 * Events of two streams touch a row, so the idempotency guard is the global position (as in
 * expected_inbound): every event at or before the row's last applied position is in it.
 */
import type { CancelReason, CancelType, ChannelCancellationKind, ChannelClaimEvent, OrderEventOf } from '@oms/domain';
import type { DbRow, Projection, Recorded } from '../projection.js';
import { instant, instantOrNull, isoInstant, num, str, strOrNull } from '../values.js';

export type ChannelCancellationsEvent =
  | OrderEventOf<'ChannelCancellationReceived'>
  | OrderEventOf<'ChannelCancellationWithdrawn'>
  | OrderEventOf<'ReturnPickupRequested'>
  | Extract<ChannelClaimEvent, { type: 'ChannelClaimConfirmed' | 'ChannelClaimUnconfirmed' }>;

/** One row of `channel_cancellations`; the column comments live in the migration. */
export interface ChannelCancellationRow {
  readonly id: string;
  readonly channel: string;
  readonly cancellation_id: string;
  readonly no: number;
  readonly channel_order_no: string;
  readonly line_id: number;
  readonly product_code: string;
  readonly product_name: string;
  readonly option: string;
  readonly ordered_quantity: number;
  readonly cancelled_quantity: number;
  readonly applied_quantity: number;
  readonly partial: boolean;
  readonly kind: ChannelCancellationKind;
  readonly cancel_type: CancelType;
  readonly before_shipping: boolean;
  readonly reason: CancelReason;
  readonly channel_reason: string;
  readonly return_tracking_number: string | null;
  readonly cancelled_at: string;
  readonly received_at: string;
  readonly received_by: string;
  readonly withdrawn_at: string | null;
  readonly confirmed: boolean;
  readonly confirmed_by: string | null;
  readonly confirmed_at: string | null;
  /** 처리: the pickup (회수) that answers this claim. */
  readonly pickup_no: number | null;
  readonly pickup_id: number | null;
  readonly processed: boolean;
  readonly search_text: string;
  readonly last_position: string;
}

/** The row's key: the channel and its claim number (a channel's claim numbers are unique). */
export const channelCancellationIdOf = (channel: string, cancellationId: string): string => `${channel}/${cancellationId}`;

type E = Recorded<ChannelCancellationsEvent>;

export const evolveChannelCancellation = (row: ChannelCancellationRow | null, e: E): ChannelCancellationRow | null => {
  if (row !== null && e.position <= row.last_position) return row;
  const at = isoInstant(e.metadata.occurredAt);
  switch (e.type) {
    case 'ChannelCancellationReceived': {
      if (row !== null) return row;
      const d = e.data;
      return {
        id: channelCancellationIdOf(d.channel, d.cancellationId),
        channel: d.channel,
        cancellation_id: d.cancellationId,
        no: d.no,
        channel_order_no: d.channelOrderNo,
        line_id: d.lineId,
        product_code: d.item.productCode,
        product_name: d.item.productName,
        option: d.item.option,
        ordered_quantity: d.orderedQuantity,
        cancelled_quantity: d.quantity,
        applied_quantity: d.cancelled,
        partial: d.quantity < d.orderedQuantity,
        kind: d.kind,
        cancel_type: d.cancelType,
        before_shipping: d.cancelType === 'received_cancel' || d.cancelType === 'invoiced_cancel',
        reason: d.reason,
        channel_reason: d.channelReason,
        return_tracking_number: d.returnTrackingNumber ?? null,
        cancelled_at: isoInstant(d.cancelledAt),
        received_at: at,
        received_by: e.metadata.actor,
        withdrawn_at: null,
        confirmed: false,
        confirmed_by: null,
        confirmed_at: null,
        pickup_no: null,
        pickup_id: null,
        processed: false,
        search_text: [String(d.no), d.channelOrderNo, d.cancellationId, d.item.productCode, d.item.productName].map((t) => t.trim().toLowerCase()).join(' '),
        last_position: e.position,
      };
    }
    case 'ChannelCancellationWithdrawn':
      return row && { ...row, withdrawn_at: isoInstant(e.data.withdrawnAt), last_position: e.position };
    case 'ReturnPickupRequested':
      return row && { ...row, pickup_no: e.data.no, pickup_id: e.data.pickupId, processed: true, last_position: e.position };
    case 'ChannelClaimConfirmed':
      return row && { ...row, confirmed: true, confirmed_by: e.metadata.actor, confirmed_at: at, last_position: e.position };
    case 'ChannelClaimUnconfirmed':
      return row && { ...row, confirmed: false, confirmed_by: null, confirmed_at: null, last_position: e.position };
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
};

const HANDLES: readonly ChannelCancellationsEvent['type'][] = ['ChannelCancellationReceived', 'ChannelCancellationWithdrawn', 'ReturnPickupRequested', 'ChannelClaimConfirmed', 'ChannelClaimUnconfirmed'];

export const channelCancellationRowFromDb = (raw: DbRow): ChannelCancellationRow => ({
  id: str(raw.id),
  channel: str(raw.channel),
  cancellation_id: str(raw.cancellation_id),
  no: num(raw.no),
  channel_order_no: str(raw.channel_order_no),
  line_id: num(raw.line_id),
  product_code: str(raw.product_code),
  product_name: str(raw.product_name),
  option: str(raw.option),
  ordered_quantity: num(raw.ordered_quantity),
  cancelled_quantity: num(raw.cancelled_quantity),
  applied_quantity: num(raw.applied_quantity),
  partial: Boolean(raw.partial),
  kind: str(raw.kind) as ChannelCancellationKind,
  cancel_type: str(raw.cancel_type) as CancelType,
  before_shipping: Boolean(raw.before_shipping),
  reason: str(raw.reason) as CancelReason,
  channel_reason: str(raw.channel_reason),
  return_tracking_number: strOrNull(raw.return_tracking_number),
  cancelled_at: instant(raw.cancelled_at),
  received_at: instant(raw.received_at),
  received_by: str(raw.received_by),
  withdrawn_at: instantOrNull(raw.withdrawn_at),
  confirmed: Boolean(raw.confirmed),
  confirmed_by: strOrNull(raw.confirmed_by),
  confirmed_at: instantOrNull(raw.confirmed_at),
  pickup_no: raw.pickup_no == null ? null : num(raw.pickup_no),
  pickup_id: raw.pickup_id == null ? null : num(raw.pickup_id),
  processed: Boolean(raw.processed),
  search_text: str(raw.search_text),
  last_position: str(raw.last_position),
});

export const channelCancellationsProjection: Projection<ChannelCancellationRow, ChannelCancellationsEvent> = {
  name: 'channel_cancellations',
  version: 2,
  table: 'channel_cancellations',
  key: 'id',
  handles: HANDLES,
  keysOf: (e) => {
    if (e.type !== 'ReturnPickupRequested') return [channelCancellationIdOf(e.data.channel, e.data.cancellationId)];
    return e.data.claim ? [channelCancellationIdOf(e.data.claim.channel, e.data.claim.cancellationId)] : [];
  },
  evolve: (row, e) => evolveChannelCancellation(row, e),
  toDb: (row) => ({ ...row }),
  fromDb: channelCancellationRowFromDb,
};
