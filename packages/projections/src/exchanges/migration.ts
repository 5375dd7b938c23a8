/** The 교환예정관리 table exchanges, assembled into the migrations by migrations.ts (0131_exchanges). */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';

export const createExchangesTable: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      CREATE TABLE exchanges (
        replacement_no bigint PRIMARY KEY,
        no bigint NOT NULL,
        exchange_id integer NOT NULL,
        exchange_type text NOT NULL,
        pickup_id integer,
        quantity integer NOT NULL,
        received_quantity integer NOT NULL,
        shipped_quantity integer NOT NULL,
        goods_arrived boolean NOT NULL,
        replacement_shipped boolean NOT NULL,
        state text NOT NULL,
        requested_at timestamptz NOT NULL,
        requested_by text NOT NULL,
        arrived_at timestamptz,
        shipped_at timestamptz,
        carrier text,
        tracking_number text,
        last_position text NOT NULL,
        UNIQUE (no, exchange_id)
      )`.execute(db);
    await sql`CREATE INDEX exchanges_list_idx ON exchanges (state, requested_at DESC)`.execute(db);
    await sql`CREATE INDEX exchanges_requested_idx ON exchanges (requested_at DESC, replacement_no)`.execute(db);
    await commentOn(db, 'exchanges', '교환예정관리: one row per exchange with a replacement order. Join order_list on no for 판매처 / 수령자 of the original order.', {
      replacement_no: '관리번호 of the replacement order (the row key; OrderPlaced with replacementOf).',
      no: '관리번호 of the original order (ExchangeRequested).',
      exchange_id: 'The exchange\'s number within the original order.',
      exchange_type: '교환 구분: simple (단순교환), defect (불량교환), wrong_delivery (오배송교환), quality (품질교환), product (상품교환).',
      pickup_id: 'The original order\'s pickup that takes the units back (return_pickups).',
      quantity: 'Units exchanged, all lines.',
      received_quantity: 'Units of them arrived back (ReturnReceived with exchange).',
      shipped_quantity: 'Units the replacement shipped (OrderShipped of the replacement).',
      goods_arrived: '회수도착: every exchanged unit arrived back.',
      replacement_shipped: '교환출고: the replacement order shipped.',
      state: 'requested (교환요청) | goods_arrived (회수도착) | replacement_shipped (교환출고); from the two flags, shipped wins (it can ship before the goods arrive).',
      requested_at: '교환요청일 (ExchangeRequested occurredAt).',
      requested_by: 'Who requested the exchange.',
      arrived_at: 'First arrival of the goods back.',
      shipped_at: 'When the replacement shipped.',
      carrier: '택배사 of the replacement\'s invoice (InvoiceEntered).',
      tracking_number: '송장번호 of the replacement (InvoiceEntered; the latest).',
      last_position: 'Position of the last applied event, as the event store encodes it (the idempotency guard).',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TABLE exchanges`.execute(db);
  },
};
