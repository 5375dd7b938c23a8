/** A configured carrier list (OMS_CARRIERS_FILE, passed to buildApp as `carriers`) is the one the CS 이력 names. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@oms/api';
import type { Carrier } from '@oms/domain';
import { ADMIN_KEY, freshTrackingNumber, sampleOrder, TEST_LIMITS } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

/** A file's list: a carrier the defaults lack, and a default code under another name. */
const CARRIERS: readonly Carrier[] = [
  { code: 'cvs', name: 'CVS편의점택배', trackingUrl: 'https://www.cvsnet.co.kr/invoice/tracking.do?invoice_no={trackingNumber}' },
  { code: 'cj', name: 'CJ대한통운(계약)', trackingUrl: 'https://trace.cjlogistics.com/next/tracking.html?wblNo={trackingNumber}' },
];

describe.each(testDatabases)('configured carriers on $name', (database) => {
  let app: FastifyInstance;
  let key: string;
  const call = (method: InjectOptions['method'], url: string, payload?: object) =>
    app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    ({ app } = await buildApp({ database: await database.open(), bootstrapAdminKey: ADMIN_KEY, carriers: CARRIERS, projectionPollMs: 0, limits: TEST_LIMITS }));
    const res = await app.inject({ method: 'POST', url: '/api-keys', payload: { worker: '장유리', role: 'cs' }, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.statusCode, res.body).toBe(201);
    key = (res.json() as { key: string }).key;
  });
  afterAll(async () => {
    await app.close();
  });

  it('송장입력 in the CS 이력 names the configured carrier, and what a correction replaced', async () => {
    const created = await call('POST', '/orders', sampleOrder());
    expect(created.statusCode, created.body).toBe(201);
    const { no } = created.json() as { no: number };
    const [first, second] = [freshTrackingNumber(), freshTrackingNumber()];
    expect((await call('PUT', `/orders/${no}/invoice`, { carrier: 'cvs', trackingNumber: first })).statusCode).toBe(200);
    expect((await call('PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: second })).statusCode).toBe(200);

    const history = (await call('GET', `/orders/${no}/history`)).json() as { items: { workTypeLabel: string; content: string }[] };
    expect(history.items.filter((i) => i.workTypeLabel === '송장입력').map((i) => i.content)).toEqual([
      `[송장입력] CVS편의점택배 ${first}`,
      `[송장입력] CJ대한통운(계약) ${second} (변경 전: CVS편의점택배 ${first})`,
    ]);
    expect((await call('GET', `/orders/${no}`)).json()).toMatchObject({ invoice: { carrier: 'cj', carrierName: 'CJ대한통운(계약)', trackingNumber: second } });
  });

  it('송장입력 takes a configured carrier by its name too, and only the configured names', async () => {
    const { no } = (await call('POST', '/orders', sampleOrder())).json() as { no: number };
    const byName = await call('PUT', `/orders/${no}/invoice`, { carrier: 'CVS편의점택배', trackingNumber: freshTrackingNumber() });
    expect(byName.statusCode, byName.body).toBe(200);
    expect((await call('GET', `/orders/${no}`)).json()).toMatchObject({ invoice: { carrier: 'cvs', carrierName: 'CVS편의점택배' } });
    // The default list's name for cj is not this server's name for it.
    const other = await call('PUT', `/orders/${no}/invoice`, { carrier: 'CJ대한통운', trackingNumber: freshTrackingNumber() });
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json()).toMatchObject({ field: 'carrier' });
    expect(other.json().errors[0].message).toContain('"CJ대한통운(계약)"');
  });
});
