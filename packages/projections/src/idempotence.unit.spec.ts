/**
 * "Runs twice, same result": every projection, over random realistic histories (commands through
 * the deciders, several orders interleaved — 합포, 주문복사, 우선순위, 회수, 교환, CS 완료 … — with CS
 * memos), gives the same rows when each event is applied twice in a row, and when the whole history
 * is replayed on top of itself.
 */
import type { OrderEventType, OrderState } from '@oms/domain';
import { csStateOf, evolveOrder, initialOrderState, NON_CS_EVENT_TYPES, ORDER_EVENT_TYPES } from '@oms/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsHistoryRow } from './csHistory/projection.js';
import { csHistoryProjection } from './csHistory/projection.js';
import type { ExpectedInboundRow } from './expectedInbound/projection.js';
import { expectedInboundProjection } from './expectedInbound/projection.js';
import { allProjections } from './index.js';
import type { OrderListRow } from './orderList/projection.js';
import { columnsOf, orderListProjection } from './orderList/projection.js';
import type { AnyProjection, DbRow } from './projection.js';
import { historyArb } from './testing/historyArb.js';
import { foldRows, recorded, runCommands } from './testing/orderHistory.js';

const FIRST_NO = 200001;
const histories = historyArb(FIRST_NO, 3).map((steps) => recorded(runCommands(steps)));
const rowsOf = (projection: AnyProjection, events: Parameters<typeof foldRows>[1]) => Object.fromEntries(foldRows<unknown>(projection, events));

const JSONB = ['state', 'lines', 'package_members', 'priorities', 'copies', 'products_to_ship'];
const INT8 = ['no', 'order_no', 'stream_revision', 'revision', 'total_amount', 'shipping_fee', 'package_id', 'copied_from', 'last_order_no', 'last_global_position'];

/** What the database hands back: jsonb parsed, int8 as text, timestamptz as Date (pg's shapes). */
const throughPg = (projection: AnyProjection, row: unknown): unknown => {
  const db: DbRow = projection.toDb(row);
  const raw: DbRow = {};
  for (const [k, v] of Object.entries(db)) {
    // `state` is jsonb on order_list and plain text elsewhere (exchanges): only a JSON text is parsed.
    if (JSONB.includes(k) && typeof v === 'string' && /^[[{]/.test(v)) raw[k] = JSON.parse(v);
    else if (typeof v === 'number' && INT8.includes(k)) raw[k] = String(v);
    else if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) raw[k] = new Date(v);
    else raw[k] = v;
  }
  return projection.fromDb(raw);
};

describe.each(allProjections.map((p) => [p.name, p] as const))('%s is idempotent', (_name, projection) => {
  it('each event applied twice in a row, and the whole history replayed again, give the same rows', () => {
    fc.assert(
      fc.property(histories, (events) => {
        const once = rowsOf(projection, events);
        expect(rowsOf(projection, events.flatMap((e) => [e, e]))).toEqual(once);
        expect(rowsOf(projection, [...events, ...events])).toEqual(once);
      }),
      { numRuns: 150 },
    );
  });

  it('replaying on rows that went through the database (and back) changes nothing', () => {
    fc.assert(
      fc.property(histories, fc.integer({ min: 0, max: 100 }), (events, cutPercent) => {
        // Stop somewhere, store the rows, and replay everything from the start (a reset checkpoint).
        const cut = Math.floor((events.length * cutPercent) / 100);
        const stored = new Map([...foldRows<unknown>(projection, events.slice(0, cut))].map(([k, r]) => [k, throughPg(projection, r)]));
        expect(Object.fromEntries(foldRows(projection, events, stored))).toEqual(rowsOf(projection, events));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the generated histories', () => {
  it('exercise every order event type (a fixed seed: the generator cannot silently stop producing one)', () => {
    const seen = new Set<OrderEventType>();
    for (const steps of fc.sample(historyArb(FIRST_NO, 3), { numRuns: 400, seed: 20261126 })) {
      for (const { event } of runCommands(steps)) seen.add(event.type);
    }
    expect(ORDER_EVENT_TYPES.filter((t) => !seen.has(t))).toEqual([]);
  });
});

describe('the read models agree with the domain', () => {
  it('order_list rows match the decider state (deleted orders have none); cs_history has one entry per CS action, 완료 as completed; expected_inbound sums 입고예정 less what arrived', () => {
    fc.assert(
      fc.property(historyArb(FIRST_NO, 3), (steps) => {
        const history = runCommands(steps);
        const events = recorded(history);
        const list = foldRows<OrderListRow>(orderListProjection, events);
        const entries = foldRows<CsHistoryRow>(csHistoryProjection, events);
        const inbound = foldRows<ExpectedInboundRow>(expectedInboundProjection, events);

        const states = new Map<number, OrderState>();
        for (const { no, event } of history) states.set(no, evolveOrder(states.get(no) ?? initialOrderState(), event));
        for (const [no, state] of states) {
          if (state.kind !== 'placed') throw new Error('not placed');
          const row = list.get(String(no));
          if (state.deleted) {
            expect(row).toBeUndefined();
            continue;
          }
          expect(row).toMatchObject({
            status: state.status,
            cs_state: csStateOf(state),
            held: state.hold !== null,
            carrier: state.invoice?.carrier ?? null,
            tracking_number: state.invoice?.trackingNumber ?? null,
            package_id: state.package?.id ?? null,
            package_members: state.package?.members ?? [],
            merge_forbidden: state.mergeForbidden,
            priorities: state.priorities,
            return_expected: state.returnExpected,
            pickups: state.pickups,
            exchanges: state.exchanges,
            copied_from: state.copiedFrom?.no ?? null,
            copied_from_whole: state.copiedFrom?.whole ?? null,
            copies: state.copies,
          });
          expect(row?.lines).toEqual(state.lines);
          // No drift: the row's state is the decider's own fold, and every column is derived from it.
          expect(row?.state).toEqual(state);
          expect(row).toMatchObject(columnsOf(state));
          expect(row?.revision).toBe(history.filter((h) => h.no === no).length - 1);
        }

        const csActions = history.filter((h) => !NON_CS_EVENT_TYPES.includes(h.event.type));
        expect([...entries.keys()].sort()).toEqual(csActions.map((h) => h.id).sort());
        const completed = new Set([...states.values()].flatMap((s) => (s.kind === 'placed' ? s.completedEntries : [])));
        for (const entry of entries.values()) expect(entry.processed).toBe(completed.has(entry.entry_id));

        const expected = new Map<string, { quantity: number; pickups: number }>();
        for (const { event } of history) {
          if (event.type !== 'ReturnPickupRequested' && event.type !== 'ExchangeRequested' && event.type !== 'ReturnReceived') continue;
          const sign = event.type === 'ReturnReceived' ? -1 : 1;
          for (const { productCode, quantity } of event.data.inbound ?? []) {
            const was = expected.get(productCode) ?? { quantity: 0, pickups: 0 };
            expected.set(productCode, { quantity: was.quantity + sign * quantity, pickups: was.pickups + (sign > 0 ? 1 : 0) });
          }
        }
        for (const { quantity } of expected.values()) expect(quantity).toBeGreaterThanOrEqual(0);
        expect(Object.fromEntries([...inbound].map(([code, r]) => [code, { quantity: r.quantity, pickups: r.pickups }]))).toEqual(Object.fromEntries(expected));
      }),
      { numRuns: 150 },
    );
  });
});
