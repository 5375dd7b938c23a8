/**
 * How a CS action is declared. Each action's slice (actions/*.ts) holds a table of its events — the
 * event's name is the key, written once: its data type, its 작업구분 label, how it folds into the
 * order, how CS 이력 describes it — and a table of its commands with their decide functions. The
 * order's event union, its event-type list, its label table, evolve and decide are assembled from
 * those tables (order.ts, orderDecider.ts, crossOrderDecider.ts); nothing else lists them.
 */
import type { Command } from '../command.js';
import type { CommandMetadata } from '../decider.js';
import type { OrderState, PlacedOrder } from './model.js';
import type { OrderEvent } from './order.js';

/** What a CS 이력 line needs from outside the event: carrier names as configured. */
export interface DescribeContext {
  readonly carrierName: (code: string) => string;
}

/** What a worker should be told although the command succeeded. */
export interface CommandWarning {
  readonly code: string;
  readonly message: string;
}

/** One event type of the order stream, as its slice declares it. */
export interface OrderEventDef<D> {
  /** 작업구분: the work type the CS window shows. */
  readonly label: string;
  /** A label that depends on the event (주문복사 / 주문전체복사); `label` otherwise. */
  readonly labelOf?: ((data: D) => string) | undefined;
  /** false for bookkeeping (not a worker's CS action): it opens no CS 이력 entry. */
  readonly csEntry: boolean;
  /** What follows `[작업구분]` in CS 이력: the event's particulars, or '' when the label says it all. */
  readonly describe: (data: D, ctx: DescribeContext) => string;
  /** A warning for the worker who caused the event. */
  readonly warn?: ((data: D) => CommandWarning | null) | undefined;
  readonly evolve: (state: OrderState, data: D) => OrderState;
  /**
   * The event's older shapes, oldest first: upcasters[i] turns data stored at schema version i + 1 into
   * version i + 2. The current version is 1 + their number; a stored event is never rewritten, it is
   * upcast on every read (upcasting.ts). Each old shape keeps its name as `…V1`, `…V2` in the slice.
   */
  readonly upcasters?: readonly ((data: any) => unknown)[] | undefined;
}

type EventDeclaration<D> = Omit<OrderEventDef<D>, 'evolve' | 'csEntry'> & {
  readonly csEntry?: boolean;
  readonly evolve: (order: PlacedOrder, data: D) => PlacedOrder;
};

/** An event on an existing order; on a stream without one it changes nothing. */
export const orderEvent = <D>(def: EventDeclaration<D>): OrderEventDef<D> => ({
  ...def,
  csEntry: def.csEntry ?? true,
  evolve: (state, data) => (state.kind === 'placed' ? def.evolve(state, data) : state),
});

/** The event that opens the stream. */
export const openingEvent = <D>(def: Omit<EventDeclaration<D>, 'evolve'> & { readonly open: (data: D) => PlacedOrder }): OrderEventDef<D> => ({
  ...def,
  csEntry: def.csEntry ?? true,
  evolve: (_state, data) => def.open(data),
});

/* A table holds defs of many data types. */
export type EventTable = Readonly<Record<string, OrderEventDef<any>>>;

/** The event union a table declares: `{ type: <key>, data: <its data> }` for every key. */
export type EventsOf<T extends EventTable> = {
  [K in keyof T & string]: { readonly type: K; readonly data: T[K] extends OrderEventDef<infer D> ? D : never };
}[keyof T & string];

// ---------------------------------------------------------------------------------------------
// Commands.

export type OrderStates = ReadonlyMap<number, OrderState>;
/** Events decided per 관리번호. */
export type EventsByOrder = ReadonlyMap<number, readonly OrderEvent[]>;

/** A command as its decide sees it (its type is the table's key). */
export interface Sent<D> {
  readonly data: D;
  readonly metadata: CommandMetadata;
}

/** A command that also reads (and may append to) other orders: 합포 members, a copy, other holders of a product. */
export interface Across<D> {
  /** The other orders the command on `no` reads, given that order's state. */
  readonly involved: (no: number, command: Sent<D>, state: OrderState) => readonly number[];
  /** Events per 관리번호, given the states of `no` and of `involved`. */
  readonly decide: (no: number, command: Sent<D>, states: OrderStates) => EventsByOrder;
}

export interface OrderCommandDef<D> {
  readonly kind: 'order';
  /** The rule on one order. */
  readonly decide: (command: Sent<D>, state: OrderState) => readonly OrderEvent[];
  /** How the command spans orders when the order is in a package (합포); one order otherwise. */
  readonly across?: Across<D> | undefined;
}

export interface CrossOrderCommandDef<D> extends Across<D> {
  readonly kind: 'cross';
}

/** A command decided on one order (and, with `across`, on the orders it spans). */
export const orderCommand = <D>(decide: (command: Sent<D>, state: OrderState) => readonly OrderEvent[], across?: Across<D>): OrderCommandDef<D> => ({
  kind: 'order',
  decide,
  across,
});

/** A command that only makes sense across orders. */
export const crossOrderCommand = <D>(def: Across<D>): CrossOrderCommandDef<D> => ({ kind: 'cross', ...def });

/* A table holds defs of many data types. */
export type CommandTable = Readonly<Record<string, OrderCommandDef<any> | CrossOrderCommandDef<any>>>;

type DataOf<C> = C extends OrderCommandDef<infer D> ? D : C extends CrossOrderCommandDef<infer D> ? D : never;

/** The command union a table declares, optionally only the commands of one kind. */
export type CommandsOf<T extends CommandTable, Kind extends 'order' | 'cross' = 'order' | 'cross'> = {
  [K in keyof T & string]: T[K] extends { readonly kind: Kind } ? Command<K, DataOf<T[K]>> : never;
}[keyof T & string];

/** No data beyond the memo in the metadata. */
export type NoData = Record<string, never>;
