/**
 * cs_history: the per-order CS 이력, one entry per CS action (entry_id = the event's id), with the
 * Korean work type and a content line like the manuals' CS windows: `[보류설정] 알람: 2026-11-27 10:00`.
 * Every entry starts 미처리 (processed = false) and turns 완료 when a CsEntriesCompleted names it.
 * Bookkeeping events (NON_CS_EVENT_TYPES) open no entry.
 */
import type { Carrier, DescribeContext, OrderEventType } from '@oms/domain';
import { DEFAULT_CARRIERS, describeOrderEvent, NON_CS_EVENT_TYPES, ORDER_EVENT_TYPES, workTypeLabelOf } from '@oms/domain';
import type { DbRow, Projection, RecordedOrderEvent } from '../projection.js';
import { instant, instantOrNull, isoInstant, num, str, strOrNull } from '../values.js';

/** One row of `cs_history`; the column comments live in the migration (migration.ts). */
export interface CsHistoryRow {
  readonly entry_id: string;
  readonly order_no: number;
  readonly stream_revision: number;
  readonly at: string;
  readonly worker: string;
  readonly role: string;
  readonly work_type: OrderEventType;
  readonly work_type_label: string;
  readonly content: string;
  readonly memo: string | null;
  readonly processed: boolean;
  readonly processed_at: string | null;
  readonly processed_by: string | null;
  /** 취소타입 (see cancelTypeOf). */
  readonly cancel_type: string | null;
  /** 교환타입 (see exchangeTypeOf). */
  readonly exchange_type: string | null;
}

/** A carrier code from the list (`cj`) shows as its name (`CJ대한통운`); anything else as given. */
export const carrierNameIn =
  (carriers: readonly Carrier[]) =>
  (carrier: string): string =>
    carriers.find((c) => c.code === carrier || c.name === carrier)?.name ?? carrier;

/** carrierNameIn the default carrier list. */
export const carrierName = carrierNameIn(DEFAULT_CARRIERS);

/** What the content text needs besides the event: the configured carriers' names (OMS_CARRIERS_FILE). */
export type ContentContext = DescribeContext;

/** The content context of a carrier list. */
export const contentContextOf = (carriers: readonly Carrier[]): ContentContext => ({ carrierName: carrierNameIn(carriers) });

const DEFAULT_CONTEXT: ContentContext = contentContextOf(DEFAULT_CARRIERS);

/** What follows `[작업구분]`: each event's slice in the domain describes it. */
export const detailOf = (e: RecordedOrderEvent, context: ContentContext): string => describeOrderEvent(e, context);

const blankToNull = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s);

