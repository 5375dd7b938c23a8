/**
 * The one command path under races a load probe found on PostgreSQL, and the answer a retry gets: a
 * retried cross-order command answers what the first answer said, `others` included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productPriorityStreamId } from '@oms/domain';
import { postgresDatabase, testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('retried commands on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const create = async () => ((await t.call(t.keys.cs, 'POST', '/orders', sampleOrder())).json() as { no: number }).no;

  it('a 합포추가 retried with its Idempotency-Key answers the same others as the first answer, and appends once', async () => {
    const host = await create();
    const joining = await create();
    const key = `merge-${uniqueSuffix()}`;
    const first = await t.call(t.keys.cs, 'POST', `/orders/${host}/merge`, { orderNo: joining }, { 'idempotency-key': key });
    const retry = await t.call(t.keys.cs, 'POST', `/orders/${host}/merge`, { orderNo: joining }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    expect(first.json().others).toEqual([{ no: joining, revision: 1 }]);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const joinedEvents = (await t.call(t.keys.auditor, 'GET', `/orders/${joining}/events`)).json().items as { type: string }[];
    expect(joinedEvents.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderMerged']);
  });

  it('a 합포삭제 of three orders retried answers both other members, in the first answer\'s order', async () => {
    const host = await create();
    const a = await create();
    const b = await create();
    await t.call(t.keys.cs, 'POST', `/orders/${host}/merge`, { orderNo: a });
    await t.call(t.keys.cs, 'POST', `/orders/${host}/merge`, { orderNo: b });
    const key = `dissolve-${uniqueSuffix()}`;
    const first = await t.call(t.keys.cs, 'DELETE', `/orders/${host}/package`, {}, { 'idempotency-key': key });
    const retry = await t.call(t.keys.cs, 'DELETE', `/orders/${host}/package`, {}, { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    expect(first.json().others).toEqual([
      { no: a, revision: 3 },
      { no: b, revision: 2 },
    ]);
    expect(retry.json()).toEqual(first.json());
  });
});

describe.each(postgresDatabase ? [postgresDatabase] : [])('racing commands on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('one Idempotency-Key sent 10 times at once on POST /orders: every answer names the same order, none is a 5xx, one order is stored', async () => {
    for (let round = 0; round < 3; round++) {
      const buyer = `동시구매자${uniqueSuffix()}`;
      const body = sampleOrder({ buyer: { name: buyer, mobile: '010-1111-2222' } });
      const key = `place-${uniqueSuffix()}`;
      const answers = await Promise.all(Array.from({ length: 10 }, () => t.call(t.keys.integration, 'POST', '/orders', body, { 'idempotency-key': key })));
      expect(answers.map((a) => a.statusCode).filter((s) => s !== 200 && s !== 201)).toEqual([]);
      const nos = new Set(answers.map((a) => (a.json() as { no: number }).no));
      expect(nos.size).toBe(1);
      await t.context.runner.catchUp();
      const listed = (await t.call(t.keys.cs, 'GET', `/orders?q=${encodeURIComponent(buyer)}`)).json() as { total: number; items: { no: number }[] };
      expect(listed.total).toBe(1);
      expect(listed.items[0]?.no).toBe([...nos][0]);
    }
  });

  it('10 우선순위 top moves of 10 orders on one product at once: all answered, all distinct, the last committed on top', async () => {
    const productCode = `P${uniqueSuffix()}`;
    const line = { productCode, productName: '동시 우선순위 상품', option: '', quantity: 1, unitPrice: 1000 };
    const nos: number[] = [];
    for (let i = 0; i < 10; i++) nos.push(((await t.call(t.keys.cs, 'POST', '/orders', sampleOrder({ lines: [line] }))).json() as { no: number }).no);
    const answers = await Promise.all(nos.map((no) => t.call(t.keys.cs, 'PUT', `/orders/${no}/priority`, { productCode, position: 'top' })));
    expect(answers.map((a) => a.statusCode)).toEqual(nos.map(() => 200));
    await t.context.runner.catchUp();
    const list = (await t.call(t.keys.cs, 'GET', `/products/${productCode}/priority`)).json() as { items: { no: number; priority: number }[] };
    expect(list.items).toHaveLength(10);
    expect(new Set(list.items.map((i) => i.priority)).size).toBe(10);
    // The product's stream records the moves in commit order: the last one must be on top.
    const moves = (await t.context.store.readStream(productPriorityStreamId(productCode))).events;
    expect(moves).toHaveLength(10);
    expect(list.items[0]?.no).toBe((moves[moves.length - 1]?.data as { no: number }).no);
  });
});
