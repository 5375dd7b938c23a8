/**
 * cs_history: the per-order CS 이력, one entry per order event (entry_id = the event's id), with the
 * Korean work type and a content line like the manuals' CS windows: `[보류설정] 알람: 2026-11-27 10:00`.
 * Every entry starts 미처리 (processed = false); marking entries 완료 is a later capability.
 */
import type { OrderEventType } from '@oms/domain';
import { CANCEL_REASON_LABELS, DEFAULT_CARRIERS, WORK_TYPE_LABELS } from '@oms/domain';
import type { DbRow, Projection, RecordedOrderEvent } from './projection.js';
import { formatSeoul, instant, instantOrNull, isoInstant, num, str, strOrNull } from './values.js';

/** One row of `cs_history`; the column comments live in the migration (migrations.ts). */
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
}

/** A carrier code from the list (`cj`) shows as its name (`CJ대한통운`); anything else as given. */
export const carrierName = (carrier: string): string =>
  DEFAULT_CARRIERS.find((c) => c.code === carrier || c.name === carrier)?.name ?? carrier;

const sum = (lines: readonly { readonly quantity: number }[]): number => lines.reduce((n, l) => n + l.quantity, 0);

/** What follows `[작업구분]` in the content: the event's particulars, or '' when the label says it all. */
export const detailOf = (e: RecordedOrderEvent): string => {
  switch (e.type) {
    case 'OrderPlaced':
      return `판매처: ${e.data.channel}, 주문번호: ${e.data.channelOrderNo}, ${e.data.lines.length}개 상품 / 수량 ${sum(e.data.lines)}`;
    case 'PaymentConfirmed':
      return '';
    case 'OrderCancelledBeforePayment':
      return `사유: ${CANCEL_REASON_LABELS[e.data.reason]}`;
    case 'ShippingInstructionPrinted':
      return '';
    case 'ShippingInstructionReprinted':
      return `${e.data.printCount}회`;
    case 'OrderHeld':
      return e.data.alarmAt === null ? '' : `알람: ${formatSeoul(e.data.alarmAt)}`;
    case 'OrderReleased':
      return '';
    case 'InvoiceEntered': {
      const entered = `${carrierName(e.data.carrier)} ${e.data.trackingNumber}`;
      const was = e.data.replaces;
      return was === null ? entered : `${entered} (변경 전: ${carrierName(was.carrier)} ${was.trackingNumber})`;
    }
    case 'OrderShipped':
      return `수량 ${sum(e.data.lines)}`;
    case 'OrderDelivered':
      return '';
    case 'PurchaseConfirmed':
      return '';
    case 'CsMemoAdded':
      return e.data.text;
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
};

const blankToNull = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s);

/** `[라벨] 내용`, plus ` / 메모: …` when the worker left a CS memo on the command (`[라벨] 메모: …` without content). */
export const contentOf = (e: RecordedOrderEvent): string => {
  const detail = detailOf(e);
  const memo = blankToNull(e.metadata.memo);
  const memoPart = memo === null ? '' : `${detail === '' ? ' ' : ' / '}메모: ${memo}`;
  return `[${WORK_TYPE_LABELS[e.type]}]${detail === '' ? '' : ` ${detail}`}${memoPart}`;
};

export const evolveCsHistory = (row: CsHistoryRow | null, e: RecordedOrderEvent): CsHistoryRow | null => {
  // Idempotent: the entry for this event exists already (and may have been marked 완료 since).
  if (row !== null) return row;
  return {
    entry_id: e.id,
    order_no: e.data.no,
    stream_revision: e.streamRevision,
    at: isoInstant(e.metadata.occurredAt),
    worker: e.metadata.actor,
    role: e.metadata.role,
    work_type: e.type,
    work_type_label: WORK_TYPE_LABELS[e.type],
    content: contentOf(e),
    memo: blankToNull(e.metadata.memo),
    processed: false,
    processed_at: null,
    processed_by: null,
  };
};

/** Every order event is a CS history entry. */
const HISTORY_EVENT_TYPES: readonly OrderEventType[] = [
  'OrderPlaced',
  'PaymentConfirmed',
  'OrderCancelledBeforePayment',
  'ShippingInstructionPrinted',
  'ShippingInstructionReprinted',
  'OrderHeld',
  'OrderReleased',
  'InvoiceEntered',
  'OrderShipped',
  'OrderDelivered',
  'PurchaseConfirmed',
  'CsMemoAdded',
];

export const csHistoryProjection: Projection<CsHistoryRow> = {
  name: 'cs_history',
  version: 1,
  table: 'cs_history',
  key: 'entry_id',
  handles: HISTORY_EVENT_TYPES,
  keyOf: (e) => e.id,
  evolve: evolveCsHistory,
  toDb: (row) => ({ ...row }),
  fromDb: (raw: DbRow): CsHistoryRow => ({
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
  }),
};
