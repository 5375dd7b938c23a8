/**
 * The order stream's commands and decide, assembled from the slices' command tables: the rule of each
 * command on one order. Commands that span orders are decided in crossOrderDecider.ts.
 */

import type { Decider } from '../decider.js';
import type { OrderCommandTable } from './actions/index.js';
import { ORDER_COMMANDS } from './actions/index.js';
import type { OrderState } from './model.js';
import type { OrderEvent } from './order.js';
import { evolveOrder, initialOrderState } from './order.js';
import type { CommandsOf, OrderCommandDef } from './slice.js';

export * from './rules.js';
export { generatedChannelOrderNo } from './actions/placement.js';
export type { NewOrderLine } from './actions/placement.js';

/** Every command a CS worker (or a connector) can send to an order. */
export type CsCommand = CommandsOf<OrderCommandTable>;
export type CsCommandType = CsCommand['type'];
/** Commands decided on one order (a merged order's may also reach its package: see crossOrderDecider.ts). */
export type OrderCommand = CommandsOf<OrderCommandTable, 'order'>;
/** Commands that only make sense across orders (합포, 주문복사, 우선순위). */
export type CrossOrderCommand = CommandsOf<OrderCommandTable, 'cross'>;
/** One command of the union by its name. */
export type CsCommandOf<T extends CsCommandType> = Extract<CsCommand, { type: T }>;

export const CS_COMMAND_TYPES = Object.keys(ORDER_COMMANDS) as readonly CsCommandType[];

export const commandDefOf = (type: CsCommandType) => ORDER_COMMANDS[type] as (typeof ORDER_COMMANDS)[CsCommandType];

export const decideOrder = (command: OrderCommand, state: OrderState): readonly OrderEvent[] => {
  const def = commandDefOf(command.type) as OrderCommandDef<unknown>;
  return def.decide(command, state);
};

export const OrderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide: decideOrder,
  evolve: evolveOrder,
  initialState: initialOrderState,
};

