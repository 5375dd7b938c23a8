/**
 * The order stream (`order-<관리번호>`), assembled from the CS actions' slices (actions/): its event
 * union, the list of its event types, their 작업구분 labels, evolve, and how CS 이력 describes them.
 * Each event is declared once, in its slice; nothing here names one.
 */
import type { OrderEventTable } from './actions/index.js';
import { ORDER_EVENTS } from './actions/index.js';
import type { OrderState } from './model.js';
import type { CommandWarning, DescribeContext, EventsOf, OrderEventDef } from './slice.js';

export * from './model.js';
export { formatSeoul } from './format.js';
export type { CommandWarning, DescribeContext } from './slice.js';

/** One union for the order stream, past tense. */
export type OrderEvent = EventsOf<OrderEventTable>;
export type OrderEventType = OrderEvent['type'];
/** One event of the union by its name. */
export type OrderEventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;

export const ORDER_EVENT_TYPES = Object.keys(ORDER_EVENTS) as readonly OrderEventType[];

const defOf = (type: OrderEventType): OrderEventDef<unknown> => ORDER_EVENTS[type] as OrderEventDef<unknown>;

/** CS work types (작업구분) with the labels the CS window shows. */
export const WORK_TYPE_LABELS = Object.fromEntries(ORDER_EVENT_TYPES.map((t) => [t, defOf(t).label])) as Readonly<Record<OrderEventType, string>>;

/** The work type as the CS window shows it (a copy's 주문생성 is 주문복사 / 주문전체복사, like the copying). */
export const workTypeLabelOf = (e: Pick<OrderEvent, 'type' | 'data'>): string => {
  const def = defOf(e.type);
  return def.labelOf ? def.labelOf(e.data) : def.label;
};

/** Events that are bookkeeping, not a worker's CS action: they open no CS 이력 entry. */
export const NON_CS_EVENT_TYPES: readonly OrderEventType[] = ORDER_EVENT_TYPES.filter((t) => !defOf(t).csEntry);
export const isCsEntry = (type: string): boolean => (ORDER_EVENT_TYPES as readonly string[]).includes(type) && defOf(type as OrderEventType).csEntry;

/** What follows `[작업구분]` in a CS 이력 entry: the event's particulars, or '' when the label says it all. */
export const describeOrderEvent = (e: Pick<OrderEvent, 'type' | 'data'>, ctx: DescribeContext): string => defOf(e.type).describe(e.data, ctx);

/** What a worker should be told although the command succeeded. */
export const warningsOf = (events: readonly OrderEvent[]): readonly CommandWarning[] =>
  events.flatMap((e) => {
    const warning = defOf(e.type).warn?.(e.data);
    return warning ? [warning] : [];
  });

export const initialOrderState = (): OrderState => ({ kind: 'none' });

export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  const def = ORDER_EVENTS[event.type] as OrderEventDef<unknown> | undefined;
  // An event type this code does not know (written by a newer version) changes nothing it could show.
  return def ? def.evolve(state, event.data) : state;
};

/** The schema version an order event is written at now: 1 + the number of its older shapes. */
export const orderEventVersionOf = (type: string): number => 1 + ((ORDER_EVENTS as Readonly<Record<string, OrderEventDef<unknown>>>)[type]?.upcasters?.length ?? 0);

/**
 * Data stored at `version` in the current shape: the slice's upcasters from that version on, in order.
 * An unknown type, or a version newer than this code, is handed on as stored.
 */
export const upcastOrderEventData = (type: string, version: number, data: unknown): unknown => {
  const upcasters = (ORDER_EVENTS as Readonly<Record<string, OrderEventDef<unknown>>>)[type]?.upcasters ?? [];
  return upcasters.slice(Math.max(0, version - 1)).reduce((d, up) => up(d), data);
};
