/** exchanges evolve: opened by ExchangeRequested with a replacement, moved by its pickup's arrival and the replacement's 송장 / 배송. */
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../projection.js';
import type { ExchangesEvent } from './projection.js';
import { evolveExchange, exchangesProjection } from './projection.js';

let position = 0;
const recorded = <E extends ExchangesEvent>(type: E['type'], data: E['data'], at = '2026-12-01T03:00:00.000Z'): Recorded<ExchangesEvent> =>
  ({
    id: `e${position}`,
    streamId: `order-${(data as { no: number }).no}`,
    streamRevision: 0,
    type,
    data,
    metadata: { actor: 'cs.kim', role: 'cs', occurredAt: at, schemaVersion: 1 },
    position: String(++position).padStart(10, '0'),
    recordedAt: at,
  }) as Recorded<ExchangesEvent>;

const fold = (events: readonly Recorded<ExchangesEvent>[], table = new Map<number, ReturnType<typeof evolveExchange>>()) => {
  for (const e of events) {
    for (const k of exchangesProjection.keysOf(e)) {
      const next = evolveExchange(table.get(Number(k)) ?? null, e);
      if (next === null) table.delete(Number(k));
      else table.set(Number(k), next);
    }
  }
  return table;
};

const requested = () => recorded('ExchangeRequested', { no: 100001, exchangeId: 1, exchangeType: 'defect', lines: [{ lineId: 1, quantity: 2 }], pickupId: 1, replacementNo: 100002, registerInbound: false, inbound: [] });
const arrived = (quantity: number, at: string) => recorded('ReturnReceived', { no: 100001, pickupId: 1, lines: [{ lineId: 1, quantity }], inbound: [], exchange: { exchangeId: 1, replacementNo: 100002 } }, at);
const invoiced = () => recorded('InvoiceEntered', { no: 100002, carrier: 'cj', trackingNumber: '123456789012', replaces: null });
const shipped = () => recorded('OrderShipped', { no: 100002, lines: [{ lineId: 1, quantity: 2 }] }, '2026-12-04T03:00:00.000Z');

describe('exchanges', () => {
  it('교환요청 → 회수도착 (all units back) → 교환출고, with the replacement\'s 송장', () => {
    expect(exchangesProjection.keysOf(requested())).toEqual([100002]);
    const events = [requested(), arrived(1, '2026-12-02T03:00:00.000Z')];
    expect(fold(events).get(100002)).toMatchObject({ no: 100001, state: 'requested', received_quantity: 1, goods_arrived: false, arrived_at: '2026-12-02T03:00:00.000Z' });
    events.push(arrived(1, '2026-12-03T03:00:00.000Z'));
    expect(fold(events).get(100002)).toMatchObject({ state: 'goods_arrived', goods_arrived: true, arrived_at: '2026-12-02T03:00:00.000Z' });
    events.push(invoiced(), shipped());
    expect(fold(events).get(100002)).toMatchObject({ state: 'replacement_shipped', replacement_shipped: true, shipped_quantity: 2, tracking_number: '123456789012', carrier: 'cj', shipped_at: '2026-12-04T03:00:00.000Z' });
  });

  it('the replacement may ship before the goods arrive: shipped wins, goods_arrived stays its own flag', () => {
    const row = fold([requested(), shipped()]).get(100002);
    expect(row).toMatchObject({ state: 'replacement_shipped', goods_arrived: false, replacement_shipped: true });
  });

  it('another order\'s 송장 / 배송 and an exchange without a replacement open no row', () => {
    expect(fold([recorded('OrderShipped', { no: 100009, lines: [] }), recorded('ExchangeRequested', { no: 100001, exchangeId: 2, exchangeType: 'simple', lines: [{ lineId: 1, quantity: 1 }] })]).size).toBe(0);
  });

  it('each event twice, the history twice and a rebuild from stored rows give the same rows', () => {
    const events = [requested(), arrived(2, '2026-12-02T03:00:00.000Z'), invoiced(), shipped()];
    const once = Object.fromEntries(fold(events));
    expect(Object.fromEntries(fold(events.flatMap((e) => [e, e])))).toEqual(once);
    expect(Object.fromEntries(fold([...events, ...events]))).toEqual(once);
    const stored = new Map([...fold(events.slice(0, 2))].map(([k, r]) => [k, r && exchangesProjection.fromDb(exchangesProjection.toDb(r))]));
    expect(Object.fromEntries(fold(events, stored))).toEqual(once);
  });
});
