/**
 * CS내역조회 over HTTP (seed 003): orders with different actions (보류, 취소 with a reason, 메모, 교환 after
 * shipping), each filter narrowing, CS선택완료 / CS일괄완료 / CS선택중복, the + thread and the xlsx export.
 * Each test works in its own 판매처 (the databases are shared between runs).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

type Row = {
  entryId: string; no: number; at: string; worker: string; workType: string; workTypeLabel: string; content: string; memo: string | null;
  processed: boolean; processedBy: string | null; channel: string | null; channelOrderNo: string | null; recipientName: string | null;
  status: string | null; statusLabel: string | null; csState: string | null; csStateLabel: string | null; cancelType: string | null; exchangeType: string | null;
};
type Page = { items: Row[]; total: number };
type Answer = { items: { id: string; no?: number; outcome: string; code?: string }[]; summary: Record<string, number> };

describe.each(testDatabases)('CS내역조회 on $name', (database) => {
  let t: TestApp;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const ok = async (key: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await t.call(key, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(method === 'POST' && url === '/orders' ? 201 : 200);
    return res.json() as Record<string, unknown>;
  };
  const place = async (channel: string, overrides: Record<string, unknown> = {}) =>
    (await ok(t.keys.integration, 'POST', '/orders', sampleOrder({ channel, channelOrderNo: `CSH-${uniqueSuffix()}-${seq++}`, ...overrides }))).no as number;
  const view = async (query: string, key = t.keys.cs): Promise<Page> => {
    const res = await t.call(key, 'GET', `/views/cs-history?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const history = async (no: number) => ((await ok(t.keys.cs, 'GET', `/orders/${no}/history`)).items as { entryId: string; processed: boolean; workTypeLabel: string; processedBy: string | null }[]);

  /** Four orders in one channel: a hold (by cs2), a cancel with a reason, a memo, and an exchange after shipping. */
  const scene = async () => {
    const channel = `판매처-${uniqueSuffix()}`;
    const held = await place(channel, { recipient: { ...sampleOrder().recipient, name: '서승원' } });
    await ok(t.keys.cs2, 'PUT', `/orders/${held}/hold`, { memo: '고객 요청' });
    const cancelled = await place(channel);
    await ok(t.keys.cs, 'POST', `/orders/${cancelled}/cancel`, { reason: '취소-배송지연' });
    const memo = await place(channel);
    await ok(t.keys.cs, 'POST', `/orders/${memo}/memos`, { text: '부재 시 경비실에 맡겨달라고 함' });
    const exchanged = await place(channel);
    await ok(t.keys.cs, 'PUT', `/orders/${exchanged}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await ok(t.keys.cs, 'POST', `/orders/${exchanged}/shipment`);
    const exchange = await ok(t.keys.cs, 'POST', `/orders/${exchanged}/exchanges`, { type: '불량교환', lines: [{ lineId: 1, quantity: 1 }] });
    const replacement = exchange.replacementNo as number;
    expect(replacement).toBeGreaterThan(0);
    return { channel, held, cancelled, memo, exchanged, replacement, ch: `channel=${encodeURIComponent(channel)}` };
  };

  it('lists every entry of the channel, latest first, with the order as it is now; each filter narrows', async () => {
    const s = await scene();
    const all = await view(`${s.ch}&limit=500`);
    // The replacement order is placed in the original's channel.
    expect(new Set(all.items.map((r) => r.no))).toEqual(new Set([s.held, s.cancelled, s.memo, s.exchanged, s.replacement]));
    expect(all.total).toBe(all.items.length);
    const ats = all.items.map((r) => r.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const hold = all.items.find((r) => r.workTypeLabel === '보류설정')!;
    expect(hold).toMatchObject({ no: s.held, worker: '함정리', memo: '고객 요청', processed: false, channel: s.channel, recipientName: '서승원', status: 'received', statusLabel: '접수', csState: 'normal', csStateLabel: '정상', cancelType: null });

    const nosOf = (p: Page) => [...new Set(p.items.map((r) => r.no))].sort();
    expect((await view(`${s.ch}&worker=${encodeURIComponent('함정리')}`)).items.map((r) => r.workType)).toEqual(['OrderHeld']);
    expect((await view(`${s.ch}&workType=${encodeURIComponent('보류설정')}`)).items.map((r) => r.no)).toEqual([s.held]);
    expect((await view(`${s.ch}&workType=OrderHeld`)).items.map((r) => r.no)).toEqual([s.held]);
    const cancels = await view(`${s.ch}&cancelType=${encodeURIComponent('취소-배송지연')}`);
    expect(cancels.items.map((r) => [r.no, r.workType, r.cancelType])).toEqual([[s.cancelled, 'OrderCancelled', 'cancel_delay']]);
    expect(cancels.items[0]).toMatchObject({ csState: 'cancelled' });
    expect((await view(`${s.ch}&cancelType=cancel_lost`)).total).toBe(0);
    const exchanges = await view(`${s.ch}&exchangeType=defect`);
    // The 교환 and the replacement order's 주문생성 (placed in the original's channel).
    expect(exchanges.items.map((r) => [r.no, r.workType]).sort()).toEqual([[s.exchanged, 'ExchangeRequested'], [s.replacement, 'OrderPlaced']].sort());
    expect((await view(`${s.ch}&exchangeType=${encodeURIComponent('불량교환')}&workType=${encodeURIComponent('교환주문생성')}`)).items.map((r) => [r.no, r.exchangeType])).toEqual([[s.replacement, 'defect']]);
    expect(nosOf(await view(`${s.ch}&q=${encodeURIComponent('경비실')}`))).toEqual([s.memo]);
    expect(nosOf(await view(`${s.ch}&q=${encodeURIComponent('서승원')}`))).toEqual([s.held]);
    expect(nosOf(await view(`${s.ch}&q=${s.cancelled}`))).toEqual([s.cancelled]);
    expect(nosOf(await view(`${s.ch}&status=shipped`))).toEqual([s.exchanged]);
    expect(nosOf(await view(`${s.ch}&csState=${encodeURIComponent('전체취소')}`))).toEqual([s.cancelled]);
    expect((await view(`${s.ch}&processed=true`)).total).toBe(0);
    expect((await view(`${s.ch}&processed=${encodeURIComponent('미처리')}`)).total).toBe(all.total);

    const first = all.items.at(-1)!.at;
    const last = all.items[0]!.at;
    expect((await view(`${s.ch}&from=${encodeURIComponent(first)}&to=${encodeURIComponent(last)}`)).total).toBe(all.total);
    expect((await view(`${s.ch}&from=${encodeURIComponent(new Date(Date.parse(last) + 1).toISOString())}`)).total).toBe(0);
    const seoulToday = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect((await view(`${s.ch}&from=${seoulToday}&to=${seoulToday}`)).total).toBe(all.total);
    expect((await view(`${s.ch}&to=2020-01-01`)).total).toBe(0);

    const page = await view(`${s.ch}&limit=2&offset=1`);
    expect(page.items.map((r) => r.entryId)).toEqual(all.items.slice(1, 3).map((r) => r.entryId));
    expect(page.total).toBe(all.total);
  });

  it('0150_cs_history_types: the columns are documented, and an older version\'s rows are rebuilt with them', async () => {
    const s = await scene();
    const db = t.context.db;
    const { rows: comments } = await sql<{ attname: string; comment: string | null }>`SELECT a.attname, col_description(a.attrelid, a.attnum) AS comment FROM pg_attribute a
      WHERE a.attrelid = 'cs_history'::regclass AND a.attnum > 0 AND NOT a.attisdropped`.execute(db);
    expect(comments.filter((c) => !c.comment).map((c) => c.attname)).toEqual([]);
    expect(comments.find((c) => c.attname === 'cancel_type')?.comment).toMatch(/취소타입/);
    const { rows: indexes } = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'cs_history'`.execute(db);
    expect(indexes.map((i) => i.indexname)).toContain('cs_history_at_idx');
    // Rows as a version without the columns left them: the version bump rebuilds them.
    await sql`UPDATE cs_history SET cancel_type = NULL, exchange_type = NULL`.execute(db);
    await sql`UPDATE projection_checkpoints SET version = 3 WHERE name = 'cs_history'`.execute(db);
    expect(await t.context.runner.upgrade()).toEqual(['cs_history']);
    expect((await view(`${s.ch}&cancelType=cancel_delay`)).items.map((r) => r.no)).toEqual([s.cancelled]);
    expect((await view(`${s.ch}&exchangeType=defect`)).total).toBe(2);
  });

  it('공급처: orders with a line of the supplier\'s products', async () => {
    const supplier = `공급처-${uniqueSuffix()}`;
    const code = `P-${uniqueSuffix()}`;
    const created = await t.call(t.keys.cs, 'POST', '/products', { code, name: '스텐 냄비', option: '본품', salePrice: 29400, supplyPrice: 18000, supplier, stock: 5 });
    expect(created.statusCode, created.body).toBe(201);
    const channel = `판매처-${uniqueSuffix()}`;
    const mine = await place(channel, { lines: [{ ...sampleOrder().lines[0], productCode: code }] });
    await place(channel);
    const found = await view(`supplier=${encodeURIComponent(supplier)}`);
    expect(new Set(found.items.map((r) => r.no))).toEqual(new Set([mine]));
  });

  it('CS선택완료 marks the chosen entries 완료 (also in the order\'s CS 이력); unknown ids are refused one by one', async () => {
    const s = await scene();
    const open = (await view(`${s.ch}&limit=500`)).items;
    const chosen = open.filter((r) => r.no === s.held || r.no === s.memo);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await t.call(t.keys.cs, 'POST', '/views/cs-history/complete', { entryIds: [...chosen.map((r) => r.entryId), unknown], memo: '처리함' });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as Answer;
    expect(answer.summary).toEqual({ applied: chosen.length, duplicate: 0, refused: 1 });
    expect(answer.items.at(-1)).toMatchObject({ id: unknown, outcome: 'refused', code: 'ENTRY_NOT_FOUND' });
    const done = await view(`${s.ch}&processed=true&limit=500`);
    expect(done.items.map((r) => r.entryId).sort()).toEqual(chosen.map((r) => r.entryId).sort());
    expect(done.items.every((r) => r.processedBy === '장유리')).toBe(true);
    const held = await history(s.held);
    expect(held.every((h) => h.processed)).toBe(true);
    expect((await history(s.cancelled)).some((h) => h.processed)).toBe(false);
    // Again: nothing new.
    const again = (await t.call(t.keys.cs, 'POST', '/views/cs-history/complete', { entryIds: [chosen[0]!.entryId] })).json() as Answer;
    expect(again.items).toEqual([{ id: chosen[0]!.entryId, no: chosen[0]!.no, outcome: 'duplicate' }]);
    // Views are not for an analyst to change.
    expect((await t.call(t.keys.analyst, 'POST', '/views/cs-history/complete', { entryIds: [chosen[0]!.entryId] })).statusCode).toBe(403);
  });

  it('CS일괄완료 completes exactly the entries the filters match', async () => {
    const s = await scene();
    const before = (await view(`${s.ch}&limit=500`)).items;
    // 관리번호 as q: the order's entries, and the replacement's 주문생성 that names it (<교환 원주문 관리번호 : …>).
    const matching = (await view(`${s.ch}&q=${s.exchanged}&limit=500`)).items;
    expect(matching.length).toBe(before.filter((r) => r.no === s.exchanged).length + 1);
    expect(matching.find((r) => r.no === s.replacement)?.workTypeLabel).toBe('교환주문생성');
    const res = await t.call(t.keys.cs, 'POST', '/views/cs-history/complete', { all: true, channel: s.channel, q: String(s.exchanged) });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Answer).summary).toEqual({ applied: matching.length, duplicate: 0, refused: 0 });
    const after = (await view(`${s.ch}&limit=500`)).items;
    expect(after.filter((r) => r.processed).map((r) => r.entryId).sort()).toEqual(matching.map((r) => r.entryId).sort());
    expect((await history(s.exchanged)).filter((h) => h.workTypeLabel !== '').every((h) => h.processed)).toBe(true);
    // An unknown field in the filters is refused, and nothing changes.
    const bad = await t.call(t.keys.cs, 'POST', '/views/cs-history/complete', { all: true, channel: s.channel, colour: 'red' });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect((await view(`${s.ch}&processed=true&limit=500`)).total).toBe(matching.length);
  });

  it('CS선택중복 adds one CS메모 entry to every order chosen; an unknown order is refused by itself', async () => {
    const s = await scene();
    const missing = 99_999_999;
    const res = await t.call(t.keys.cs, 'POST', '/views/cs-history/memos', { nos: [s.held, s.memo, missing], text: '일괄 안내 문자 발송' });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as { items: { no: number; outcome: string; code?: string }[]; summary: Record<string, number> };
    expect(answer.summary).toEqual({ applied: 2, refused: 1 });
    expect(answer.items.find((i) => i.no === missing)).toMatchObject({ outcome: 'refused' });
    const added = await view(`${s.ch}&q=${encodeURIComponent('일괄 안내')}`);
    expect(added.items.map((r) => [r.no, r.workTypeLabel]).sort()).toEqual([[s.held, 'CS메모'], [s.memo, 'CS메모']].sort());
  });

  it('+ shows the order\'s thread oldest first; an unknown entry is 404', async () => {
    const s = await scene();
    const hold = (await view(`${s.ch}&workType=OrderHeld`)).items[0]!;
    const res = await t.call(t.keys.cs, 'GET', `/views/cs-history/${hold.entryId}/thread`);
    expect(res.statusCode, res.body).toBe(200);
    const thread = res.json() as Page;
    expect(thread.items.map((r) => r.workType)).toEqual(['OrderPlaced', 'OrderHeld']);
    expect(thread.items.every((r) => r.no === s.held)).toBe(true);
    expect((await t.call(t.keys.cs, 'GET', '/views/cs-history/00000000-0000-4000-8000-000000000000/thread')).statusCode).toBe(404);
    expect((await t.call(t.keys.cs, 'GET', '/views/cs-history/not-a-uuid/thread')).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('a key bound to channels sees only its channels\' entries', async () => {
    const s = await scene();
    const other = await scene();
    const created = await t.call(ADMIN_KEY, 'POST', '/api-keys', { worker: '연동', role: 'integration', channels: [s.channel] });
    expect(created.statusCode, created.body).toBe(201);
    const key = (created.json() as { key: string }).key;
    const mine = await view(`${s.ch}&limit=500`, key);
    expect(mine.total).toBeGreaterThan(0);
    expect((await view(`${other.ch}`, key)).total).toBe(0);
    expect((await view('limit=500', key)).items.every((r) => r.channel === s.channel)).toBe(true);
    const theirs = (await view(other.ch)).items[0]!;
    expect((await t.call(key, 'GET', `/views/cs-history/${theirs.entryId}/thread`)).statusCode).toBe(404);
    expect((await t.call(key, 'GET', `/views/cs-history/${mine.items[0]!.entryId}/thread`)).statusCode).toBe(200);
  });

  it('analysts see 수령자 and memos masked', async () => {
    const s = await scene();
    const hold = (await view(`${s.ch}&workType=OrderHeld`, t.keys.analyst)).items[0]!;
    expect(hold.recipientName).not.toBe('서승원');
    expect(hold.recipientName).toContain('*');
    expect(hold.memo).not.toBe('고객 요청');
  });

  it('exports xlsx with the screen\'s Korean headers; an unknown query field is a problem', async () => {
    const s = await scene();
    const res = await t.call(t.keys.cs, 'GET', `/views/cs-history?${s.ch}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['등록일', '관리번호', '판매처', '주문번호', '수령자', '작업자', 'CS 내역', '작업', '처리상태', '주문상태', 'C/S 상태']);
    const total = (await view(s.ch)).total;
    expect(sheet.rowCount).toBe(total + 1);
    expect((sheet.getRow(2).values as unknown[]).slice(2, 4)).toEqual([expect.any(Number), s.channel]);

    const csv = await t.call(t.keys.cs, 'GET', `/views/cs-history?${s.ch}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('등록일');

    for (const query of ['colour=red', 'workType=', 'processed=maybe', 'cancelType=nope', 'from=yesterday', 'limit=100000']) {
      const bad = await t.call(t.keys.cs, 'GET', `/views/cs-history?${query}`);
      expect([400, 422], `${query}: ${bad.body}`).toContain(bad.statusCode);
      expect(bad.headers['content-type']).toContain('problem+json');
    }
  });
});
