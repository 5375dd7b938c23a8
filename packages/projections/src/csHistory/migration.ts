/**
 * The cs_history table, step by step (parts of the migrations migrations.ts assembles; an applied
 * step never changes its meaning).
 */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';

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
