/**
 * expected_inbound: 입고예정, one row per product code: the quantities 회수 registered as expected back
 * in stock (ReturnPickupRequested, or an exchange's pickup: ExchangeRequested, with registerInbound), summed over every order, less what has
 * arrived since (ReturnReceived of such a pickup).
 *
 * One row takes events of many order streams, so a stream revision cannot tell whether an event is
 * already in it. The global position can: the runner applies events in the log's order and the log
 * never shows an event behind one already read, so every event at or before the row's last applied
 * position is in the row. Positions come encoded by the store, order-preserving as text.
 */
import type { OrderEventType } from '@oms/domain';
import type { DbRow, Projection, RecordedOrderEvent } from '../projection.js';
import { instant, isoInstant, num, str } from '../values.js';

/** One row of `expected_inbound`; the column comments live in the migration (migrations.ts). */
export interface ExpectedInboundRow {
  readonly product_code: string;
  readonly quantity: number;
  /** How many pickups registered this product. */
  readonly pickups: number;
  readonly last_order_no: number;
  /** The last applied event's position, as the store encodes it (the idempotency guard). */
  readonly last_position: string;
  readonly updated_at: string;
}

type Inbound = Extract<RecordedOrderEvent, { type: 'ReturnPickupRequested' }>['data']['inbound'];

/** Expected (+) or arrived (−) per product. */
const inboundOf = (e: RecordedOrderEvent): Inbound =>
  e.type === 'ReturnPickupRequested' || e.type === 'ReturnReceived' ? e.data.inbound : e.type === 'ExchangeRequested' ? (e.data.inbound ?? []) : [];

export const evolveExpectedInbound = (row: ExpectedInboundRow | null, e: RecordedOrderEvent, key: string | number): ExpectedInboundRow | null => {
  if (row !== null && e.position <= row.last_position) return row;
  const productCode = String(key);
  const quantity = inboundOf(e)
    .filter((i) => i.productCode === productCode)
    .reduce((n, i) => n + i.quantity, 0);
  if (quantity === 0) return row;
  const arrived = e.type === 'ReturnReceived';
  return {
    product_code: productCode,
    quantity: (row?.quantity ?? 0) + (arrived ? -quantity : quantity),
    pickups: (row?.pickups ?? 0) + (arrived ? 0 : 1),
    last_order_no: e.data.no,
    last_position: e.position,
    updated_at: isoInstant(e.recordedAt),
  };
};

const INBOUND_EVENT_TYPES: readonly OrderEventType[] = ['ReturnPickupRequested', 'ExchangeRequested', 'ReturnReceived'];

export const expectedInboundProjection: Projection<ExpectedInboundRow> = {
  name: 'expected_inbound',
  version: 3,
  table: 'expected_inbound',
  key: 'product_code',
  handles: INBOUND_EVENT_TYPES,
  keysOf: (e) => inboundOf(e).map((i) => i.productCode),
  evolve: evolveExpectedInbound,
  toDb: (row) => ({ ...row }),
  fromDb: (raw: DbRow): ExpectedInboundRow => ({
    product_code: str(raw.product_code),
    quantity: num(raw.quantity),
    pickups: num(raw.pickups),
    last_order_no: num(raw.last_order_no),
    last_position: str(raw.last_position),
    updated_at: instant(raw.updated_at),
  }),
};
