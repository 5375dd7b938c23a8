/** The channel_cancellations table (취소결과조회), assembled into the migrations by migrations.ts. */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import { trigramOps } from '../trigram.js';

export const createChannelCancellationsTable: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      CREATE TABLE channel_cancellations (
        id text PRIMARY KEY,
        channel text NOT NULL,
        cancellation_id text NOT NULL,
        no bigint NOT NULL,
        channel_order_no text NOT NULL,
        line_id integer NOT NULL,
        product_code text NOT NULL,
        product_name text NOT NULL,
        option text NOT NULL,
        ordered_quantity integer NOT NULL,
        cancelled_quantity integer NOT NULL CHECK (cancelled_quantity > 0),
        applied_quantity integer NOT NULL CHECK (applied_quantity >= 0),
        partial boolean NOT NULL,
        kind text NOT NULL,
        cancel_type text NOT NULL,
        before_shipping boolean NOT NULL,
        reason text NOT NULL,
        channel_reason text NOT NULL,
        return_tracking_number text,
        cancelled_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        received_by text NOT NULL,
        withdrawn_at timestamptz,
        confirmed boolean NOT NULL,
        confirmed_by text,
        confirmed_at timestamptz,
        search_text text NOT NULL,
        last_position text NOT NULL,
        UNIQUE (channel, cancellation_id)
      )`.execute(db);
    // The screen's default (배송후, 미확인) and its date order; the channel filter; one order's claims.
    await sql`CREATE INDEX channel_cancellations_list_idx ON channel_cancellations (before_shipping, confirmed, cancelled_at DESC, id)`.execute(db);
    await sql`CREATE INDEX channel_cancellations_channel_idx ON channel_cancellations (channel, cancelled_at DESC)`.execute(db);
    await sql`CREATE INDEX channel_cancellations_no_idx ON channel_cancellations (no)`.execute(db);
    await commentOn(db, 'channel_cancellations', '취소결과조회: one row per channel cancellation (판매처취소) received, with what it did here. Join order_list on no for the order as it is now.', {
      id: '판매처/클레임번호: the row key, as the API names a row.',
      channel: '판매처.',
      cancellation_id: '클레임번호: the channel\'s claim number (unique per channel).',
      no: '관리번호 of the order it was matched to.',
      channel_order_no: '주문번호 as the channel sent it.',
      line_id: 'The order line it is about.',
      product_code: '상품코드 of the line when it arrived.',
      product_name: '상품명 of the line when it arrived.',
      option: '옵션 of the line when it arrived.',
      ordered_quantity: '주문수량: what the line ordered.',
      cancelled_quantity: '취소수량: what the channel cancelled.',
      applied_quantity: 'What it cancelled here (before shipping: up to the channel\'s quantity, never beyond what was active; after shipping: 0).',
      partial: 'true when 취소수량 < 주문수량 (the red number of the screen).',
      kind: 'cancel (the customer cancelled) | return (the channel completed a return / refund).',
      cancel_type: '취소타입: received_cancel (접수-취소) | invoiced_cancel (송장-취소) | shipped_cancel (배송-취소) | shipped_return (배송-반품).',
      before_shipping: 'true for 접수-취소 / 송장-취소 (배송전 취소), false for 배송후 취소.',
      reason: 'One of the six cancel / return reasons (code).',
      channel_reason: 'The channel\'s own reason text, as sent.',
      return_tracking_number: '회수 송장번호 the channel sent, if any.',
      cancelled_at: '취소일: when the channel cancelled.',
      received_at: 'When it was received here.',
      received_by: 'Who sent it in (a connector\'s key, or the worker who uploaded the file).',
      withdrawn_at: '취소철회: when the channel withdrew it; null while it stands.',
      confirmed: '확인: a worker has dealt with it.',
      confirmed_by: 'Who confirmed it.',
      confirmed_at: 'When it was confirmed.',
      search_text: 'Lowercased 관리번호, 주문번호, 클레임번호, 상품코드 and 상품명 for free-text search.',
      last_position: 'Position of the last applied event, as the event store encodes it (the idempotency guard).',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TABLE channel_cancellations`.execute(db);
  },
};

/** 처리 (0132_cancellation_processed): the pickup that answers a 배송후 claim; the version bump rebuilds the rows. */
export const channelCancellationsProcessed: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`ALTER TABLE channel_cancellations ADD COLUMN pickup_no bigint, ADD COLUMN pickup_id integer, ADD COLUMN processed boolean NOT NULL DEFAULT false`.execute(db);
    await commentOn(db, 'channel_cancellations', null, {
      pickup_no: '관리번호 of the pickup (회수) that answers this claim (ReturnPickupRequested with claim); null while none.',
      pickup_id: 'That pickup\'s number within the order.',
      processed: '처리: a pickup answers this claim.',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`ALTER TABLE channel_cancellations DROP COLUMN pickup_no, DROP COLUMN pickup_id, DROP COLUMN processed`.execute(db);
  },
};

/**
 * 0170_channel_cancellations_search: 취소결과조회 at a million claims. Its order (취소일, then id, both
 * newest first) ends every list index, so a keyset page is a seek; free text is a trigram index.
 */
export const channelCancellationsSearch: Migration = {
  up: async (db: Db): Promise<void> => {
    const ops = await trigramOps(db);
    await sql`DROP INDEX channel_cancellations_list_idx`.execute(db);
    await sql`DROP INDEX channel_cancellations_channel_idx`.execute(db);
    await sql`CREATE INDEX channel_cancellations_list_idx ON channel_cancellations (before_shipping, confirmed, cancelled_at, id)`.execute(db);
    await sql`CREATE INDEX channel_cancellations_channel_idx ON channel_cancellations (channel, cancelled_at, id)`.execute(db);
    await sql`CREATE INDEX channel_cancellations_cancelled_at_idx ON channel_cancellations (cancelled_at, id)`.execute(db);
    await sql`CREATE INDEX channel_cancellations_search_trgm_idx ON channel_cancellations USING gin (search_text ${ops})`.execute(db);
  },
  down: async (db: Db): Promise<void> => {
    for (const index of ['search_trgm', 'cancelled_at', 'channel', 'list']) await sql`DROP INDEX ${sql.raw(`channel_cancellations_${index}_idx`)}`.execute(db);
    await sql`CREATE INDEX channel_cancellations_list_idx ON channel_cancellations (before_shipping, confirmed, cancelled_at DESC, id)`.execute(db);
    await sql`CREATE INDEX channel_cancellations_channel_idx ON channel_cancellations (channel, cancelled_at DESC)`.execute(db);
  },
};
