/**
 * `pnpm demo`                      load demo data (with PGlite: while the server is stopped)
 * `pnpm cli create-key <worker> <role>`   print a new API key
 * `pnpm cli rebuild`               rebuild every read model from the event log
 */
import { openDatabase } from '@oms/adapters';
import type { Role } from '@oms/domain';
import { buildApp } from './app.js';
import { ROLES } from './auth.js';
import { loadConfig } from './config.js';
import { lockDataDir } from './dataDirLock.js';
import { loadDemoData } from './demo.js';

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
      const [worker, role] = args;
      if (!worker || !ROLES.includes(role as Role)) throw new Error(`usage: create-key <worker> <${ROLES.join('|')}>`);
      const key = await context.apiKeys.create(worker, role as Role, 'cli');
      out(key.key);
      break;
    }
    case 'rebuild':
      await context.runner.rebuild();
      out('Read models rebuilt from the event log.');
      break;
    default:
      throw new Error('usage: cli demo | create-key <worker> <role> | rebuild');
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await app.close();
  await database.close();
  unlock();
}
