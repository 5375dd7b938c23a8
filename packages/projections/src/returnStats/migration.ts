/** The return_stats table (반품통계), assembled into the migrations by migrations.ts. */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';

export const createReturnStatsTable: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      CREATE TABLE return_stats (
        id text PRIMARY KEY,
        no bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('pickup', 'exchange')),
        code text NOT NULL,
        day text NOT NULL,
        quantity integer NOT NULL,
        lines jsonb NOT NULL,
        occurred_at timestamptz NOT NULL
      )`.execute(db);
    // The view reads a range of days; 판매처 / 상품코드 come from order_list by no.
    await sql`CREATE INDEX return_stats_day_idx ON return_stats (day, kind, code)`.execute(db);
    await commentOn(
      db,
      'return_stats',
      '반품통계: one row per counted fact — each 회수 (ReturnPickupRequested) under its 사유, each 교환 (ExchangeRequested) under its 교환유형. Count rows per day (GROUP BY day, kind, code); join order_list on no for 판매처 (channel) and, through lines → order_list.lines, 상품코드.',
      {
        id: '"<관리번호>/pickup/<pickupId>" or "<관리번호>/exchange/<exchangeId>": one fact, written once by its event.',
        no: '관리번호 of the order the pickup / exchange is on.',
        kind: 'pickup (회수, ReturnPickupRequested) | exchange (교환, ExchangeRequested).',
        code: 'pickup: the 사유 code (return_refund, return_defect, return_wrong_delivery, cancel_lost, cancel_quality, cancel_delay); exchange: the 교환유형 code (simple, defect, wrong_delivery, quality, product).',
        day: 'YYYY-MM-DD: the day the worker did it (event occurredAt) in Asia/Seoul.',
        quantity: 'Units picked up / exchanged over all its lines (the stats count facts, not units).',
        lines: 'JSON [{lineId, quantity}] as the event has them; order_list.lines maps lineId to productCode.',
        occurred_at: 'When it was done (event occurredAt).',
      },
    );
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TABLE return_stats`.execute(db);
  },
};
