/**
 * The analyst's map: every table the app migrates carries a comment on itself and on every column,
 * and the README's generated section is exactly what those comments say (`pnpm cli tables`), so the
 * two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES_BEGIN, TABLES_END, tablesDoc } from '@oms/api';
import { allProjections } from '@oms/projections';
import type { TestApp } from '../support/app.js';
import { startTestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

const README = new URL('../../README.md', import.meta.url);

describe.each(testDatabases)('the tables and their comments on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('every read-model table and every column of it has a comment', async () => {
    const readModels = [...new Set(allProjections.map((p) => p.table))];
    expect(readModels.length).toBeGreaterThan(8);
    const { rows } = await sql<{ table: string; column: string | null }>`
      SELECT c.relname AS "table", a.attname AS "column"
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind = 'r' AND c.relname IN (${sql.join(readModels)})
        AND (obj_description(c.oid, 'pg_class') IS NULL OR col_description(c.oid, a.attnum) IS NULL)`.execute(t.context.db);
    expect(rows, 'tables or columns without a comment').toEqual([]);
  });

  it('the README carries the map exactly as the comments say (regenerate with `pnpm cli tables`)', async () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(TABLES_BEGIN);
    const end = readme.indexOf(TABLES_END);
    expect(start, 'README has the tables section').toBeGreaterThan(0);
    expect(readme.slice(start, end + TABLES_END.length)).toBe(await tablesDoc(t.context.db));
  });
});
