/**
 * The CS window list at any size: keyset pages equal offset pages, a bad cursor is refused naming it,
 * the total is exact below the bound, and free text finds an order by a whole 관리번호 / 주문번호 /
 * 송장번호 or by any part of a name or phone (with or without dashes, the last 4 digits).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

interface ListAnswer {
  items: { no: number }[];
  total: number;
  totalEstimated: boolean;
  next: string | null;
}

describe.each(testDatabases)('the CS window list on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });
  const list = async (query: string): Promise<ListAnswer> => {
    const res = await t.call(t.keys.cs, 'GET', `/orders?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ListAnswer;
  };
  /** Every page of a list by cursor, its first answer and the rows in order. */
  const byCursor = async (query: string, limit: number): Promise<{ first: ListAnswer; nos: number[] }> => {
    const first = await list(`${query}&limit=${limit}`);
    const nos: number[] = [];
    for (let answer = first; ; answer = await list(`${query}&limit=${limit}&cursor=${encodeURIComponent(answer.next as string)}`)) {
      nos.push(...answer.items.map((i) => i.no));
      if (answer.next === null) return { first, nos };
    }
  };
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { no: number }).no;
  };

  it('pages by cursor give the rows pages by offset give, in the same order, and end with next: null', async () => {
    const channel = `커서-${uniqueSuffix()}`;
    const nos: number[] = [];
    for (let i = 0; i < 7; i++) nos.push(await create({ channel }));
    const c = `channel=${encodeURIComponent(channel)}`;
    const byOffset: number[] = [];
    for (let offset = 0; offset < 7; offset += 3) byOffset.push(...(await list(`${c}&limit=3&offset=${offset}`)).items.map((i) => i.no));
    const paged = await byCursor(c, 3);
    expect(paged.first).toMatchObject({ total: 7, totalEstimated: false });
    expect(paged.nos).toEqual(byOffset);
    expect(paged.nos).toEqual([...nos].reverse());
  });

  it('a free-text search pages by cursor as by offset too (answered from its matches alone)', async () => {
    const tag = uniqueSuffix();
    const nos: number[] = [];
    for (let i = 0; i < 5; i++) nos.push(await create({ buyer: { name: `한지민${tag}`, mobile: '010-3333-4444' } }));
    const q = `q=${encodeURIComponent(`지민${tag}`)}`;
    const paged = await byCursor(q, 2);
    expect(paged.first).toMatchObject({ total: 5, totalEstimated: false });
    expect(paged.nos).toEqual([...nos].reverse());
    expect((await list(`${q}&limit=2&offset=2`)).items.map((i) => i.no)).toEqual(paged.nos.slice(2, 4));
  });

  it('every sort (접수일 / 관리번호, newest or oldest first) pages by cursor as by offset, on filters, on text and on both', async () => {
    const tag = uniqueSuffix();
    const channel = `정렬-${tag}`;
    const nos: number[] = [];
    for (let i = 0; i < 6; i++) nos.push(await create({ channel, buyer: { name: `정렬고객${tag}`, mobile: '010-5555-6666' } }));
    // 접수일 against 관리번호: the later orders placed earlier, two of them in the same minute (the 관리번호 breaks the tie).
    const minutes = [50, 40, 30, 30, 10, 0];
    for (const [i, no] of nos.entries()) await sql`UPDATE order_list SET placed_at = timestamptz '2030-06-01T00:00:00Z' + ${minutes[i]} * interval '1 minute' WHERE no = ${no}`.execute(t.context.db);
    const byPlaced = nos.map((no, i) => ({ no, at: minutes[i] as number })).sort((a, b) => a.at - b.at || a.no - b.no).map((r) => r.no);
    const expected: Record<string, number[]> = { 'placedAt.asc': byPlaced, 'placedAt.desc': [...byPlaced].reverse(), 'no.asc': [...nos], 'no.desc': [...nos].reverse() };
    const filters = [`channel=${encodeURIComponent(channel)}`, `q=${encodeURIComponent(`정렬고객${tag}`)}`, `q=${encodeURIComponent(`정렬고객${tag}`)}&channel=${encodeURIComponent(channel)}`];
    for (const filter of filters) {
      for (const [sort, want] of Object.entries(expected)) {
        const query = `${filter}&sort=${sort}`;
        const paged = await byCursor(query, 4);
        expect(paged.nos, query).toEqual(want);
        expect((await list(`${query}&limit=4&offset=4`)).items.map((i) => i.no), query).toEqual(want.slice(4));
      }
    }
    expect((await t.call(t.keys.cs, 'GET', '/orders?sort=buyer')).json()).toMatchObject({ status: 422, errors: [{ field: 'sort' }] });
  });

  it('downloads every match as .xlsx or .csv, in the list\'s order, with the table\'s Korean headers; an analyst\'s copy is masked', async () => {
    const tag = uniqueSuffix();
    const channel = `내보내기-${tag}`;
    const nos: number[] = [];
    for (let i = 0; i < 3; i++) nos.push(await create({ channel, buyer: { name: `내보내기고객${tag}`, mobile: '010-7777-8888' } }));
    const c = `channel=${encodeURIComponent(channel)}`;
    const xlsx = await t.call(t.keys.cs, 'GET', `/orders?${c}&sort=no.asc&format=xlsx`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['관리번호', '접수일', '판매처', '주문번호']);
    expect(sheet.rowCount).toBe(4);
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(1).value)).toEqual(nos);
    const csv = await t.call(t.keys.analyst, 'GET', `/orders?${c}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('관리번호');
    expect(csv.body).not.toContain(`내보내기고객${tag}`);
    expect(csv.body).not.toContain('010-7777-8888');
    expect((await t.call(t.keys.cs, 'GET', `/orders?${c}&format=pdf`)).statusCode).toBe(422);
  });

  it('a cursor this list did not hand out is a 400 naming cursor', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('["x","y"]').toString('base64url')]) {
      const res = await t.call(t.keys.cs, 'GET', `/orders?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR', errors: [{ field: 'cursor' }] });
    }
  });

  it('finds an order by a whole 관리번호, 주문번호 or 송장번호, and by any part of a name or phone', async () => {
    const tag = uniqueSuffix();
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const mobile = `010-${digits.slice(0, 4)}-${digits.slice(4)}`;
    const channelOrderNo = `CO-${tag}`;
    const no = await create({ channelOrderNo, buyer: { name: `박서준${tag}`, mobile }, recipient: { name: `이수민${tag}`, mobile, address: '서울' } });
    const other = await create({ buyer: { name: `박서준${tag}`, mobile: '010-1111-2222' } });
    const tracking = freshTrackingNumber();
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: tracking })).statusCode).toBe(200);
    const found = async (q: string) => (await list(`q=${encodeURIComponent(q)}&limit=500`)).items.map((i) => i.no);
    expect(await found(String(no))).toEqual([no]);
    expect(await found(channelOrderNo)).toEqual([no]);
    expect(await found(tracking)).toEqual([no]);
    expect(await found(mobile)).toContain(no);
    expect(await found(mobile.replace(/-/g, ''))).toContain(no);
    expect(await found(mobile.slice(-4))).toContain(no);
    expect(await found(`이수민${tag}`)).toEqual([no]);
    expect(await found(`서준${tag}`)).toEqual([other, no]);
    expect(await found(`${tag}없는이름`)).toEqual([]);
  });

  it('more matches than the bound: the total is marked an estimate, pages are newest first, cursor pages equal offset pages, a filter beside the text still applies', async () => {
    const tag = `dense${uniqueSuffix()}`.toLowerCase();
    const seed = await create({ channel: `조밀-${tag}` });
    const db = t.context.db;
    // 10,050 copies of one row straight into order_list (the trigger mirrors them into order_search),
    // far above the real orders' 관리번호s, one minute apart; removed at the end.
    const base = 900_000_000 + Math.floor(Math.random() * 1e7) * 10;
    const n = 10_050;
    await sql`
      INSERT INTO order_list
      SELECT r.* FROM order_list o, generate_series(1, ${n}) g,
        LATERAL jsonb_populate_record(NULL::order_list, to_jsonb(o) || jsonb_build_object(
          'no', ${base}::bigint + g, 'placed_at', timestamptz '2031-01-01T00:00:00Z' + g * interval '1 minute', 'search_text', ${tag} || ' ' || (${base}::bigint + g))) r
       WHERE o.no = ${seed}`.execute(db);
    try {
      const first = await list(`q=${tag}&limit=40`);
      expect(first).toMatchObject({ totalEstimated: true });
      expect(first.total).toBeGreaterThan(10_000);
      expect(first.items.map((i) => i.no)).toEqual(Array.from({ length: 40 }, (_, k) => base + n - k));
      const second = await list(`q=${tag}&limit=40&cursor=${encodeURIComponent(first.next as string)}`);
      expect(second.items.map((i) => i.no)).toEqual((await list(`q=${tag}&limit=40&offset=40`)).items.map((i) => i.no));
      expect(second.items[0]?.no).toBe(base + n - 40);
      // A filter beside the text is read from order_list's own columns: the copies kept the seed's 판매처 and 상태 (접수).
      const channel = await list(`q=${tag}&channel=${encodeURIComponent(`조밀-${tag}`)}&limit=5`);
      expect(channel.items.map((i) => i.no)).toEqual(first.items.slice(0, 5).map((i) => i.no));
      expect(await list(`q=${tag}&status=shipped&limit=5`)).toMatchObject({ items: [], total: 0 });
    } finally {
      await sql`DELETE FROM order_list WHERE no > ${base} AND no <= ${base + n}`.execute(db);
    }
    expect(Number((await sql<{ n: unknown }>`SELECT count(*) AS n FROM order_search WHERE no > ${base} AND no <= ${base + n}`.execute(db)).rows[0]?.n)).toBe(0);
  });
});
