/** The per-product lists: GET /orders?productCode= pages in 우선순위 order; the 우선순위 list holds only the orders still to ship it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('per-product lists on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const ok = async (method: 'POST' | 'PUT', url: string, body?: unknown) => {
    const res = await t.call(t.keys.cs, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  it('pages the product filter in the domain\'s 우선순위 order; shipped or wholly cancelled lines are not 우선순위 holders', async () => {
    const code = `PAGE-${uniqueSuffix()}`;
    await ok('POST', '/products', { code, name: '페이지 상품', option: '', salePrice: 1000, supplyPrice: 500, stock: 9 });
    const line = { productCode: code, productName: '페이지 상품', option: '', quantity: 1, unitPrice: 1000 };
    const other = { productCode: `${code}-B`, productName: '다른 상품', option: '', quantity: 1, unitPrice: 500 };
    const create = async (lines: unknown[]) => ((await ok('POST', '/orders', sampleOrder({ lines }))) as { no: number }).no;
    const [a, b, c, d] = [await create([line]), await create([line]), await create([line]), await create([line])];
    const shipped = await create([line]);
    const cancelled = await create([line, other]);
    await ok('PUT', `/orders/${shipped}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await ok('POST', `/orders/${shipped}/shipment`);
    await ok('POST', `/orders/${cancelled}/lines/1/cancel`, { quantity: 1, reason: 'cancel_quality' });
    await ok('PUT', `/orders/${c}/priority`, { productCode: code, position: 'top' });
    await ok('PUT', `/orders/${a}/priority`, { productCode: code, position: 'bottom' });

    const ranking = (await t.call(t.keys.analyst, 'GET', `/products/${code}/priority`)).json() as { items: { no: number; rank: number }[]; total: number };
    expect(ranking.items.map((i) => i.no)).toEqual([c, b, d, a]);
    expect(ranking.total).toBe(4);

    // The list filter names every order with a line of the product: priority 0 ones by 관리번호 after the ranked ones, a last.
    const all = [c, b, d, shipped, cancelled, a];
    const page = async (limit: number, offset: number) => {
      const res = (await t.call(t.keys.cs, 'GET', `/orders?productCode=${code}&limit=${limit}&offset=${offset}`)).json() as { items: { no: number }[]; total: number };
      expect(res.total).toBe(all.length);
      return res.items.map((i) => i.no);
    };
    expect(await page(50, 0)).toEqual(all);
    expect(await page(2, 1)).toEqual(all.slice(1, 3));
    expect(await page(4, 4)).toEqual(all.slice(4));
    expect(await page(2, 6)).toEqual([]);
  });
});
