/** The 반품관리 tables return_lines and return_pickups, assembled into the migrations by migrations.ts (0130_return_lines). */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';

const position = 'Position of the last applied event, as the event store encodes it (the idempotency guard: an event at or before it is already in the row).';

export const createReturnTables: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`
      CREATE TABLE return_pickups (
        id text PRIMARY KEY,
        no bigint NOT NULL,
        pickup_id integer NOT NULL,
        kind text NOT NULL,
        reason text,
        exchange_type text,
        exchange_id integer,
        replacement_no bigint,
        register_inbound boolean NOT NULL,
        claim_channel text,
        claim_cancellation_id text,
        picked_up_quantity integer NOT NULL,
        received_quantity integer NOT NULL,
        requested_at timestamptz NOT NULL,
        requested_by text NOT NULL,
        arrived_at timestamptz,
        site_expected bigint NOT NULL,
        site_arrived bigint NOT NULL,
        enclosed_expected bigint NOT NULL,
        enclosed_arrived bigint NOT NULL,
        transfer_expected bigint NOT NULL,
        transfer_arrived bigint NOT NULL,
        outstanding bigint NOT NULL,
        fee_reason text,
        completed boolean NOT NULL,
        completed_at timestamptz,
        completed_by text,
        completion_memo text,
        last_position text NOT NULL,
        UNIQUE (no, pickup_id)
      )`.execute(db);
    await sql`
      CREATE TABLE return_lines (
        id text PRIMARY KEY,
        pickup_key text NOT NULL,
        no bigint NOT NULL,
        pickup_id integer NOT NULL,
        line_id integer NOT NULL,
        fee_row boolean NOT NULL,
        picked_up_quantity integer NOT NULL,
        received_quantity integer NOT NULL,
        damaged_quantity integer NOT NULL,
        requested_at timestamptz NOT NULL,
        arrived_at timestamptz,
        last_position text NOT NULL
      )`.execute(db);
    // The screen's default order (회수요청일 ▼), 도착일 ranges, one pickup's lines.
    await sql`CREATE INDEX return_lines_requested_idx ON return_lines (requested_at DESC, id)`.execute(db);
    await sql`CREATE INDEX return_lines_arrived_idx ON return_lines (arrived_at DESC)`.execute(db);
    await sql`CREATE INDEX return_lines_pickup_idx ON return_lines (pickup_key)`.execute(db);
    await commentOn(db, 'return_pickups', '반품관리, per pickup (회수, or an exchange\'s pickup): what it is, its return fees per route and its 완료처리. Its lines are in return_lines (pickup_key = id); SUM over this table gives fee totals (one row per pickup).', {
      id: '<관리번호>-<pickupId>: the row key.',
      no: '관리번호 of the order picked up from.',
      pickup_id: 'The pickup\'s number within the order (1차, 2차 회수 …).',
      kind: 'return (회수: ReturnPickupRequested) | exchange (an exchange\'s pickup: ExchangeRequested with pickupId).',
      reason: 'The 회수 reason (cancel / return reason code); null for an exchange.',
      exchange_type: '교환 구분 (simple, defect, wrong_delivery, quality, product); null for a 회수.',
      exchange_id: 'The exchange\'s number within the order; null for a 회수.',
      replacement_no: '관리번호 of the exchange\'s replacement order; null for a 회수.',
      register_inbound: '입고예정: the picked-up units were registered as expected back in stock.',
      claim_channel: '판매처 of the channel cancellation (취소결과조회 row) this pickup answers; null for most.',
      claim_cancellation_id: '클레임번호 of that channel cancellation.',
      picked_up_quantity: 'Units picked up, all lines.',
      received_quantity: 'Units arrived back so far, all lines (ReturnReceived).',
      requested_at: '회수요청일: when the pickup was requested (event occurredAt).',
      requested_by: '작업자: who requested it.',
      arrived_at: '도착일: the first arrival (ReturnReceived); null while nothing arrived.',
      site_expected: '사이트결제 예정 (원): return fee expected through the channel\'s payment (ReturnPickupRequested fees, ReturnFeesRecorded).',
      site_arrived: '사이트결제 도착 (원) (ReturnFeesRecorded).',
      enclosed_expected: '동봉 예정 (원): cash enclosed in the parcel, expected.',
      enclosed_arrived: '동봉 도착 (원).',
      transfer_expected: '계좌 예정 (원): bank transfer expected.',
      transfer_arrived: '계좌 도착 (원).',
      outstanding: '미수 (원) = Σ expected − Σ arrived over the three routes; below 0 only with fee_reason.',
      fee_reason: 'Why more arrived than expected (ReturnFeesRecorded reason).',
      completed: '완료처리 done (ReturnCompleted).',
      completed_at: 'When it was completed.',
      completed_by: 'Who completed it.',
      completion_memo: 'The CS memo given at 완료처리 (needed with 미수 left or goods not arrived).',
      last_position: position,
    });
    await commentOn(db, 'return_lines', '반품관리, one row per pickup line (<관리번호>-<pickupId>-<lineId>): picked-up, arrived and damaged units. The pickup\'s fees and 완료처리 are on return_pickups (join pickup_key); the view shows them on the fee_row line only, so a column sum over the view counts each pickup once. 판매처 / 수령자 / 상품 / 배송일: join order_list on no; 공급처: products on the line\'s productCode.', {
      id: '<관리번호>-<pickupId>-<lineId>: the row key.',
      pickup_key: '<관리번호>-<pickupId>: return_pickups.id.',
      no: '관리번호.',
      pickup_id: 'The pickup\'s number within the order.',
      line_id: 'The order line picked up (order_list.lines[].lineId).',
      fee_row: 'true on the pickup\'s first line only: the line the view puts the pickup\'s fees (and 미수) on; the other lines show 0.',
      picked_up_quantity: '회수 수량 of the line (ReturnPickupRequested / ExchangeRequested).',
      received_quantity: '도착 수량 so far (ReturnReceived lines); state 도착 when it reaches picked_up_quantity, 일부도착 when between.',
      damaged_quantity: 'Of the arrived, the damaged (불량) units (ReturnReceived damaged).',
      requested_at: '회수요청일 (event occurredAt).',
      arrived_at: '도착일: the line\'s first arrival; null while none.',
      last_position: position,
    });
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP TABLE return_lines`.execute(db);
    await sql`DROP TABLE return_pickups`.execute(db);
  },
};

/** 0172_return_lines_list: 반품관리's order (회수요청일 ▼, 관리번호 ▼, pickup, line) as one index, so a page is a seek. */
export const returnLinesListOrder: Migration = {
  up: async (db: Db): Promise<void> => {
    await sql`CREATE INDEX return_lines_list_idx ON return_lines (requested_at DESC, no DESC, pickup_id, line_id)`.execute(db);
  },
  down: async (db: Db): Promise<void> => {
    await sql`DROP INDEX return_lines_list_idx`.execute(db);
  },
};
