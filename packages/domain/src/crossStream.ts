/**
 * Cross-stream rules, declared as data for the one command handler (packages/adapters/src/commands),
 * which knows no stream type of its own:
 *  - `streamTypeOf`: what a stream id is, so the handler can fold it (and decide a reservation on it);
 *  - `orderCommandPlan`: the streams a CS command reads, in order, the further ones their states name
 *    (합포 members, a copy, the 우선순위 holders), and a pure decide from those states to events per stream;
 *  - `reservationsOf`: the reservation streams decided events need — a channel order ingested once, a
 *    tracking number held by one order (or one package) at a time, a replaced number released.
 * The handler appends everything in ONE transaction, each stream at the revision it read, so no race
 * between two commands can break a rule that spans streams.
 */
import { CHANNEL_CLAIM_STREAM_PREFIX, evolveChannelClaim, initialChannelClaimState } from './channelClaim/channelClaim.js';
import type { CommandMetadata } from './decider.js';
import type { OrderEvent, OrderState } from './order/order.js';
import { evolveOrder, initialOrderState, orderStreamId } from './order/order.js';
import type { CsCommand } from './order/orderDecider.js';
import { decideAcrossOrders, ordersInvolved } from './order/crossOrderDecider.js';
import { productPriorityMovesOf, productPriorityStreamId, PRODUCT_PRIORITY_STREAM_PREFIX } from './priority/productPriority.js';
import type { ReservationCommand } from './reservation/reservationDecider.js';
import { ReservationDecider } from './reservation/reservationDecider.js';
import { channelOrderStreamId, RESERVATION_STREAM_PREFIXES, trackingNumberStreamId } from './reservation/reservation.js';
import { evolveProductStock, initialProductStock, PRODUCT_STOCK_STREAM_PREFIX, productStockStreamId, stockMovesOf } from './stock/productStock.js';

// --- The contract between a plan and the handler (generic: any stream type) --------------------------

export interface StreamEvent {
  readonly type: string;
  readonly data: unknown;
}
/** A stream as the handler read it: its folded state and revision (-1 when it does not exist). */
export interface StreamRead {
  readonly state: unknown;
  readonly revision: number;
}
export type StreamReads = ReadonlyMap<string, StreamRead>;
export type EventsByStream = ReadonlyMap<string, readonly StreamEvent[]>;

/** How the handler folds a stream of one type, and decides a command that a cross-stream rule sends it. */
export interface StreamType {
  readonly initialState: () => unknown;
  readonly evolve: (state: unknown, event: StreamEvent) => unknown;
  readonly decide?: (command: unknown, state: unknown) => readonly StreamEvent[];
  /** Nothing in it is folded: its revision is all a command needs (a stream that serialises writers). */
  readonly revisionOnly?: boolean;
}

/** A stream a cross-stream rule needs, with the command its own decider gets. */
export interface Reservation {
  readonly streamId: string;
  readonly command: unknown;
}

export interface CommandPlan {
  /** The command, as a refusal names it (AddToPackage, ReceiveChannelCancellation). */
  readonly name: string;
  /** The stream acted on: If-Match pins its revision; a retry is recognised by its event ids. */
  readonly primary: string;
  /**
   * Read after the primary and before `more`, in this order. A stream whose revision guards states
   * read after it (the product's 우선순위 stream) must come here, so any move committed after it was
   * read fails the append.
   */
  readonly read: readonly string[];
  /** Further streams, named by the states read so far. */
  readonly more?: (reads: StreamReads) => readonly string[];
  /** Pure: events per stream, every stream among those read. Throws a DomainError to refuse. */
  readonly decide: (reads: StreamReads) => EventsByStream;
  /** The domain's cross-stream rules for what was decided. */
  readonly reservations?: (decided: EventsByStream) => readonly Reservation[];
}

/** One typed decider seen through the handler's untyped contract (the registry guarantees the pairing). */
const streamType = <S, E extends StreamEvent, C>(t: {
  readonly initialState: () => S;
  readonly evolve: (state: S, event: E) => S;
  readonly decide?: (command: C, state: S) => readonly E[];
  readonly revisionOnly?: boolean;
}): StreamType => t as unknown as StreamType;

// --- Order streams and their cross-stream rules -------------------------------------------------------

const ORDER_STREAM = /^order-(\d+)$/;

/** The 관리번호 of an order stream id; null for any other stream. */
export const orderNoOfStream = (streamId: string): number | null => {
  const m = ORDER_STREAM.exec(streamId);
  return m?.[1] === undefined ? null : Number(m[1]);
};

const orderStream = streamType({ initialState: initialOrderState, evolve: evolveOrder });
const reservationStream = streamType(ReservationDecider);
const productPriorityStream = streamType({ initialState: () => null, evolve: () => null, revisionOnly: true });
const channelClaimStream = streamType({ initialState: initialChannelClaimState, evolve: evolveChannelClaim });
const productStockStream = streamType({ initialState: initialProductStock, evolve: evolveProductStock });

