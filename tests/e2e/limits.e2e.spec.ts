/**
 * Framework-level refusals are problem+json that quote nothing back (issue 8, items 1, 4, 5): malformed
 * JSON says where, a bad URL, a path parameter too long, an unknown route, a wrong media type and a
 * body over its route's limit; the per-key rate limit answers 429 with Retry-After, before any key is
 * looked up; X-Request-Id is kept only when short and plain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, sampleOrder, startTestApp } from '../support/app.js';

const problemOf = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String) });
  return body;
};

describe.each(testDatabases)('limits and framework errors on $name', (database) => {
  let t: TestApp;
  let no: number;
  const json = { 'content-type': 'application/json' };
  beforeAll(async () => {
    t = await startTestApp(database, { limits: { bodyBytes: 2048, largeBodyBytes: 64 * 1024 } });
    no = (await t.call(t.keys.cs, 'POST', '/orders', sampleOrder())).json().no as number;
  });
  afterAll(async () => {
    await t.app.close();
  });
  const revision = async () => (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json().revision as number;

  it('malformed JSON is a 400 naming line, column and offset, without quoting the body', async () => {
    const before = await revision();
    const res = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, '{\n  "memo": "김경자 010-6364-3640",,\n}', json);
    const body = problemOf(res, 400);
    expect(body).toMatchObject({ code: 'MALFORMED_JSON', field: 'body', line: 2, column: 31, offset: 32 });
    expect(res.body).not.toContain('김경자');
    expect(await revision()).toBe(before);
  });

  it('a body nested deeper than any schema is a 422, not a stack overflow', async () => {
    const before = await revision();
    const deep = `${'{"a":'.repeat(300)}1${'}'.repeat(300)}`;
    const res = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, deep, json);
    expect(problemOf(res, 422).code).toBe('NESTING_TOO_DEEP');
    const arrays = await t.call(t.keys.cs, 'POST', `/orders/${no}/payment`, `{"memo":${'['.repeat(800)}${']'.repeat(800)}}`, json);
    expect(problemOf(arrays, 422).code).toBe('NESTING_TOO_DEEP');
    expect(await revision()).toBe(before);
  });

  it('a prototype-poisoning key is refused', async () => {
    const res = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, '{"memo":"x","__proto__":{"admin":true}}', json);
    expect(problemOf(res, 400).code).toBe('MALFORMED_JSON');
  });

  it('a bad percent-encoding in the path is a 400 that does not echo the URL', async () => {
    const res = await t.call(t.keys.cs, 'GET', '/products/%ZZ김경자/priority');
    expect(problemOf(res, 400)).toMatchObject({ code: 'BAD_URL', field: 'url' });
    expect(res.body).not.toContain('ZZ');
  });

  it('a path parameter longer than any valid one is a 414 problem', async () => {
    const res = await t.call(t.keys.cs, 'GET', `/orders/${'7'.repeat(300)}`);
    expect(problemOf(res, 414).code).toBe('URI_TOO_LONG');
    expect(res.body).not.toContain('7777');
  });

  it('an unknown route or method is a 404 problem that does not echo it', async () => {
    expect(problemOf(await t.call(t.keys.cs, 'GET', '/orders-김경자'), 404).code).toBe('ROUTE_NOT_FOUND');
    const patch = await t.call(t.keys.cs, 'PATCH', `/orders/${no}`);
    expect(problemOf(patch, 404).code).toBe('ROUTE_NOT_FOUND');
    expect(patch.body).not.toContain(String(no));
  });

  it('a body that is not JSON is a 415 naming content-type', async () => {
    const res = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, 'memo=x', { 'content-type': 'text/plain' });
    expect(problemOf(res, 415)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' });
  });

  it('a body over its route limit is a 413; 주문생성 takes the larger limit', async () => {
    const before = await revision();
    const big = { memo: 'x'.repeat(3000) };
    expect(problemOf(await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, big), 413)).toMatchObject({ code: 'BODY_TOO_LARGE', detail: expect.stringContaining('2048') });
    expect(await revision()).toBe(before);
    const lines = Array.from({ length: 40 }, (_, i) => ({ productCode: `P${i}`, productName: '카트야로 스텐 냄비 3종', option: '본품', quantity: 1, unitPrice: 1000 }));
    expect(JSON.stringify(sampleOrder({ lines })).length).toBeGreaterThan(2048);
    expect((await t.call(t.keys.cs, 'POST', '/orders', sampleOrder({ lines }))).statusCode).toBe(201);
  });

  it('every problem names the request by its id, never by its URL', async () => {
    const res = await t.call(t.keys.cs, 'GET', '/orders?q=%00김경자');
    const body = problemOf(res, 422);
    expect(body.instance).toBe(`urn:request:${res.headers['x-request-id']}`);
    expect(res.body).not.toContain('김경자');
  });

  it('keeps a short plain X-Request-Id as the events\' correlationId and replaces any other', async () => {
    const kept = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: 'a' }, { 'x-request-id': 'conn-11st.42:7' });
    expect(kept.headers['x-request-id']).toBe('conn-11st.42:7');
    const long = await t.call(t.keys.cs, 'DELETE', `/orders/${no}/hold`, { memo: 'b' }, { 'x-request-id': 'r'.repeat(8000) });
    const odd = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: 'c' }, { 'x-request-id': 'a b<script>' });
    for (const res of [long, odd]) expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const events = (await t.call(ADMIN_KEY, 'GET', `/orders/${no}/events`)).json().items as { metadata: { correlationId?: string } }[];
    expect(events.slice(-3).map((e) => e.metadata.correlationId)).toEqual(['conn-11st.42:7', long.headers['x-request-id'], odd.headers['x-request-id']]);
  });
});

describe.each(testDatabases)('the per-key rate limit on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { limits: { rateLimitMax: 5, rateLimitWindowMs: 60_000 } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers 429 with Retry-After once a key has used its window, other keys unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.call(t.keys.analyst, 'GET', '/carriers')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await t.call(t.keys.analyst, 'GET', '/carriers');
    expect(problemOf(limited, 429).code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.call(t.keys.auditor, 'GET', '/carriers')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('limits guessed keys before they are looked up: no database query once the window is used', async () => {
    const guess = 'oms_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    for (let i = 0; i < 5; i++) expect((await t.call(guess, 'GET', '/carriers')).statusCode).toBe(401);
    const resolve = t.context.apiKeys.resolve.bind(t.context.apiKeys);
    let lookups = 0;
    t.context.apiKeys.resolve = async (key: string) => {
      lookups++;
      return resolve(key);
    };
    try {
      for (let i = 0; i < 20; i++) expect((await t.call(guess, 'GET', '/carriers')).statusCode).toBe(429);
    } finally {
      t.context.apiKeys.resolve = resolve;
    }
    expect(lookups).toBe(0);
  });
});
