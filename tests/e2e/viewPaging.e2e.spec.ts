/**
 * The big views page like the CS window: by cursor as by offset, a forged cursor refused naming it,
 * and an exact total for a small result (CS내역조회 and 취소결과조회 here; the CS window in
 * csWindowSearch.e2e.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { sampleOrder, startTestApp } from '../support/app.js';

interface Answer {
  items: Record<string, unknown>[];
  total: number;
  totalEstimated: boolean;
  next: string | null;
}

describe.each(testDatabases)('paging the big views on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });
  const get = async (url: string): Promise<Answer> => {
    const res = await t.call(t.keys.cs, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Answer;
  };
  const pages = async (url: string, limit: number, id: string): Promise<{ first: Answer; ids: unknown[] }> => {
    const first = await get(`${url}&limit=${limit}`);
    const ids: unknown[] = [];
    for (let a = first; ; a = await get(`${url}&limit=${limit}&cursor=${encodeURIComponent(a.next as string)}`)) {
      ids.push(...a.items.map((i) => i[id]));
      if (a.next === null) return { first, ids };
    }
  };

  it('CS내역조회 pages by cursor as by offset, newest first, with an exact total', async () => {
    const tag = `메모${uniqueSuffix()}`;
    const created = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder());
    const { no } = created.json() as { no: number };
    for (let i = 0; i < 5; i++) expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: `${tag} ${i}` })).statusCode).toBe(200);
    const url = `/views/cs-history?q=${encodeURIComponent(tag)}`;
    const { first, ids } = await pages(url, 2, 'entryId');
    expect(first).toMatchObject({ total: 5, totalEstimated: false });
    const byOffset = [0, 2, 4].length && [...(await get(`${url}&limit=2`)).items, ...(await get(`${url}&limit=2&offset=2`)).items, ...(await get(`${url}&limit=2&offset=4`)).items].map((i) => i.entryId);
    expect(ids).toEqual(byOffset);
    expect(new Set(ids).size).toBe(5);
    for (const view of ['/views/cs-history', '/views/cancellations']) {
      const res = await t.call(t.keys.cs, 'GET', `${view}?cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`);
      expect(res.statusCode, view).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR', errors: [{ field: 'cursor' }] });
    }
  });
});
