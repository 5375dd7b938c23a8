/** Key lifecycle and scopes (issue 8, item 6): expiry, revocation, listing, junk keys, channel-bound keys, analyst masking. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('API keys and scopes on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });
  const newKey = async (body: Record<string, unknown>) => t.call(ADMIN_KEY, 'POST', '/api-keys', body);
  const place = async (key: string, overrides: Record<string, unknown> = {}) => t.call(key, 'POST', '/orders', sampleOrder(overrides));

  it('lists keys without the key or its hash; revoking is at once; unknown id 404, bad id 422', async () => {
    const created = (await newKey({ worker: `w-${uniqueSuffix()}`, role: 'cs' })).json() as { keyId: string; key: string };
    expect((await t.call(created.key, 'GET', '/orders?limit=1')).statusCode).toBe(200);
    const list = await t.call(ADMIN_KEY, 'GET', '/api-keys');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.key);
    expect(list.body).not.toMatch(/[0-9a-f]{64}/);
    const item = (list.json() as { items: { keyId: string; status: string; lastUsedAt: string | null }[] }).items.find((k) => k.keyId === created.keyId);
    expect(item).toMatchObject({ status: 'active', role: 'cs', channels: null, revokedAt: null, expiresAt: null, createdBy: 'admin' });
    expect(item?.lastUsedAt).not.toBeNull();
    expect((await t.call(t.keys.cs, 'GET', '/api-keys')).statusCode).toBe(403);

    const revoked = await t.call(ADMIN_KEY, 'DELETE', `/api-keys/${created.keyId}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expect((await t.call(created.key, 'GET', '/orders?limit=1')).statusCode).toBe(401);

    const unknown = await t.call(ADMIN_KEY, 'DELETE', '/api-keys/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const bad = await t.call(ADMIN_KEY, 'DELETE', '/api-keys/not-a-uuid');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'keyId' });
  });

  it('last_used_at is written at most once a minute per key', async () => {
    const created = (await newKey({ worker: `w-${uniqueSuffix()}`, role: 'auditor' })).json() as { keyId: string; key: string };
    const lastUsed = async () => ((await t.call(ADMIN_KEY, 'GET', '/api-keys')).json() as { items: { keyId: string; lastUsedAt: string | null }[] }).items.find((k) => k.keyId === created.keyId)?.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await t.call(created.key, 'GET', '/orders?limit=1');
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    await t.call(created.key, 'GET', '/orders?limit=1');
    expect(await lastUsed()).toBe(first);
  });

  it('expiresAt must be a future datetime; an expired key is 401', async () => {
    const past = await newKey({ worker: 'x', role: 'cs', expiresAt: '2020-01-01T00:00:00+09:00' });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ field: 'expiresAt' });
    const soon = (await newKey({ worker: 'x', role: 'cs', expiresAt: new Date(Date.now() + 1500).toISOString() })).json() as { keyId: string; key: string };
    expect((await t.call(soon.key, 'GET', '/orders?limit=1')).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await t.call(soon.key, 'GET', '/orders?limit=1')).statusCode).toBe(401);
    const listed = (await t.call(ADMIN_KEY, 'GET', '/api-keys')).json() as { items: { keyId: string; status: string }[] };
    expect(listed.items.find((k) => k.keyId === soon.keyId)?.status).toBe('expired');
  });

  it('channels only for integration keys, non-empty', async () => {
    expect((await newKey({ worker: 'x', role: 'cs', channels: ['쿠팡'] })).json()).toMatchObject({ field: 'channels' });
    expect((await newKey({ worker: 'x', role: 'integration', channels: [] })).json()).toMatchObject({ field: 'channels' });
    const ok = await newKey({ worker: 'x', role: 'integration', channels: ['쿠팡', '쿠팡'] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ role: 'integration', channels: ['쿠팡'] });
  });

  it('a key that cannot be one of ours is 401 without a database query', async () => {
    const select = vi.spyOn(t.context.db, 'selectFrom');
    try {
      for (const junk of ['nope', 'oms_short', `oms_${'a'.repeat(33)}`, `xyz_${'a'.repeat(32)}`]) {
        expect((await t.call(junk, 'GET', '/orders')).statusCode).toBe(401);
      }
      expect(select).not.toHaveBeenCalled();
      // A well-formed key is looked up (and still unknown).
      expect((await t.call(`oms_${'a'.repeat(32)}`, 'GET', '/orders')).statusCode).toBe(401);
      expect(select).toHaveBeenCalledTimes(1);
    } finally {
      select.mockRestore();
    }
  });

  describe('a channel-bound integration key', () => {
    const mine = `채널A-${uniqueSuffix()}`;
    const theirs = `채널B-${uniqueSuffix()}`;
    let bound: string;
    let myOrder: number;
    let theirOrder: number;
    beforeAll(async () => {
      bound = ((await newKey({ worker: 'A 연동', role: 'integration', channels: [mine] })).json() as { key: string }).key;
      myOrder = (await place(bound, { channel: mine, channelOrderNo: `A-${uniqueSuffix()}` })).json().no;
      theirOrder = (await place(t.keys.cs, { channel: theirs, channelOrderNo: `B-${uniqueSuffix()}` })).json().no;
    });

    it('creates orders of its channels only (403 naming channel)', async () => {
      expect(myOrder).toBeGreaterThan(0);
      const refused = await place(bound, { channel: theirs });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'CHANNEL_NOT_ALLOWED', field: 'channel' });
    });

    it('commands on another channel\'s order are refused and append nothing', async () => {
      const before = (await t.call(ADMIN_KEY, 'GET', `/orders/${theirOrder}`)).json().revision;
      for (const [method, path, body] of [
        ['POST', 'shipping-instruction', {}],
        ['PUT', 'invoice', { carrier: 'cj', trackingNumber: freshTrackingNumber() }],
        ['POST', 'cancel', { reason: 'cancel_delay' }],
      ] as const) {
        const res = await t.call(bound, method, `/orders/${theirOrder}/${path}`, body);
        expect(res.statusCode, res.body).toBe(404);
      }
      expect((await t.call(ADMIN_KEY, 'GET', `/orders/${theirOrder}`)).json().revision).toBe(before);
      expect((await t.call(bound, 'POST', `/orders/${myOrder}/shipping-instruction`, {})).statusCode).toBe(200);
    });

    it('sees its channels only: the list is filtered, another channel\'s order and history are 404', async () => {
      const list = (await t.call(bound, 'GET', '/orders?limit=500')).json() as { items: { channel: string }[] };
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((o) => o.channel === mine)).toBe(true);
      expect((await t.call(bound, 'GET', `/orders/${theirOrder}`)).statusCode).toBe(404);
      expect((await t.call(bound, 'GET', `/orders/${theirOrder}/history`)).statusCode).toBe(404);
      expect((await t.call(bound, 'GET', `/orders/${myOrder}/history`)).statusCode).toBe(200);
      const unbound = (await t.call(t.keys.integration, 'GET', `/orders/${theirOrder}`)).statusCode;
      expect(unbound).toBe(200);
    });
  });

  it('an analyst sees names, phones, addresses and memos masked; cs sees them whole', async () => {
    const no = (await place(t.keys.cs, { memo: '고객 요청' })).json().no as number;
    const moved = { name: '박영희', mobile: '010-2222-6279', zip: '48058', address: '부산 해운대구 센텀중앙로 79', memo: '문 앞' };
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/delivery-info`, { recipient: moved, memo: '전화 010-9999-8888 요청' })).statusCode).toBe(200);
    const order = (await t.call(t.keys.analyst, 'GET', `/orders/${no}`)).json();
    expect(order.buyer).toMatchObject({ name: '김*자', mobile: '010-****-3640' });
    expect(order.recipient).toMatchObject({ name: '박*희', mobile: '010-****-6279', address: '부산 해운대구 ****', memo: '****' });
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json().recipient).toMatchObject(moved);

    const row = ((await t.call(t.keys.analyst, 'GET', `/orders?q=${no}&limit=500`)).json() as { items: Record<string, unknown>[] }).items.find((o) => o.no === no);
    expect(row).toMatchObject({ buyerName: '김*자', buyerMobile: '010-****-3640', recipientName: '박*희', recipientAddress: '부산 해운대구 ****' });

    const history = (await t.call(t.keys.analyst, 'GET', `/orders/${no}/history`)).body;
    for (const secret of ['김경자', '박영희', '6364', '센텀중앙로', '성저로', '문 앞', '부재시', '고객 요청', '9999-8888']) expect(history).not.toContain(secret);
    expect(history).toContain('박*희');
    const whole = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/history`)).body;
    expect(whole).toContain('박영희');

    const priority = (await t.call(t.keys.analyst, 'GET', '/products/30247/priority')).json() as { items: { no: number; recipientName: string }[] };
    expect(priority.items.find((i) => i.no === no)?.recipientName).toBe('박*희');
  });
});
