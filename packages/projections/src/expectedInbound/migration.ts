/**
 * The expected_inbound table (part of the migrations migrations.ts assembles; an applied step never
 * changes its meaning).
 */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';

/** Part of 0102_cs_actions: the table. */
export const createExpectedInboundTable: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      CREATE TABLE expected_inbound (
        product_code text PRIMARY KEY,
        quantity integer NOT NULL,
        pickups integer NOT NULL,
        last_order_no bigint NOT NULL,
        last_transaction_id xid8 NOT NULL,
        last_global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`.execute(db);
    await commentOn(db, 'expected_inbound', '입고예정: per product, the quantities 회수 registered as expected back in stock, over every order, less what has arrived.', {
      product_code: '상품코드 as on the picked-up lines.',
      quantity: 'Quantity still expected in: Σ of the product\'s 입고예정 over every 회수 that registered it, less what has arrived (반품입고).',
      pickups: 'How many 회수 registered this product.',
      last_order_no: '관리번호 of the last 회수 that registered it.',
      last_transaction_id: 'Global position of the last applied event: the appending transaction (xid8) …',
      last_global_position: '… and its global_position. Events at or before it are already counted (applying one again changes nothing).',
      updated_at: 'When the last applied event was recorded.',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TABLE expected_inbound`.execute(db);
  },
};
