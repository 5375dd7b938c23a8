/**
 * Every CS action's slice, listed once here: the order's event union, event-type list, labels, evolve
 * and decide are assembled from these tables (order.ts, orderDecider.ts, crossOrderDecider.ts). A new
 * action is a slice file plus its events and commands tables in the two lists below.
 *
 * Two lists, not one list of slices: a command's decide returns the assembled OrderEvent, so the event
 * union must be computable from the event tables alone.
 */
import { cancelCommands, cancelEvents } from './cancel.js';
import { channelCancellationCommands, channelCancellationEvents } from './channelCancellation.js';
import { copyCommands, copyEvents } from './copy.js';
import { csEntryCommands, csEntryEvents } from './csEntries.js';
import { deletionCommands, deletionEvents } from './deletion.js';
import { deliveryInfoCommands, deliveryInfoEvents } from './deliveryInfo.js';
import { exchangeCommands, exchangeEvents } from './exchange.js';
import { fulfilmentCommands, fulfilmentEvents } from './fulfilment.js';
import { holdCommands, holdEvents } from './hold.js';
import { lineEditCommands, lineEditEvents } from './lineEdits.js';
import { mergeCommands, mergeEvents } from './merge.js';
import { placementCommands, placementEvents } from './placement.js';
import { priorityCommands, priorityEvents } from './priority.js';
import { returnCommands, returnEvents } from './returns.js';

const EVENT_TABLES = [
  placementEvents,
  fulfilmentEvents,
  holdEvents,
  cancelEvents,
  lineEditEvents,
  deliveryInfoEvents,
  copyEvents,
  deletionEvents,
  mergeEvents,
  priorityEvents,
  returnEvents,
  exchangeEvents,
  csEntryEvents,
  channelCancellationEvents,
] as const;

const COMMAND_TABLES = [
  placementCommands,
  fulfilmentCommands,
  holdCommands,
  cancelCommands,
  lineEditCommands,
  deliveryInfoCommands,
  copyCommands,
  deletionCommands,
  mergeCommands,
  priorityCommands,
  returnCommands,
  exchangeCommands,
  csEntryCommands,
  channelCancellationCommands,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Each name once: a name declared by two slices would silently shadow the other, so it is refused. */
const merged = <T>(what: string, tables: readonly object[]): T => {
  const names = tables.flatMap((t) => Object.keys(t));
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) throw new Error(`Order ${what} declared by two slices: ${twice.join(', ')}`);
  return Object.assign({}, ...tables) as T;
};

export type OrderEventTable = UnionToIntersection<(typeof EVENT_TABLES)[number]>;
export type OrderCommandTable = UnionToIntersection<(typeof COMMAND_TABLES)[number]>;

export const ORDER_EVENTS: OrderEventTable = merged('events', EVENT_TABLES);
export const ORDER_COMMANDS: OrderCommandTable = merged('commands', COMMAND_TABLES);
