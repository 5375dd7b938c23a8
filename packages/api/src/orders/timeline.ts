/**
 * An order's timeline, for auditors: every revision with what it changed, as a diff of the order as the
 * API shows it (orderView) before and after the event — `line 2 active 3 → 1`, `보류 설정`. Folded from
 * the order's own events, so it is what the order was at each step, whatever the read models say now.
 */
import type { RecordedEvent } from '@oms/adapters';
import type { Carrier, OrderEvent, OrderState } from '@oms/domain';
import { evolveOrder, initialOrderState, workTypeLabelOf } from '@oms/domain';
import { orderView } from './orderView.js';

type View = ReturnType<typeof orderView>;

export interface Change {
  /** Where in the order (GET /orders/{no}'s shape): `status`, `hold`, `lines[2].active`, `returnPickups[1].state`. */
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
  /** The change as an auditor reads it. */
  readonly text: string;
}

export interface TimelineEntry {
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly workType: string;
  readonly recordedAt: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly role: string;
  readonly memo: string | null;
  readonly changes: Change[];
}

/** Shown by their label beside them, or bookkeeping of the fold: not diffed. */
const SKIPPED = new Set(['revision', 'statusLabel', 'csStateLabel']);

/** Arrays whose items have an id: diffed item by item under `name[id]`. */
const KEYED: Record<string, string> = { lines: 'lineId', returnPickups: 'pickupId', exchangeList: 'exchangeId' };

const LABELS: Record<string, string> = {
  status: '상태',
  csState: 'C/S',
  invoice: '송장',
  recipient: '수령자',
  buyer: '구매자',
  shippingFee: '배송비',
  deleted: '주문삭제',
  mergeForbidden: '합포금지',
  returnExpected: '반품예정',
  package: '합포',
  priorities: '우선순위',
  pickups: '회수',
  exchanges: '교환',
  shippingInstructionPrints: '배송지시',
  copies: '주문복사',
  paymentMethod: '결제수단',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const shown = (v: unknown): string => (v === null || v === undefined ? '없음' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Items of KEYED arrays, by their name in the text (`line 2`, `회수 1`, `교환 1`). */
const ITEM_NAMES: Record<string, string> = { lines: 'line', returnPickups: '회수', exchangeList: '교환' };

const textOf = (path: readonly string[], from: unknown, to: unknown): string => {
  const [head = '', ...rest] = path;
  if (head === 'hold') {
    if (from === null || from === undefined) return `보류 설정${isRecord(to) && to.alarmAt ? ` (알람 ${String(to.alarmAt)})` : ''}`;
    if (to === null || to === undefined) return '보류 해제';
    return `보류 알람 ${shown(isRecord(from) ? from.alarmAt : from)} → ${shown(isRecord(to) ? to.alarmAt : to)}`;
  }
  const item = ITEM_NAMES[head];
  const [id = '', ...field] = item ? rest : [];
  const where = item ? [`${item} ${id.replace(/[[\]]/g, '')}`, ...field].join(' ') : [LABELS[head] ?? head, ...rest].join('.');
  if (item && field.length === 0) return from === undefined ? `${where} 추가` : `${where} 없어짐`;
  return `${where} ${shown(from)} → ${shown(to)}`;
};


const diff = (path: readonly string[], from: unknown, to: unknown, out: Change[]): void => {
  const name = path.at(-1);
  if (path.length === 1 && name !== undefined && name in KEYED && Array.isArray(from) && Array.isArray(to)) {
    const key = KEYED[name] as string;
    const byId = (items: readonly unknown[]) => new Map(items.filter(isRecord).map((item) => [String(item[key]), item]));
    const before = byId(from);
    const after = byId(to);
    for (const id of new Set([...before.keys(), ...after.keys()])) diff([...path, `[${id}]`], before.get(id), after.get(id), out);
    return;
  }
  if (isRecord(from) && isRecord(to) && !(path.length === 1 && path[0] === 'hold')) {
    for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) if (!SKIPPED.has(k)) diff([...path, k], from[k], to[k], out);
    return;
  }
  if (JSON.stringify(from) === JSON.stringify(to)) return;
  out.push({ field: path.map((p, i) => (i > 0 && !p.startsWith('[') ? `.${p}` : p)).join(''), from: from ?? null, to: to ?? null, text: textOf(path, from, to) });
};

/** What an event changed in the order as the API shows it. */
export const changesBetween = (before: View | null, after: View | null): Change[] => {
  const out: Change[] = [];
  if (before === null && after !== null) return [{ field: '', from: null, to: after.no, text: `주문 ${after.no} 생성: ${after.lines.map((l) => `line ${l.lineId} ${l.productName} ${l.option} × ${l.ordered}`).join(', ')}` }];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) if (!SKIPPED.has(k)) diff([k], (before as Record<string, unknown> | null)?.[k], (after as Record<string, unknown> | null)?.[k], out);
  return out;
};

const viewOf = (state: OrderState, revision: number, carriers: readonly Carrier[]): View | null => (state.kind === 'placed' ? orderView(state, revision, carriers) : null);

export const timelineOf = <P>(events: readonly RecordedEvent<string, unknown, P>[], carriers: readonly Carrier[]): TimelineEntry[] => {
  let state = initialOrderState();
  let before: View | null = null;
  return events.map((e) => {
    const event = e as unknown as OrderEvent;
    state = evolveOrder(state, event);
    const after = viewOf(state, e.streamRevision, carriers);
    const entry: TimelineEntry = {
      revision: e.streamRevision,
      eventId: e.id,
      type: e.type,
      workType: workTypeLabelOf(event),
      recordedAt: e.recordedAt,
      occurredAt: e.metadata.occurredAt,
      actor: e.metadata.actor,
      role: e.metadata.role,
      memo: e.metadata.memo ?? null,
      changes: changesBetween(before, after),
    };
    before = after;
    return entry;
  });
};
