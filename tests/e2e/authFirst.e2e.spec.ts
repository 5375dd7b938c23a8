/**
 * Auth runs before validation (issue 8): on every route of the OpenAPI document that needs a key, a
 * caller without one — or with a role that may not — learns nothing about the schema: a broken path,
 * query and body still answer 401 / 403, never a 422 listing the fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { startTestApp } from '../support/app.js';

type Operation = { readonly method: string; readonly url: string; readonly readOnly: boolean };

describe.each(testDatabases)('auth before validation on $name', (database) => {
  let t: TestApp;
  let operations: Operation[];
  beforeAll(async () => {
    t = await startTestApp(database);
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => (op.security ?? []).length > 0)
        // Every path parameter broken: `{no}` → `x`, so validation would refuse it.
        .map(([method, op]) => ({ method: method.toUpperCase(), url: `${path.replace(/\{[^}]+\}/g, 'x')}?limit=-1`, readOnly: method === 'get' && op !== undefined })),
    );
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('covers the routes that need a key', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it('without a key every such route answers 401 problem+json, whatever the input', async () => {
    for (const op of operations) {
      const res = await t.app.inject({ method: op.method as 'GET', url: op.url, ...(op.readOnly ? {} : { payload: { bogus: '\u0000', quantity: 'many' } }) });
      expect(res.statusCode, `${op.method} ${op.url}: ${res.body}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toMatch(/quantity|bogus|errors/);
    }
  });

  it('with a role that may not, every state-changing route answers 403 before looking at the input', async () => {
    for (const op of operations.filter((o) => !o.readOnly)) {
      const res = await t.call(t.keys.analyst, op.method as 'POST', op.url, { bogus: 1 });
      expect(res.statusCode, `${op.method} ${op.url}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
