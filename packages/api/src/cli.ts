/**
 * `pnpm demo`                      load demo data (with PGlite: while the server is stopped)
 * `pnpm cli create-key <worker> <role> [--expires <ISO datetime>] [--channels <a,b>]`   print a new API key
 *                                  (--channels: integration keys only)
 * `pnpm cli rebuild`               rebuild every read model from the event log
 * `pnpm cli tables`                print the analyst's map of the tables (their SQL comments) as Markdown
 * `pnpm cli verify`                check every stream's hash chain (exit code 1 on a break)
 * `pnpm cli export --from <ISO instant> --to <ISO instant> [--out <file>]`   every event recorded in
 *                                  that range as JSON lines with hashes (stdout unless --out)
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@oms/adapters';
import { buildApp } from './app.js';
import { ROLES } from './auth.js';
import { loadConfig } from './config.js';
import { lockDataDir } from './dataDirLock.js';
import { loadDemoData } from './demo.js';
import { exportCommand, exportRange, exportSink, progressBar, verifyCommand } from './audit/chainCommands.js';
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
const { app, context } = await buildApp({ database, carriers: config.carriers, projectionPollMs: 0, eventStoreUrl: config.eventStoreUrl });
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
    case 'verify':
      process.exitCode = (await verifyCommand(context, out, progressBar('streams'))).exitCode;
      break;
    case 'export': {
      const usage = 'usage: export --from <ISO instant> --to <ISO instant> [--out <file>]   (recordedAt: from inclusive, to exclusive)';
      const { values } = parseArgs({ args, strict: true, options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
      let range;
      try {
        range = exportRange(values.from, values.to);
      } catch (error) {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n${usage}`, { cause: error });
      }
      const { sink, finish } = exportSink(values.out);
      const written = await exportCommand(context, range, sink, progressBar('events'));
      await finish();
      process.stderr.write(`${written} events exported${values.out ? ` to ${values.out}` : ''}.\n`);
      break;
    }
    default:
      throw new Error('usage: cli demo | create-key <worker> <role> [--expires <at>] [--channels <a,b>] [--team <team>] | rebuild | tables | verify | export --from <at> --to <at> [--out <file>]');
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await app.close();
  await database.close();
  unlock();
}
