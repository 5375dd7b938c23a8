/**
 * cs_history: the per-order CS 이력, one entry per CS action (entry_id = the event's id), with the
 * Korean work type and a content line like the manuals' CS windows: `[보류설정] 알람: 2026-11-27 10:00`.
 * Every entry starts 미처리 (processed = false) and turns 완료 when a CsEntriesCompleted names it.
 * Bookkeeping events (NON_CS_EVENT_TYPES) open no entry.
 */
import type { Carrier, LineProduct, LineQuantity, OrderEventType, Recipient } from '@oms/domain';
import { CANCEL_REASON_LABELS, DEFAULT_CARRIERS, EXCHANGE_TYPE_LABELS, NON_CS_EVENT_TYPES, ORDER_EVENT_TYPES, workTypeLabelOf } from '@oms/domain';
import type { DbRow, Projection, RecordedOrderEvent } from '../projection.js';
import { formatSeoul, instant, instantOrNull, isoInstant, num, str, strOrNull } from '../values.js';

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
}

/** A carrier code from the list (`cj`) shows as its name (`CJ대한통운`); anything else as given. */
export const carrierNameIn =
  (carriers: readonly Carrier[]) =>
  (carrier: string): string =>
    carriers.find((c) => c.code === carrier || c.name === carrier)?.name ?? carrier;

/** carrierNameIn the default carrier list. */
export const carrierName = carrierNameIn(DEFAULT_CARRIERS);

/** What the content text needs besides the event: the configured carriers' names (OMS_CARRIERS_FILE). */
export interface ContentContext {
  readonly carrierName: (carrier: string) => string;
}

/** The content context of a carrier list. */
export const contentContextOf = (carriers: readonly Carrier[]): ContentContext => ({ carrierName: carrierNameIn(carriers) });

const DEFAULT_CONTEXT: ContentContext = contentContextOf(DEFAULT_CARRIERS);

const sum = (lines: readonly { readonly quantity: number }[]): number => lines.reduce((n, l) => n + l.quantity, 0);

/** `1번 x1, 2번 x2`: line numbers and quantities. */
const lineList = (lines: readonly LineQuantity[]): string => lines.map((l) => `${l.lineId}번 x${l.quantity}`).join(', ');

/** `실리콘 주걱(화이트)`; without an option just the name. */
const productLabel = (p: Pick<LineProduct, 'productName' | 'option'>): string => (p.option.trim() === '' ? p.productName : `${p.productName}(${p.option})`);

