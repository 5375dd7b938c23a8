/**
 * CS commands across orders: 합포 (a package of merged orders, and the invoice, shipment and address
 * every member gets), 주문복사 and 우선순위. `ordersInvolved` names the other orders a command reads;
 * `decideAcrossOrders` returns the events for each 관리번호. The caller appends them all in ONE
 * atomic multi-stream append, each stream at the revision it read.
 */
import type { OrderState } from './model.js';
import type { CsCommand, CsCommandType } from './orderDecider.js';
import { commandDefOf } from './orderDecider.js';
import { evolveOrder } from './order.js';
import { withinAmountLimit } from './rules.js';
import type { Across, CrossOrderCommandDef, EventsByOrder, OrderCommandDef, OrderStates } from './slice.js';

export type { EventsByOrder, OrderStates } from './slice.js';
export type { CopiedLine, CopyOrderData } from './actions/copy.js';
export { byPriority, PRIORITY_STEP, priorityOf } from './actions/priority.js';

const acrossOf = (type: CsCommandType): Across<unknown> | undefined => {
  const def = commandDefOf(type) as OrderCommandDef<unknown> | CrossOrderCommandDef<unknown>;
  return def.kind === 'cross' ? def : def.across;
};

/** The other orders a command on `no` reads and may append to. */
export const ordersInvolved = (no: number, command: CsCommand, state: OrderState): readonly number[] => {
  const others = acrossOf(command.type)?.involved(no, command, state) ?? [];
  return [...new Set(others)].filter((n) => n !== no);
};

/** Events per 관리번호 for a command on order `no`, given the states of `no` and of `ordersInvolved`. */
export const decideAcrossOrders = (no: number, command: CsCommand, states: OrderStates): EventsByOrder => {
  const across = acrossOf(command.type);
  const def = commandDefOf(command.type) as OrderCommandDef<unknown>;
  const decided = across ? across.decide(no, command, states) : new Map([[no, def.decide(command, states.get(no) ?? { kind: 'none' })]]);
  // Every order a command places or reprices (주문생성, 주문복사, 상품추가, 상품변경) is checked here, in one place.
  for (const [n, events] of decided) {
    const after = events.reduce(evolveOrder, states.get(n) ?? { kind: 'none' });
    if (events.length > 0 && after.kind === 'placed') withinAmountLimit(after);
  }
  return decided;
};
