/**
 * Fuzzing every route of the OpenAPI document (issue 8): requests generated from the server's own
 * schemas, mostly valid (seeded 관리번호, real product codes and channels, so the domain rules are
 * reached) and now and then broken (NUL and lone surrogates, huge numbers, unknown and missing
 * fields, wrong types, 10k strings, deep nesting, malformed JSON, wrong content types, odd path
 * numbers). For every answer:
 *  - never a 5xx;
 *  - every 4xx/5xx is application/problem+json with type, title and status;
 *  - a refused command (a 4xx on a non-GET route) changed nothing: no event appended, the seeded
 *    orders' stream revisions and CS window rows, the catalogue and the keys as they were.
 * Every failing request is collected (not only the first) and listed with its seed.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { orderStreamId } from '@oms/domain';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';
import type { FuzzRequest, Hints, OpenApiDocument } from '../support/openapiArb.js';
import { requestArb, routesOf } from '../support/openapiArb.js';

/** Requests per database: 1,600 (3,200 over PGlite and PostgreSQL); PROPERTY_RUNS overrides. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1600);

interface Failure {
  readonly request: FuzzRequest;
  readonly status: number;
  readonly contentType: string;
  readonly why: string;
  readonly body: string;
}

describe.each(testDatabases)('fuzzing every route on $name', (database) => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let orderNos: number[];
  let hints: Hints;
  let entryIds: string[];
  const suffix = uniqueSuffix();

  beforeAll(async () => {
    t = await startTestApp(database);
    doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDocument;
    const admin = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => t.call(ADMIN_KEY, method, url, body);
    const products = [
      { code: '30247', name: '카트야로 스텐 냄비 3종', option: '본품', salePrice: 29400, supplyPrice: 18000 },
      { code: '41002', name: '실리콘 주걱 세트', option: '그레이', salePrice: 6900, supplyPrice: 3000 },
      { code: `FZ-${suffix}`, name: '퍼즈 상품', option: '', salePrice: 1000, supplyPrice: 500, stock: 5 },
    ];
    for (const p of products) {
      const res = await admin('POST', '/products', p);
      if (res.statusCode !== 201 && res.statusCode !== 409) throw new Error(`cannot seed product: ${res.body}`);
    }
    const channel = `퍼즈몰 ${suffix}`;
    await admin('POST', '/channels', { name: channel, group: '오픈마켓' });
    const line = (code: string, quantity: number) => ({ productCode: code, productName: `상품 ${code}`, option: '', quantity, unitPrice: 1000 });
    const orders = [
      sampleOrder(),
      sampleOrder({ paid: false, paymentMethod: 'bank_deposit' }),
      sampleOrder({ channel, channelOrderNo: `FZ-${suffix}` }),
      sampleOrder({ lines: [line(`FZ-${suffix}`, 3), line('30247', 1)] }),
      sampleOrder({ lines: [line(`FZ-${suffix}`, 1)] }),
      sampleOrder(),
    ];
    orderNos = [];
    for (const o of orders) orderNos.push(((await admin('POST', '/orders', o)).json() as { no: number }).no);
    const [, , , shipped, held, invoiced] = orderNos as [number, number, number, number, number, number];
    for (const [no, carrier] of [[shipped, 'cj'], [invoiced, 'hanjin']] as const) {
      const res = await admin('PUT', `/orders/${no}/invoice`, { carrier, trackingNumber: freshTrackingNumber() });
      if (res.statusCode !== 200) throw new Error(`cannot seed invoice: ${res.body}`);
    }
    await admin('POST', `/orders/${shipped}/shipment`, {});
    await admin('PUT', `/orders/${held}/hold`, { memo: '퍼즈 보류' });
    await t.context.runner.catchUp();
    entryIds = [];
    for (const no of orderNos) {
      const items = ((await admin('GET', `/orders/${no}/history`)).json() as { items?: { entryId: string }[] }).items ?? [];
      entryIds.push(...items.map((i) => i.entryId));
    }
    const channels = ((await admin('GET', '/channels')).json() as { items: { name: string }[] }).items.map((c) => c.name);
    const codes = products.map((p) => p.code);
    const small = fc.integer({ min: 1, max: 3 });
    hints = {
      no: fc.constantFrom(...orderNos),
      orderNo: fc.constantFrom(...orderNos),
      after: fc.constantFrom(...orderNos),
      packageId: fc.constantFrom(...orderNos),
      lineId: small,
      pickupId: fc.integer({ min: 1, max: 2 }),
      quantity: small,
      entryId: fc.constantFrom(...entryIds),
      entryIds: fc.array(fc.constantFrom(...entryIds), { minLength: 1, maxLength: 3 }),
      productCode: fc.constantFrom(...codes),
      code: fc.constantFrom(...codes),
      channel: fc.constantFrom(...channels),
      name: fc.constantFrom(...channels),
      q: fc.constantFrom(...orderNos.map(String), '김경자', '010-6364-3640'),
      trackingNumber: fc.constant(null).map(() => freshTrackingNumber()),
      carrier: fc.constantFrom(...t.context.carriers.flatMap((c) => [c.code, c.name])),
      limit: fc.integer({ min: 1, max: 20 }),
      offset: fc.integer({ min: 0, max: 5 }),
    };
  });

  afterAll(async () => {
    await t.app.close();
  });

  /** Everything a refused command must leave as it was. */
  const snapshot = async (target: number | undefined) => {
    await t.context.runner.catchUp();
    const nos = target === undefined || orderNos.includes(target) ? orderNos : [...orderNos, target];
    const db = t.context.db;
    const [events, streams, rows, catalogue, keys] = await Promise.all([
      sql<{ n: string; last: string | null }>`SELECT count(*)::text AS n, max(global_position)::text AS last FROM events`.execute(db),
      sql<{ stream_id: string; revision: string }>`SELECT stream_id, revision::text FROM streams WHERE stream_id IN (${sql.join(nos.map(orderStreamId))}) ORDER BY stream_id`.execute(db),
      sql<{ row: string }>`SELECT o::text AS row FROM order_list o WHERE no IN (${sql.join(nos)}) ORDER BY no`.execute(db),
      sql<{ p: string | null; c: string | null }>`SELECT (SELECT md5(string_agg(p::text, ',' ORDER BY code)) FROM products p) AS p, (SELECT md5(string_agg(c::text, ',' ORDER BY name)) FROM channels c) AS c`.execute(db),
      sql<{ n: string }>`SELECT count(*)::text AS n FROM api_keys`.execute(db),
    ]);
    // The order as the API shows it: its ETag (revision) and body.
    const shown = target === undefined ? null : await t.app.inject({ method: 'GET', url: `/orders/${target}`, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    return {
      events: events.rows,
      streams: streams.rows,
      rows: rows.rows.map((r) => r.row),
      catalogue: catalogue.rows,
      keys: keys.rows,
      // A problem's `instance` names the request that read it, so it differs from read to read.
      order: shown ? { status: shown.statusCode, etag: shown.headers.etag, body: { ...(shown.json() as object), instance: undefined } } : null,
    };
  };

  /** Where two snapshots part: the first differing member, from the first differing character. */
  const changeOf = (before: object, after: object): string => {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    const key = Object.keys(a).find((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])) ?? '?';
    const [x, y] = [JSON.stringify(a[key]), JSON.stringify(b[key])];
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    return `${key}: …${x.slice(Math.max(0, i - 60), i + 140)} → …${y.slice(Math.max(0, i - 60), i + 140)}`;
  };

  const problemFault = (res: LightMyRequestResponse): string | null => {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) return `content-type ${type || '(none)'}`;
    let body: { type?: unknown; title?: unknown; status?: unknown };
    try {
      body = res.json();
    } catch {
      return 'body is not JSON';
    }
    if (typeof body.type !== 'string' || typeof body.title !== 'string' || body.status !== res.statusCode) return 'no type/title/status';
    return null;
  };

  it(`sends ${RUNS} generated requests over every route: no 5xx, every error a problem, a refused command changes nothing`, async () => {
    const routes = routesOf(doc);
    expect(routes.length).toBeGreaterThan(40);
    const keys = t.keys;
    const options = {
      hints,
      auth: fc.oneof(
        { weight: 16, arbitrary: fc.constant(`Bearer ${ADMIN_KEY}`) },
        { weight: 4, arbitrary: fc.constant(`Bearer ${keys.cs}`) },
        { weight: 1, arbitrary: fc.constantFrom(`Bearer ${keys.integration}`, `Bearer ${keys.auditor}`, `Bearer ${keys.analyst}`) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, 'Bearer', 'Bearer nope', `Basic ${ADMIN_KEY}`, `Bearer ${ADMIN_KEY} x`, `Bearer \u0000`, 'x'.repeat(10_000)) },
      ),
      idempotencyKey: fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: fc.uuid().map((u) => `fz-${u}`) },
        { weight: 1, arbitrary: fc.constantFrom('fz-reused', 'fz-reused-2', '', ' ', 'x'.repeat(10_000), 'ㄱ', '\u007f') },
      ),
      ifMatch: fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 12 }).map((n) => `"${n}"`) },
        { weight: 1, arbitrary: fc.constantFrom('*', 'W/"1"', '"-1"', '"1e3"', '"9007199254740993"', 'junk', '""', '"1", "2"', '"0x1"') },
      ),
    };
    const arbitrary = fc.oneof(...routes.map((r) => requestArb(r, options)));
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const statuses = new Map<number, number>();
    const failures: Failure[] = [];
    let sent = 0;
    const started = Date.now();
    // A projection that cannot apply an event stops there: every later request would fail for that one reason.
    class ReadModelsStuck extends Error {}
    await fc.assert(
      fc.asyncProperty(arbitrary, async (req) => {
        const command = req.method !== 'GET';
        const target = req.params.no !== undefined && /^[1-9][0-9]{0,15}$/.test(req.params.no) ? Number(req.params.no) : undefined;
        const before = command ? await snapshot(target) : null;
        const res = await t.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload === undefined ? {} : { payload: req.payload }) });
        sent++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const fail = (why: string) => failures.push({ request: req, status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), why, body: res.body.slice(0, 300) });
        if (res.statusCode >= 500) fail('5xx');
        if (res.statusCode >= 400) {
          const fault = problemFault(res);
          if (fault) fail(`not a problem: ${fault}`);
        }
        if (command && res.statusCode < 400) {
          // What an accepted command stored must be something the read models can apply.
          try {
            await t.context.runner.catchUp();
          } catch (error) {
            fail(`accepted, but the read models cannot apply it: ${String(error).slice(0, 300)}`);
            throw new ReadModelsStuck();
          }
        }
        if (before && res.statusCode >= 400 && res.statusCode < 500) {
          const after = await snapshot(target);
          if (JSON.stringify(after) !== JSON.stringify(before)) fail(`refused but changed: ${changeOf(before, after)}`);
        }
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    ).catch((error: unknown) => {
      if (!(error instanceof Error && error.cause instanceof ReadModelsStuck)) throw error;
    });
    const byClass = [...statuses].reduce<Record<string, number>>((acc, [s, n]) => ({ ...acc, [`${Math.floor(s / 100)}xx`]: (acc[`${Math.floor(s / 100)}xx`] ?? 0) + n }), {});
    const detail = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    console.log(`fuzz on ${database.name}: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed}), ${JSON.stringify(byClass)}, by status ${JSON.stringify(detail)}`);
    // One example per kind of failure (what went wrong, the status, the error code answered), with how often it happened.
    const kinds = new Map<string, { count: number; example: Failure }>();
    for (const f of failures) {
      const code = /"code":"([^"]+)"/.exec(f.body)?.[1] ?? /"error":"([^"]+)"/.exec(f.body)?.[1] ?? '';
      // fastify's own answers (no route, a bad URL) are the same whatever the route; the rest are told apart by route.
      const framework = code.startsWith('FST_') || code === 'Not Found';
      const kind = `${f.why.startsWith('refused') ? 'refused but changed' : f.why} · ${f.status} ${code}${framework ? '' : ` · ${f.request.route}`}`;
      const seen = kinds.get(kind);
      kinds.set(kind, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? f });
    }
    const shown = [...kinds].map(([kind, { count, example: f }]) => ({
      kind,
      count,
      why: f.why.slice(0, 900),
      contentType: f.contentType,
      request: { method: f.request.method, url: f.request.url.slice(0, 300), headers: Object.fromEntries(Object.entries(f.request.headers).map(([k, v]) => [k, v.slice(0, 120)])), payload: f.request.payload?.slice(0, 500) },
      body: f.body,
    }));
    expect(shown, `seed ${seed}: ${failures.length} failing requests`).toEqual([]);
  }, 240_000);
});
