/**
 * What every browser test shares: Debian's Chromium (off the network), the server on loopback
 * (PostgreSQL when DATABASE_URL is set, else PGlite) serving the built console, a signed-in page at
 * 1366×768 in Asia/Seoul, a screenshot into tests/artifacts/, and a toolbar action run through its dialog.
 * Without /usr/bin/chromium or a built console the suites are skipped, and say why.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { expect } from 'vitest';
import { CONSOLE_DIST } from '../../packages/api/src/console.js';
import type { TestApp } from './app.js';
import { sampleOrder, startTestApp } from './app.js';
import { postgresDatabase, pgliteDatabase } from './databases.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export const browserRunnable = (suite: string): boolean => {
  const runnable = existsSync(CHROMIUM) && existsSync(`${CONSOLE_DIST}index.html`);
  if (!runnable) process.stderr.write(`${suite}: browser tests skipped: ${existsSync(CHROMIUM) ? 'the console is not built (pnpm test builds it)' : `no Chromium at ${CHROMIUM}`}\n`);
  return runnable;
};

export interface ConsoleHarness {
  readonly t: TestApp;
  readonly browser: Browser;
  readonly base: string;
  signedIn(key: string): Promise<Page>;
  shot(page: Page, name: string): Promise<Buffer>;
  create(overrides: Record<string, unknown>): Promise<number>;
  /** Clicks a CS창 toolbar button, fills its dialog and presses 확인; returns the dialog. */
  act(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>): Promise<Locator>;
  close(): Promise<void>;
}

export const startConsoleHarness = async (): Promise<ConsoleHarness> => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const t = await startTestApp(postgresDatabase ?? pgliteDatabase);
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    t,
    browser,
    base,
    signedIn: async (key) => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul', acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(base);
      await page.getByLabel('API 키').fill(key);
      await page.getByLabel('API 키').press('Enter');
      await page.getByRole('button', { name: '로그아웃' }).waitFor();
      return page;
    },
    shot: (page, name) => page.screenshot({ path: `${ARTIFACTS}${name}.png` }),
    create: async (overrides) => {
      const res = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder(overrides));
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { no: number }).no;
    },
    act: async (page, label, fill = async () => {}) => {
      await page.getByRole('navigation', { name: 'CS 작업' }).getByRole('button', { name: label, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await fill(dialog);
      await dialog.getByRole('button', { name: '확인', exact: true }).click();
      return dialog;
    },
    close: async () => {
      await browser.close();
      await t.app.close();
    },
  };
};