/** `[라벨] 내용`, plus ` / 메모: …` when the worker left a CS memo on the command (`[라벨] 메모: …` without content). */
export const contentOf = (e: RecordedOrderEvent, context: ContentContext = DEFAULT_CONTEXT): string => {
  const detail = detailOf(e, context);
  const memo = blankToNull(e.metadata.memo);
  const memoPart = memo === null ? '' : `${detail === '' ? ' ' : ' / '}메모: ${memo}`;
  return `[${workTypeLabelOf(e)}]${detail === '' ? '' : ` ${detail}`}${memoPart}`;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The entry ids a CsEntriesCompleted names, as the uuid column returns them. Anything that is not a
 * uuid names no entry: as a key it would fail the whole batch on PostgreSQL, batch after batch.
 */
export const completedEntryIds = (e: Extract<RecordedOrderEvent, { type: 'CsEntriesCompleted' }>): readonly string[] =>
  e.data.entryIds.map((id) => id.toLowerCase()).filter((id) => UUID.test(id));

/**
 * 취소타입 of an entry: the channel's CancelType (접수-취소 … 배송-반품) for a 판매처취소, the CANCEL_REASON
 * code for a worker's cancel (입금전취소, 전체취소, 개별취소) and a pickup (회수); null for anything else.
 * The two code lists do not overlap, so one column filters both.
 */
export const cancelTypeOf = (e: RecordedOrderEvent): string | null => {
  switch (e.type) {
    case 'ChannelCancellationReceived':
      return e.data.cancelType;
    case 'OrderCancelled':
    case 'OrderCancelledBeforePayment':
    case 'LineCancelled':
    case 'ReturnPickupRequested':
      return e.data.reason;
    default:
      return null;
  }
};

/** 교환타입 of an entry: the exchange's type on the 교환 itself and on the replacement order's 주문생성; else null. */
export const exchangeTypeOf = (e: RecordedOrderEvent): string | null => {
  if (e.type === 'ExchangeRequested') return e.data.exchangeType;
  if (e.type === 'OrderPlaced') return e.data.replacementOf?.exchangeType ?? null;
  return null;
};

const opensEntry = (type: OrderEventType): boolean => !NON_CS_EVENT_TYPES.includes(type);

export const evolveCsHistoryWith =
  (context: ContentContext) =>
  (row: CsHistoryRow | null, e: RecordedOrderEvent): CsHistoryRow | null => {
  if (e.type === 'CsEntriesCompleted') {
    // 완료 applies to an entry of this order that is still open; anything else stays as it is.
    if (row === null || row.processed || row.order_no !== e.data.no || !completedEntryIds(e).includes(row.entry_id)) return row;
    return { ...row, processed: true, processed_at: isoInstant(e.metadata.occurredAt), processed_by: e.metadata.actor };
  }
  // Idempotent: the entry for this event exists already (and may have been marked 완료 since).
  if (row !== null || !opensEntry(e.type)) return row;
  return {
    entry_id: e.id,
    order_no: e.data.no,
    stream_revision: e.streamRevision,
    at: isoInstant(e.metadata.occurredAt),
    worker: e.metadata.actor,
    role: e.metadata.role,
    work_type: e.type,
    work_type_label: workTypeLabelOf(e),
    content: contentOf(e, context),
    memo: blankToNull(e.metadata.memo),
    processed: false,
    processed_at: null,
    processed_by: null,
    cancel_type: cancelTypeOf(e),
    exchange_type: exchangeTypeOf(e),
  };
};

/** evolveCsHistoryWith the default carrier list. */
export const evolveCsHistory = evolveCsHistoryWith(DEFAULT_CONTEXT);

/** Every CS action opens an entry; CsEntriesCompleted completes entries; PriorityRenumbered is not history. */
const HISTORY_EVENT_TYPES: readonly OrderEventType[] = ORDER_EVENT_TYPES.filter((t) => t === 'CsEntriesCompleted' || opensEntry(t));

/** Column values as the driver returns them → a row (also for the CS 이력 queries). */
export const csHistoryRowFromDb = (raw: DbRow): CsHistoryRow => ({
    entry_id: str(raw.entry_id),
    order_no: num(raw.order_no),
    stream_revision: num(raw.stream_revision),
    at: instant(raw.at),
    worker: str(raw.worker),
    role: str(raw.role),
    work_type: str(raw.work_type) as OrderEventType,
    work_type_label: str(raw.work_type_label),
    content: str(raw.content),
    memo: strOrNull(raw.memo),
    processed: Boolean(raw.processed),
    processed_at: instantOrNull(raw.processed_at),
    processed_by: strOrNull(raw.processed_by),
    cancel_type: strOrNull(raw.cancel_type),
    exchange_type: strOrNull(raw.exchange_type),
});

/** cs_history naming carriers from the given list (the configured one: buildApp passes ctx.carriers). */
export const csHistoryProjectionFor = (carriers: readonly Carrier[]): Projection<CsHistoryRow> => ({
  name: 'cs_history',
  // 3: carrier names come from the configured list; entries written with the defaults are rebuilt.
  // 4: 취소타입 / 교환타입 columns (0150_cs_history_types), filled for every entry by the rebuild.
  version: 4,
  table: 'cs_history',
  key: 'entry_id',
  handles: HISTORY_EVENT_TYPES,
  keysOf: (e) => (e.type === 'CsEntriesCompleted' ? completedEntryIds(e) : opensEntry(e.type) ? [e.id] : []),
  evolve: evolveCsHistoryWith(contentContextOf(carriers)),
  toDb: (row) => ({ ...row }),
  fromDb: csHistoryRowFromDb,
});

/** cs_history with the default carrier list. */
export const csHistoryProjection: Projection<CsHistoryRow> = csHistoryProjectionFor(DEFAULT_CARRIERS);
