/**
 * Reservation streams hold the invariants that span orders, appended atomically with the order's events:
 * `tracking-number-<number>` (a tracking number belongs to one order at a time) and
 * `channel-order-<channel>-<channel order no>` (a channel order is ingested once).
 */

export type ValueReserved = { readonly type: 'ValueReserved'; readonly data: { readonly value: string; readonly orderNo: number } };
export type ValueReleased = { readonly type: 'ValueReleased'; readonly data: { readonly value: string; readonly orderNo: number } };
export type ReservationEvent = ValueReserved | ValueReleased;

export type ReservationState = { readonly heldBy: number | null };

export const initialReservationState = (): ReservationState => ({ heldBy: null });

export const evolveReservation = (_state: ReservationState, event: ReservationEvent): ReservationState => {
  switch (event.type) {
    case 'ValueReserved':
      return { heldBy: event.data.orderNo };
    case 'ValueReleased':
      return { heldBy: null };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};

const TRACKING_NUMBER = 'tracking-number-';
const CHANNEL_ORDER = 'channel-order-';
/** Every reservation stream id starts with one of these (the command handler's stream type registry). */
export const RESERVATION_STREAM_PREFIXES: readonly string[] = [TRACKING_NUMBER, CHANNEL_ORDER];
export const trackingNumberStreamId = (trackingNumber: string): string => `${TRACKING_NUMBER}${trackingNumber}`;
export const channelOrderStreamId = (channel: string, channelOrderNo: string): string =>
  `${CHANNEL_ORDER}${encodeURIComponent(channel)}-${encodeURIComponent(channelOrderNo)}`;
