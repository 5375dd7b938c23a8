/**
 * Fixtures of the projection suites: realistic order histories made by the deciders and appended
 * through a store, and the read-model rows of some orders, decoded.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db, EventStore, GlobalPosition, RecordedEvent } from '@oms/adapters';
import { START, comparePositions, nextOrderNo, postgresPositions, readAllEvents } from '@oms/adapters';
import { NON_CS_EVENT_TYPES, orderStreamId } from '@oms/domain';
import type { AnyProjection, CsHistoryRow, ExpectedInboundRow, OrderListRow, RecordedOrderEvent } from '@oms/projections';
import { csHistoryProjection, expectedInboundProjection, orderListProjection } from '@oms/projections';
import type { HistoryEvent, StepSpec } from '../../packages/projections/src/testing/orderHistory.js';
import { historyArb } from '../../packages/projections/src/testing/historyArb.js';
import { orderNosOf, placeOrder, renameStep, runCommands } from '../../packages/projections/src/testing/orderHistory.js';
import { uniqueSuffix } from './databases.js';

export type Steps = (readonly [number, StepSpec])[];

/**
 * Generated histories use order numbers 1..n: give them real ones from the sequence, and product codes
 * of their own (expected_inbound rows are per product, across every order in the database).
 */
export const withOrderNos = async (db: Db, steps: Steps, products: string): Promise<Steps> => {
  const nos = new Map<number, number>();
  for (const n of steps.flatMap(([i, spec]) => [i, ...orderNosOf(spec)])) if (!nos.has(n)) nos.set(n, await nextOrderNo(db));
  const rename = { no: (n: number) => nos.get(n) ?? n, productCode: (code: string) => `${code}-${products}` };
  return steps.map(([i, spec]) => {
    const renamed = renameStep(spec, rename);
    const no = rename.no(i);
    return [no, renamed.type === 'PlaceOrder' ? { ...renamed, data: { ...renamed.data, channelOrderNo: `ord${no}` } } : renamed] as const;
  });
};

/** Appends every event to its order stream with the exact expected revision; returns the last position. */
export const appendHistory = async <P = GlobalPosition>(
  store: EventStore<P>,
  history: readonly HistoryEvent[],
  afterEach?: (i: number) => Promise<unknown>,
): Promise<P> => {
  const revisions = new Map<number, number>();
  let last = store.positions.start;
  for (const [i, { no, id, event, metadata }] of history.entries()) {
    const revision = revisions.get(no) ?? -1;
    const result = await store.append(orderStreamId(no), [{ id, type: event.type, data: event.data, metadata }], {
      expected: revision === -1 ? 'no_stream' : revision,
    });
    revisions.set(no, result.nextExpectedRevision);
    last = result.position;
    await afterEach?.(i);
  }
  return last;
};

export const makeHistory = async (db: Db, seed: number, orders = 3): Promise<HistoryEvent[]> => {
  const [steps] = fc.sample(historyArb(1, orders), { numRuns: 1, seed });
  return runCommands(await withOrderNos(db, steps ?? [], uniqueSuffix()), undefined, () => randomUUID());
};

/** A scripted history through the paths random seeds may miss: 합포, 회수 with 입고예정 on two orders, 주문복사, 주문삭제, CS 완료. */
export const scriptedHistory = async (db: Db): Promise<HistoryEvent[]> => {
  const steps: Steps = [
    [1, placeOrder(1)],
    [2, placeOrder(2)],
    [1, { type: 'MergeOrder', data: { orderNo: 2 } }],
    [1, { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: '661234567890' } }],
    [1, { type: 'ShipOrder', data: {} }],
    [1, { type: 'RequestReturnPickup', data: { lines: [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }], reason: 'return_defect' } }],
    [2, { type: 'RequestReturnPickup', data: { lines: [{ lineId: 1, quantity: 2 }], reason: 'return_refund' } }],
    [1, { type: 'CopyOrder', data: { copyNo: 3, whole: false } }],
    [3, { type: 'DeleteOrder', data: {} }],
    [3, { type: 'AddCsMemo', data: { text: '삭제된 주문 메모' } }],
    [1, { type: 'CompleteEarlierEntries', picks: [0, 3] }],
  ];
  return runCommands(await withOrderNos(db, steps, uniqueSuffix()), undefined, () => randomUUID());
};

