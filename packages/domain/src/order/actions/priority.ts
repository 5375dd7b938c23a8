/**
 * 우선순위: an order's place among the orders holding the same product (higher ships first, then the
 * older order). A move that finds no whole number between two orders renumbers the list with room.
 */
import { invalid } from '../../errors.js';
import type { PlacedOrder, PriorityPosition } from '../model.js';
import { holdsProduct } from '../model.js';
import type { OrderEvent } from '../order.js';
import { live, nonBlank } from '../rules.js';
import type { EventsOf } from '../slice.js';
import { crossOrderCommand, orderEvent } from '../slice.js';
import { stateOf } from './merge.js';

type Priority = { readonly no: number; readonly productCode: string; readonly priority: number };

const place = (d: { readonly position: PriorityPosition; readonly after: number | null }): string => {
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

const withPriority = (order: PlacedOrder, d: Priority): PlacedOrder => ({ ...order, priorities: { ...order.priorities, [d.productCode]: d.priority } });

export const priorityEvents = {
  /** 우선순위 set by a worker: higher ships first among the orders holding `productCode`. */
  PrioritySet: orderEvent<Priority & { readonly position: PriorityPosition; readonly after: number | null }>({
    label: '우선순위',
    describe: (d) => `상품 ${d.productCode}: ${place(d)}`,
    evolve: withPriority,
  }),
  /** Another order's move needed room: this order keeps its place, under a new number. Not a CS action. */
  PriorityRenumbered: orderEvent<Priority>({
    label: '우선순위 재정렬',
    csEntry: false,
    describe: (d) => `상품 ${d.productCode}: ${d.priority}`,
    evolve: withPriority,
  }),
};
export type PriorityEvent = EventsOf<typeof priorityEvents>;

/** Room left between priorities when they are renumbered, so later moves rarely renumber again. */
export const PRIORITY_STEP = 1000;

/** What the per-product list orders by: a 관리번호 and its 우선순위 per product (an order or a CS window row). */
type Prioritised = Pick<PlacedOrder, 'no' | 'priorities'>;

/** 우선순위 of an order for a product; 0 until one is set. */
export const priorityOf = (order: Prioritised, productCode: string): number => order.priorities[productCode] ?? 0;

/** The per-product list order: higher priority first, then the older order (lower 관리번호). */
export const byPriority = (productCode: string) => (a: Prioritised, b: Prioritised): number =>
  priorityOf(b, productCode) - priorityOf(a, productCode) || a.no - b.no;

export interface SetPriorityData {
  readonly productCode: string;
  readonly position: PriorityPosition;
  readonly after?: number | undefined;
  /** The orders the caller believes hold the product (from the CS window); each is read and checked. */
  readonly holders: readonly number[];
}

export const priorityCommands = {
  SetPriority: crossOrderCommand<SetPriorityData>({
    involved: (_no, { data }) => [...data.holders, ...(data.after === undefined ? [] : [data.after])],
    decide: (no, { data }, states) => {
      const code = nonBlank(data.productCode, 'productCode');
      const order = live(stateOf(states, no));
      if (!holdsProduct(order, code)) throw invalid('PRODUCT_NOT_HELD', `Order ${no} holds no unshipped quantity of product ${code}.`, 'productCode');
      const holding = (n: number): PlacedOrder | null => {
        const s = stateOf(states, n);
        return s.kind === 'placed' && holdsProduct(s, code) ? s : null;
      };
      const others = [...new Set([...data.holders, ...(data.after === undefined ? [] : [data.after])])]
        .filter((n) => n !== no)
        .map(holding)
        .filter((o): o is PlacedOrder => o !== null)
        .sort(byPriority(code));
      const set = (priority: number): Map<number, readonly OrderEvent[]> =>
        new Map([[no, [{ type: 'PrioritySet', data: { no, productCode: code, position: data.position, after: data.after ?? null, priority } }]]]);
      const first = others[0];
      const last = others[others.length - 1];
      switch (data.position) {
        case 'top':
          return set(first ? priorityOf(first, code) + 1 : priorityOf(order, code));
        case 'bottom':
          return set(last ? priorityOf(last, code) - 1 : priorityOf(order, code));
        case 'after': {
          if (data.after === undefined) throw invalid('AFTER_REQUIRED', 'position "after" needs the 관리번호 to follow.', 'after');
          if (data.after === no) throw invalid('AFTER_ITSELF', 'An order cannot follow itself.', 'after');
          const i = others.findIndex((o) => o.no === data.after);
          const anchor = others[i];
          if (!anchor) throw invalid('AFTER_NOT_HOLDING', `Order ${data.after} holds no unshipped quantity of product ${code}.`, 'after');
          const next = others[i + 1];
          const room = next ? priorityOf(anchor, code) - priorityOf(next, code) : Number.POSITIVE_INFINITY;
          if (room >= 2) return set(priorityOf(anchor, code) - 1);
          // No whole number fits between the anchor and the next order: renumber the list with room.
          const list = [...others.slice(0, i + 1), order, ...others.slice(i + 1)];
          const numbered = list.map((o, k) => ({ o, priority: (list.length - k) * PRIORITY_STEP }));
          const renumbered = set(numbered.find((x) => x.o.no === no)?.priority ?? 0);
          for (const { o, priority } of numbered) {
            if (o.no !== no && priorityOf(o, code) !== priority) {
              renumbered.set(o.no, [{ type: 'PriorityRenumbered', data: { no: o.no, productCode: code, priority } }]);
            }
          }
          return renumbered;
        }
        default: {
          const unhandled: never = data.position;
          throw invalid('INVALID_POSITION', `Unknown position ${String(unhandled)}.`, 'position');
        }
      }
    },
  }),
};
