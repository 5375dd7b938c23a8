/** 반품통계 over HTTP: 회수 per 사유 and 교환 per 교환유형 per Seoul day, grouped by 판매처 / 상품코드, exported. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

const DAY = 86_400_000;
const seoulDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3_600_000 + offsetDays * DAY).toISOString().slice(0, 10);

interface StatsRow {
  date: string;
  channel?: string;
  productCode?: string;
  reasons: Record<string, number>;
  exchanges: Record<string, number>;
  totalReasons: number;
  totalExchanges: number;
  total: number;
}
interface StatsPage {
  items: StatsRow[];
  total: number;
  sums: Omit<StatsRow, 'date'>;
}

describe.each(testDatabases)('반품통계 on $name', (database) => {
  let t: TestApp;
  const suffix = uniqueSuffix();
  const channel = `반품통계몰-${suffix}`;
  const other = `반품통계샵-${suffix}`;
  const pot = `RS-POT-${suffix}`;
  const spoon = `RS-SPN-${suffix}`;
  const [today, yesterday, twoDaysAgo] = [seoulDay(0), seoulDay(-1), seoulDay(-2)];
  let before: StatsPage;

  const ok = async (method: 'POST' | 'PUT', url: string, body?: unknown, key = t.keys.cs) => {
    const res = await t.call(key, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const shipped = async (ch: string) => {
    const res = await t.call(
      t.keys.cs,
      'POST',
      '/orders',
      sampleOrder({
        channel: ch,
        lines: [
          { productCode: pot, productName: '스텐 냄비', option: '20cm', quantity: 3, unitPrice: 29400 },
          { productCode: spoon, productName: '티스푼 세트', option: '실버', quantity: 3, unitPrice: 4000 },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const no = (res.json() as { no: number }).no;
    await ok('PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await ok('POST', `/orders/${no}/shipment`, undefined, t.keys.integration);
    return no;
  };
  const stats = async (query: string, key = t.keys.analyst): Promise<StatsPage> => {
    const res = await t.call(key, 'GET', `/views/return-stats?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as StatsPage;
  };

  beforeAll(async () => {
    t = await startTestApp(database);
    before = await stats(`from=${today}&to=${today}`);
    const a = await shipped(channel);
    const b = await shipped(channel);
    const c = await shipped(other);
    // a: two pickups (defect on the pot; refund on both products) and an exchange of the spoon.
    await ok('POST', `/orders/${a}/pickups`, { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_defect' });
    await ok('POST', `/orders/${a}/pickups`, { lines: [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }], reason: 'return_refund' });
    await ok('POST', `/orders/${a}/exchanges`, { type: 'defect', lines: [{ lineId: 2, quantity: 1 }] });
    // b: a pickup for delay, an exchange 단순교환 of the pot.
    await ok('POST', `/orders/${b}/pickups`, { lines: [{ lineId: 2, quantity: 2 }], reason: 'cancel_delay' });
    await ok('POST', `/orders/${b}/exchanges`, { type: '단순교환', lines: [{ lineId: 1, quantity: 1 }] });
    // c (another channel): one defect pickup of both products.
    await ok('POST', `/orders/${c}/pickups`, { lines: [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }], reason: 'return_defect' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('one row per day of the range, days with nothing as zeros; today counts each pickup under its 사유 and each exchange under its type', async () => {
    const page = await stats(`from=${twoDaysAgo}&to=${today}`);
    expect(page.total).toBe(3);
    expect(page.items.map((r) => r.date)).toEqual([twoDaysAgo, yesterday, today]);
    for (const r of page.items.slice(0, 2)) {
      expect(r).toMatchObject({ totalReasons: 0, totalExchanges: 0, total: 0 });
      expect(Object.keys(r.reasons)).toEqual(['return_refund', 'return_defect', 'return_wrong_delivery', 'cancel_lost', 'cancel_quality', 'cancel_delay']);
      expect(Object.keys(r.exchanges)).toEqual(['simple', 'defect', 'wrong_delivery', 'quality', 'product']);
      expect(Object.values(r.reasons).every((n) => n === 0)).toBe(true);
    }
    const now = page.items[2]!;
    const was = before.items[0]!;
    const delta = (k: 'reasons' | 'exchanges', code: string) => now[k][code]! - was[k][code]!;
    expect([delta('reasons', 'return_defect'), delta('reasons', 'return_refund'), delta('reasons', 'cancel_delay'), delta('reasons', 'cancel_lost')]).toEqual([2, 1, 1, 0]);
    expect([delta('exchanges', 'defect'), delta('exchanges', 'simple'), delta('exchanges', 'product')]).toEqual([1, 1, 0]);
    expect(now.total - was.total).toBe(6);
    expect(now.total).toBe(now.totalReasons + now.totalExchanges);
  });

  it('the range\'s sums equal the pickups and exchanges made, whatever the grouping', async () => {
    for (const groupBy of ['', '&groupBy=channel', '&groupBy=product']) {
      const { sums } = await stats(`from=${twoDaysAgo}&to=${seoulDay(1)}${groupBy}`);
      expect([sums.totalReasons - before.sums.totalReasons, sums.totalExchanges - before.sums.totalExchanges, sums.total - before.sums.total]).toEqual([4, 2, 6]);
    }
  });

  it('groupBy=channel: a row per (day, 판매처)', async () => {
    const page = await stats(`from=${twoDaysAgo}&to=${today}&groupBy=channel&limit=500`);
    const mine = page.items.filter((r) => r.channel === channel || r.channel === other);
    expect(mine.map((r) => [r.date, r.channel, r.totalReasons, r.totalExchanges])).toEqual(
      [
        [today, channel, 3, 2],
        [today, other, 1, 0],
      ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    );
    expect(mine.find((r) => r.channel === channel)?.reasons).toMatchObject({ return_defect: 1, return_refund: 1, cancel_delay: 1 });
  });

  it('groupBy=product: a row per (day, 상품코드), a pickup of two products counted once under each', async () => {
    const page = await stats(`from=${today}&to=${today}&groupBy=product&limit=500`);
    const row = (code: string) => page.items.find((r) => r.productCode === code)!;
    // pot: a/defect, a/refund, c/defect; b/simple exchange. spoon: a/refund, b/delay, c/defect; a/defect exchange.
    expect([row(pot).reasons.return_defect, row(pot).reasons.return_refund, row(pot).exchanges.simple, row(pot).total]).toEqual([2, 1, 1, 4]);
    expect([row(spoon).reasons.return_defect, row(spoon).reasons.return_refund, row(spoon).reasons.cancel_delay, row(spoon).exchanges.defect, row(spoon).total]).toEqual([1, 1, 1, 1, 4]);
  });

  it('a key bound to channels counts only its channels\' orders', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api-keys', payload: { worker: '반품통계샵 연동', role: 'integration', channels: [other] }, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.statusCode, res.body).toBe(201);
    const bound = (res.json() as { key: string }).key;
    const page = await stats(`from=${today}&to=${today}`, bound);
    expect(page.items[0]).toMatchObject({ totalReasons: 1, totalExchanges: 0, total: 1 });
    expect(page.items[0]!.reasons.return_defect).toBe(1);
    expect((await stats(`from=${today}&to=${today}&groupBy=channel`, bound)).items.map((r) => r.channel)).toEqual([other]);
  });

  it('pages over the days (limit/offset), total = every day of the range', async () => {
    const page = await stats(`from=${twoDaysAgo}&to=${today}&limit=1&offset=1`);
    expect(page.total).toBe(3);
    expect(page.items.map((r) => r.date)).toEqual([yesterday]);
  });

  it('a bad range is refused with 422 naming the field', async () => {
    const refused = async (query: string, field: string) => {
      const res = await t.call(t.keys.analyst, 'GET', `/views/return-stats?${query}`);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const p = res.json();
      expect(p.errors?.map((e: { field: string }) => e.field) ?? [p.field]).toContain(field);
    };
    await refused(`to=${today}`, 'from');
    await refused(`from=${today}`, 'to');
    await refused(`from=2026-13-01&to=${today}`, 'from');
    await refused(`from=${today}&to=${twoDaysAgo}`, 'to');
    await refused('from=2025-01-01&to=2026-01-02', 'to');
    await refused(`from=${today}&to=${today}&groupBy=supplier`, 'groupBy');
    await refused(`from=${today}&to=${today}&extra=1`, 'extra');
    expect((await stats('from=2025-01-01&to=2026-01-01')).total).toBe(366);
  });

  it('exports as .xlsx with the seed\'s headers (판매처 when grouped)', async () => {
    const load = async (query: string) => {
      const res = await t.call(t.keys.analyst, 'GET', `/views/return-stats?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return workbook.worksheets[0] as ExcelJS.Worksheet;
    };
    const labels = ['반품-취소(환불)', '반품-불량', '반품-오배송', '취소-분실', '취소-상품품질', '취소-배송지연', '단순교환', '불량교환', '오배송교환', '품질교환', '상품교환', '합계'];
    const sheet = await load(`from=${twoDaysAgo}&to=${today}&format=xlsx`);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['날짜', ...labels]);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).getCell(1).value).toBe(twoDaysAgo);
    expect(sheet.getRow(2).getCell(13).value).toBe(0);
    const grouped = await load(`from=${today}&to=${today}&groupBy=channel&format=xlsx`);
    expect((grouped.getRow(1).values as unknown[]).slice(1)).toEqual(['날짜', '판매처', ...labels]);
    const csv = await t.call(t.keys.analyst, 'GET', `/views/return-stats?from=${today}&to=${today}&groupBy=product&format=csv`);
    expect(csv.body.split('\r\n')[0]).toContain('날짜,상품코드,반품-취소(환불)');
  });
});
