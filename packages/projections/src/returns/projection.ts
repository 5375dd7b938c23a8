/**
 * 반품관리: two tables, because the fee and 완료처리 events name their pickup, not its lines (and a
 * projection can only key rows its event names):
 * - return_lines: ONE ROW PER PICKUP LINE (`${no}-${pickupId}-${lineId}`): what was picked up and
 *   what arrived of it, from ReturnPickupRequested / ExchangeRequested (with a pickup) and ReturnReceived;
 * - return_pickups: ONE ROW PER PICKUP (`${no}-${pickupId}`): what the pickup is (회수 or 교환, 사유,
 *   claim), its fees per route (ReturnFeesRecorded) and its 완료처리 (ReturnCompleted).
 * The view (queries.ts) joins them and puts the pickup's fees on its first line only (fee_row), so a
 * column of the list sums right; order_list gives 판매처 / 수령자 / 상품 / 배송일, products 공급처.
 * Both are folds of the order stream only, but guarded by the global position like the other
 * multi-row read models (an event at or before the row's last position is in it).
 */
import type { CancelReason, ExchangeType, OrderEventOf } from '@oms/domain';
import type { DbRow, Projection, Recorded } from '../projection.js';
import { instant, instantOrNull, num, str, strOrNull, isoInstant } from '../values.js';

export type ReturnsEvent =
  | OrderEventOf<'ReturnPickupRequested'>
  | OrderEventOf<'ExchangeRequested'>
  | OrderEventOf<'ReturnReceived'>
  | OrderEventOf<'ReturnFeesRecorded'>
  | OrderEventOf<'ReturnCompleted'>;
type E = Recorded<ReturnsEvent>;

export const returnLineIdOf = (no: number, pickupId: number, lineId: number): string => `${no}-${pickupId}-${lineId}`;
export const returnPickupIdOf = (no: number, pickupId: number): string => `${no}-${pickupId}`;

const quantityOf = (lines: readonly { lineId: number; quantity: number }[] | undefined, lineId: number): number =>
  (lines ?? []).filter((l) => l.lineId === lineId).reduce((n, l) => n + l.quantity, 0);

/** One row of `return_lines`; the column comments live in the migration. */
export interface ReturnLineRow {
  readonly id: string;
  readonly pickup_key: string;
  readonly no: number;
  readonly pickup_id: number;
  readonly line_id: number;
  readonly fee_row: boolean;
  readonly picked_up_quantity: number;
  readonly received_quantity: number;
  readonly damaged_quantity: number;
  readonly requested_at: string;
  readonly arrived_at: string | null;
  readonly last_position: string;
}

/** The lines a pickup-opening event picks up (none for an exchange recorded before exchanges had pickups). */
const pickupOpened = (e: E): { pickupId: number; lines: readonly { lineId: number; quantity: number }[] } | null => {
  if (e.type === 'ReturnPickupRequested') return e.data;
  if (e.type === 'ExchangeRequested' && e.data.pickupId !== undefined) return { pickupId: e.data.pickupId, lines: e.data.lines };
  return null;
};

export const evolveReturnLine = (row: ReturnLineRow | null, e: E, key: string): ReturnLineRow | null => {
  if (row !== null && e.position <= row.last_position) return row;
  const at = isoInstant(e.metadata.occurredAt);
  const opened = pickupOpened(e);
  if (opened) {
    if (row !== null) return row;
    const line = opened.lines.find((l) => returnLineIdOf(e.data.no, opened.pickupId, l.lineId) === key);
    if (!line) return null;
    return {
      id: key,
      pickup_key: returnPickupIdOf(e.data.no, opened.pickupId),
      no: e.data.no,
      pickup_id: opened.pickupId,
      line_id: line.lineId,
      // The pickup's first line carries its fees in the view (the lines as the event lists them).
      fee_row: opened.lines[0]?.lineId === line.lineId,
      picked_up_quantity: quantityOf(opened.lines, line.lineId),
      received_quantity: 0,
      damaged_quantity: 0,
      requested_at: at,
      arrived_at: null,
      last_position: e.position,
    };
  }
  if (e.type !== 'ReturnReceived' || row === null) return row;
  return {
    ...row,
    received_quantity: row.received_quantity + quantityOf(e.data.lines, row.line_id),
    damaged_quantity: row.damaged_quantity + quantityOf(e.data.damaged, row.line_id),
    arrived_at: row.arrived_at ?? at,
    last_position: e.position,
  };
};

