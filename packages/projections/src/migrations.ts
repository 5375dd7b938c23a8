/**
 * The read models' tables: plain tables with documented columns (COMMENT ON …), for the CS window,
 * the API and analysts' SQL. Named so they sort after the event store's `0001_event_store`.
 * Each read model's own steps live in its folder (orderList/migration.ts, …); this is where they are
 * assembled into the migrations kysely runs, in name order.
 */
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import { createCsHistoryTable, csHistoryCsActions } from './csHistory/migration.js';
import { createExpectedInboundTable } from './expectedInbound/migration.js';
import { createOrderListTable, orderListCsActions, orderListState } from './orderList/migration.js';

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

    await createOrderListTable.up(db);
    await createCsHistoryTable.up(db);
  },
  down: async (db: Db): Promise<void> => {
    await createCsHistoryTable.down?.(db);
    await createOrderListTable.down?.(db);
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
    await orderListCsActions.up(db);
    await csHistoryCsActions.up(db);
    await commentOn(db, 'projection_checkpoints', null, { name: 'Projection name (order_list, cs_history, expected_inbound).' });

    await createExpectedInboundTable.up(db);
  },
  down: async (db: Db) => {
    await createExpectedInboundTable.down?.(db);
    await orderListCsActions.down?.(db);
  },
};

export const projectionMigrations: Record<string, Migration> = {
  '0100_read_models': readModels,
  '0101_projection_versions': projectionVersions,
  '0102_cs_actions': csActions,
  '0110_order_list_state': orderListState,
};
