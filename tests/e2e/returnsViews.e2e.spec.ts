/**
 * 반품관리 and 교환예정관리 over HTTP: a 회수 with fees, its arrival (one damaged), 미수, the filters,
 * 반품선택완료 refused without a memo and done with one; an exchange through arrival and the
 * replacement's shipment; the exports; a pickup answering a 취소결과조회 row marks it 처리.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

type Row = Record<string, unknown> & { id: string; state: string };

describe.each(testDatabases)('반품관리 / 교환예정관리 on $name', (database) => {
  let t: TestApp;
  const suffix = uniqueSuffix();
  let seq = 0;
  const CHANNEL = '11번가 법인';
  const SUPPLIER = `공급-${suffix}`;
  const productCode = `RT-${suffix}`;

  beforeAll(async () => {
    t = await startTestApp(database);
    const created = await t.call(t.keys.cs, 'POST', '/products', { code: productCode, name: '반품 냄비', option: '대', salePrice: 10000, supplyPrice: 6000, supplier: SUPPLIER, stock: 10 });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const ok = async (method: 'POST' | 'PUT', url: string, body?: unknown) => {
    const res = await t.call(t.keys.cs, method, url, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };
  /** A shipped order: 2 of our product (line 1), 1 주걱 (line 2). */
  const shippedOrder = async () => {
    const channelOrderNo = `RO-${suffix}-${seq++}`;
    const lines = [{ productCode, productName: '반품 냄비', option: '대', quantity: 2, unitPrice: 10000 }, sampleOrder().lines[1]].map((l, i) => ({ ...l, channelLineNo: `${channelOrderNo}-${i + 1}` }));
    const res = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channelOrderNo, lines }));
    expect(res.statusCode, res.body).toBe(201);
    const no = (res.json() as { no: number }).no;
    await ok('PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await ok('POST', `/orders/${no}/shipment`);
    return { no, channelOrderNo };
  };
  const view = async (path: string, query: Record<string, string>) => {
    const res = await t.call(t.keys.cs, 'GET', `${path}?${new URLSearchParams(query)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Row[]; total: number };
  };
  const returns = (query: Record<string, string>) => view('/views/returns', query);
  const exchanges = (query: Record<string, string>) => view('/views/exchanges', query);
  const complete = async (body: unknown) => (await ok('POST', '/views/returns/complete', body)) as { items: { id: string; outcome: string; code?: string }[]; summary: Record<string, number> };
  const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

  it('a 회수 with fees: one row per line, fees and 미수 on the first line only; arrival, filters, 완료처리 with a memo', async () => {
    const { no } = await shippedOrder();
    await ok('POST', `/orders/${no}/pickups`, { lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 1 }], reason: 'return_refund', fees: { site: 3000, enclosed: 2000 } });
    let rows = (await returns({ q: String(no) })).items;
    expect(rows.map((r) => r.id)).toEqual([`${no}-1-1`, `${no}-1-2`]);
    expect(rows[0]).toMatchObject({
      no, pickupId: 1, lineId: 1, kind: 'return', reason: 'return_refund', channel: CHANNEL, recipientName: '김경자', productCode, productName: '반품 냄비', option: '대', supplier: SUPPLIER,
      pickedUp: 2, received: 0, state: 'requested', stateLabel: '요청', arrivedAt: null, outstanding: 5000, completed: false, claim: null,
      fees: { site: { expected: 3000, arrived: 0 }, enclosed: { expected: 2000, arrived: 0 }, transfer: { expected: 0, arrived: 0 } },
    });
    expect(rows[0]?.shippedAt).not.toBeNull();
    expect(rows[1]).toMatchObject({ fees: null, outstanding: 0, productName: '실리콘 주걱 세트' });

    await ok('PUT', `/orders/${no}/pickups/1/fees`, { site: { arrived: 3000 } });
    await ok('POST', `/orders/${no}/pickups/1/arrival`, { lines: [{ lineId: 1, quantity: 1, damaged: 1 }] });
    rows = (await returns({ q: String(no) })).items;
    expect(rows[0]).toMatchObject({ received: 1, damaged: 1, state: 'partially_arrived', stateLabel: '일부도착', outstanding: 2000, fees: { site: { expected: 3000, arrived: 3000 } } });
    expect(rows[0]?.arrivedAt).not.toBeNull();
    expect(rows[1]).toMatchObject({ received: 0, state: 'requested' });

    expect((await returns({ q: String(no), channel: CHANNEL })).total).toBe(2);
    expect((await returns({ q: String(no), channel: '없는 판매처' })).total).toBe(0);
    expect((await returns({ q: String(no), state: 'partially_arrived' })).items.map((r) => r.id)).toEqual([`${no}-1-1`]);
    expect((await returns({ q: String(no), dateField: 'arrived', from: today, to: today })).items.map((r) => r.id)).toEqual([`${no}-1-1`]);
    expect((await returns({ q: String(no), dateField: 'requested', from: today })).total).toBe(2);
    expect((await returns({ q: String(no), supplier: SUPPLIER })).items.map((r) => r.id)).toEqual([`${no}-1-1`]);
    expect((await returns({ q: String(no), recipient: '경자', kind: 'return', completed: 'false' })).total).toBe(2);
    expect((await returns({ q: '반품 냄비', supplier: SUPPLIER })).total).toBeGreaterThanOrEqual(1);
    expect((await returns({ q: String(no), from: '2000-01-01T00:00:00+09:00', to: new Date(Date.now() + 60_000).toISOString() })).total).toBe(2);
    expect((await returns({ q: String(no), dateField: 'arrived', to: '2000-01-01' })).total).toBe(0);
    const masked = await t.call(t.keys.analyst, 'GET', `/views/returns?q=${no}`);
    expect((masked.json() as { items: Row[] }).items[0]?.recipientName).not.toBe('김경자');
    expect((await t.call(t.keys.analyst, 'POST', '/views/returns/complete', { ids: [`${no}-1-1`], memo: 'x' })).statusCode).toBe(403);
    expect((await t.call(t.keys.cs, 'POST', '/views/returns/complete', { ids: ['abc'] })).statusCode).toBe(422);
    expect((await t.call(t.keys.cs, 'GET', '/views/returns?state=nope')).statusCode).toBe(422);
    expect((await t.call(t.keys.cs, 'GET', '/views/returns?unknown=1')).statusCode).toBe(422);

    // 미수 left and goods not arrived: refused per id, nothing changes.
    const refused = await complete({ ids: [`${no}-1-1`, `${no}-1-2`, `${no}-9-9`] });
    expect(refused.items.map((i) => [i.outcome, i.code])).toEqual([['refused', 'COMPLETION_NEEDS_MEMO'], ['refused', 'COMPLETION_NEEDS_MEMO'], ['refused', 'RETURN_LINE_NOT_FOUND']]);
    expect(refused.summary).toEqual({ applied: 0, duplicate: 0, refused: 3 });
    expect((await returns({ q: String(no), completed: 'true' })).total).toBe(0);

    const done = await complete({ ids: [`${no}-1-1`, `${no}-1-2`], memo: '미수 고객 부담 합의' });
    expect(done.items.map((i) => i.outcome)).toEqual(['applied', 'applied']);
    rows = (await returns({ q: String(no) })).items;
    expect(rows.map((r) => [r.state, r.stateLabel, r.completed, r.completionMemo, r.completedBy])).toEqual([
      ['completed', '완료', true, '미수 고객 부담 합의', '장유리'],
      ['completed', '완료', true, '미수 고객 부담 합의', '장유리'],
    ]);
    expect((await complete({ ids: [`${no}-1-2`], memo: '다시' })).items[0]?.outcome).toBe('duplicate');

    const xlsx = await t.call(t.keys.cs, 'GET', `/views/returns?q=${no}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual([
      '관리번호', '판매처', '회수요청일', '구분', '사유', '배송일', '도착일', '수령자', '상품명', '옵션', '상태',
      '사이트결제 예정', '사이트결제 도착', '동봉 예정', '동봉 도착', '계좌 예정', '계좌 도착', '미수', '완료처리',
    ]);
    expect(sheet?.rowCount).toBe(3);
    expect((sheet?.getRow(2).values as unknown[]).slice(12, 20)).toEqual([3000, 3000, 2000, 0, 0, 0, 2000, '완료']);
    const csv = await t.call(t.keys.cs, 'GET', `/views/returns?q=${no}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(3).toString('utf8').split('\r\n')[0]).toContain('사이트결제 예정');
  });

  it('an exchange: 교환요청 → 회수도착 → 교환출고, its pickup a 반품관리 row of kind exchange', async () => {
    const { no } = await shippedOrder();
    const answer = await ok('POST', `/orders/${no}/exchanges`, { type: 'defect', lines: [{ lineId: 2, quantity: 1 }] });
    const replacementNo = answer.replacementNo as number;
    expect(replacementNo).toBeGreaterThan(no);
    let rows = (await exchanges({ q: String(no) })).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ no, replacementNo, exchangeType: 'defect', exchangeTypeLabel: '불량교환', state: 'requested', stateLabel: '교환요청', quantity: 1, received: 0, replacementShipped: false, channel: CHANNEL, recipientName: '김경자' });
    const pickupRows = (await returns({ q: String(no), kind: 'exchange' })).items;
    expect(pickupRows).toHaveLength(1);
    expect(pickupRows[0]).toMatchObject({ kind: 'exchange', reason: null, exchangeType: 'defect', replacementNo, pickedUp: 1, state: 'requested' });

    await ok('POST', `/orders/${no}/pickups/1/arrival`, { lines: [{ lineId: 2, quantity: 1 }] });
    rows = (await exchanges({ q: String(replacementNo) })).items;
    expect(rows[0]).toMatchObject({ state: 'goods_arrived', stateLabel: '회수도착', received: 1, goodsArrived: true });
    expect((await exchanges({ q: String(no), state: 'goods_arrived' })).total).toBe(1);

    const trackingNumber = freshTrackingNumber();
    await ok('PUT', `/orders/${replacementNo}/invoice`, { carrier: 'cj', trackingNumber });
    expect((await exchanges({ q: String(no) })).items[0]).toMatchObject({ state: 'goods_arrived', trackingNumber });
    await ok('POST', `/orders/${replacementNo}/shipment`);
    rows = (await exchanges({ q: String(no) })).items;
    expect(rows[0]).toMatchObject({ state: 'replacement_shipped', stateLabel: '교환출고', replacementShipped: true, trackingNumber });
    expect(rows[0]?.shippedAt).not.toBeNull();
    expect((await exchanges({ q: String(no), state: 'requested' })).total).toBe(0);
    expect((await returns({ q: String(replacementNo) })).items.filter((r) => r.no === replacementNo)).toHaveLength(0);

    const xlsx = await t.call(t.keys.cs, 'GET', `/views/exchanges?q=${no}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet?.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['관리번호', '교환주문 관리번호', '판매처', '주문번호', '수령자', '교환구분', '상태']);
    expect((sheet?.getRow(2).values as unknown[]).slice(1, 3)).toEqual([no, replacementNo]);
  });

  it('a pickup answering a 취소결과조회 row marks it 처리 and shows the claim on its 반품관리 rows', async () => {
    const { no, channelOrderNo } = await shippedOrder();
    const cancellationId = `RCL-${suffix}`;
    const sent = await t.call(t.keys.integration, 'POST', '/channel-cancellations', {
      items: [{ channel: CHANNEL, cancellationId, channelOrderNo, channelLineNo: `${channelOrderNo}-1`, quantity: 1, kind: 'return', cancelledAt: '2026-12-01T11:00:00+09:00', reason: 'return_refund' }],
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const before = await view('/views/cancellations', { q: cancellationId, confirmed: 'all', shipping: 'all' });
    expect(before.items[0]).toMatchObject({ processed: false, pickupId: null, pickupNo: null });

    await ok('POST', `/orders/${no}/pickups`, { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_refund', claim: { channel: CHANNEL, cancellationId } });
    const after = await view('/views/cancellations', { q: cancellationId, confirmed: 'all', shipping: 'all' });
    expect(after.items[0]).toMatchObject({ processed: true, pickupId: 1, pickupNo: no });
    expect((await returns({ q: String(no) })).items[0]).toMatchObject({ claim: { channel: CHANNEL, cancellationId } });

    const xlsx = await t.call(t.keys.cs, 'GET', `/views/cancellations?q=${cancellationId}&confirmed=all&shipping=all&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(headers.at(-1)).toBe('처리');
    expect((sheet?.getRow(2).values as unknown[]).at(-1)).toBe('처리');
  });
});
