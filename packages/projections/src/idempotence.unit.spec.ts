/**
 * "Runs twice, same result": every projection, over random realistic histories (commands through
 * the OrderDecider, several orders interleaved, with CS memos), gives the same rows when each event
 * is applied twice in a row, and when the whole history is replayed on top of itself.
 */
import type { OrderState } from '@oms/domain';
import { OrderDecider } from '@oms/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsHistoryRow } from './csHistory.js';
import { allProjections } from './index.js';
import type { OrderListRow } from './orderList.js';
import { orderListProjection } from './orderList.js';
import { csHistoryProjection } from './csHistory.js';
import type { AnyProjection, DbRow } from './projection.js';
import { foldRows, historyArb, recorded, runCommands } from './testing/orderHistory.js';

const FIRST_NO = 200001;
const histories = historyArb(FIRST_NO, 3).map((steps) => recorded(runCommands(steps)));
const rowsOf = (projection: AnyProjection, events: Parameters<typeof foldRows>[1]) => Object.fromEntries(foldRows<unknown>(projection, events));

/** What the database hands back: jsonb parsed, int8 as text, timestamptz as Date (pg's shapes). */
const throughPg = (projection: AnyProjection, row: unknown): unknown => {
  const db: DbRow = projection.toDb(row);
  const raw: DbRow = {};
  for (const [k, v] of Object.entries(db)) {
    if (k === 'lines') raw[k] = JSON.parse(v as string);
    else if (typeof v === 'number' && ['no', 'order_no', 'stream_revision', 'revision', 'total_amount', 'shipping_fee'].includes(k)) raw[k] = String(v);
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

describe('the read models agree with the domain', () => {
  it('order_list rows match the decider state; cs_history has one entry per event', () => {
    fc.assert(
      fc.property(historyArb(FIRST_NO, 3), (steps) => {
        const history = runCommands(steps);
        const events = recorded(history);
        const list = foldRows<OrderListRow>(orderListProjection, events);
        const entries = foldRows<CsHistoryRow>(csHistoryProjection, events);
        expect(entries.size).toBe(events.length);
        const states = new Map<number, OrderState>();
        for (const { no, event } of history) states.set(no, OrderDecider.evolve(states.get(no) ?? OrderDecider.initialState(), event));
        for (const [no, state] of states) {
          if (state.kind !== 'placed') throw new Error('not placed');
          const row = list.get(String(no));
          expect(row).toMatchObject({
            status: state.status,
            held: state.hold !== null,
            carrier: state.invoice?.carrier ?? null,
            tracking_number: state.invoice?.trackingNumber ?? null,
          });
          expect(row?.lines).toEqual(state.lines);
          expect(row?.revision).toBe(history.filter((h) => h.no === no).length - 1);
        }
      }),
      { numRuns: 100 },
    );
  });
});
