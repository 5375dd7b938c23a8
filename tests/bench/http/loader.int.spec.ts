/**
 * The load bench's loader (loader.ts) through the real command path: 50 orders appear in the CS
 * window, with the CS history their fate gave them (held ones held, shipped ones with a tracking number).
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp } from '../../support/app.js';
import { testDatabases } from '../../support/databases.js';
import { emptyLoaded, loadOrders } from './loader.js';
import { fateOf } from './orderData.js';

describe.each(testDatabases)('the load bench loader on $name', (database) => {
  it('loads 50 orders, then 30 more, into order_list with their CS history', async () => {
    const { context } = await startTestApp(database);
    const loaded = emptyLoaded();
    const first = await loadOrders(context, loaded, 50);
    expect(first.orders).toBe(50);
    await loadOrders(context, loaded, 80);
    const nos = [...loaded.nos.slice(0, loaded.count)];
    expect(new Set(nos).size).toBe(80);
    const { rows } = await sql<{ no: number; held: boolean; tracking_number: string | null }>`
      SELECT no, held, tracking_number FROM order_list WHERE no = ANY(${nos}::bigint[])`.execute(context.db);
    expect(rows).toHaveLength(80);
    const byNo = new Map(rows.map((r) => [Number(r.no), r]));
    nos.forEach((no, i) => {
      const row = byNo.get(no);
      expect(row?.held, `order ${i} (${fateOf(i)})`).toBe(['held', 'claimWithdrawn'].includes(fateOf(i))); // a claim on 접수 holds the order
      expect(row?.tracking_number !== null, `order ${i} (${fateOf(i)})`).toBe(['shipped', 'returned', 'claimShipped'].includes(fateOf(i)));
    });
  });
});