/** Every stream id this app writes starts with one of these (a KurrentDB store follows $all filtered on them). */
export const STREAM_PREFIXES: readonly string[] = ['order-', PRODUCT_PRIORITY_STREAM_PREFIX, PRODUCT_STOCK_STREAM_PREFIX, CHANNEL_CLAIM_STREAM_PREFIX, ...RESERVATION_STREAM_PREFIXES];

/** The stream type registry: every stream id the order commands touch. */
export const streamTypeOf = (streamId: string): StreamType => {
  if (ORDER_STREAM.test(streamId)) return orderStream;
  if (streamId.startsWith(PRODUCT_PRIORITY_STREAM_PREFIX)) return productPriorityStream;
  if (streamId.startsWith(PRODUCT_STOCK_STREAM_PREFIX)) return productStockStream;
  if (streamId.startsWith(CHANNEL_CLAIM_STREAM_PREFIX)) return channelClaimStream;
  if (RESERVATION_STREAM_PREFIXES.some((p) => streamId.startsWith(p))) return reservationStream;
  throw new Error(`No stream type for ${streamId}.`);
};

export const orderStatesOf = (reads: StreamReads): Map<number, OrderState> => {
  const states = new Map<number, OrderState>();
  for (const [streamId, read] of reads) {
    const no = orderNoOfStream(streamId);
    if (no !== null) states.set(no, read.state as OrderState);
  }
  return states;
};

/**
 * The reservations the decided events need: a placed order holds its channel order; an invoice holds
 * its tracking number for the order, or for its package (every member carries the same number, which
 * is reserved once), and a corrected invoice releases the number it replaces.
 */
export const reservationsOf = (decided: EventsByStream, metadata: CommandMetadata): readonly Reservation[] => {
  const reservations = new Map<string, ReservationCommand>();
  const add = (streamId: string, command: ReservationCommand) => {
    if (!reservations.has(streamId)) reservations.set(streamId, command);
  };
  for (const event of [...decided.values()].flat() as OrderEvent[]) {
    if (event.type === 'OrderPlaced') {
      const { channel, channelOrderNo, no } = event.data;
      add(channelOrderStreamId(channel, channelOrderNo), { type: 'Reserve', data: { value: `${channel}/${channelOrderNo}`, orderNo: no, what: '판매처 주문번호' }, metadata });
    }
    if (event.type === 'InvoiceEntered') {
      const { trackingNumber, replaces } = event.data;
      const owner = event.data.packageId ?? event.data.no;
      add(trackingNumberStreamId(trackingNumber), { type: 'Reserve', data: { value: trackingNumber, orderNo: owner, what: '송장번호' }, metadata });
      if (replaces && replaces.trackingNumber !== trackingNumber) {
        add(trackingNumberStreamId(replaces.trackingNumber), { type: 'Release', data: { value: replaces.trackingNumber, orderNo: owner }, metadata });
      }
    }
  }
  return [...reservations].map(([streamId, command]) => ({ streamId, command }));
};

/** The products whose stock a 반품입고 may move: those of the pickup's lines, when it registered 입고예정 (read before deciding). */
const restockedProductsOf = (command: CsCommand, state: OrderState): readonly string[] => {
  if (command.type !== 'ReceiveReturn' || state.kind !== 'placed') return [];
  const pickup = state.returnPickups.find((p) => p.pickupId === command.data.pickupId);
  if (!pickup?.registerInbound) return [];
  return [...new Set(pickup.lines.map((l) => state.lines.find((x) => x.lineId === l.lineId)?.productCode).filter((c): c is string => c !== undefined))];
};

/**
 * A CS command on order `no`: read the order (and, for 우선순위, the product's stream first), then
 * every order the command involves; decide across them; move the product's 우선순위 stream with the
 * order's PrioritySet. Events come back with the acted-on order first, then the others by 관리번호.
 */
export const orderCommandPlan = (no: number, command: CsCommand): CommandPlan => {
  const primary = orderStreamId(no);
  const productCode = command.type === 'SetPriority' ? command.data.productCode.trim() : '';
  return {
    name: command.type,
    primary,
    read: productCode === '' ? [] : [productPriorityStreamId(productCode)],
    more: (reads) => {
      const state = (reads.get(primary)?.state as OrderState | undefined) ?? initialOrderState();
      return [...ordersInvolved(no, command, state).map(orderStreamId), ...restockedProductsOf(command, state).map(productStockStreamId)];
    },
    decide: (reads) => {
      const changed = [...decideAcrossOrders(no, command, orderStatesOf(reads))]
        .filter(([, events]) => events.length > 0)
        .sort(([a], [b]) => (a === no ? -1 : b === no ? 1 : a - b));
      const decided = new Map<string, readonly StreamEvent[]>(changed.map(([n, events]) => [orderStreamId(n), events]));
      const events = changed.flatMap(([, e]) => e);
      for (const move of productPriorityMovesOf(events)) decided.set(productPriorityStreamId(move.data.productCode), [move]);
      for (const [streamId, moves] of stockMovesOf(events)) decided.set(streamId, moves);
      return decided;
    },
    reservations: (decided) => reservationsOf(decided, command.metadata),
  };
};
