/**
 * order_list cannot drift from the order: on a real database (PGlite always, PostgreSQL when
 * DATABASE_URL is set), every row's stored state equals a fresh fold of its stream by the domain, every
 * stored column equals columnsOf(that fold), and a row of an older version of the projection is
 * rebuilt at start.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db, GlobalPosition } from '@oms/adapters';
import { nextOrderNo, PostgresEventStore, START } from '@oms/adapters';
import type { OrderEvent, OrderState } from '@oms/domain';
import { evolveOrder, initialOrderState, orderStreamId } from '@oms/domain';
import { allProjections, columnsOf, orderListProjection, ProjectionRunner } from '@oms/projections';
import type { HistoryEvent, StepSpec } from '../packages/projections/src/testing/orderHistory.js';
import { historyArb } from '../packages/projections/src/testing/historyArb.js';
import { orderNosOf, renameStep, runCommands } from '../packages/projections/src/testing/orderHistory.js';
import { testDatabases, uniqueSuffix } from './support/databases.js';

type Steps = (readonly [number, StepSpec])[];

/** A generated history with real order numbers and product codes of its own. */
const makeHistory = async (db: Db, seed: number): Promise<HistoryEvent[]> => {
  const [steps = []] = fc.sample(historyArb(1, 3), { numRuns: 1, seed });
  const nos = new Map<number, number>();
  for (const n of steps.flatMap(([i, spec]) => [i, ...orderNosOf(spec)])) if (!nos.has(n)) nos.set(n, await nextOrderNo(db));
  const suffix = uniqueSuffix();
  const rename = { no: (n: number) => nos.get(n) ?? n, productCode: (code: string) => `${code}-${suffix}` };
  const renamed: Steps = steps.map(([i, spec]) => {
    const s = renameStep(spec, rename);
    const no = rename.no(i);
    return [no, s.type === 'PlaceOrder' ? { ...s, data: { ...s.data, channelOrderNo: `ord${no}` } } : s] as const;
  });
  return runCommands(renamed, undefined, () => randomUUID());
};

const append = async (store: PostgresEventStore, history: readonly HistoryEvent[]): Promise<GlobalPosition> => {
  const revisions = new Map<number, number>();
  let last = START;
  for (const { no, id, event, metadata } of history) {
    const revision = revisions.get(no) ?? -1;
    const result = await store.append(orderStreamId(no), [{ id, type: event.type, data: event.data, metadata }], { expected: revision === -1 ? 'no_stream' : revision });
    revisions.set(no, result.nextExpectedRevision);
    last = result.position;
  }
  return last;
};

/** The order as the domain folds its stream, read back from the store. */
const freshFold = async (store: PostgresEventStore, no: number): Promise<OrderState> => {
  const { events } = await store.readStream(orderStreamId(no));
  return events.reduce<OrderState>((s, e) => evolveOrder(s, { type: e.type, data: e.data } as OrderEvent), initialOrderState());
};

describe.each(testDatabases)('order_list on $name', ({ open }) => {
  let db: Db;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = (await open()).db;
    store = new PostgresEventStore(db);
  });

  /** Every order of the histories: its row must be columnsOf(fresh fold) plus that fold as its state. */
  const expectNoDrift = async (nos: readonly number[]) => {
    let rows = 0;
    for (const no of nos) {
      const state = await freshFold(store, no);
      const raw = await db.selectFrom('order_list').selectAll().where('no', '=', no).executeTakeFirst();
      if (state.kind !== 'placed' || state.deleted) {
        expect(raw, `order ${no} is deleted: no row`).toBeUndefined();
        continue;
      }
      rows++;
      if (!raw) throw new Error(`no row for order ${no}`);
      // Compared by the database itself (jsonb equality), and decoded.
      const { rows: same } = await sql<{ same: boolean }>`SELECT state = ${JSON.stringify(state)}::jsonb AS same FROM order_list WHERE no = ${no}`.execute(db);
      expect(same[0]?.same, `order ${no}: stored state = fresh fold`).toBe(true);
      const row = orderListProjection.fromDb(raw);
      expect(row.state).toEqual(state);
      const columns = columnsOf(state);
      expect(Object.fromEntries(Object.keys(columns).map((c) => [c, row[c as keyof typeof columns]]))).toEqual(columns);
    }
    return rows;
  };

  it('every row is its stream folded by the domain, and every column is columnsOf(that fold)', async () => {
    const runner = new ProjectionRunner(store, db, allProjections, { batchSize: 9 });
    const history = [...(await makeHistory(db, 41)), ...(await makeHistory(db, 42)), ...(await makeHistory(db, 43))];
    expect(await runner.waitFor(await append(store, history), 15_000)).toBe(true);
    const nos = [...new Set(history.map((h) => h.no))];
    expect(await expectNoDrift(nos)).toBeGreaterThan(0);
  });

  it('rows written by an older version (no state yet) are rebuilt at start', async () => {
    const runner = new ProjectionRunner(store, db, allProjections);
    const history = await makeHistory(db, 44);
    const last = await append(store, history);
    expect(await runner.waitFor(last, 15_000)).toBe(true);
    const nos = [...new Set(history.map((h) => h.no))];
    // What 0110_order_list_state leaves in the rows that were there: an empty state, and version 3.
    await sql`UPDATE order_list SET state = '{}'::jsonb, products_to_ship = '[]'::jsonb WHERE no = ANY(${nos}::bigint[])`.execute(db);
    await sql`UPDATE projection_checkpoints SET version = 3 WHERE name = 'order_list'`.execute(db);
    expect(await runner.upgrade()).toEqual(['order_list']);
    // A rebuild reads below the cluster's xmin: the runner takes whatever it left.
    expect(await runner.waitFor(last, 15_000)).toBe(true);
    expect(await expectNoDrift(nos)).toBeGreaterThan(0);
  });
});
