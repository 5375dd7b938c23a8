/**
 * The read models' tables: plain tables with documented columns (COMMENT ON …), for the CS window,
 * the API and analysts' SQL. Named so they sort after the event store's `0001_event_store`.
 */
import type { Db } from '@oms/adapters';
import { commentOn, encodePostgresPositionSql } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';

const readModels: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        transaction_id xid8 NOT NULL,
        global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await commentOn(db, 'projection_checkpoints', 'Where each projection has read the event log up to (written in the same transaction as its rows).', {
      name: 'Projection name (order_list, cs_history).',
      transaction_id: 'Global position of the last event read: the appending transaction (xid8) …',
      global_position: '… and the event\'s global_position within the log.',
      updated_at: 'When the checkpoint last moved.',
    });

    await sql`
      CREATE TABLE order_list (
        no bigint PRIMARY KEY,
        placed_at timestamptz NOT NULL,
        channel text NOT NULL,
        channel_order_no text NOT NULL,
        buyer_name text NOT NULL,
        buyer_phone text,
        buyer_mobile text,
        recipient_name text NOT NULL,
        recipient_phone text,
        recipient_mobile text,
        recipient_zip text,
        recipient_address text NOT NULL,
        recipient_memo text,
        product_summary text NOT NULL,
        ordered_quantity integer NOT NULL,
        active_quantity integer NOT NULL,
        payment_method text NOT NULL,
        shipping_fee bigint NOT NULL,
        total_amount bigint NOT NULL,
        status text NOT NULL,
        cs_state text NOT NULL,
        lines jsonb NOT NULL,
        held boolean NOT NULL,
        hold_alarm_at timestamptz,
        carrier text,
        tracking_number text,
        shipping_instruction_prints integer NOT NULL,
        search_text text NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX order_list_status_idx ON order_list (status, placed_at DESC)`.execute(db);
    await sql`CREATE INDEX order_list_held_idx ON order_list (hold_alarm_at) WHERE held`.execute(db);
    await sql`CREATE INDEX order_list_channel_idx ON order_list (channel, channel_order_no)`.execute(db);
    await sql`CREATE INDEX order_list_placed_at_idx ON order_list (placed_at DESC)`.execute(db);
    await sql`CREATE INDEX order_list_cs_state_idx ON order_list (cs_state) WHERE cs_state <> 'normal'`.execute(db);
    await sql`CREATE INDEX order_list_tracking_number_idx ON order_list (tracking_number) WHERE tracking_number IS NOT NULL`.execute(db);
    // The free-text search is `search_text ILIKE '%…%'` (a scan of one narrow column; pg_trgm is not
    // assumed, PGlite may lack it). Prefix searches (phone, 주문번호) can use this pattern index.
    await sql`CREATE INDEX order_list_search_prefix_idx ON order_list (search_text text_pattern_ops)`.execute(db);
    await commentOn(db, 'order_list', 'CS window order list (주문 목록): one row per order, folded from the order events.', {
      no: '관리번호: our management number.',
      placed_at: '접수일: when the order was placed (OrderPlaced occurredAt).',
      channel: '판매처.',
      channel_order_no: '주문번호: the channel\'s order number (OMS<관리번호> when made by hand).',
      buyer_name: '구매자 이름.',
      buyer_phone: '구매자 전화.',
      buyer_mobile: '구매자 휴대폰.',
      recipient_name: '수령자 이름.',
      recipient_phone: '수령자 전화.',
      recipient_mobile: '수령자 휴대폰.',
      recipient_zip: '수령자 우편번호.',
      recipient_address: '수령자 주소.',
      recipient_memo: '배송메모.',
      product_summary: '상품: the first line\'s product name, and "외 N건" for the other lines.',
      ordered_quantity: 'Quantity ordered, all lines.',
      active_quantity: '주문수량: ordered − cancelled + restored, all lines.',
      payment_method: 'card | realtime_transfer | virtual_account | escrow | bank_deposit | deferred.',
      shipping_fee: '배송비 (KRW).',
      total_amount: '주문금액 (KRW): Σ unit price × active quantity + shipping fee.',
      status: '주문상태: awaiting_payment | received | preparing | invoiced | shipped | delivered | purchase_confirmed.',
      cs_state: 'CS 상태, derived from the line ledgers: normal | partially_cancelled | cancelled.',
      lines: 'Lines with their quantity ledgers: [{lineId, productCode, productName, option, quantity, unitPrice, ledger: {ordered, cancelled, restored, shipped, pickedUp, returned}}].',
      held: '보류: true while the order is on hold.',
      hold_alarm_at: '보류 알람: when the hold should be looked at again (null: no alarm / not held).',
      carrier: '택배사 as entered (a carrier code such as cj, or a name).',
      tracking_number: '송장번호 (digits only).',
      shipping_instruction_prints: 'How many times the 출고지시서 was printed.',
      search_text: 'Free-text search: lowercased names, phones with and without dashes, 주문번호, 관리번호.',
      revision: 'Last applied revision of the order stream (events at or below it are already in the row).',
      updated_at: 'When the last applied event was recorded.',
    });

    await sql`
      CREATE TABLE cs_history (
        entry_id uuid PRIMARY KEY,
        order_no bigint NOT NULL,
        stream_revision bigint NOT NULL,
        at timestamptz NOT NULL,
        worker text NOT NULL,
        role text NOT NULL,
        work_type text NOT NULL,
        work_type_label text NOT NULL,
        content text NOT NULL,
        memo text,
        processed boolean NOT NULL DEFAULT false,
        processed_at timestamptz,
        processed_by text
      )`.execute(db);
    await sql`CREATE INDEX cs_history_order_idx ON cs_history (order_no, stream_revision)`.execute(db);
    await sql`CREATE INDEX cs_history_open_idx ON cs_history (at) WHERE NOT processed`.execute(db);
    await commentOn(db, 'cs_history', 'CS 이력: one entry per order event, oldest first by (order_no, stream_revision).', {
      entry_id: 'The event\'s id.',
      order_no: '관리번호.',
      stream_revision: 'The event\'s revision in the order stream (0 = 주문생성).',
      at: '작업일시: when it happened (the command\'s time).',
      worker: '작업자: the actor of the command.',
      role: 'The actor\'s role (admin, cs, integration, …).',
      work_type: '작업구분 code: the event type (OrderHeld, InvoiceEntered, …).',
      work_type_label: '작업구분 as the CS window shows it (보류설정, 송장입력, …).',
      content: '내용: e.g. "[보류설정] 알람: 2026-11-27 10:00", "[송장입력] CJ대한통운 123456789012"; times in Asia/Seoul.',
      memo: 'CS 메모 the worker left on the command, if any.',
      processed: '처리여부: false = 미처리 (open), true = 완료.',
      processed_at: 'When the entry was marked 완료.',
      processed_by: 'Who marked it 완료.',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TABLE cs_history`.execute(db);
    await sql`DROP TABLE order_list`.execute(db);
    await sql`DROP TABLE projection_checkpoints`.execute(db);
  },
};

/** Which version of its evolve each read model was built with (0: before versions were kept). */
const projectionVersions: Migration = {
  up: async (db: Db) => {
    await sql`ALTER TABLE projection_checkpoints ADD COLUMN version integer NOT NULL DEFAULT 0`.execute(db);
    await sql`COMMENT ON COLUMN projection_checkpoints.version IS 'The projection version the rows were built with; a different version in the code rebuilds them at start.'`.execute(db);
  },
  down: async (db: Db) => {
    await sql`ALTER TABLE projection_checkpoints DROP COLUMN version`.execute(db);
  },
};


/**
 * The CS actions of DOMAIN.md: 합포, 합포금지, 우선순위, 회수 / 반품예정, 교환 and 주문복사 on the order
 * list, and 입고예정 as a table of its own. The new columns' defaults only cover the rows already
 * there; the version bump of order_list rebuilds them at start.
 */
const csActions: Migration = {
  up: async (db: Db) => {
    await sql`
      ALTER TABLE order_list
        ADD COLUMN package_id bigint,
        ADD COLUMN package_members jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN merge_forbidden boolean NOT NULL DEFAULT false,
        ADD COLUMN priorities jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN return_expected boolean NOT NULL DEFAULT false,
        ADD COLUMN pickups integer NOT NULL DEFAULT 0,
        ADD COLUMN exchanges integer NOT NULL DEFAULT 0,
        ADD COLUMN copied_from bigint,
        ADD COLUMN copied_from_whole boolean,
        ADD COLUMN copies jsonb NOT NULL DEFAULT '[]',
        ADD CONSTRAINT order_list_copied_from_whole_check CHECK ((copied_from IS NULL) = (copied_from_whole IS NULL))`.execute(db);
    await sql`CREATE INDEX order_list_package_idx ON order_list (package_id) WHERE package_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX order_list_return_expected_idx ON order_list (placed_at DESC) WHERE return_expected`.execute(db);
    // The per-product lists (상품 filter, 우선순위) ask `lines @> '[{"productCode": …}]'`.
    await sql`CREATE INDEX order_list_lines_idx ON order_list USING gin (lines jsonb_path_ops)`.execute(db);
    await commentOn(db, 'order_list', null, {
      cs_state: 'CS 상태, derived from the line ledgers and exchanges: normal | partially_cancelled | cancelled | exchange | return.',
      lines: 'Lines with their quantity ledgers: [{lineId, productCode, productName, option, quantity, unitPrice, placedProductCode, exchanged, ledger: {ordered, cancelled, restored, shipped, pickedUp, returned}}]; productCode is the current product (상품변경), placedProductCode the one the line was placed with, exchanged the shipped units taken for 교환.',
      package_id: '합포번호: the 관리번호 of the order the package was formed on; null when not merged.',
      package_members: '합포 members (관리번호s, this order included), in the order they joined; [] when not merged.',
      merge_forbidden: '합포금지: true while the order may not be merged.',
      priorities: '우선순위 per product code, {"P-100": 2000}: among the orders holding that product, higher ships first; a product not named is 0.',
      return_expected: '반품예정: true while the order is marked as an expected return.',
      pickups: '회수: how many return pickups were requested.',
      exchanges: '교환: how many exchanges were requested.',
      copied_from: '주문복사: the 관리번호 this order was copied from; null for an order that is not a copy.',
      copied_from_whole: 'true: 주문전체복사 (same lines), false: 주문복사; null when copied_from is null.',
      copies: '주문복사: the 관리번호s of the orders copied from this one, oldest first.',
    });
    await commentOn(db, 'cs_history', 'CS 이력: one entry per CS action (bookkeeping events such as a 우선순위 renumbering open none), oldest first by (order_no, stream_revision).', {
      work_type_label: '작업구분 as the CS window shows it (보류설정, 송장입력, …; 주문복사 / 주문전체복사 for a copy\'s 주문생성).',
      processed_at: 'When the entry was marked 완료 (the CsEntriesCompleted command\'s time).',
    });
    await commentOn(db, 'projection_checkpoints', null, { name: 'Projection name (order_list, cs_history, expected_inbound).' });

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
  down: async (db: Db) => {
    await sql`DROP TABLE expected_inbound`.execute(db);
    await sql`DROP INDEX order_list_lines_idx`.execute(db);
    await sql`DROP INDEX order_list_return_expected_idx`.execute(db);
    await sql`DROP INDEX order_list_package_idx`.execute(db);
    await sql`
      ALTER TABLE order_list
        DROP CONSTRAINT order_list_copied_from_whole_check,
        DROP COLUMN package_id,
        DROP COLUMN package_members,
        DROP COLUMN merge_forbidden,
        DROP COLUMN priorities,
        DROP COLUMN return_expected,
        DROP COLUMN pickups,
        DROP COLUMN exchanges,
        DROP COLUMN copied_from,
        DROP COLUMN copied_from_whole,
        DROP COLUMN copies`.execute(db);
  },
};

/**
 * Positions as the event store encodes them (PositionCodec), so the runner works from any store:
 * the checkpoints' and expected_inbound's (xid8, global_position) pairs become one text column.
 * The pairs already stored can only have come from the PostgreSQL store, so they are CONVERTED
 * with its encoding (same order as text), not reset: no read model has to be rebuilt.
 */
const storePositions: Migration = {
  up: async (db: Db) => {
    for (const [table, column, xid, gp] of [
      ['projection_checkpoints', 'position', 'transaction_id', 'global_position'],
      ['expected_inbound', 'last_position', 'last_transaction_id', 'last_global_position'],
    ] as const) {
      await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN ${sql.ref(column)} text`.execute(db);
      await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${sql.raw(encodePostgresPositionSql(xid, gp))}`.execute(db);
      await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.ref(column)} SET NOT NULL, DROP COLUMN ${sql.ref(xid)}, DROP COLUMN ${sql.ref(gp)}`.execute(db);
    }
    await commentOn(db, 'projection_checkpoints', null, {
      position: 'Position of the last event read, as the event store encodes it (PostgreSQL: "<xid8, 20 digits>:<global_position, 19 digits>"; text order is log order).',
    });
    await commentOn(db, 'expected_inbound', null, {
      last_position: 'Position of the last applied event, as the event store encodes it (text order is log order). Events at or before it are already counted (applying one again changes nothing).',
    });
  },
  down: async (db: Db) => {
    for (const [table, column, xid, gp] of [
      ['projection_checkpoints', 'position', 'transaction_id', 'global_position'],
      ['expected_inbound', 'last_position', 'last_transaction_id', 'last_global_position'],
    ] as const) {
      await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN ${sql.ref(xid)} xid8, ADD COLUMN ${sql.ref(gp)} bigint`.execute(db);
      await sql`UPDATE ${sql.table(table)} SET ${sql.ref(xid)} = split_part(${sql.ref(column)}, ':', 1)::xid8, ${sql.ref(gp)} = split_part(${sql.ref(column)}, ':', 2)::bigint`.execute(db);
      await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.ref(xid)} SET NOT NULL, ALTER COLUMN ${sql.ref(gp)} SET NOT NULL, DROP COLUMN ${sql.ref(column)}`.execute(db);
    }
  },
};

export const projectionMigrations: Record<string, Migration> = {
  '0100_read_models': readModels,
  '0101_projection_versions': projectionVersions,
  '0102_cs_actions': csActions,
  '0103_store_positions': storePositions,
};
