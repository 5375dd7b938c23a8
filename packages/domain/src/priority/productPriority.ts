/**
 * The 우선순위 stream of a product (`product-priority-<product code>`): every move of an order among
 * the orders holding the product is appended here too, atomically with the orders' events, at the
 * revision read BEFORE the holders' states were read (see orderCommandPlan in crossStream.ts). Two
 * moves of the same product at once therefore cannot both decide on the same list: the second one
 * fails its expected revision and is decided again on the first one's result. Nothing in the stream
 * is folded; its revision is the guard.
 */
import type { OrderEventOf } from '../order/order.js';

type PrioritySet = OrderEventOf<'PrioritySet'>;

export type ProductPriorityMoved = { readonly type: 'ProductPriorityMoved'; readonly data: PrioritySet['data'] };
export type ProductPriorityEvent = ProductPriorityMoved;

export const PRODUCT_PRIORITY_STREAM_PREFIX = 'product-priority-';
export const productPriorityStreamId = (productCode: string): string => `${PRODUCT_PRIORITY_STREAM_PREFIX}${encodeURIComponent(productCode)}`;

/** The product streams a command's order events move, with the event each gets. */
export const productPriorityMovesOf = (events: readonly { readonly type: string; readonly data: unknown }[]): readonly ProductPriorityMoved[] =>
  events.flatMap((e) => (e.type === 'PrioritySet' ? [{ type: 'ProductPriorityMoved', data: (e as PrioritySet).data } as const] : []));
