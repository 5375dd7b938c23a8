/**
 * product_stock: 현재고, one row per product code, the fold of the product's own stream
 * (`product-stock-<code>`): a count (StockCounted: 기준정보 재고 수정, 실사) sets it, a 반품입고's
 * resellable units (StockReturned) add to it.
 *
 * Every event of a row comes from that one stream, so its revision is the idempotency guard: an
 * event at or before the row's stream_revision is already in it.
 */
import type { ProductStockEvent } from '@oms/domain';
import type { DbRow, Projection, Recorded } from '../projection.js';
import { instant, instantOrNull, isoInstant, num, numOrNull, str } from '../values.js';

/** One row of `product_stock`; the column comments live in the migration. */
export interface ProductStockRow {
  readonly product_code: string;
  readonly quantity: number;
  /** The last count's quantity (null: never counted, only returns). */
  readonly counted_quantity: number | null;
  readonly returned_since_count: number;
  readonly last_counted_at: string | null;
  readonly stream_revision: number;
  readonly updated_at: string;
}

type E = Recorded<ProductStockEvent>;

export const evolveProductStockRow = (row: ProductStockRow | null, e: E): ProductStockRow | null => {
  if (row !== null && e.streamRevision <= row.stream_revision) return row;
  const base = { product_code: e.data.productCode, stream_revision: e.streamRevision, updated_at: isoInstant(e.recordedAt) };
  switch (e.type) {
    case 'StockCounted':
      return { ...base, quantity: e.data.quantity, counted_quantity: e.data.quantity, returned_since_count: 0, last_counted_at: isoInstant(e.metadata.occurredAt) };
    case 'StockReturned':
      return {
        ...base,
        quantity: (row?.quantity ?? 0) + e.data.quantity,
        counted_quantity: row?.counted_quantity ?? null,
        returned_since_count: (row?.returned_since_count ?? 0) + e.data.quantity,
        last_counted_at: row?.last_counted_at ?? null,
      };
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
};

const HANDLES: readonly ProductStockEvent['type'][] = ['StockCounted', 'StockReturned'];

export const productStockProjection: Projection<ProductStockRow, ProductStockEvent> = {
  name: 'product_stock',
  version: 1,
  table: 'product_stock',
  key: 'product_code',
  handles: HANDLES,
  keysOf: (e) => [e.data.productCode],
  evolve: (row, e) => evolveProductStockRow(row, e),
  toDb: (row) => ({ ...row }),
  fromDb: (raw: DbRow): ProductStockRow => ({
    product_code: str(raw.product_code),
    quantity: num(raw.quantity),
    counted_quantity: numOrNull(raw.counted_quantity),
    returned_since_count: num(raw.returned_since_count),
    last_counted_at: instantOrNull(raw.last_counted_at),
    stream_revision: num(raw.stream_revision),
    updated_at: instant(raw.updated_at),
  }),
};
