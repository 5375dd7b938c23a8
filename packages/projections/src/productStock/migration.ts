/** The product_stock table (현재고), assembled into the migrations by migrations.ts. */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';

export const createProductStockTable: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      CREATE TABLE product_stock (
        product_code text PRIMARY KEY,
        quantity integer NOT NULL,
        counted_quantity integer,
        returned_since_count integer NOT NULL,
        last_counted_at timestamptz,
        stream_revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`.execute(db);
    await commentOn(db, 'product_stock', '현재고: per product, the fold of its stream product-stock-<상품코드>: the last count (StockCounted) plus the resellable units returned since (StockReturned). products has no stock column: join on products.code = product_code (no row: 0).', {
      product_code: '상품코드 (products.code).',
      quantity: '현재고: the last count plus every StockReturned since.',
      counted_quantity: 'The quantity the last count (StockCounted: 재고 수정 in 기준정보, 실사) set; null when never counted.',
      returned_since_count: 'Units back in stock by 반품입고 (StockReturned, resellable units of a pickup with 입고예정) since the last count.',
      last_counted_at: 'When the last count was made (event occurredAt); null when never counted.',
      stream_revision: 'Revision of the last applied event of the product\'s stream (the idempotency guard: events at or before it are already in the row).',
      updated_at: 'When the last applied event was recorded.',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TABLE product_stock`.execute(db);
  },
};