/** `25,000원`. */
const won = (amount: number): string => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}원`;

const RECIPIENT_FIELDS: readonly (readonly [keyof Recipient, string])[] = [
  ['name', '수령자'],
  ['phone', '전화'],
  ['mobile', '휴대폰'],
  ['zip', '우편번호'],
  ['address', '주소'],
  ['memo', '배송메모'],
];

/** `주소: A → B, 배송메모: 없음 → 문 앞`: only the fields that changed. */
const recipientChanges = (before: Recipient, after: Recipient): string =>
  RECIPIENT_FIELDS.flatMap(([field, label]) => {
    const was = (before[field] ?? '').trim();
    const now = (after[field] ?? '').trim();
    return was === now ? [] : [`${label}: ${was === '' ? '없음' : was} → ${now === '' ? '없음' : now}`];
  }).join(', ');

const placedDetail = (d: Extract<RecordedOrderEvent, { type: 'OrderPlaced' }>['data']): string =>
  `판매처: ${d.channel}, 주문번호: ${d.channelOrderNo}, ${d.lines.length}개 상품 / 수량 ${sum(d.lines)}`;

const priorityPlace = (d: Extract<RecordedOrderEvent, { type: 'PrioritySet' }>['data']): string => {
  switch (d.position) {
    case 'top':
      return '맨 위';
    case 'bottom':
      return '맨 아래';
    case 'after':
      return `${d.after ?? '?'} 다음`;
    default: {
      const unhandled: never = d.position;
      return unhandled;
    }
  }
};

const packageList = (packageId: number, members: readonly number[]): string => `합포번호 ${packageId}: ${members.join(', ')}`;

/**
 * What follows `[작업구분]` in the content: the event's particulars, or '' when the label says it all.
 * Only the event is at hand: lines are named by number where the event carries no product.
 */
export const detailOf = (e: RecordedOrderEvent, { carrierName }: ContentContext): string => {
  switch (e.type) {
    case 'OrderPlaced': {
      const from = e.data.copiedFrom;
      return from ? `<이전 주문 관리번호 : ${from.no}> ${placedDetail(e.data)}` : placedDetail(e.data);
    }
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
      const withPackage = e.data.packageId === undefined ? entered : `${entered} (합포번호 ${e.data.packageId})`;
      return was === null ? withPackage : `${withPackage} (변경 전: ${carrierName(was.carrier)} ${was.trackingNumber})`;
    }
    case 'OrderShipped':
      return `수량 ${sum(e.data.lines)}`;
    case 'OrderDelivered':
      return '';
    case 'PurchaseConfirmed':
      return '';
    case 'CsMemoAdded':
      return e.data.text;
    case 'DeliveryInfoChanged':
      return recipientChanges(e.data.previous, e.data.recipient);
    case 'OrderCancelled':
      return `사유: ${CANCEL_REASON_LABELS[e.data.reason]}`;
    case 'OrderRestored':
      return '';
    case 'LineCancelled':
      return `${e.data.lineId}번 ${productLabel(e.data.item)} ${e.data.quantity}개 / 사유: ${CANCEL_REASON_LABELS[e.data.reason]}`;
    case 'LineRestored':
      return `${e.data.lineId}번 ${productLabel(e.data.item)} ${e.data.quantity}개`;
    case 'LineProductChanged': {
      const { lineId, from, to } = e.data;
      const price = from.unitPrice === to.unitPrice ? '' : ` / 단가: ${won(from.unitPrice)} → ${won(to.unitPrice)}`;
      return `${lineId}번 상품 ${productLabel(from)} → ${productLabel(to)}${price}`;
    }
    case 'LineAdded': {
      const { line } = e.data;
      return `${line.lineId}번 상품 ${productLabel(line)} ${line.quantity}개 (단가 ${won(line.unitPrice)})`;
    }
    case 'OrderCopied':
      return `<복사 주문 관리번호 : ${e.data.copyNo}>${e.data.whole ? ` 판매처: ${e.data.channel}` : ''}`;
    case 'OrderDeleted':
      return '';
    case 'OrderMerged':
      return `${e.data.joined} 합포 (${packageList(e.data.packageId, e.data.members)})`;
    case 'OrderUnmerged': {
      const { left, packageId, members } = e.data;
      // A package of one is no package: the remaining order stands alone again.
      return members.length > 1 ? `${left} 제외 (${packageList(packageId, members)})` : `${left} 제외 (합포 해제: ${members.join(', ')})`;
    }
    case 'PackageDissolved':
      return packageList(e.data.packageId, e.data.members);
    case 'MergeForbidden':
      return '';
    case 'MergeAllowed':
      return '';
    case 'PrioritySet':
      return `상품 ${e.data.productCode}: ${priorityPlace(e.data)}`;
    case 'PriorityRenumbered':
      return `상품 ${e.data.productCode}: ${e.data.priority}`;
    case 'ReturnPickupRequested': {
      const d = e.data;
      const repeated = d.repeated ? '(재회수)' : '';
      const inbound = d.registerInbound ? ' / 입고예정 등록' : '';
      return `${d.pickupId}차 회수${repeated}: ${lineList(d.lines)} / 사유: ${CANCEL_REASON_LABELS[d.reason]}${inbound}`;
    }
    case 'ReturnReceived':
      return `${e.data.pickupId}차 회수: ${lineList(e.data.lines)}`;
    case 'ReturnExpectedMarked':
      return '';
    case 'ReturnExpectedCleared':
      return '';
    case 'ExchangeRequested':
      return `${EXCHANGE_TYPE_LABELS[e.data.exchangeType]}: ${lineList(e.data.lines)}`;
    case 'CsEntriesCompleted':
      return `${e.data.entryIds.length}건`;
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
};

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
});

/** cs_history naming carriers from the given list (the configured one: buildApp passes ctx.carriers). */
export const csHistoryProjectionFor = (carriers: readonly Carrier[]): Projection<CsHistoryRow> => ({
  name: 'cs_history',
  // 3: carrier names come from the configured list; entries written with the defaults are rebuilt.
  version: 3,
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
