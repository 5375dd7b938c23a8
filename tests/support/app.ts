/** A server per test database, driven through fastify's inject (real routing, validation and serialisation). */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '@oms/api';
import type { AppContext, Limits } from '@oms/api';
import type { TestDatabase } from './databases.js';

export const ADMIN_KEY = 'test-bootstrap-admin-key';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly context: AppContext;
  readonly keys: Record<'cs' | 'cs2' | 'integration' | 'auditor' | 'analyst', string>;
  readonly call: (key: string, method: InjectOptions["method"], url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
}

/** Tests send bursts from one key: the rate limit stays on, far above them (limits.e2e.spec.ts tests it). */
export const TEST_LIMITS: Partial<Limits> = { rateLimitMax: 1_000_000 };

export const startTestApp = async (database: TestDatabase, options: { limits?: Partial<Limits>; eventStoreUrl?: string } = {}): Promise<TestApp> => {
  const opened = await database.open();
  const { app, context } = await buildApp({ database: opened, bootstrapAdminKey: ADMIN_KEY, projectionPollMs: 0, limits: { ...TEST_LIMITS, ...options.limits }, eventStoreUrl: options.eventStoreUrl });
  const key = async (worker: string, role: string) => {
    const res = await app.inject({ method: 'POST', url: '/api-keys', payload: { worker, role }, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    if (res.statusCode !== 201) throw new Error(`cannot create key: ${res.body}`);
    return (res.json() as { key: string }).key;
  };
  const keys = {
    cs: await key('장유리', 'cs'),
    cs2: await key('함정리', 'cs'),
    integration: await key('11번가 연동', 'integration'),
    auditor: await key('감사팀', 'auditor'),
    analyst: await key('분석팀', 'analyst'),
  };
  const call: TestApp['call'] = (k, method, url, payload, headers = {}) =>
    app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { authorization: `Bearer ${k}`, ...headers } });
  return { app, context, keys, call };
};

export const sampleOrder = (overrides: Record<string, unknown> = {}) => ({
  channel: '11번가 법인',
  paymentMethod: 'card',
  paid: true,
  buyer: { name: '김경자', mobile: '010-6364-3640' },
  recipient: { name: '김경자', mobile: '010-6364-3640', zip: '16950', address: '경기도 용인시 성저로 36 312동 301호', memo: '부재시 경비실' },
  shippingFee: 3000,
  lines: [
    { productCode: '30247', productName: '카트야로 스텐 냄비 3종', option: '본품', quantity: 2, unitPrice: 29400 },
    { productCode: '41002', productName: '실리콘 주걱 세트', option: '그레이', quantity: 1, unitPrice: 6900 },
  ],
  ...overrides,
});

let trackingSeq = 0;
/** A tracking number no other test (or run) uses. */
export const freshTrackingNumber = (): string => `${Date.now()}${String(process.pid % 100).padStart(2, '0')}${String(trackingSeq++ % 100).padStart(2, '0')}`.slice(0, 20);

/**
 * An order with a history for auditors to read: placed, held (memo and alarm), 1 of line 1 cancelled,
 * released and invoiced — revisions 0 to 4. `pauseMs` between steps gives each revision its own recordedAt.
 */
export const placeWithHistory = async (t: TestApp, pauseMs = 0): Promise<number> => {
  const placed = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder());
  expect(placed.statusCode, placed.body).toBe(201);
  const no = (placed.json() as { no: number }).no;
  const steps: [string, string, unknown][] = [
    ['PUT', `/orders/${no}/hold`, { alarmAt: '2030-01-01T00:00:00.000Z', memo: '주소 확인' }],
    ['POST', `/orders/${no}/lines/1/cancel`, { quantity: 1, reason: 'cancel_quality' }],
    ['DELETE', `/orders/${no}/hold`, {}],
    ['PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() }],
  ];
  for (const [method, url, body] of steps) {
    const res = await t.call(t.keys.cs, method as InjectOptions['method'], url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return no;
};
