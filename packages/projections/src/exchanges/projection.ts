/**
 * exchanges: 교환예정관리, one row per exchange with a replacement order, keyed by the replacement's
 * 관리번호. Opened by the original order's ExchangeRequested; its pickup's goods arriving (ReturnReceived
 * with `exchange`) and the replacement order's 송장입력 / 배송처리 (InvoiceEntered / OrderShipped on
 * data.no = replacement_no) move it. Events of two streams touch a row: the guard is the global position.
 * The replacement may ship before the goods arrive, so both flags are kept; state says the furthest:
 * shipped wins.
 */
import type { ExchangeType, OrderEventOf } from '@oms/domain';
import type { DbRow, Projection, Recorded } from '../projection.js';
import { instant, instantOrNull, isoInstant, num, str, strOrNull } from '../values.js';

export type ExchangesEvent = OrderEventOf<'ExchangeRequested'> | OrderEventOf<'ReturnReceived'> | OrderEventOf<'InvoiceEntered'> | OrderEventOf<'OrderShipped'>;
type E = Recorded<ExchangesEvent>;

export const EXCHANGE_STATES = ['requested', 'goods_arrived', 'replacement_shipped'] as const;
export type ExchangeState = (typeof EXCHANGE_STATES)[number];

/** One row of `exchanges`; the column comments live in the migration. */
export interface ExchangeRow {
  readonly replacement_no: number;
  readonly no: number;
  readonly exchange_id: number;
  readonly exchange_type: ExchangeType;
  readonly pickup_id: number | null;
  readonly quantity: number;
  readonly received_quantity: number;
  readonly shipped_quantity: number;
  readonly goods_arrived: boolean;
  readonly replacement_shipped: boolean;
  readonly state: ExchangeState;
  readonly requested_at: string;
  readonly requested_by: string;
  readonly arrived_at: string | null;
  readonly shipped_at: string | null;
  readonly carrier: string | null;
  readonly tracking_number: string | null;
  readonly last_position: string;
}

const sum = (lines: readonly { quantity: number }[]): number => lines.reduce((n, l) => n + l.quantity, 0);

const stateOf = (r: { goods_arrived: boolean; replacement_shipped: boolean }): ExchangeState =>
  r.replacement_shipped ? 'replacement_shipped' : r.goods_arrived ? 'goods_arrived' : 'requested';

const withState = (r: Omit<ExchangeRow, 'state'>): ExchangeRow => ({ ...r, state: stateOf(r) });

export const evolveExchange = (row: ExchangeRow | null, e: E): ExchangeRow | null => {
  if (row !== null && e.position <= row.last_position) return row;
  const at = isoInstant(e.metadata.occurredAt);
  switch (e.type) {
    case 'ExchangeRequested': {
      const d = e.data;
      if (row !== null || d.replacementNo === undefined) return row;
      return withState({
        replacement_no: d.replacementNo,
        no: d.no,
        exchange_id: d.exchangeId,
        exchange_type: d.exchangeType,
        pickup_id: d.pickupId ?? null,
        quantity: sum(d.lines),
        received_quantity: 0,
        shipped_quantity: 0,
        goods_arrived: false,
        replacement_shipped: false,
        requested_at: at,
        requested_by: e.metadata.actor,
        arrived_at: null,
        shipped_at: null,
        carrier: null,
        tracking_number: null,
        last_position: e.position,
      });
    }
    case 'ReturnReceived': {
      if (row === null) return null;
      const received = row.received_quantity + sum(e.data.lines);
      return withState({ ...row, received_quantity: received, goods_arrived: received >= row.quantity, arrived_at: row.arrived_at ?? at, last_position: e.position });
    }
    case 'InvoiceEntered':
      return row && withState({ ...row, carrier: e.data.carrier, tracking_number: e.data.trackingNumber, last_position: e.position });
    case 'OrderShipped':
      return row && withState({ ...row, shipped_quantity: row.shipped_quantity + sum(e.data.lines), replacement_shipped: true, shipped_at: row.shipped_at ?? at, last_position: e.position });
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
};

const HANDLES: readonly ExchangesEvent['type'][] = ['ExchangeRequested', 'ReturnReceived', 'InvoiceEntered', 'OrderShipped'];

export const exchangeRowFromDb = (raw: DbRow): ExchangeRow => ({
  replacement_no: num(raw.replacement_no),
  no: num(raw.no),
  exchange_id: num(raw.exchange_id),
  exchange_type: str(raw.exchange_type) as ExchangeType,
  pickup_id: raw.pickup_id == null ? null : num(raw.pickup_id),
  quantity: num(raw.quantity),
  received_quantity: num(raw.received_quantity),
  shipped_quantity: num(raw.shipped_quantity),
  goods_arrived: Boolean(raw.goods_arrived),
  replacement_shipped: Boolean(raw.replacement_shipped),
  state: str(raw.state) as ExchangeState,
  requested_at: instant(raw.requested_at),
  requested_by: str(raw.requested_by),
  arrived_at: instantOrNull(raw.arrived_at),
  shipped_at: instantOrNull(raw.shipped_at),
  carrier: strOrNull(raw.carrier),
  tracking_number: strOrNull(raw.tracking_number),
  last_position: str(raw.last_position),
});

export const exchangesProjection: Projection<ExchangeRow, ExchangesEvent> = {
  name: 'exchanges',
  version: 1,
  table: 'exchanges',
  key: 'replacement_no',
  handles: HANDLES,
  keysOf: (e) => {
    switch (e.type) {
      case 'ExchangeRequested':
        return e.data.replacementNo === undefined ? [] : [e.data.replacementNo];
      case 'ReturnReceived':
        return e.data.exchange ? [e.data.exchange.replacementNo] : [];
      default:
        // Any order's 송장 / 배송: only a replacement's has a row (the others stay null).
        return [e.data.no];
    }
  },
  evolve: (row, e) => evolveExchange(row, e),
  toDb: (row) => ({ ...row }),
  fromDb: exchangeRowFromDb,
};
