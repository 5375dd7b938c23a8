/**
 * The order_list table, step by step. Each step is one part of a migration that migrations.ts
 * assembles (kysely runs migrations in name order); an applied step never changes its meaning, a
 * change is a new step.
 */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import { trigramOps } from '../trigram.js';

/** Part of 0100_read_models: the table. */
export const createOrderListTable: Migration = {
  up: async (db: Db): Promise<void> => {
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
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TABLE order_list`.execute(db);
  },
};

/**
 * Part of 0102_cs_actions: 합포, 합포금지, 우선순위, 회수 / 반품예정, 교환 and 주문복사. The new columns'
 * defaults only cover the rows already there; the version bump of order_list rebuilds them at start.
 */
export const orderListCsActions: Migration = {
  up: async (db: Db): Promise<void> => {
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
    // The 상품 filter of the list asks `lines @> '[{"productCode": …}]'` (우선순위 asks products_to_ship, 0110).
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
  },
  down: async (db: Db): Promise<void> => {
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
 * 0110_order_list_state: the row keeps the order's folded state, and the products it holds for
 * shipping (what 우선순위 ranks). The defaults only fill the rows already there until the version bump
 * of order_list (4) rebuilds every row at start.
 */
export const orderListState: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      ALTER TABLE order_list
        ADD COLUMN state jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN products_to_ship jsonb NOT NULL DEFAULT '[]'`.execute(db);
    await sql`ALTER TABLE order_list ALTER COLUMN state DROP DEFAULT, ALTER COLUMN products_to_ship DROP DEFAULT`.execute(db);
    // 우선순위's candidates for a product: `products_to_ship @> '["P-100"]'`.
    await sql`CREATE INDEX order_list_products_to_ship_idx ON order_list USING gin (products_to_ship jsonb_path_ops)`.execute(db);
    await commentOn(db, 'order_list', 'CS window order list (주문 목록): one row per order, its state as the domain folds it (state) and the columns derived from that state.', {
      state: 'The order as the domain folds its events (evolveOrder\'s state: status, lines with their ledgers, hold, invoice, package, priorities, pickups, …). Every other column except placed_at, revision and updated_at is derived from it.',
      products_to_ship: 'Product codes the order still holds for shipping (a line of it with active quantity not yet shipped): the orders 우선순위 ranks for that product, ["P-100", …].',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP INDEX order_list_products_to_ship_idx`.execute(db);
    await sql`ALTER TABLE order_list DROP COLUMN products_to_ship, DROP COLUMN state`.execute(db);
  },
};

/**
 * 0111_order_list_cancellations: 배송일, 작업자 per line, and 취소철회조회's figures (to_restore, its
 * lines), derived from the state like every other column. The version bump of order_list (5) rebuilds
 * the rows at start.
 */
export const orderListCancellations: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      ALTER TABLE order_list
        ADD COLUMN shipped_at timestamptz,
        ADD COLUMN cancelled_by jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN to_restore integer NOT NULL DEFAULT 0 CHECK (to_restore >= 0),
        ADD COLUMN restore_lines jsonb NOT NULL DEFAULT '[]'`.execute(db);
    // 취소철회조회 reads only the orders with something to restore, and this index finds them. It
    // carries what the screen filters on (채널, 검색, each line's 확인 and dates), so the count of a
    // long queue is read from the index alone instead of from that many wide order_list rows.
    await sql`CREATE INDEX order_list_to_restore_idx ON order_list (no DESC) INCLUDE (channel, search_text, restore_lines) WHERE to_restore > 0`.execute(db);
    await commentOn(db, 'order_list', null, {
      shipped_at: '배송일: when the order was shipped (배송처리); null before.',
      cancelled_by: '작업자: who last cancelled each line here, and when: [{lineId, actor, at}].',
      to_restore: '취소철회조회: units cancelled here beyond what the channel cancelled before shipping (net of its withdrawals), over all lines; 0 without a channel cancellation.',
      restore_lines: '취소철회조회: the lines with something to restore: [{lineId, item, ordered, cancelledHere, channelCancelled, toRestore, confirmed, cancelledAt, withdrawnAt}].',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP INDEX order_list_to_restore_idx`.execute(db);
    await sql`ALTER TABLE order_list DROP COLUMN restore_lines, DROP COLUMN to_restore, DROP COLUMN cancelled_by, DROP COLUMN shipped_at`.execute(db);
  },
};

/**
 * 0161_order_list_search: the CS window at a million orders. Every list is read newest 접수일 first
 * (placed_at, then 관리번호) and paged by keyset, so each filter has an index in that order after its
 * own column: a page, however deep, is a seek and 50 rows. Free text is a trigram index (substrings
 * of names, phones with or without dashes, numbers); a whole 관리번호, 주문번호 or 송장번호 is found by
 * its own b-tree first.
 */
export const orderListSearch: Migration = {
  up: async (db: Db): Promise<void> => {
    const ops = await trigramOps(db);
    await sql`DROP INDEX order_list_search_prefix_idx`.execute(db);
    await sql`DROP INDEX order_list_placed_at_idx`.execute(db);
    await sql`DROP INDEX order_list_status_idx`.execute(db);
    await sql`DROP INDEX order_list_cs_state_idx`.execute(db);
    await sql`DROP INDEX order_list_return_expected_idx`.execute(db);
    await sql`CREATE INDEX order_list_placed_at_idx ON order_list (placed_at, no)`.execute(db);
    await sql`CREATE INDEX order_list_status_idx ON order_list (status, placed_at, no)`.execute(db);
    await sql`CREATE INDEX order_list_channel_placed_at_idx ON order_list (channel, placed_at, no)`.execute(db);
    // 판매처 + 상태 together, the commonest pair: its page and its count from this index alone.
    await sql`CREATE INDEX order_list_channel_status_idx ON order_list (channel, status, placed_at, no)`.execute(db);
    await sql`CREATE INDEX order_list_held_list_idx ON order_list (placed_at, no) WHERE held`.execute(db);
    await sql`CREATE INDEX order_list_cs_state_idx ON order_list (cs_state, placed_at, no) WHERE cs_state <> 'normal'`.execute(db);
    await sql`CREATE INDEX order_list_return_expected_idx ON order_list (placed_at, no) WHERE return_expected`.execute(db);
    await sql`CREATE INDEX order_list_channel_order_no_idx ON order_list (channel_order_no)`.execute(db);
    await sql`CREATE INDEX order_list_search_trgm_idx ON order_list USING gin (search_text ${ops})`.execute(db);
  },
  down: async (db: Db): Promise<void> => {
    for (const index of ['search_trgm', 'channel_order_no', 'return_expected', 'cs_state', 'held_list', 'channel_status', 'channel_placed_at', 'status', 'placed_at']) {
      await sql`DROP INDEX ${sql.raw(`order_list_${index}_idx`)}`.execute(db);
    }
    await sql`CREATE INDEX order_list_status_idx ON order_list (status, placed_at DESC)`.execute(db);
    await sql`CREATE INDEX order_list_placed_at_idx ON order_list (placed_at DESC)`.execute(db);
    await sql`CREATE INDEX order_list_cs_state_idx ON order_list (cs_state) WHERE cs_state <> 'normal'`.execute(db);
    await sql`CREATE INDEX order_list_return_expected_idx ON order_list (placed_at DESC) WHERE return_expected`.execute(db);
    await sql`CREATE INDEX order_list_search_prefix_idx ON order_list (search_text text_pattern_ops)`.execute(db);
  },
};

/**
 * 0162_order_search: the free text's own narrow table. An order_list row is about 1.7 KB (its folded
 * state and lines), so each trigram match rechecked there reads a wide row: 6,250 matches of a common
 * name at a million orders took 160–180 ms, the same rows in a 110-byte table 26 ms, and the wide
 * pages pushed everything else out of shared buffers. order_search holds (관리번호, 접수일, search_text)
 * only, kept equal to order_list by a trigger (a copy, no rule of its own), and is refilled from it
 * when a rebuild swaps order_list in (the projection's afterSwap).
 */
export const orderSearch: Migration = {
  up: async (db: Db): Promise<void> => {
    const ops = await trigramOps(db);
    await sql`
      CREATE TABLE order_search (
        no bigint PRIMARY KEY,
        placed_at timestamptz NOT NULL,
        search_text text NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX order_search_trgm_idx ON order_search USING gin (search_text ${ops})`.execute(db);
    await sql`CREATE INDEX order_search_placed_at_idx ON order_search (placed_at, no)`.execute(db);
    // The schema the function writes to is fixed when it is made (tenants and test workers have their own).
    await sql`
      CREATE FUNCTION order_search_sync() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM order_search WHERE no = OLD.no;
        ELSIF TG_OP = 'INSERT' OR NEW.search_text IS DISTINCT FROM OLD.search_text OR NEW.placed_at IS DISTINCT FROM OLD.placed_at OR NEW.no <> OLD.no THEN
          IF TG_OP = 'UPDATE' AND NEW.no <> OLD.no THEN DELETE FROM order_search WHERE no = OLD.no; END IF;
          INSERT INTO order_search (no, placed_at, search_text) VALUES (NEW.no, NEW.placed_at, NEW.search_text)
            ON CONFLICT (no) DO UPDATE SET placed_at = EXCLUDED.placed_at, search_text = EXCLUDED.search_text;
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER order_search_sync AFTER INSERT OR UPDATE OR DELETE ON order_list FOR EACH ROW EXECUTE FUNCTION order_search_sync()`.execute(db);
    await refillOrderSearch(db);
    await commentOn(db, 'order_search', 'The CS window\'s free text, narrow: one row per order_list row (a trigger keeps it equal). Search here, then read the page\'s rows from order_list.', {
      no: '관리번호 (order_list.no).',
      placed_at: '접수일 (order_list.placed_at), to order the matches without reading order_list.',
      search_text: 'order_list.search_text: lowercased names, phones with and without dashes, 주문번호, 관리번호.',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TRIGGER order_search_sync ON order_list`.execute(db);
    await sql`DROP FUNCTION order_search_sync()`.execute(db);
    await sql`DROP TABLE order_search`.execute(db);
  },
};

/** order_search made equal to order_list again, in the caller's transaction. */
export const refillOrderSearch = async (db: Db): Promise<void> => {
  await sql`DELETE FROM order_search`.execute(db);
  await sql`INSERT INTO order_search (no, placed_at, search_text) SELECT no, placed_at, search_text FROM order_list`.execute(db);
};
