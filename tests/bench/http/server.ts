/**
 * The load bench's server, a child process (http.ts forks it): the app as main.ts builds it, on
 * PostgreSQL (DATABASE_URL) in the bench's schema (BENCH_SCHEMA), listening on a free loopback port,
 * with the bootstrap admin key the parent gave (OMS_BOOTSTRAP_ADMIN_KEY) and no rate limit (the bench
 * sends hundreds of requests a second from one key). Tells the parent its port over IPC.
 */
import { openDatabase } from '@oms/adapters';
import { buildApp } from '@oms/api';

const databaseUrl = process.env.DATABASE_URL;
const schema = process.env.BENCH_SCHEMA;
if (!databaseUrl || !schema || !process.send) throw new Error('server.ts is forked by http.ts, with DATABASE_URL and BENCH_SCHEMA.');

const database = await openDatabase({ databaseUrl, schema, poolSize: Number(process.env.BENCH_SERVER_POOL ?? 10) });
const { app } = await buildApp({ database, bootstrapAdminKey: process.env.OMS_BOOTSTRAP_ADMIN_KEY, limits: { rateLimitMax: 0 } });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });

const shutdown = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('disconnect', () => void shutdown());
