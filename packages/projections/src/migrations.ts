/**
 * The read models' tables: plain tables with documented columns (COMMENT ON …), for the CS window,
 * the API and analysts' SQL. Named so they sort after the event store's `0001_event_store`.
 * Each read model's own steps live in its folder (orderList/migration.ts, …); this is where they are
 * assembled into the migrations kysely runs, in name order.
 */
import type { Db } from '@oms/adapters';
import { commentOn, encodePostgresPositionSql } from '@oms/adapters';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import { channelCancellationsProcessed, channelCancellationsSearch, createChannelCancellationsTable } from './channelCancellations/migration.js';
import { createExchangesTable } from './exchanges/migration.js';
import { createReturnTables, returnLinesListOrder } from './returns/migration.js';
import { createCsHistoryTable, csHistoryCsActions, csHistorySearch, csHistoryTypes } from './csHistory/migration.js';
import { createExpectedInboundTable } from './expectedInbound/migration.js';
import { createProductStockTable } from './productStock/migration.js';
import { createReturnStatsTable } from './returnStats/migration.js';
import { createTrigramExtension } from './trigram.js';
import { createOrderListTable, orderListCancellations, orderListCsActions, orderListSearch, orderListState, orderSearch } from './orderList/migration.js';

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
  '0110_order_list_state': orderListState,
  '0111_order_list_cancellations': orderListCancellations,
  '0120_channel_cancellations': createChannelCancellationsTable,
  '0130_return_lines': createReturnTables,
  '0131_exchanges': createExchangesTable,
  '0132_cancellation_processed': channelCancellationsProcessed,
  '0140_return_stats': createReturnStatsTable,
  '0141_product_stock': createProductStockTable,
  '0150_cs_history_types': csHistoryTypes,
  '0160_pg_trgm': createTrigramExtension,
  '0161_order_list_search': orderListSearch,
  '0162_order_search': orderSearch,
  '0170_channel_cancellations_search': channelCancellationsSearch,
  '0171_cs_history_search': csHistorySearch,
  '0172_return_lines_list': returnLinesListOrder,
};
