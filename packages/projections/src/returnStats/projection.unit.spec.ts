import { describe, expect, it } from 'vitest';
import type { ReturnStatRow } from './projection.js';
import { evolveReturnStat, returnStatsProjection, seoulDayOf } from './projection.js';
import { daysBetween, returnStatsDays } from './queries.js';
import type { RecordedOrderEvent } from '../projection.js';
import type { StepSpec } from '../testing/orderHistory.js';
import { foldRows, placeOrder, recorded, runCommands } from '../testing/orderHistory.js';

const [A, B, R] = [100301, 100302, 100399];
const shipped = (no: number): (readonly [number, StepSpec])[] => [
  [no, placeOrder(no)],
  [no, { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: `${no}0000` } }],
  [no, { type: 'ShipOrder', data: {} }],
];
const history = (start?: string) =>
  recorded(
    runCommands(
      [
        ...shipped(A),
        ...shipped(B),
        [A, { type: 'RequestReturnPickup', data: { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_defect' } }],
        [A, { type: 'RequestReturnPickup', data: { lines: [{ lineId: 2, quantity: 1 }], reason: 'cancel_delay' } }],
        [B, { type: 'RequestExchange', data: { exchangeType: 'wrong_delivery', lines: [{ lineId: 1, quantity: 1 }], replacementNo: R } }],
      ] as (readonly [number, StepSpec])[],
      start,
    ),
  );
const facts = (events: readonly RecordedOrderEvent[]) => Object.fromEntries(foldRows<ReturnStatRow>(returnStatsProjection, events));

describe('return_stats (반품통계 facts)', () => {
  it('one fact per 회수 under its 사유 and per 교환 under its 교환유형, on the Seoul day', () => {
    const rows = facts(history());
    expect(Object.values(rows).map((r) => [r.id, r.kind, r.code, r.day, r.quantity])).toEqual([
      [`${A}/pickup/1`, 'pickup', 'return_defect', '2026-11-26', 1],
      [`${A}/pickup/2`, 'pickup', 'cancel_delay', '2026-11-26', 1],
      [`${B}/exchange/1`, 'exchange', 'wrong_delivery', '2026-11-26', 1],
    ]);
  });

  it('the day is Asia/Seoul: 23:59 UTC+9 and 00:00 UTC+9 fall on different days', () => {
    expect(seoulDayOf('2026-11-26T14:59:59.999Z')).toBe('2026-11-26');
    expect(seoulDayOf('2026-11-26T15:00:00.000Z')).toBe('2026-11-27');
    // Commands a minute apart: the pickups and the exchange are steps 6–8.
    const rows = facts(history('2026-11-26T14:54:00.000Z'));
    expect(Object.values(rows).map((r) => r.day)).toEqual(['2026-11-27', '2026-11-27', '2026-11-27']);
    expect(Object.values(facts(history('2026-11-26T14:52:00.000Z'))).map((r) => r.day)).toEqual(['2026-11-26', '2026-11-26', '2026-11-27']);
  });

  it('is idempotent: an event applied twice, or the history replayed on its rows, changes nothing; a rebuild equals live', () => {
    const events = history();
    const live = facts(events);
    const fact = events.find((e) => e.type === 'ReturnPickupRequested')!;
    const row = evolveReturnStat(null, fact as never)!;
    expect(evolveReturnStat(row, fact as never)).toBe(row);
    expect(facts(events.flatMap((e) => [e, e]))).toEqual(live);
    const stored = foldRows<ReturnStatRow>(returnStatsProjection, events.slice(0, 8));
    expect(Object.fromEntries(foldRows(returnStatsProjection, events, stored))).toEqual(live);
  });

  it('toDb/fromDb round-trip, also from pg-style values', () => {
    const [row] = Object.values(facts(history()));
    const db = returnStatsProjection.toDb(row!);
    expect(returnStatsProjection.fromDb({ ...db, lines: JSON.parse(db.lines as string), no: String(row!.no), occurred_at: new Date(row!.occurred_at) })).toEqual(row);
  });
});

describe('the day rows', () => {
  it('every day of the range, zero days included; grouped rows only where there are counts', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    const counts = [
      { day: '2026-02-28', group: null, kind: 'pickup' as const, code: 'return_refund', count: 2 },
      { day: '2026-02-28', group: null, kind: 'exchange' as const, code: 'product', count: 1 },
    ];
    const rows = returnStatsDays({ from: '2026-02-27', to: '2026-03-01' }, counts);
    expect(rows.map((r) => [r.date, r.totalReasons, r.totalExchanges, r.total])).toEqual([
      ['2026-02-27', 0, 0, 0],
      ['2026-02-28', 2, 1, 3],
      ['2026-03-01', 0, 0, 0],
    ]);
    expect(rows[1]!.reasons).toEqual({ return_refund: 2, return_defect: 0, return_wrong_delivery: 0, cancel_lost: 0, cancel_quality: 0, cancel_delay: 0 });
    expect(rows[1]!.exchanges).toEqual({ simple: 0, defect: 0, wrong_delivery: 0, quality: 0, product: 1 });
    const grouped = returnStatsDays({ from: '2026-02-27', to: '2026-03-01', groupBy: 'channel' }, counts.map((c) => ({ ...c, group: '쿠팡' })));
    expect(grouped.map((r) => [r.date, r.group, r.total])).toEqual([['2026-02-28', '쿠팡', 3]]);
  });
});
