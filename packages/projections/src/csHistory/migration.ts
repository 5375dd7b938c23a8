/**
 * The cs_history table, step by step (parts of the migrations migrations.ts assembles; an applied
 * step never changes its meaning).
 */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import { trigramOps } from '../trigram.js';

/** Part of 0100_read_models: the table. */
export const createCsHistoryTable: Migration = {
  up: async (db: Db): Promise<void> => {
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
  },
};

/** Part of 0102_cs_actions: the comments that name the CS actions. */
export const csHistoryCsActions: Migration = {
  up: async (db: Db): Promise<void> => {
    await commentOn(db, 'cs_history', 'CS 이력: one entry per CS action (bookkeeping events such as a 우선순위 renumbering open none), oldest first by (order_no, stream_revision).', {
      work_type_label: '작업구분 as the CS window shows it (보류설정, 송장입력, …; 주문복사 / 주문전체복사 for a copy\'s 주문생성).',
      processed_at: 'When the entry was marked 완료 (the CsEntriesCompleted command\'s time).',
    });
  },
};

/**
 * 0150_cs_history_types: what CS내역조회 filters on that comes from the event itself (취소타입, 교환타입),
 * and the index of its main list (latest 등록일 first). The version bump of cs_history rebuilds the
 * rows already there, so the new columns are filled for every entry.
 */
export const csHistoryTypes: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`ALTER TABLE cs_history ADD COLUMN cancel_type text, ADD COLUMN exchange_type text`.execute(db);
    await sql`CREATE INDEX cs_history_at_idx ON cs_history (at DESC, entry_id)`.execute(db);
    await commentOn(db, 'cs_history', null, {
      cancel_type:
        '취소타입: for 판매처취소 (ChannelCancellationReceived) the channel\'s cancel type (received_cancel 접수-취소, invoiced_cancel 송장-취소, shipped_cancel 배송-취소, shipped_return 배송-반품); ' +
        'for a worker\'s cancel (OrderCancelledBeforePayment, OrderCancelled, LineCancelled) and a 회수 (ReturnPickupRequested) the 사유 code (return_refund, return_defect, return_wrong_delivery, cancel_lost, cancel_quality, cancel_delay); null for other entries.',
      exchange_type:
        '교환타입 (simple, defect, wrong_delivery, quality, product): on the 교환 entry (ExchangeRequested) and on the replacement order\'s 주문생성 (OrderPlaced with replacementOf); null for other entries.',
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP INDEX cs_history_at_idx`.execute(db);
    await sql`ALTER TABLE cs_history DROP COLUMN cancel_type, DROP COLUMN exchange_type`.execute(db);
  },
};

/**
 * 0171_cs_history_search: CS내역조회 at a million entries. Its order (등록일, then entry id, both newest
 * first) is one index a keyset page seeks in; 미처리 has its own; free text over 내역 and 메모 is trigram.
 */
export const csHistorySearch: Migration = {
  up: async (db: Db): Promise<void> => {
    const ops = await trigramOps(db);
    await sql`DROP INDEX cs_history_at_idx`.execute(db);
    await sql`CREATE INDEX cs_history_at_idx ON cs_history (at, entry_id)`.execute(db);
    await sql`CREATE INDEX cs_history_open_list_idx ON cs_history (at, entry_id) WHERE NOT processed`.execute(db);
    await sql`CREATE INDEX cs_history_worker_idx ON cs_history (worker, at, entry_id)`.execute(db);
    await sql`CREATE INDEX cs_history_content_trgm_idx ON cs_history USING gin (lower(content) ${ops})`.execute(db);
    await sql`CREATE INDEX cs_history_memo_trgm_idx ON cs_history USING gin (lower(coalesce(memo, '')) ${ops})`.execute(db);
  },
  down: async (db: Db): Promise<void> => {
    for (const index of ['memo_trgm', 'content_trgm', 'worker', 'open_list', 'at']) await sql`DROP INDEX ${sql.raw(`cs_history_${index}_idx`)}`.execute(db);
    await sql`CREATE INDEX cs_history_at_idx ON cs_history (at DESC, entry_id)`.execute(db);
  },
};
