/**
 * The console's session: a key traded for an HttpOnly, SameSite=Strict cookie; a request carried by the
 * cookie that changes anything needs the session's CSRF token; revoking the key ends its sessions;
 * sign-out ends the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, sampleOrder, startTestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

describe.each(testDatabases)('console sessions on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const signIn = async (key: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/session', payload: { key } });
    expect(res.statusCode, res.body).toBe(201);
    const setCookie = String(res.headers['set-cookie']);
    const cookie = setCookie.split(';')[0] as string;
    return { res, setCookie, cookie, csrfToken: (res.json() as { csrfToken: string }).csrfToken };
  };
  const withCookie = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });

  it('a wrong key or an unknown field is refused naming the field; nothing is set', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/session', payload: { key: 'oms_nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'INVALID_KEY', errors: [{ field: 'key' }] });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const extra = await t.app.inject({ method: 'POST', url: '/session', payload: { key: t.keys.cs, remember: true } });
    expect(extra.statusCode).toBe(422);
    expect(JSON.stringify(extra.json())).toContain('remember');
  });

  it('signs in to an HttpOnly, SameSite=Strict cookie; the session says who and what the role may do', async () => {
    const { setCookie, cookie, res } = await signIn(t.keys.cs);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(t.keys.cs);
    expect(res.json()).toMatchObject({ worker: '장유리', role: 'cs', can: { csCommand: true, readEvents: false } });
    const session = await withCookie(cookie, 'GET', '/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ worker: '장유리', role: 'cs' });
    expect((await withCookie(cookie, 'GET', '/orders?limit=1')).statusCode).toBe(200);
    const analyst = await signIn(t.keys.analyst);
    expect(analyst.res.json()).toMatchObject({ role: 'analyst', can: { csCommand: false, readViews: true } });
  });

  it('a change carried by the cookie without its CSRF token is refused and appends nothing; with it, it goes through', async () => {
    const created = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder());
    const { no } = created.json() as { no: number };
    const { cookie, csrfToken } = await signIn(t.keys.cs);
    const before = (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json() as { revision: number };
    for (const headers of [{}, { 'x-csrf-token': 'forged' }] as Record<string, string>[]) {
      const refused = await withCookie(cookie, 'POST', `/orders/${no}/memos`, { text: '교차 사이트' }, headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'CSRF_TOKEN_MISSING', errors: [{ field: 'x-csrf-token' }] });
    }
    expect(((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json() as { revision: number }).revision).toBe(before.revision);
    const accepted = await withCookie(cookie, 'POST', `/orders/${no}/memos`, { text: '콘솔에서' }, { 'x-csrf-token': csrfToken });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const history = (await t.call(t.keys.cs, 'GET', `/orders/${no}/history`)).json() as { items: { content: string; worker: string }[] };
    expect(history.items.at(-1)).toMatchObject({ worker: '장유리' });
  });

  it('revoking the key ends its sessions at once; sign-out needs the token and ends the session', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api-keys', payload: { worker: '임시', role: 'cs' }, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const { key, keyId } = created.json() as { key: string; keyId: string };
    const revoked = await signIn(key);
    expect((await withCookie(revoked.cookie, 'GET', '/session')).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: `/api-keys/${keyId}`, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect((await withCookie(revoked.cookie, 'GET', '/session')).statusCode).toBe(401);
    expect((await withCookie(revoked.cookie, 'GET', '/orders?limit=1')).statusCode).toBe(401);

    const { cookie, csrfToken } = await signIn(t.keys.cs);
    expect((await withCookie(cookie, 'DELETE', '/session')).statusCode).toBe(403);
    const out = await withCookie(cookie, 'DELETE', '/session', undefined, { 'x-csrf-token': csrfToken });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    expect((await withCookie(cookie, 'GET', '/session')).statusCode).toBe(401);
  });
});
