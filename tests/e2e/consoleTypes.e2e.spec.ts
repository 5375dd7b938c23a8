/** The console is typed from the server as it is now: its generated client types equal a fresh generation. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { startTestApp } from '../support/app.js';
import { CONSOLE_TYPES, consoleTypesOf } from '../support/consoleTypes.js';
import { pgliteDatabase } from '../support/databases.js';

describe('the console\'s client types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(pgliteDatabase);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('equal what openapi-typescript makes of the server\'s OpenAPI document (regenerate with `pnpm openapi`)', async () => {
    const fresh = await consoleTypesOf(t.app);
    expect(fresh).toContain('"/orders/{no}/hold"');
    expect(readFileSync(CONSOLE_TYPES, 'utf8')).toBe(fresh);
  });
});
