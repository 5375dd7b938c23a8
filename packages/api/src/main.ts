/** `pnpm start`: the server on embedded PGlite (./data) or, with DATABASE_URL, on PostgreSQL. */
import { openDatabase } from '@oms/adapters';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { lockDataDir } from './dataDirLock.js';
import { createLogger } from './logging.js';

function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
let config: ReturnType<typeof loadConfig>;
let unlock: () => void = () => {};
try {
  config = loadConfig();
  if (!config.databaseUrl) unlock = lockDataDir(config.dataDir);
} catch (error) {
  fail(error);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
const { app } = await buildApp({ database, bootstrapAdminKey: config.bootstrapAdminKey, carriers: config.carriers, logger: createLogger(config.logLevel), limits: config.limits, eventStoreUrl: config.eventStoreUrl });

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  unlock();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(
  { database: database.kind, events: config.eventStoreUrl ? 'KurrentDB (EVENTSTORE_URL)' : database.kind, docs: `http://${config.host}:${config.port}/docs`, bootstrapAdminKey: config.bootstrapAdminKey ? 'set' : 'not set' },
  'order CS back office ready',
);