const LINE_HANDLES: readonly ReturnsEvent['type'][] = ['ReturnPickupRequested', 'ExchangeRequested', 'ReturnReceived'];

export const returnLineRowFromDb = (raw: DbRow): ReturnLineRow => ({
  id: str(raw.id),
  pickup_key: str(raw.pickup_key),
  no: num(raw.no),
  pickup_id: num(raw.pickup_id),
  line_id: num(raw.line_id),
  fee_row: Boolean(raw.fee_row),
  picked_up_quantity: num(raw.picked_up_quantity),
  received_quantity: num(raw.received_quantity),
  damaged_quantity: num(raw.damaged_quantity),
  requested_at: instant(raw.requested_at),
  arrived_at: instantOrNull(raw.arrived_at),
  last_position: str(raw.last_position),
});

export const returnLinesProjection: Projection<ReturnLineRow, ReturnsEvent> = {
  name: 'return_lines',
  version: 1,
  table: 'return_lines',
  key: 'id',
  handles: LINE_HANDLES,
  keysOf: (e) => {
    const opened = pickupOpened(e);
    if (opened) return opened.lines.map((l) => returnLineIdOf(e.data.no, opened.pickupId, l.lineId));
    if (e.type === 'ReturnReceived') return [...e.data.lines, ...(e.data.damaged ?? [])].map((l) => returnLineIdOf(e.data.no, e.data.pickupId, l.lineId));
    return [];
  },
  evolve: (row, e, key) => evolveReturnLine(row, e, String(key)),
  toDb: (row) => ({ ...row }),
  fromDb: returnLineRowFromDb,
};

/** One row of `return_pickups`; the column comments live in the migration. */
export interface ReturnPickupRow {
  readonly id: string;
  readonly no: number;
  readonly pickup_id: number;
  readonly kind: 'return' | 'exchange';
  readonly reason: CancelReason | null;
  readonly exchange_type: ExchangeType | null;
  readonly exchange_id: number | null;
  readonly replacement_no: number | null;
  readonly register_inbound: boolean;
  readonly claim_channel: string | null;
  readonly claim_cancellation_id: string | null;
  readonly picked_up_quantity: number;
  readonly received_quantity: number;
  readonly requested_at: string;
  readonly requested_by: string;
  readonly arrived_at: string | null;
  readonly site_expected: number;
  readonly site_arrived: number;
  readonly enclosed_expected: number;
  readonly enclosed_arrived: number;
  readonly transfer_expected: number;
  readonly transfer_arrived: number;
  readonly outstanding: number;
  readonly fee_reason: string | null;
  readonly completed: boolean;
  readonly completed_at: string | null;
  readonly completed_by: string | null;
  readonly completion_memo: string | null;
  readonly last_position: string;
}

const sum = (lines: readonly { quantity: number }[] | undefined): number => (lines ?? []).reduce((n, l) => n + l.quantity, 0);

