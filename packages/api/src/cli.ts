/**
 * `pnpm demo`                      load demo data (with PGlite: while the server is stopped)
 * `pnpm cli create-key <worker> <role> [--expires <ISO datetime>] [--channels <a,b>]`   print a new API key
 *                                  (--channels: integration keys only)
 * `pnpm cli rebuild`               rebuild every read model from the event log
 * `pnpm cli tables`                print the analyst's map of the tables (their SQL comments) as Markdown
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@oms/adapters';
import { buildApp } from './app.js';
import { ROLES } from './auth.js';
import { loadConfig } from './config.js';
import { lockDataDir } from './dataDirLock.js';
import { loadDemoData } from './demo.js';
import { apiKeyBody } from './schemas.js';
import { tablesDoc } from './tablesDoc.js';

const [command, ...args] = process.argv.slice(2);
const config = loadConfig();
const fail = (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};
let unlock: () => void = () => {};
try {
  if (!config.databaseUrl) unlock = lockDataDir(config.dataDir);
} catch (error) {
  fail(error);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
const { app, context } = await buildApp({ database, carriers: config.carriers, projectionPollMs: 0 });
const out = (line: string) => process.stdout.write(`${line}\n`);
try {
  switch (command) {
    case 'demo':
      await loadDemoData(app, context.apiKeys, out);
      break;
    case 'create-key': {
      const usage = `usage: create-key <worker> <${ROLES.join('|')}> [--expires <ISO datetime with offset>] [--channels <channel,channel>] [--team <team>]`;
      const { positionals, values } = parseArgs({ args, allowPositionals: true, strict: true, options: { expires: { type: 'string' }, channels: { type: 'string' }, team: { type: 'string' } } });
      const [worker, role] = positionals;
      // The same rules as POST /api-keys.
      const parsed = apiKeyBody.safeParse({ worker, role, expiresAt: values.expires, channels: values.channels?.split(',').map((c) => c.trim()), team: values.team });
      if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${usage}`);
      const key = await context.apiKeys.create(parsed.data.worker, parsed.data.role, 'cli', { expiresAt: parsed.data.expiresAt, channels: parsed.data.channels, team: parsed.data.team });
      out(key.key);
      break;
    }
    case 'rebuild':
      await context.runner.rebuild();
      out('Read models rebuilt from the event log.');
      break;
    case 'tables':
      out(await tablesDoc(database.db));
      break;
    default:
      throw new Error('usage: cli demo | create-key <worker> <role> [--expires <at>] [--channels <a,b>] [--team <team>] | rebuild | tables');
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await app.close();
  await database.close();
  unlock();
}
