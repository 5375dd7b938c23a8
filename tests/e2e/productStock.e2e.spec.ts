/** 현재고 as the fold of each product's stock stream, over HTTP: counts, 반품입고, the carry-over of the old column. */
import { productStockStreamId } from '@oms/domain';
import { drainStockCarry } from '@oms/api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('현재고 (product_stock) on $name', (database) => {
  let t: TestApp;
  const suffix = uniqueSuffix();
  const pot = `PS-POT-${suffix}`;
  const spoon = `PS-SPN-${suffix}`;

  const ok = async (method: 'POST' | 'PUT', url: string, body?: unknown, headers?: Record<string, string>, key = t.keys.cs) => {
    const res = await t.call(key, method, url, body, headers);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const stockOf = async (code: string) => (await t.call(t.keys.cs, 'GET', `/products/${encodeURIComponent(code)}`)).json().stock as number;
  const stockEvents = async (code: string) => (await t.context.store.readStream(productStockStreamId(code))).events.map((e) => [e.type, e.data]);
  const shipped = async () => {
    const res = await t.call(
      t.keys.cs,
      'POST',
      '/orders',
      sampleOrder({
        lines: [
          { productCode: pot, productName: '스텐 냄비', option: '20cm', quantity: 3, unitPrice: 29400 },
          { productCode: spoon, productName: '티스푼 세트', option: '실버', quantity: 2, unitPrice: 4000 },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const no = (res.json() as { no: number }).no;
    await ok('PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await ok('POST', `/orders/${no}/shipment`, undefined, undefined, t.keys.integration);
    return no;
  };

  beforeAll(async () => {
    t = await startTestApp(database);
    await ok('POST', '/products', { code: pot, name: '스텐 냄비', option: '20cm', salePrice: 29400, supplyPrice: 15000, stock: 40 });
    await ok('POST', '/products', { code: spoon, name: '티스푼 세트', option: '실버', salePrice: 4000, supplyPrice: 2000 });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('a product registered with stock 40 reads 40 (a StockCounted); one registered without reads 0 and has no stream', async () => {
    expect(await stockOf(pot)).toBe(40);
    expect(await stockEvents(pot)).toEqual([['StockCounted', { productCode: pot, quantity: 40, previous: 0 }]]);
    expect(await stockOf(spoon)).toBe(0);
    expect(await stockEvents(spoon)).toEqual([]);
    const list = (await t.call(t.keys.cs, 'GET', `/products?q=PS-POT-${suffix}`)).json();
    expect(list.items[0]).toMatchObject({ code: pot, stock: 40 });
  });

  it('재고 수정 (PUT stock 35) reads 35 with a StockCounted; the same number again appends nothing', async () => {
    expect((await ok('PUT', `/products/${pot}`, { stock: 35 })).stock).toBe(35);
    expect((await stockEvents(pot)).at(-1)).toEqual(['StockCounted', { productCode: pot, quantity: 35, previous: 40 }]);
    expect((await ok('PUT', `/products/${pot}`, { stock: 35, name: '스텐 냄비 ' })).stock).toBe(35);
    expect(await stockEvents(pot)).toHaveLength(2);
    const bad = await t.call(t.keys.cs, 'PUT', `/products/${pot}`, { stock: -1 });
    expect(bad.statusCode).toBe(422);
    expect(await stockEvents(pot)).toHaveLength(2);
    expect((await t.call(t.keys.cs, 'PUT', `/products/NO-SUCH-${suffix}`, { stock: 3 })).statusCode).toBe(404);
    expect(await stockEvents(`NO-SUCH-${suffix}`)).toEqual([]);
  });

  it('반품입고 of a pickup with 입고예정: 3 arrived, 1 damaged → +2 exactly once; a retry with the same Idempotency-Key moves nothing; beyond the pickup is refused', async () => {
    const before = await stockOf(pot);
    const no = await shipped();
    await ok('POST', `/orders/${no}/pickups`, { lines: [{ lineId: 1, quantity: 3 }], reason: 'return_defect', registerInbound: true });
    expect(await stockOf(pot)).toBe(before);
    const arrival = { lines: [{ lineId: 1, quantity: 3, damaged: 1 }] };
    const headers = { 'idempotency-key': `arrival-${suffix}` };
    await ok('POST', `/orders/${no}/pickups/1/arrival`, arrival, headers, t.keys.integration);
    expect(await stockOf(pot)).toBe(before + 2);
    const retried = await t.call(t.keys.integration, 'POST', `/orders/${no}/pickups/1/arrival`, arrival, headers);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(await stockOf(pot)).toBe(before + 2);
    const beyond = await t.call(t.keys.integration, 'POST', `/orders/${no}/pickups/1/arrival`, { lines: [{ lineId: 1, quantity: 1 }] });
    expect(beyond.statusCode, beyond.body).toBe(422);
    expect(beyond.json().code).toBe('RETURN_EXCEEDS_PICKED_UP');
    expect(await stockOf(pot)).toBe(before + 2);
    expect((await stockEvents(pot)).filter(([type]) => type === 'StockReturned')).toEqual([['StockReturned', { productCode: pot, quantity: 2, no, pickupId: 1 }]]);
    const row = await t.context.db.selectFrom('product_stock').selectAll().where('product_code', '=', pot).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ quantity: before + 2, counted_quantity: 35, returned_since_count: 2 });
  });

  it('a pickup without 입고예정 does not move stock when it arrives', async () => {
    const before = await stockOf(spoon);
    const no = await shipped();
    await ok('POST', `/orders/${no}/pickups`, { lines: [{ lineId: 2, quantity: 2 }], reason: 'return_refund', registerInbound: false });
    await ok('POST', `/orders/${no}/pickups/1/arrival`, { lines: [{ lineId: 2, quantity: 2 }] }, undefined, t.keys.integration);
    expect(await stockOf(spoon)).toBe(before);
    expect(await stockEvents(spoon)).toEqual([]);
  });

  it('the stock carried over from the old column (stock_carry) is counted at start, once; a rerun after a crash counts the same number again, which changes nothing', async () => {
    const carried = `PS-OLD-${suffix}`;
    await ok('POST', '/products', { code: carried, name: '옛 재고 상품', option: '', salePrice: 1000, supplyPrice: 500 });
    await t.context.db.insertInto('stock_carry').values({ code: carried, quantity: 17 }).execute();
    expect(await drainStockCarry(t.context)).toBe(1);
    expect(await stockOf(carried)).toBe(17);
    expect(await t.context.db.selectFrom('stock_carry').selectAll().where('code', '=', carried).execute()).toEqual([]);
    // A crash after the count but before the delete: the row is still there at the next start.
    await t.context.db.insertInto('stock_carry').values({ code: carried, quantity: 17 }).execute();
    expect(await drainStockCarry(t.context)).toBe(1);
    expect(await stockOf(carried)).toBe(17);
    expect(await stockEvents(carried)).toEqual([['StockCounted', { productCode: carried, quantity: 17, previous: 0 }]]);
  });

  it('products has no stock column any more; product_stock and stock_carry are documented', async () => {
    const { rows } = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'products'`.execute(t.context.db);
    expect(rows.map((r) => r.column_name)).not.toContain('stock');
    const comments = await sql<{ c: string | null }>`SELECT obj_description(to_regclass('product_stock'), 'pg_class') AS c UNION ALL SELECT obj_description(to_regclass('stock_carry'), 'pg_class')`.execute(t.context.db);
    expect(comments.rows.every((r) => (r.c ?? '').length > 0)).toBe(true);
  });
});
