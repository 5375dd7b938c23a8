/**
 * return_stats: 반품통계, one row per counted fact — each 회수 (ReturnPickupRequested) under its
 * 사유, each 교환 (ExchangeRequested) under its 교환유형 — with the Seoul day it happened on.
 *
 * The events name neither the order's 판매처 nor its lines' 상품코드 (only line ids), and a
 * projection sees only its events, so the facts keep 관리번호 and the lines, and the queries take
 * 판매처 and 상품코드 from order_list by joining on `no` (queries.ts). The daily counts are a
 * GROUP BY over the facts of the range (an index on `day` bounds it).
 *
 * Each fact has its own key (관리번호 + pickup / exchange id, never reused within an order), so an
 * event already applied finds its row and changes nothing: no position guard is needed.
 */
import type { CancelReason, ExchangeType, OrderEventOf } from '@oms/domain';
import type { DbRow, Projection, Recorded } from '../projection.js';
import { instant, isoInstant, json, num, str } from '../values.js';

export type ReturnStatsEvent = OrderEventOf<'ReturnPickupRequested'> | OrderEventOf<'ExchangeRequested'>;

export type ReturnStatKind = 'pickup' | 'exchange';

/** One row of `return_stats`; the column comments live in the migration. */
export interface ReturnStatRow {
  readonly id: string;
  readonly no: number;
  readonly kind: ReturnStatKind;
  /** A CANCEL_REASONS code (pickup) or an EXCHANGE_TYPES code (exchange). */
  readonly code: CancelReason | ExchangeType;
  /** YYYY-MM-DD in Asia/Seoul. */
  readonly day: string;
  readonly quantity: number;
  readonly lines: readonly { readonly lineId: number; readonly quantity: number }[];
  readonly occurred_at: string;
}

const SEOUL_OFFSET_MS = 9 * 3_600_000;
/** The Asia/Seoul calendar day of an instant (UTC+9, no daylight saving). */
export const seoulDayOf = (at: string): string => new Date(Date.parse(at) + SEOUL_OFFSET_MS).toISOString().slice(0, 10);

type E = Recorded<ReturnStatsEvent>;

export const returnStatIdOf = (e: E): string =>
  e.type === 'ReturnPickupRequested' ? `${e.data.no}/pickup/${e.data.pickupId}` : `${e.data.no}/exchange/${e.data.exchangeId}`;

export const evolveReturnStat = (row: ReturnStatRow | null, e: E): ReturnStatRow | null => {
  if (row !== null) return row;
  const lines = e.data.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
  return {
    id: returnStatIdOf(e),
    no: e.data.no,
    kind: e.type === 'ReturnPickupRequested' ? 'pickup' : 'exchange',
    code: e.type === 'ReturnPickupRequested' ? e.data.reason : e.data.exchangeType,
    day: seoulDayOf(e.metadata.occurredAt),
    quantity: lines.reduce((n, l) => n + l.quantity, 0),
    lines,
    occurred_at: isoInstant(e.metadata.occurredAt),
  };
};

const HANDLES: readonly ReturnStatsEvent['type'][] = ['ReturnPickupRequested', 'ExchangeRequested'];

export const returnStatsProjection: Projection<ReturnStatRow, ReturnStatsEvent> = {
  name: 'return_stats',
  version: 1,
  table: 'return_stats',
  key: 'id',
  handles: HANDLES,
  keysOf: (e) => [returnStatIdOf(e)],
  evolve: (row, e) => evolveReturnStat(row, e),
  toDb: (row) => ({ ...row, lines: JSON.stringify(row.lines) }),
  fromDb: (raw: DbRow): ReturnStatRow => ({
    id: str(raw.id),
    no: num(raw.no),
    kind: str(raw.kind) as ReturnStatKind,
    code: str(raw.code) as CancelReason | ExchangeType,
    day: str(raw.day),
    quantity: num(raw.quantity),
    lines: json<ReturnStatRow['lines']>(raw.lines),
    occurred_at: instant(raw.occurred_at),
  }),
};
