/** return_lines / return_pickups evolve: a 회수 with fees over two lines, its arrival, fees, 완료처리; an exchange's pickup; twice and rebuilt. */
import { describe, expect, it } from 'vitest';
import type { AnyProjection, Recorded } from '../projection.js';
import { uniqueKeysOf } from '../projection.js';
import type { ReturnsEvent } from './projection.js';
import { evolveReturnLine, evolveReturnPickup, returnLinesProjection, returnPickupsProjection } from './projection.js';

let position = 0;
const recorded = <E extends ReturnsEvent>(type: E['type'], data: E['data'], meta: { actor?: string; memo?: string; at?: string } = {}): Recorded<ReturnsEvent> =>
  ({
    id: `e${position}`,
    streamId: 'order-100001',
    streamRevision: position,
    type,
    data,
    metadata: { actor: meta.actor ?? 'cs.kim', role: 'cs', occurredAt: meta.at ?? '2026-12-01T03:00:00.000Z', schemaVersion: 1, ...(meta.memo ? { memo: meta.memo } : {}) },
    position: String(++position).padStart(10, '0'),
    recordedAt: '2026-12-01T03:00:01.000Z',
  }) as Recorded<ReturnsEvent>;

const fold = (projection: AnyProjection, events: readonly Recorded<ReturnsEvent>[], table = new Map<string, unknown>()) => {
  for (const e of events) {
    if (!(projection.handles as readonly string[]).includes(e.type)) continue;
    for (const k of uniqueKeysOf(projection, e)) {
      const next = projection.evolve(table.get(String(k)) ?? null, e, k);
      if (next === null) table.delete(String(k));
      else table.set(String(k), next);
    }
  }
  return table;
};

const no = 100001;
const fees = { site: { expected: 3000, arrived: 3000 }, enclosed: { expected: 2000, arrived: 0 }, transfer: { expected: 0, arrived: 0 } };
const history = (): Recorded<ReturnsEvent>[] => [
  recorded('ReturnPickupRequested', { no, pickupId: 1, lines: [{ lineId: 2, quantity: 1 }, { lineId: 1, quantity: 2 }], reason: 'return_refund', registerInbound: true, inbound: [], repeated: false, fees: { site: 3000, enclosed: 2000 }, claim: { channel: '스마트스토어', cancellationId: 'CL-1' } }),
  recorded('ReturnReceived', { no, pickupId: 1, lines: [{ lineId: 1, quantity: 1 }], damaged: [{ lineId: 1, quantity: 1 }], inbound: [] }, { at: '2026-12-02T03:00:00.000Z' }),
  recorded('ReturnFeesRecorded', { no, pickupId: 1, fees, reason: null }),
  recorded('ReturnReceived', { no, pickupId: 1, lines: [{ lineId: 1, quantity: 1 }], inbound: [] }, { at: '2026-12-03T03:00:00.000Z' }),
  recorded('ReturnCompleted', { no, pickupId: 1, outstanding: 2000, notArrived: 1 }, { actor: 'cs.lee', memo: '미수 합의' }),
  recorded('ExchangeRequested', { no, exchangeId: 1, exchangeType: 'defect', lines: [{ lineId: 1, quantity: 1 }], pickupId: 2, replacementNo: 100002, registerInbound: false, inbound: [] }),
  recorded('ExchangeRequested', { no, exchangeId: 2, exchangeType: 'simple', lines: [{ lineId: 1, quantity: 1 }] }),
];

describe('return_lines and return_pickups', () => {
  it('a 회수 opens a row per line (the first listed is the fee row) and its pickup with the expected fees', () => {
    const [requested] = history();
    expect(returnLinesProjection.keysOf(requested!)).toEqual([`${no}-1-2`, `${no}-1-1`]);
    expect(evolveReturnLine(null, requested!, `${no}-1-2`)).toMatchObject({ pickup_key: `${no}-1`, line_id: 2, fee_row: true, picked_up_quantity: 1, received_quantity: 0, arrived_at: null });
    expect(evolveReturnLine(null, requested!, `${no}-1-1`)).toMatchObject({ fee_row: false, picked_up_quantity: 2 });
    expect(evolveReturnPickup(null, requested!)).toMatchObject({ id: `${no}-1`, kind: 'return', reason: 'return_refund', site_expected: 3000, enclosed_expected: 2000, outstanding: 5000, claim_channel: '스마트스토어', claim_cancellation_id: 'CL-1', requested_by: 'cs.kim', completed: false });
  });

  it('arrivals add up (arrived_at the first), fees replace, 완료처리 keeps who and the memo', () => {
    const lines = fold(returnLinesProjection, history());
    expect(lines.get(`${no}-1-1`)).toMatchObject({ received_quantity: 2, damaged_quantity: 1, arrived_at: '2026-12-02T03:00:00.000Z' });
    expect(lines.get(`${no}-1-2`)).toMatchObject({ received_quantity: 0, arrived_at: null });
    const pickups = fold(returnPickupsProjection, history());
    expect(pickups.get(`${no}-1`)).toMatchObject({ received_quantity: 2, site_arrived: 3000, outstanding: 2000, completed: true, completed_by: 'cs.lee', completion_memo: '미수 합의', completed_at: '2026-12-01T03:00:00.000Z' });
  });

  it('an exchange\'s pickup is a row of kind exchange; an exchange without a pickup opens none', () => {
    const pickups = fold(returnPickupsProjection, history());
    expect(pickups.get(`${no}-2`)).toMatchObject({ kind: 'exchange', reason: null, exchange_type: 'defect', exchange_id: 1, replacement_no: 100002, picked_up_quantity: 1 });
    expect([...pickups.keys()]).toEqual([`${no}-1`, `${no}-2`]);
    expect([...fold(returnLinesProjection, history()).keys()]).toEqual([`${no}-1-2`, `${no}-1-1`, `${no}-2-1`]);
  });

  it('fees and 완료처리 of a pickup without its row open none', () => {
    expect(evolveReturnPickup(null, history()[2]!)).toBeNull();
    expect(evolveReturnLine(null, history()[1]!, `${no}-1-1`)).toBeNull();
  });

  it.each([returnLinesProjection, returnPickupsProjection] as AnyProjection[])('%s: each event twice, the history twice and a rebuild from stored rows give the same rows', (projection) => {
    const events = history();
    const once = Object.fromEntries(fold(projection, events));
    expect(Object.fromEntries(fold(projection, events.flatMap((e) => [e, e])))).toEqual(once);
    expect(Object.fromEntries(fold(projection, [...events, ...events]))).toEqual(once);
    const stored = new Map([...fold(projection, events.slice(0, 3))].map(([k, r]) => [k, projection.fromDb(projection.toDb(r))]));
    expect(Object.fromEntries(fold(projection, events, stored))).toEqual(once);
  });
});