export const evolveReturnPickup = (row: ReturnPickupRow | null, e: E): ReturnPickupRow | null => {
  if (row !== null && e.position <= row.last_position) return row;
  const at = isoInstant(e.metadata.occurredAt);
  const opened = pickupOpened(e);
  if (opened) {
    if (row !== null) return row;
    const d = e.data;
    const fees = e.type === 'ReturnPickupRequested' ? (e.data.fees ?? {}) : {};
    const site = fees.site ?? 0;
    const enclosed = fees.enclosed ?? 0;
    const transfer = fees.transfer ?? 0;
    return {
      id: returnPickupIdOf(d.no, opened.pickupId),
      no: d.no,
      pickup_id: opened.pickupId,
      kind: e.type === 'ExchangeRequested' ? 'exchange' : 'return',
      reason: e.type === 'ReturnPickupRequested' ? e.data.reason : null,
      exchange_type: e.type === 'ExchangeRequested' ? e.data.exchangeType : null,
      exchange_id: e.type === 'ExchangeRequested' ? e.data.exchangeId : null,
      replacement_no: e.type === 'ExchangeRequested' ? (e.data.replacementNo ?? null) : null,
      register_inbound: e.type === 'ReturnPickupRequested' ? e.data.registerInbound : e.type === 'ExchangeRequested' ? (e.data.registerInbound ?? false) : false,
      claim_channel: e.type === 'ReturnPickupRequested' ? (e.data.claim?.channel ?? null) : null,
      claim_cancellation_id: e.type === 'ReturnPickupRequested' ? (e.data.claim?.cancellationId ?? null) : null,
      picked_up_quantity: sum(opened.lines),
      received_quantity: 0,
      requested_at: at,
      requested_by: e.metadata.actor,
      arrived_at: null,
      site_expected: site,
      site_arrived: 0,
      enclosed_expected: enclosed,
      enclosed_arrived: 0,
      transfer_expected: transfer,
      transfer_arrived: 0,
      outstanding: site + enclosed + transfer,
      fee_reason: null,
      completed: false,
      completed_at: null,
      completed_by: null,
      completion_memo: null,
      last_position: e.position,
    };
  }
  if (row === null) return null;
  switch (e.type) {
    case 'ReturnReceived':
      return { ...row, received_quantity: row.received_quantity + sum(e.data.lines), arrived_at: row.arrived_at ?? at, last_position: e.position };
    case 'ReturnFeesRecorded': {
      const f = e.data.fees;
      return {
        ...row,
        site_expected: f.site.expected,
        site_arrived: f.site.arrived,
        enclosed_expected: f.enclosed.expected,
        enclosed_arrived: f.enclosed.arrived,
        transfer_expected: f.transfer.expected,
        transfer_arrived: f.transfer.arrived,
        outstanding: f.site.expected + f.enclosed.expected + f.transfer.expected - f.site.arrived - f.enclosed.arrived - f.transfer.arrived,
        fee_reason: e.data.reason,
        last_position: e.position,
      };
    }
    case 'ReturnCompleted': {
      const memo = e.metadata.memo?.trim();
      return { ...row, completed: true, completed_at: at, completed_by: e.metadata.actor, completion_memo: memo ? memo : null, last_position: e.position };
    }
    default:
      return row;
  }
};

const PICKUP_HANDLES: readonly ReturnsEvent['type'][] = ['ReturnPickupRequested', 'ExchangeRequested', 'ReturnReceived', 'ReturnFeesRecorded', 'ReturnCompleted'];

export const returnPickupRowFromDb = (raw: DbRow): ReturnPickupRow => ({
  id: str(raw.id),
  no: num(raw.no),
  pickup_id: num(raw.pickup_id),
  kind: str(raw.kind) as ReturnPickupRow['kind'],
  reason: strOrNull(raw.reason) as CancelReason | null,
  exchange_type: strOrNull(raw.exchange_type) as ExchangeType | null,
  exchange_id: raw.exchange_id == null ? null : num(raw.exchange_id),
  replacement_no: raw.replacement_no == null ? null : num(raw.replacement_no),
  register_inbound: Boolean(raw.register_inbound),
  claim_channel: strOrNull(raw.claim_channel),
  claim_cancellation_id: strOrNull(raw.claim_cancellation_id),
  picked_up_quantity: num(raw.picked_up_quantity),
  received_quantity: num(raw.received_quantity),
  requested_at: instant(raw.requested_at),
  requested_by: str(raw.requested_by),
  arrived_at: instantOrNull(raw.arrived_at),
  site_expected: num(raw.site_expected),
  site_arrived: num(raw.site_arrived),
  enclosed_expected: num(raw.enclosed_expected),
  enclosed_arrived: num(raw.enclosed_arrived),
  transfer_expected: num(raw.transfer_expected),
  transfer_arrived: num(raw.transfer_arrived),
  outstanding: num(raw.outstanding),
  fee_reason: strOrNull(raw.fee_reason),
  completed: Boolean(raw.completed),
  completed_at: instantOrNull(raw.completed_at),
  completed_by: strOrNull(raw.completed_by),
  completion_memo: strOrNull(raw.completion_memo),
  last_position: str(raw.last_position),
});

export const returnPickupsProjection: Projection<ReturnPickupRow, ReturnsEvent> = {
  name: 'return_pickups',
  version: 1,
  table: 'return_pickups',
  key: 'id',
  handles: PICKUP_HANDLES,
  keysOf: (e) => {
    const opened = pickupOpened(e);
    if (opened) return [returnPickupIdOf(e.data.no, opened.pickupId)];
    if (e.type === 'ExchangeRequested') return [];
    return [returnPickupIdOf(e.data.no, e.data.pickupId)];
  },
  evolve: (row, e) => evolveReturnPickup(row, e),
  toDb: (row) => ({ ...row }),
  fromDb: returnPickupRowFromDb,
};
