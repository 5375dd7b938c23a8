/**
 * The server takes multipart uploads (packages/api/src/files/upload.ts) only on routes that ask for
 * them; every JSON route still answers a multipart body with the same 415 as any other non-JSON body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('uploads on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('the multipart parser is registered, with the default 20 MiB file limit', () => {
    expect(t.app.hasContentTypeParser('multipart/form-data')).toBe(true);
    expect(t.app.uploadFileBytes).toBe(20 * 1024 * 1024);
  });

  it('a JSON route refuses a multipart body with 415, exactly as a text body, and creates nothing', async () => {
    const form = new FormData();
    form.append('file', new Blob(['주문번호\n1\n']), '주문.csv');
    const before = (await t.call(t.keys.cs, 'GET', '/orders')).json();
    const multipart = await t.app.inject({ method: 'POST', url: '/orders', payload: form, headers: { authorization: `Bearer ${t.keys.cs}` } });
    const text = await t.call(t.keys.cs, 'POST', '/orders', JSON.stringify(sampleOrder()), { 'content-type': 'text/plain' });
    expect(multipart.statusCode, multipart.body).toBe(415);
    expect(multipart.headers['content-type']).toContain('application/problem+json');
    const { instance: _a, ...refusal } = multipart.json();
    const { instance: _b, ...textRefusal } = text.json();
    expect(refusal).toEqual(textRefusal);
    expect(refusal.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await t.call(t.keys.cs, 'GET', '/orders')).json()).toEqual(before);
  });
});
