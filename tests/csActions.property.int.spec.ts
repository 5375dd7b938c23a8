/**
 * Random sequences of valid and invalid CS commands on a few random orders, run through the real
 * command handler (multi-order atomic appends, reservations) and the projection runner, on PGlite
 * and on PostgreSQL. After every command:
 *  - every line's ledger is within bounds (nothing negative or past what was ordered; shipped ≤ active;
 *    picked up ≤ shipped; returned ≤ picked up);
 *  - an accepted command stored exactly what the pure decider decided, and folding each stream from
 *    zero equals evolving the state the decider saw with those events;
 *  - a refused command appended nothing and left every view row as it was;
 *  - the CS window row and the CS 이력 rows equal what a from-scratch fold of the stream produces.
 * At the end the read models are rebuilt from the log and compared with the live rows.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, GlobalPosition, RecordedEvent } from '@oms/adapters';
import { comparePositions, nextOrderNo, PostgresEventStore, START } from '@oms/adapters';
import type { CommandContext, CommandResult } from '@oms/api';
import { OrderCommandHandler } from '@oms/api';
import type { CsCommand, LineLedger, OrderEvent, OrderState } from '@oms/domain';
import { activeQuantity, decideAcrossOrders, DomainError, fold, NON_CS_EVENT_TYPES, OrderDecider, ordersInvolved, orderStreamId } from '@oms/domain';
import type { AnyProjection, RecordedOrderEvent } from '@oms/projections';
import { allProjections, csHistoryProjection, orderListProjection, ProjectionRunner } from '@oms/projections';
import type { CommandArbOptions, CsCommandType } from '@oms/domain/testing';
import { buildCommand, csCommandArb } from '@oms/domain/testing';
import { testDatabases } from './support/databases.js';

/** Sequences per database: 1,500 in CI (3,000 in all), fewer for a quick local run; PROPERTY_RUNS overrides. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? (process.env.CI ? 1500 : 150));
const AT = '2026-11-26T09:00:00.000Z';
const metadata = { actor: '속성테스트', role: 'cs', at: AT } as const;
const PRODUCTS: CommandArbOptions['products'] = [
  { productCode: 'PROP-A', productName: '상품 A', option: '', unitPrice: 1000 },
  { productCode: 'PROP-B', productName: '상품 B', option: '블루', unitPrice: 2500 },
];

/** How often the property sends each command, by name (the shared generator draws them). */
const WEIGHTS: Readonly<Partial<Record<CsCommandType, number>>> = {
  PlaceOrder: 1,
  ConfirmPayment: 2,
  CancelOrder: 2,
  PrintShippingInstruction: 2,
  HoldOrder: 1,
  ReleaseHold: 1,
  EnterInvoice: 2,
  ShipOrder: 4,
  MarkDelivered: 1,
  ConfirmPurchase: 1,
  AddCsMemo: 1,
  ChangeDeliveryInfo: 2,
  RestoreOrder: 2,
  CancelLine: 4,
  RestoreLine: 2,
  ChangeLineProduct: 2,
  AddLine: 2,
  DeleteOrder: 2,
  SetMergeForbidden: 2,
  RequestReturnPickup: 4,
  ReceiveReturn: 2,
  SetReturnExpected: 2,
  RequestExchange: 2,
  CompleteCsEntries: 1,
  MergeOrder: 4,
  UnmergeOrder: 1,
  DissolvePackage: 1,
  CopyOrder: 2,
  SetPriority: 2,
};
const stepArb = fc.record({ target: fc.nat({ max: 2 }), command: csCommandArb({ products: PRODUCTS }, WEIGHTS) });
const scenarioArb = fc.record({
  orders: fc.array(
    fc.record({ paid: fc.boolean(), lines: fc.array(fc.record({ product: fc.nat({ max: 1 }), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 2 }) }),
    { minLength: 2, maxLength: 3 },
  ),
  steps: fc.array(stepArb, { minLength: 3, maxLength: 12 }),
});
/** Commands that name a 관리번호 no order has: 주문복사's copy, 교환's replacement, an unknown order to merge. */
const NAMES_A_NEW_ORDER: readonly CsCommandType[] = ['CopyOrder', 'MergeOrder', 'RequestExchange'];

let trackingSeq = 0;
const tracking = () => `7${String(process.pid).padStart(7, '0')}${String(Date.now() % 1e6).padStart(6, '0')}${String(trackingSeq++ % 1e4).padStart(4, '0')}`.slice(0, 20);

const checkLedger = (no: number, l: LineLedger) => {
  const where = `order ${no} ${JSON.stringify(l)}`;
  for (const v of Object.values(l)) expect(v, where).toBeGreaterThanOrEqual(0);
  expect(l.cancelled - l.restored, where).toBeGreaterThanOrEqual(0);
  expect(l.cancelled - l.restored, where).toBeLessThanOrEqual(l.ordered);
  expect(activeQuantity(l), where).toBeLessThanOrEqual(l.ordered);
  expect(l.shipped, where).toBeLessThanOrEqual(activeQuantity(l));
  expect(l.pickedUp, where).toBeLessThanOrEqual(l.shipped);
  expect(l.returned, where).toBeLessThanOrEqual(l.pickedUp);
};

/** The rows a from-scratch fold of these events gives for one projection (keyed like the table). */
const pureRows = (projection: AnyProjection, events: readonly RecordedEvent[]): Map<string, unknown> => {
  const rows = new Map<string, unknown>();
  for (const e of events) {
    if (!(projection.handles as readonly string[]).includes(e.type)) continue;
    const recorded = e as unknown as RecordedOrderEvent;
    for (const key of projection.keysOf(recorded)) {
      const k = String(key);
      const next = projection.evolve(rows.get(k) ?? null, recorded, key);
      if (next === null) rows.delete(k);
      else rows.set(k, next);
    }
  }
  return rows;
};

describe.each(testDatabases)('CS command sequences through the handler and the read models on $name', (database) => {
  let opened: Database;
  let store: PostgresEventStore;
  let handler: OrderCommandHandler<GlobalPosition>;
  let runner: ProjectionRunner;
  const touched = new Set<number>();

  beforeAll(async () => {
    opened = await database.open();
    store = new PostgresEventStore(opened.db);
    handler = new OrderCommandHandler(store);
    runner = new ProjectionRunner(new PostgresEventStore(opened.db), opened.db, allProjections);
    await runner.catchUp();
  });
  afterAll(async () => {
    await runner.stop();
  });

  const ctx = (): CommandContext => ({ metadata, keyId: 'property', requestId: 'property', requestHash: 'property' });
  /** The last position appended, and waiting for the read models to pass it: a catch-up right after a
   * commit may stop short of it while any older transaction in the cluster is still open (the runner
   * reads below the snapshot's xmin, by design), so the test waits as the API does. */
  let last: GlobalPosition = START;
  const caughtUpTo = (result: CommandResult<GlobalPosition>): void => {
    if (result.position && comparePositions(result.position, last) > 0) last = result.position;
  };
  const readModelsAt = async (position: GlobalPosition): Promise<void> => {
    expect(await runner.waitFor(position, 60_000), 'the read models caught up').toBe(true);
  };
  const readState = async (no: number) => {
    const { revision, events } = await store.readStream(orderStreamId(no));
    return { revision, events, state: fold(OrderDecider, events.map((e) => ({ type: e.type, data: e.data }) as OrderEvent)) };
  };
  const liveRows = async (no: number) => {
    const list = await opened.db.selectFrom('order_list').selectAll().where('no', '=', no).execute();
    const history = await opened.db.selectFrom('cs_history').selectAll().where('order_no', '=', no).orderBy('stream_revision').orderBy('entry_id').execute();
    return { list: list.map((r) => orderListProjection.fromDb(r)), history: history.map((r) => csHistoryProjection.fromDb(r)) };
  };
  const checkViews = async (no: number, events: readonly RecordedEvent[]) => {
    const live = await liveRows(no);
    expect(live.list, `order_list of ${no}`).toEqual([...pureRows(orderListProjection, events).values()]);
    const history = [...pureRows(csHistoryProjection, events).values()] as { stream_revision: number; entry_id: string }[];
    history.sort((a, b) => a.stream_revision - b.stream_revision || (a.entry_id < b.entry_id ? -1 : 1));
    expect(live.history, `cs_history of ${no}`).toEqual(history);
  };

  it(`${RUNS} random sequences keep the ledger in bounds, refusals change nothing, views equal a fold from zero`, async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const orders: number[] = [];
        const usedTracking: string[] = [];
        for (const o of scenario.orders) {
          const no = await nextOrderNo(opened.db);
          const lines = o.lines.map((l) => ({ ...(PRODUCTS[l.product] ?? PRODUCTS[0]), quantity: l.quantity }));
          const place: CsCommand = { type: 'PlaceOrder', data: { no, channel: '속성몰', paymentMethod: 'card', paid: o.paid, buyer: { name: '구매자' }, recipient: { name: '수령자', address: '서울' }, shippingFee: 0, lines }, metadata };
          caughtUpTo(await handler.execute(no, place, ctx()));
          orders.push(no);
        }
        await readModelsAt(last);
        for (const step of scenario.steps) {
          const target = orders[step.target % orders.length] ?? 0;
          const fresh = NAMES_A_NEW_ORDER.includes(step.command.type) ? await nextOrderNo(opened.db) : null;
          // What the pure decider says, on the states the handler will read.
          const before = await readState(target);
          const command = buildCommand(
            step.command,
            {
              no: target,
              at: AT,
              state: before.state,
              orders,
              freshOrderNo: fresh ?? 0,
              usedTrackingNumbers: usedTracking,
              freshTrackingNumber: tracking(),
              entryIds: before.events.filter((e) => !(NON_CS_EVENT_TYPES as readonly string[]).includes(e.type)).map((e) => e.id),
            },
            metadata,
          );
          const involved = [target, ...ordersInvolved(target, command, before.state)];
          const states = new Map<number, Awaited<ReturnType<typeof readState>>>();
          for (const n of involved) states.set(n, n === target ? before : await readState(n));
          let expected: ReadonlyMap<number, readonly OrderEvent[]> | DomainError;
          try {
            expected = decideAcrossOrders(target, command, new Map([...states].map(([n, s]) => [n, s.state])));
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expected = error;
          }
          const rowsBefore = new Map<number, Awaited<ReturnType<typeof liveRows>>>();
          for (const n of orders) rowsBefore.set(n, await liveRows(n));

          let outcome: 'accepted' | DomainError;
          try {
            caughtUpTo(await handler.execute(target, command, ctx()));
            outcome = 'accepted';
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            outcome = error;
          }
          await readModelsAt(last);

          if (outcome !== 'accepted') {
            refused++;
            // Refused by the decider, or by a reservation (a tracking number another order holds).
            if (!(expected instanceof DomainError)) expect(outcome.code).toBe('VALUE_ALREADY_USED');
            else expect(outcome.code).toBe(expected.code);
            for (const n of orders) {
              expect((await readState(n)).revision, `a refused ${command.type} appended to ${n}`).toBe(states.get(n)?.revision ?? (await readState(n)).revision);
              expect(await liveRows(n), `a refused ${command.type} changed the views of ${n}`).toEqual(rowsBefore.get(n));
            }
          } else {
            accepted++;
            expect(expected).not.toBeInstanceOf(DomainError);
            const decided = expected as ReadonlyMap<number, readonly OrderEvent[]>;
            for (const [n, events] of decided) {
              const was = states.get(n) ?? { revision: -1, events: [], state: { kind: 'none' } as OrderState };
              const after = await readState(n);
              const stored = after.events.slice(was.revision + 1).map((e) => ({ type: e.type, data: e.data }));
              expect(stored, `${command.type} on ${n}`).toEqual(JSON.parse(JSON.stringify(events)));
              expect(after.state).toEqual(events.reduce(OrderDecider.evolve, was.state));
              for (const e of events) if (e.type === 'InvoiceEntered') usedTracking.push(e.data.trackingNumber);
            }
          }
          if (fresh !== null && (await readState(fresh)).revision >= 0) touched.add(fresh);
          for (const n of [...orders, ...(fresh !== null ? [fresh] : [])]) {
            const now = await readState(n);
            if (now.state.kind === 'placed') for (const line of now.state.lines) checkLedger(n, line.ledger);
            await checkViews(n, now.events);
          }
        }
        for (const n of orders) touched.add(n);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(accepted).toBeGreaterThan(RUNS);
    expect(refused).toBeGreaterThan(RUNS / 2);
  }, 1_800_000);

  it('a rebuild of every read model from the log gives the rows the live runner wrote', async () => {
    const snapshot = async () => Promise.all([...touched].sort((a, b) => a - b).map(liveRows));
    await readModelsAt(last);
    const live = await snapshot();
    await runner.rebuild();
    // A rebuild too reads below the snapshot's xmin: what it left for later, the runner takes next.
    await readModelsAt(last);
    expect(await snapshot()).toEqual(live);
  });
});
