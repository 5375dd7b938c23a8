import { describe, expect, it } from 'vitest';
import type { ExpectedInboundRow } from './projection.js';
import { evolveExpectedInbound, expectedInboundProjection } from './projection.js';
import type { RecordedOrderEvent } from '../projection.js';
import type { StepSpec } from '../testing/orderHistory.js';
import { foldRows, placeOrder, recorded, runCommands } from '../testing/orderHistory.js';

const [A, B] = [100201, 100202];
const shipped = (no: number): (readonly [number, StepSpec])[] => [
  [no, placeOrder(no)],
  [no, { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: `${no}0000` } }],
  [no, { type: 'ShipOrder', data: {} }],
];
const pickup = (no: number, lines: readonly { lineId: number; quantity: number }[], registerInbound?: boolean): readonly [number, StepSpec] => [
  no,
  { type: 'RequestReturnPickup', data: { lines, reason: 'return_defect', ...(registerInbound === undefined ? {} : { registerInbound }) } },
];
const pickups = (events: readonly RecordedOrderEvent[]) => events.filter((e) => e.type === 'ReturnPickupRequested');
const table = (events: readonly RecordedOrderEvent[]) =>
  Object.fromEntries([...foldRows<ExpectedInboundRow>(expectedInboundProjection, events)].map(([code, r]) => [code, [r.quantity, r.pickups, r.last_order_no]]));

describe('expected_inbound (입고예정)', () => {
  it('sums the registered quantities per product over every order, counting the pickups', () => {
    const events = recorded(
      runCommands([
        ...shipped(A),
        ...shipped(B),
        pickup(A, [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 1 }]),
        pickup(B, [{ lineId: 1, quantity: 1 }]),
      ]),
    );
    expect(pickups(events)).toHaveLength(2);
    expect(table(events)).toEqual({ 'P-100': [3, 2, B], 'P-200': [1, 1, A] });
    expect(expectedInboundProjection.keysOf(pickups(events)[0]!)).toEqual(['P-100', 'P-200']);
  });

  it('a pickup without 입고예정 (asked so, or a repeated pickup by default) adds nothing and touches no row', () => {
    const events = recorded(
      runCommands([
        ...shipped(A),
        pickup(A, [{ lineId: 1, quantity: 1 }], false),
        pickup(A, [{ lineId: 1, quantity: 1 }]),
        pickup(A, [{ lineId: 2, quantity: 1 }], true),
      ]),
    );
    const [asked, repeated, registered] = pickups(events);
    expect([asked, repeated, registered].map((e) => e?.type === 'ReturnPickupRequested' && [e.data.registerInbound, e.data.repeated])).toEqual([
      [false, false],
      [false, true],
      [true, true],
    ]);
    expect(expectedInboundProjection.keysOf(asked!)).toEqual([]);
    expect(expectedInboundProjection.keysOf(repeated!)).toEqual([]);
    expect(table(events)).toEqual({ 'P-200': [1, 1, A] });
  });

  it('an exchange\'s pickup with 입고예정 counts like a 회수, and its arrival takes it off', () => {
    const events = recorded(
      runCommands([
        ...shipped(A),
        [A, { type: 'RequestExchange', data: { exchangeType: 'defect', lines: [{ lineId: 1, quantity: 2 }], replacementNo: 100299 } }],
        [A, { type: 'ReceiveReturn', data: { pickupId: 1, lines: [{ lineId: 1, quantity: 1 }] } }],
      ]),
    );
    const exchange = events.find((e) => e.type === 'ExchangeRequested');
    expect(exchange && expectedInboundProjection.keysOf(exchange)).toEqual(['P-100']);
    expect(table(events)).toEqual({ 'P-100': [1, 1, A] });
  });

  it('is idempotent by global position: the same event again, or any event at or before the last applied one, changes nothing', () => {
    const events = pickups(recorded(runCommands([...shipped(A), ...shipped(B), pickup(A, [{ lineId: 1, quantity: 2 }]), pickup(B, [{ lineId: 1, quantity: 1 }])])));
    const [first, second] = events;
    const once = evolveExpectedInbound(null, first!, 'P-100')!;
    expect(once).toMatchObject({ product_code: 'P-100', quantity: 2, pickups: 1, last_position: first!.position });
    expect(evolveExpectedInbound(once, first!, 'P-100')).toBe(once);
    const twice = evolveExpectedInbound(once, second!, 'P-100')!;
    expect(twice).toMatchObject({ quantity: 3, pickups: 2, last_order_no: B, last_position: second!.position, updated_at: second!.recordedAt });
    expect(evolveExpectedInbound(twice, first!, 'P-100')).toBe(twice);
    expect(evolveExpectedInbound(twice, second!, 'P-100')).toBe(twice);
  });

  it('an event that registered nothing for the product leaves the row alone', () => {
    const [e] = pickups(recorded(runCommands([...shipped(A), pickup(A, [{ lineId: 1, quantity: 1 }])])));
    expect(evolveExpectedInbound(null, e!, 'P-999')).toBeNull();
  });

  it('toDb/fromDb round-trip, also from pg-style values (int8 as text, timestamptz as Date)', () => {
    const [row] = foldRows<ExpectedInboundRow>(expectedInboundProjection, recorded(runCommands([...shipped(A), pickup(A, [{ lineId: 1, quantity: 1 }])]))).values();
    const db = expectedInboundProjection.toDb(row!);
    expect(db.last_position).toBe(row!.last_position);
    expect(expectedInboundProjection.fromDb(db)).toEqual(row);
    const asPg = { ...db, last_order_no: String(row!.last_order_no), updated_at: new Date(row!.updated_at) };
    expect(expectedInboundProjection.fromDb(asPg)).toEqual(row);
  });
});
