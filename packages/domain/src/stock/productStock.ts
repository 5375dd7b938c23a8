/**
 * 현재고: a product's stock is the fold of its own stream, `product-stock-<product code>`, never a
 * field edited by hand. A count (기준정보 재고 수정, 실사) sets it; a 반품입고 of resellable units of a
 * pickup registered for 입고예정 adds them, appended in the same transaction as the order's
 * ReturnReceived (see orderCommandPlan), so each unit moves the stock exactly once.
 */
import { invalid } from '../errors.js';
import type { CommandMetadata } from '../decider.js';
import type { CommandPlan, StreamReads } from '../crossStream.js';

export type ProductStockEvent =
  | { readonly type: 'StockCounted'; readonly data: { readonly productCode: string; readonly quantity: number; readonly previous: number } }
  | { readonly type: 'StockReturned'; readonly data: { readonly productCode: string; readonly quantity: number; readonly no: number; readonly pickupId: number } };

export interface ProductStockState {
  readonly quantity: number;
}

export const PRODUCT_STOCK_STREAM_PREFIX = 'product-stock-';
export const productStockStreamId = (productCode: string): string => `${PRODUCT_STOCK_STREAM_PREFIX}${encodeURIComponent(productCode)}`;

export const initialProductStock = (): ProductStockState => ({ quantity: 0 });

export const evolveProductStock = (state: ProductStockState, event: ProductStockEvent): ProductStockState => {
  switch (event.type) {
    case 'StockCounted':
      return { quantity: event.data.quantity };
    case 'StockReturned':
      return { quantity: state.quantity + event.data.quantity };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

type Restocked = { readonly type: 'ReturnReceived'; readonly data: { readonly no: number; readonly pickupId: number; readonly restocked?: readonly { readonly productCode: string; readonly quantity: number }[] | undefined } };

/** The stock moves a command's order events make: one StockReturned per product restocked by a 반품입고. */
export const stockMovesOf = (events: readonly { readonly type: string; readonly data: unknown }[]): ReadonlyMap<string, readonly ProductStockEvent[]> => {
  const moves = new Map<string, ProductStockEvent[]>();
  for (const e of events) {
    if (e.type !== 'ReturnReceived') continue;
    const { no, pickupId, restocked } = (e as Restocked).data;
    for (const r of restocked ?? []) {
      if (r.quantity <= 0) continue;
      const streamId = productStockStreamId(r.productCode);
      moves.set(streamId, [...(moves.get(streamId) ?? []), { type: 'StockReturned', data: { productCode: r.productCode, quantity: r.quantity, no, pickupId } }]);
    }
  }
  return moves;
};

/** 재고 수정: the product's stock is counted at `quantity` (no event when it already stands there). */
export const countStockPlan = (productCode: string, quantity: number, _metadata: CommandMetadata): CommandPlan => {
  if (!Number.isInteger(quantity) || quantity < 0) throw invalid('INVALID_QUANTITY', 'stock must be a whole number ≥ 0.', 'stock');
  const streamId = productStockStreamId(productCode);
  return {
    name: 'CountStock',
    primary: streamId,
    read: [],
    decide: (reads: StreamReads) => {
      const state = (reads.get(streamId)?.state as ProductStockState | undefined) ?? initialProductStock();
      const exists = (reads.get(streamId)?.revision ?? -1) >= 0;
      if (exists && state.quantity === quantity) return new Map();
      return new Map([[streamId, [{ type: 'StockCounted', data: { productCode, quantity, previous: state.quantity } }]]]);
    },
  };
};
