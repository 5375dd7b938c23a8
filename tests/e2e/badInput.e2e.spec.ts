/**
 * Bad input is a 422 problem+json naming the field and changes nothing (issue 8, item 1): NUL and
 * unpaired surrogates in bodies, queries and paths; unknown body fields; path numbers that are not plain
 * decimal digits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('bad input on $name', (database) => {
  let t: TestApp;
  let no: number;
  beforeAll(async () => {
    t = await startTestApp(database);
    no = (await t.call(t.keys.cs, 'POST', '/orders', sampleOrder())).json().no as number;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const revision = async () => (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json().revision as number;
  const refused = async (method: 'GET' | 'POST' | 'PUT', url: string, body: unknown, field: string) => {
    const before = await revision();
    const res = await t.call(t.keys.cs, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().field).toBe(field);
    expect(await revision()).toBe(before);
    return res.json() as { code: string; errors: { field: string; message: string }[] };
  };

  it('a NUL or an unpaired surrogate in any string is refused naming the field', async () => {
    expect((await refused('POST', `/orders/${no}/memos`, { text: 'a\u0000b' }, 'text')).code).toBe('INVALID_CHARACTERS');
    expect((await refused('POST', `/orders/${no}/memos`, { text: 'x\ud800' }, 'text')).code).toBe('INVALID_CHARACTERS');
    await refused('PUT', `/orders/${no}/delivery-info`, { recipient: { name: '김\udc00', address: '서울' } }, 'recipient.name');
    await refused('POST', '/orders', sampleOrder({ lines: [{ productCode: 'P\u0000', productName: '냄비', option: '', quantity: 1, unitPrice: 1 }] }), 'lines[0].productCode');
    await refused('GET', '/orders?q=%00', undefined, 'q');
    await refused('GET', '/products/%00', undefined, 'code');
    // A well-formed pair (an emoji) is fine.
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: '배송 완료 😀' })).statusCode).toBe(200);
  });

  it('an unknown body field is refused naming it, and the command does not run', async () => {
    const p = await refused('POST', `/orders/${no}/memos`, { text: '고객 통화', registerExpectedInbound: true }, 'registerExpectedInbound');
    expect(p.errors).toContainEqual({ field: 'registerExpectedInbound', message: 'unknown field' });
    await refused('PUT', `/orders/${no}/delivery-info`, { recipient: { name: '김', address: '서울', floor: 3 } }, 'recipient.floor');
  });

  it.each(['+NO', 'NO.0', '0x10', 'NO%0A', ' NO', '1e5', '0NO'])('the 관리번호 %s in a path is not a number', async (raw) => {
    const url = `/orders/${raw.replace('NO', String(no))}/memos`;
    await refused('POST', url, { text: '메모' }, 'no');
  });

  it.each(['0x10', '100001', true, [100001]])('a 관리번호 in a body is a JSON number, not %j coerced', async (value) => {
    await refused('POST', `/orders/${no}/merge`, { orderNo: value }, 'orderNo');
  });

  it('주문복사 refuses an unknown field like every other body', async () => {
    await refused('POST', `/orders/${no}/copy`, { whole: true, chanel: '옥션' }, 'chanel');
  });
});