export const productsOf = (history: readonly HistoryEvent[]): string[] => [
  ...new Set(history.flatMap(({ event }) => (event.type === 'ReturnPickupRequested' ? event.data.inbound.map((i) => i.productCode) : []))),
];
export const csEntriesOf = (history: readonly HistoryEvent[]): HistoryEvent[] => history.filter((h) => !NON_CS_EVENT_TYPES.includes(h.event.type));

export const ordersOf = (history: readonly HistoryEvent[]): number[] => [...new Set(history.map((h) => h.no))];

/**
 * The recorded events of some orders, read back from their streams, in the log's global order (the
 * order the runner applies them in; expected_inbound's guard relies on it).
 */
export const streamEvents = async (store: EventStore, nos: readonly number[]): Promise<RecordedOrderEvent[]> => {
  const all: RecordedEvent[] = [];
  for (const no of nos) all.push(...(await store.readStream(orderStreamId(no))).events);
  return all
    .sort((a, b) => comparePositions(a.position, b.position))
    .map((e) => ({ ...e, position: postgresPositions.encode(e.position) }) as RecordedOrderEvent);
};

export const listRows = async (db: Db, nos: readonly number[]): Promise<Record<string, OrderListRow>> => {
  const raw = await db.selectFrom('order_list').selectAll().where('no', 'in', nos).orderBy('no').execute();
  return Object.fromEntries(raw.map((r) => [String(r.no), orderListProjection.fromDb(r)]));
};
export const historyRows = async (db: Db, nos: readonly number[]): Promise<Record<string, CsHistoryRow>> => {
  const raw = await db.selectFrom('cs_history').selectAll().where('order_no', 'in', nos).orderBy('entry_id').execute();
  return Object.fromEntries(raw.map((r) => [String(r.entry_id), csHistoryProjection.fromDb(r)]));
};

export const inboundRows = async (db: Db, products: readonly string[]): Promise<Record<string, ExpectedInboundRow>> => {
  if (products.length === 0) return {};
  const raw = await db.selectFrom('expected_inbound').selectAll().where('product_code', 'in', products).orderBy('product_code').execute();
  return Object.fromEntries(raw.map((r) => [String(r.product_code), expectedInboundProjection.fromDb(r)]));
};

/** A whole read-model table, decoded, keyed by its primary key. */
export const wholeTable = async (db: Db, projection: AnyProjection): Promise<Record<string, unknown>> => {
  const raw = await db.selectFrom(projection.table).selectAll().orderBy(projection.key).execute();
  return Object.fromEntries(raw.map((r) => [String(r[projection.key]), projection.fromDb(r)]));
};

/** The end of the log as readable now (waiting out other sessions holding the snapshot xmin back). */
export const endOfLog = async (db: Db, atLeast: GlobalPosition): Promise<GlobalPosition> => {
  let position = START;
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (;;) {
      const page = await readAllEvents(db, { after: position, limit: 1000 });
      const last = page.at(-1);
      if (!last) break;
      position = last.position;
    }
    if (comparePositions(position, atLeast) >= 0 || Date.now() > deadline) return position;
    await new Promise((r) => setTimeout(r, 20));
  }
};

export const setCheckpoint = async (db: Db, name: string, position: GlobalPosition): Promise<void> => {
  await db
    .insertInto('projection_checkpoints')
    .values({ name, position: postgresPositions.encode(position), updated_at: new Date() })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position: postgresPositions.encode(position) }))
    .execute();
};

/** A scratch copy of order_list's shape, for projections made up by a test. */
export const scratchTable = async (db: Db, like = 'order_list'): Promise<string> => {
  const table = `proj_test_${uniqueSuffix()}`;
  await sql`CREATE TABLE ${sql.table(table)} (LIKE ${sql.table(like)} INCLUDING ALL)`.execute(db);
  return table;
};

export const WAIT_MS = 15_000;
