/** Several workers at once on the same orders: the store's optimistic check and reservations decide, never luck. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('concurrent CS work over HTTP on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const create = async () => (await t.call(t.keys.cs, 'POST', '/orders', sampleOrder())).json() as { no: number };
  const events = async (no: number) => (await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json().items as { type: string }[];

  it('two workers holding one order at once: exactly one hold is recorded, the other is told it is already held', async () => {
    const { no } = await create();
    const answers = await Promise.all([t.keys.cs, t.keys.cs2, t.keys.cs, t.keys.cs2].map((k) => t.call(k, 'PUT', `/orders/${no}/hold`, {})));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'ORDER_ALREADY_HELD')).toBe(true);
    expect((await events(no)).map((e) => e.type)).toEqual(['OrderPlaced', 'OrderHeld']);
  });

  it('memos from many workers at once all land, each exactly once, in one unbroken revision sequence', async () => {
    const { no } = await create();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => t.call(i % 2 ? t.keys.cs : t.keys.cs2, 'POST', `/orders/${no}/memos`, { text: `메모 ${i}` })));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(answers.map((a) => a.json().revision).sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await events(no)).toHaveLength(9);
    const history = (await t.call(t.keys.cs, 'GET', `/orders/${no}/history`)).json();
    expect(history.total).toBe(9);
  });

  it('one tracking number entered on two orders at once: one gets it, the other is refused', async () => {
    const a = await create();
    const b = await create();
    const tracking = freshTrackingNumber();
    const answers = await Promise.all([a, b].map((o) => t.call(t.keys.cs, 'PUT', `/orders/${o.no}/invoice`, { carrier: 'cj', trackingNumber: tracking })));
    expect(answers.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((x) => x.statusCode === 409);
    expect(loser?.json().code).toBe('VALUE_ALREADY_USED');
    const invoiced = await Promise.all([a, b].map(async (o) => (await t.call(t.keys.cs, 'GET', `/orders/${o.no}`)).json().invoice));
    expect(invoiced.filter((i) => i?.trackingNumber === tracking)).toHaveLength(1);
  });

  it('the same Idempotency-Key sent several times at once appends once and answers the same result', async () => {
    const { no } = await create();
    const key = `parallel-${uniqueSuffix()}`;
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.call(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: '한 번만' }, { 'idempotency-key': key })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect((await events(no)).map((e) => e.type)).toEqual(['OrderPlaced', 'CsMemoAdded']);
  });

  it('the same channel order sent by two connectors at once becomes one order', async () => {
    const channelOrderNo = `ord-${uniqueSuffix()}`;
    const answers = await Promise.all(Array.from({ length: 3 }, () => t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channel: '스마트스토어', channelOrderNo }))));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().no)).size).toBe(1);
  });
});
