/**
 * The console at a seller's size: 50,000 orders loaded through the real command path (the load bench's
 * loader) into a database of their own, then, in Chromium, how long the CS창's first page takes to
 * render after the search is sent, and the order's panel after a click. Printed, not asserted as timings
 * (the machines are shared); the test asserts what was shown is right. Skipped without Chromium.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@oms/adapters';
import { openDatabase } from '@oms/adapters';
import type { AppContext } from '@oms/api';
import { buildApp } from '@oms/api';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_DIST } from '../../packages/api/src/console.js';
import { emptyLoaded, loadOrders } from '../bench/http/loader.js';
import { buyerNameOf } from '../bench/http/orderData.js';
import { ADMIN_KEY } from '../support/app.js';
import { databaseUrl } from '../support/databases.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ORDERS = Number(process.env.CONSOLE_SPEED_ORDERS ?? 50_000);
const runnable = existsSync(CHROMIUM) && existsSync(`${CONSOLE_DIST}index.html`);
const schema = `console_speed_${process.pid}`;

describe.runIf(runnable)(`the CS console with ${ORDERS.toLocaleString('en')} orders`, () => {
  let database: Database;
  let app: FastifyInstance;
  let context: AppContext;
  let browser: Browser;
  let base: string;
  const loaded = emptyLoaded();

  beforeAll(async () => {
    database = await openDatabase(databaseUrl ? { databaseUrl, schema } : {});
    ({ app, context } = await buildApp({ database, bootstrapAdminKey: ADMIN_KEY, projectionPollMs: 0, limits: { rateLimitMax: 1_000_000 } }));
    const t0 = performance.now();
    await loadOrders(context, loaded, ORDERS);
    process.stdout.write(`console speed: ${ORDERS} orders loaded on ${database.kind} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'] });
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (databaseUrl) await database?.db.schema.dropSchema(schema).ifExists().cascade().execute().catch(() => {});
    await database?.close();
  });

  it('renders the first page of a search and opens an order, timed from the browser', async () => {
    const created = await app.inject({ method: 'POST', url: '/api-keys', payload: { worker: '속도', role: 'cs' }, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const { key } = created.json() as { key: string };
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(base);
    await page.getByLabel('API 키').fill(key);
    await page.getByLabel('API 키').press('Enter');
    await page.getByRole('button', { name: '로그아웃' }).waitFor();
    const rows = page.locator('table.orders tbody tr');
    await rows.first().waitFor();

    const figures: string[] = [];
    for (const [what, q] of [
      ['a name', buyerNameOf(7)],
      ['a 관리번호', String(loaded.nos[123])],
      ['another name', buyerNameOf(12)],
    ] as const) {
      // Until the first row holds what was searched, the rows on screen are the previous answer's.
      await page.getByLabel('검색어').fill(q);
      const sent = performance.now();
      await page.getByLabel('검색어').press('Enter');
      await page.waitForFunction(
        (text: string) => {
          const { document } = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } };
          return (document.querySelector('table.orders tbody tr')?.textContent ?? '').includes(text);
        },
        q,
        { polling: 'raf' },
      );
      const searchMs = performance.now() - sent;
      expect(await rows.count()).toBeGreaterThan(0);

      const clicked = performance.now();
      await rows.first().click();
      await page.locator('section.panel table.lines tbody tr').first().waitFor();
      const panelMs = performance.now() - clicked;
      figures.push(`${what}: first page ${searchMs.toFixed(0)} ms, panel ${panelMs.toFixed(0)} ms`);
      await page.getByRole('button', { name: '닫기', exact: true }).click();
    }
    process.stdout.write(`console speed at ${ORDERS} orders (${database.kind}): ${figures.join('; ')}\n`);
    await page.context().close();
  }, 120_000);
});
