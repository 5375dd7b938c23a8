/**
 * One order followed to the end over HTTP, as a CS team works it (seed 003: 회수, 반품관리, 반품통계,
 * 교환예정관리, CS내역조회): shipped; a 회수 with 입고예정 and an expected 동봉 fee; the fee arrives;
 * the goods arrive, one unit damaged (stock moves by the resellable one only); 반품선택완료; then an
 * exchange: its pickup arrives and its replacement order goes through 송장입력 and 배송처리. Every
 * view is checked on the way, and each view's export opens with its Korean headers.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';
import { testDatabases, uniqueSuffix } from '../support/databases.js';

type Json = Record<string, unknown>;
const seoulDay = (d = new Date()) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

describe.each(testDatabases)('a return and an exchange followed to the end on $name', (database) => {
  let t: TestApp;
  const suffix = uniqueSuffix();
  const channel = `반품몰-${suffix}`;
  const productCode = `RT-${suffix}`;

  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const ok = async (key: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, status = 200): Promise<Json> => {
    const res = await t.call(key, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json() as Json;
  };
  const items = async (url: string): Promise<Json[]> => (await ok(t.keys.cs, 'GET', url)).items as Json[];
  const headersOf = async (url: string): Promise<string[]> => {
    const res = await t.call(t.keys.cs, 'GET', url);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return ((book.worksheets[0]?.getRow(1).values as unknown[]) ?? []).filter((v) => v !== undefined && v !== null).map(String);
  };
  const statsToday = async () => {
    const day = seoulDay();
    const rows = await items(`/views/return-stats?from=${day}&to=${day}&groupBy=channel`);
    return rows.find((r) => r.channel === channel) ?? null;
  };

  it('shipment → pickup → fees → arrival → 완료처리 → exchange → replacement shipped, in every view', async () => {
    await ok(t.keys.cs, 'POST', '/products', { code: productCode, name: '반품 냄비', option: '24cm', salePrice: 30000, supplyPrice: 18000, supplier: `공급-${suffix}`, stock: 10 }, 201);
    const placed = await ok(t.keys.integration, 'POST', '/orders', sampleOrder({ channel, channelOrderNo: `RF-${suffix}`, lines: [{ productCode, productName: '반품 냄비', option: '24cm', quantity: 3, unitPrice: 30000 }] }), 201);
    const no = placed.no as number;
    await ok(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await ok(t.keys.cs, 'POST', `/orders/${no}/shipment`, {});

    // 회수 of 2 with 입고예정 and 6,000원 expected in the box (동봉).
    await ok(t.keys.cs, 'POST', `/orders/${no}/pickups`, { lines: [{ lineId: 1, quantity: 2 }], reason: '반품-불량', registerInbound: true, fees: { enclosed: 6000 }, memo: '고객 불량 접수' });
    let [row] = await items(`/views/returns?q=${no}`);
    expect(row).toMatchObject({ no, pickupId: 1, lineId: 1, kind: 'return', reason: 'return_defect', pickedUp: 2, received: 0, state: 'requested', outstanding: 6000, completed: false });
    expect((row?.fees as Json).enclosed).toEqual({ expected: 6000, arrived: 0 });
    expect(await statsToday()).toMatchObject({ reasons: expect.objectContaining({ return_defect: 1 }), total: 1 });

    // The fee arrives; then the goods, one of them damaged.
    await ok(t.keys.cs, 'PUT', `/orders/${no}/pickups/1/fees`, { enclosed: { arrived: 6000 } });
    await ok(t.keys.cs, 'POST', `/orders/${no}/pickups/1/arrival`, { lines: [{ lineId: 1, quantity: 2, damaged: 1 }] });
    [row] = await items(`/views/returns?q=${no}`);
    expect(row).toMatchObject({ received: 2, damaged: 1, state: 'arrived', outstanding: 0 });
    expect((await ok(t.keys.cs, 'GET', `/products/${productCode}`)).stock, 'one resellable unit back in stock, the damaged one not').toBe(11);
    expect((await items(`/views/returns?q=${no}&dateField=arrived&from=${seoulDay()}&to=${seoulDay()}`)).length).toBe(1);

    // 반품선택완료.
    const done = await ok(t.keys.cs, 'POST', '/views/returns/complete', { ids: [row?.id] });
    expect((done.summary as Json).applied).toBe(1);
    [row] = await items(`/views/returns?q=${no}`);
    expect(row).toMatchObject({ state: 'completed', completed: true });
    expect((await ok(t.keys.cs, 'GET', `/orders/${no}`)).returnPickups).toMatchObject([{ pickupId: 1, state: 'completed', outstanding: 0 }]);

    // 교환 of the third unit: a pickup takes it back, a replacement order ships the same product.
    const exchanged = await ok(t.keys.cs, 'POST', `/orders/${no}/exchanges`, { type: '단순교환', lines: [{ lineId: 1, quantity: 1 }], memo: '색상 교환' });
    const replacementNo = exchanged.replacementNo as number;
    expect(replacementNo).toBeGreaterThan(no);
    const exchange = async () => (await items(`/views/exchanges?q=${no}`)).find((x) => x.replacementNo === replacementNo);
    expect(await exchange()).toMatchObject({ no, replacementNo, exchangeType: 'simple', state: 'requested', quantity: 1 });
    expect((await items(`/views/returns?q=${no}`)).find((r) => r.pickupId === 2)).toMatchObject({ kind: 'exchange', exchangeType: 'simple', state: 'requested' });
    expect(await statsToday()).toMatchObject({ reasons: expect.objectContaining({ return_defect: 1 }), exchanges: expect.objectContaining({ simple: 1 }), total: 2 });

    await ok(t.keys.cs, 'POST', `/orders/${no}/pickups/2/arrival`, { lines: [{ lineId: 1, quantity: 1 }] });
    expect(await exchange()).toMatchObject({ state: 'goods_arrived' });
    expect((await ok(t.keys.cs, 'GET', `/products/${productCode}`)).stock, 'the exchange\'s pickup registered no 입고예정 (a second pickup)').toBe(11);

    const replacement = await ok(t.keys.cs, 'GET', `/orders/${replacementNo}`);
    expect(replacement).toMatchObject({ status: 'received', replacementOf: { no, exchangeId: 1, exchangeType: 'simple' }, shippingFee: 0 });
    await ok(t.keys.cs, 'PUT', `/orders/${replacementNo}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await ok(t.keys.cs, 'POST', `/orders/${replacementNo}/shipment`, {});
    expect(await exchange()).toMatchObject({ state: 'replacement_shipped', goodsArrived: true, replacementShipped: true, shippedQuantity: 1 });

    // Both histories name each other's 관리번호.
    const contents = async (n: number) => ((await ok(t.keys.cs, 'GET', `/orders/${n}/history?limit=100`)).items as Json[]).map((e) => String(e.content));
    expect((await contents(no)).some((c) => c.includes(String(replacementNo)))).toBe(true);
    expect((await contents(replacementNo)).some((c) => c.includes(String(no)))).toBe(true);

    // CS내역조회: the order's entries, 일괄완료 by the filter, then none is 미처리.
    const entries = await items(`/views/cs-history?q=${no}&processed=false&limit=100`);
    expect(entries.map((e) => e.workTypeLabel)).toEqual(expect.arrayContaining(['회수', '반품입고', '교환']));
    expect(entries.every((e) => e.no === no || e.no === replacementNo)).toBe(true);
    await ok(t.keys.cs, 'POST', '/views/cs-history/complete', { all: true, channel, processed: false });
    expect(await items(`/views/cs-history?channel=${encodeURIComponent(channel)}&processed=false`)).toEqual([]);

    // The four views as spreadsheets, with the screens' Korean headers.
    expect(await headersOf(`/views/returns?q=${no}&format=xlsx`)).toEqual(expect.arrayContaining(['배송일', '도착일', '수령자', '상품명', '옵션', '상태', '미수', '완료처리']));
    expect(await headersOf(`/views/exchanges?q=${no}&format=xlsx`)).toEqual(expect.arrayContaining(['관리번호']));
    expect(await headersOf(`/views/return-stats?from=${seoulDay()}&to=${seoulDay()}&format=xlsx`)).toEqual(expect.arrayContaining(['날짜', '반품-불량', '단순교환', '상품교환']));
    expect(await headersOf(`/views/cs-history?q=${no}&format=xlsx`)).toEqual(expect.arrayContaining(['등록일', '관리번호', '작업자', 'CS 내역', '처리상태']));
  });
});
