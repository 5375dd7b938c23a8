import { countStockPlan, productStockStreamId } from '@oms/domain';
import type { ProductStockEvent } from '@oms/domain';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../projection.js';
import type { ProductStockRow } from './projection.js';
import { evolveProductStockRow, productStockProjection } from './projection.js';

const at = (i: number) => new Date(Date.parse('2026-11-26T01:00:00.000Z') + i * 60_000).toISOString();
const stream = (code: string, events: readonly ProductStockEvent[], first = 0): Recorded<ProductStockEvent>[] =>
  events.map((e, i) => ({
    id: `${code}-${first + i}`,
    streamId: productStockStreamId(code),
    streamRevision: first + i,
    type: e.type,
    data: e.data,
    metadata: { actor: 'cs.kim', role: 'cs', occurredAt: at(first + i), schemaVersion: 1 },
    position: String(first + i + 1).padStart(12, '0'),
    recordedAt: at(first + i),
  }) as Recorded<ProductStockEvent>);
const fold = (events: readonly Recorded<ProductStockEvent>[], table = new Map<string, ProductStockRow>()) => {
  for (const e of events) {
    for (const k of productStockProjection.keysOf(e)) {
      const next = evolveProductStockRow(table.get(String(k)) ?? null, e);
      if (next) table.set(String(k), next);
    }
  }
  return table;
};

const history = stream('P-1', [
  { type: 'StockCounted', data: { productCode: 'P-1', quantity: 40, previous: 0 } },
  { type: 'StockReturned', data: { productCode: 'P-1', quantity: 2, no: 100401, pickupId: 1 } },
  { type: 'StockReturned', data: { productCode: 'P-1', quantity: 1, no: 100402, pickupId: 1 } },
  { type: 'StockCounted', data: { productCode: 'P-1', quantity: 35, previous: 43 } },
  { type: 'StockReturned', data: { productCode: 'P-1', quantity: 3, no: 100403, pickupId: 2 } },
]);

describe('product_stock (현재고)', () => {
  it('a count sets it, returns add to it; the last count and what came back since are kept', () => {
    const after3 = fold(history.slice(0, 3)).get('P-1')!;
    expect(after3).toMatchObject({ quantity: 43, counted_quantity: 40, returned_since_count: 3, last_counted_at: at(0), stream_revision: 2 });
    expect(fold(history).get('P-1')).toMatchObject({ quantity: 38, counted_quantity: 35, returned_since_count: 3, last_counted_at: at(3), stream_revision: 4, updated_at: at(4) });
  });

  it('returns before any count: counted_quantity null', () => {
    const [e] = stream('P-2', [{ type: 'StockReturned', data: { productCode: 'P-2', quantity: 2, no: 1, pickupId: 1 } }]);
    expect(evolveProductStockRow(null, e!)).toMatchObject({ quantity: 2, counted_quantity: null, last_counted_at: null });
  });

  it('is idempotent by stream revision: events twice, or replayed on stored rows, change nothing; a rebuild equals live', () => {
    const live = fold(history);
    expect(fold(history.flatMap((e) => [e, e]))).toEqual(live);
    const row = live.get('P-1')!;
    for (const e of history) expect(evolveProductStockRow(row, e)).toBe(row);
    const stored = new Map([...fold(history.slice(0, 2))].map(([k, r]) => [k, productStockProjection.fromDb(productStockProjection.toDb(r))]));
    expect(fold(history, stored)).toEqual(live);
  });

  it('agrees with the domain plan: countStockPlan emits the StockCounted the row takes', () => {
    const plan = countStockPlan('P-1', 40, { actor: 'cs.kim', role: 'cs', occurredAt: at(0) } as never);
    const events = plan.decide(new Map()).get(productStockStreamId('P-1'))!;
    expect(evolveProductStockRow(null, stream('P-1', events as ProductStockEvent[])[0]!)).toMatchObject({ quantity: 40 });
  });

  it('toDb/fromDb round-trip, also from pg-style values', () => {
    const row = fold(history).get('P-1')!;
    const db = productStockProjection.toDb(row);
    expect(productStockProjection.fromDb({ ...db, stream_revision: String(row.stream_revision), updated_at: new Date(row.updated_at), last_counted_at: new Date(row.last_counted_at!) })).toEqual(row);
  });
});
