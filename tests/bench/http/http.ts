/**
 * `pnpm bench --http`: the CS back office under load, over real HTTP on loopback, on PostgreSQL.
 *
 *   1. A schema of its own in DATABASE_URL's database (dropped at the end unless --keep).
 *   2. For each size of --orders (incrementally: 1,000 then 99,000 more, …): the bulk loader
 *      (loader.ts: PlaceOrder plans and CS history through OrderCommandHandler.runPlans, then the
 *      ProjectionRunner catching up), timed per phase, then VACUUM ANALYZE of the schema's tables.
 *   3. The server (server.ts, the app as main.ts builds it) in a CHILD process, so the load generator
 *      does not share its event loop; then, open loop at fixed arrival rates (traffic.ts): the CS
 *      window's reads at --rate, one-order commands at --command-rate, and a saturation ladder of
 *      commands (--saturate) to find the highest rate the server still achieves.
 *
 *   pnpm bench --http --orders 1000 --seconds 5                 (a smoke check, ~1 min)
 *   pnpm bench --http --orders 1000,100000,1000000 --seconds 20
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Database } from '@oms/adapters';
import { openDatabase, quoteIdent } from '@oms/adapters';
import { buildApp } from '@oms/api';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { fmt, printTable } from '../table.js';
import type { Loaded, LoadFigures } from './loader.js';
import { emptyLoaded, loadOrders } from './loader.js';
import { CATALOGUE, CHANNELS } from './orderData.js';
import type { KindFigure } from './traffic.js';
import { commandMix, drive, openPool, readMix, solo, totalOf } from './traffic.js';

const ADMIN_KEY = `bench-http-admin-${process.pid}-${Date.now()}`;
const progress = (line: string) => process.stderr.write(`  ${line}\n`);
const list = (s: string) => s.split(',').map((x) => Number(x.trim().replaceAll('_', ''))).filter((x) => Number.isFinite(x) && x > 0);

const parseOptions = () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      http: { type: 'boolean' },
      orders: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '50' },
      'command-rate': { type: 'string', default: '150' },
      saturate: { type: 'string', default: '50,100,150,200,300,450' },
      solo: { type: 'string', default: '20' },
      'projections-after': { type: 'boolean', default: false },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      concurrency: { type: 'string', default: '2' },
      'projection-batch': { type: 'string', default: '5000' },
      connections: { type: 'string', default: '256' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return {
    sizes: list(values.orders).sort((a, b) => a - b),
    rate: Number(values.rate),
    commandRate: Number(values['command-rate']),
    saturate: list(values.saturate),
    seconds: Number(values.seconds),
    warmup: Number(values.warmup),
    concurrency: Number(values.concurrency),
    projectionBatch: Number(values['projection-batch']),
    connections: Number(values.connections),
    keep: values.keep,
    solo: Number(values.solo),
    projectionsAfter: values['projections-after'],
  };
};
type Options = ReturnType<typeof parseOptions>;

/** The loader's side: the app built in this process (migrations, catalogue, keys), never listening. */
const openLoader = async (databaseUrl: string, schema: string) => {
  const database: Database = await openDatabase({ databaseUrl, schema, poolSize: 8 });
  const { app, context } = await buildApp({ database, bootstrapAdminKey: ADMIN_KEY, projectionPollMs: 0, limits: { rateLimitMax: 0 } });
  const call = async (method: 'POST', url: string, payload: object, status = 201) => {
    const res = await app.inject({ method, url, payload, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json() as Record<string, unknown>;
  };
  for (const name of CHANNELS) await call('POST', '/channels', { name });
  for (const p of CATALOGUE) await call('POST', '/products', { ...p, stock: 1_000_000 });
  const key = String((await call('POST', '/api-keys', { worker: '벤치 CS', role: 'cs' })).key);
  return { database, app, context, key };
};

const startServer = async (databaseUrl: string, schema: string): Promise<{ child: ChildProcess; port: number }> => {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: databaseUrl, BENCH_SCHEMA: schema, OMS_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  return { child, port };
};

const stopServer = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
};

/** The projections beside the appends, in a process of their own (projector.ts); resolves with the events read once told to finish. */
const startProjector = (databaseUrl: string, schema: string, batch: number, onProjected: (events: number) => void) => {
  const child = fork(fileURLToPath(new URL('./projector.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: databaseUrl, BENCH_SCHEMA: schema, BENCH_PROJECTION_BATCH: String(batch) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<number>((resolve, reject) => {
    child.on('message', (m) => {
      const { projected, done: total } = m as { projected?: number; done?: number };
      if (projected !== undefined) onProjected(projected);
      if (total !== undefined) resolve(total);
    });
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the projector exited with ${code}`))));
  });
  return { finish: () => (child.send('finish'), done) };
};

interface Loading extends LoadFigures {
  readonly vacuumSeconds: number;
  /** Projections beside the appends: how long they ran on after the last append. */
  readonly overlapped: boolean;
  readonly tailSeconds: number;
}

const load = async (loader: Awaited<ReturnType<typeof openLoader>>, loaded: Loaded, target: number, o: Options, databaseUrl: string, schema: string): Promise<Loading> => {
  const adding = target - loaded.count;
  const bar = new cliProgress.MultiBar(
    { format: '  {phase} |{bar}| {value}/{total} {unit} | {rate}/s | {duration_formatted}', stream: process.stderr, fps: 4, hideCursor: false, noTTYOutput: true, notTTYSchedule: 10_000 },
    cliProgress.Presets.shades_classic,
  );
  const t0 = performance.now();
  const orders = bar.create(adding, 0, { phase: 'commands   ', unit: 'orders', rate: '0' });
  // The log's events since the last load: about 3 per order (order, reservations, claims).
  const events = bar.create(Math.round(adding * 3.1), 0, { phase: 'projections', unit: 'events', rate: '0' });
  const onProjected = (n: number) => {
    events.setTotal(Math.max(events.getTotal(), n));
    events.update(n, { rate: fmt(n / ((performance.now() - t0) / 1000)) });
  };
  const projector = o.projectionsAfter ? null : startProjector(databaseUrl, schema, o.projectionBatch, onProjected);
  const figures = await loadOrders(loader.context, loaded, target, {
    concurrency: o.concurrency,
    projectionBatch: o.projectionBatch,
    projectAfter: projector === null,
    onOrders: (done) => orders.update(done, { rate: fmt(done / ((performance.now() - t0) / 1000)) }),
    onProjected,
  });
  const t1 = performance.now();
  const projected = projector ? await projector.finish() : figures.events;
  const tailSeconds = (performance.now() - t1) / 1000;
  bar.stop();
  const t2 = performance.now();
  // A burst of inserts outruns autovacuum: at rest it would have analysed the tables and set their visibility maps.
  const { rows } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(loader.database.db);
  for (const { name } of rows) await sql.raw(`VACUUM (ANALYZE) ${quoteIdent(name)}`).execute(loader.database.db);
  return {
    ...figures,
    events: projected,
    projectionSeconds: projector ? figures.commandSeconds + tailSeconds : figures.projectionSeconds,
    overlapped: projector !== null,
    tailSeconds,
    vacuumSeconds: (performance.now() - t2) / 1000,
  };
};

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const rowsOf = (figures: readonly KindFigure[]) =>
  figures.map((f) => ({
    'request': f.kind,
    'offered/s': f.offered.toFixed(1),
    'achieved/s': f.achieved.toFixed(1),
    'p50 ms': ms(f.p50),
    'p95 ms': ms(f.p95),
    'p99 ms': ms(f.p99),
    'max ms': ms(f.max),
    'errors (status: n)': f.errors,
  }));

export const main = async (): Promise<void> => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('pnpm bench --http runs on PostgreSQL: set DATABASE_URL (e.g. postgres://oms_ci:oms_ci@127.0.0.1:5432/oms_ci).');
  const o = parseOptions();
  const schema = `loadbench_${process.pid}`;
  const started = performance.now();
  progress(`schema ${schema}: migrating, channels, ${CATALOGUE.length} products, a CS key …`);
  const loader = await openLoader(databaseUrl, schema);
  const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(loader.database.db)).rows[0]?.v ?? '?';
  const cpus = os.cpus();
  console.log(
    `\nLoad bench (pnpm bench --http) — node ${process.version}, PostgreSQL ${version} on the same machine, ${cpus.length} vCPU (${cpus[0]?.model ?? '?'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB.\nThe server runs in a child process (its own event loop, pool 10); this process generates the load over loopback; ` +
      `both share the ${cpus.length} vCPUs with PostgreSQL${cpus.length <= 2 ? ' — on this machine the load generator and the loader take CPU the server would otherwise have' : ''}.\n` +
      `Open loop: requests are sent on schedule whether or not earlier ones answered; latency is from the scheduled send time. ` +
      `${o.seconds}s measured per phase after ${o.warmup}s warm-up. Schema ${schema}.`,
  );
  const loaded = emptyLoaded();
  let server: { child: ChildProcess; port: number } | null = null;
  try {
    for (const size of o.sizes) {
      if (server) await stopServer(server.child);
      server = null;
      progress(`loading to ${fmt(size)} orders …`);
      const f = await load(loader, loaded, size, o, databaseUrl, schema);
      const total = f.overlapped ? f.commandSeconds + f.tailSeconds : f.commandSeconds + f.projectionSeconds;
      console.log(`\n== ${fmt(size)} orders ==`);
      console.log(
        `Loader: +${fmt(f.orders)} orders (${fmt(f.plans)} plans, ${o.concurrency} groups of 250 at once; ${fmt(f.events)} events): ` +
          `commands ${f.commandSeconds.toFixed(1)}s (${fmt(f.orders / f.commandSeconds)} orders/s, ${fmt(f.events / f.commandSeconds)} events/s); ` +
          (f.overlapped
            ? `projections beside them in another process (batch ${o.projectionBatch}), ${f.tailSeconds.toFixed(1)}s more after the last append (${fmt(f.events / f.projectionSeconds)} events/s over ${f.projectionSeconds.toFixed(1)}s); `
            : `then projections ${f.projectionSeconds.toFixed(1)}s (${fmt(f.events / f.projectionSeconds)} events/s, batch ${o.projectionBatch}); `) +
          `in all ${total.toFixed(1)}s = ${fmt(f.orders / total)} orders/s; then VACUUM ANALYZE ${f.vacuumSeconds.toFixed(1)}s.`,
      );
      server = await startServer(databaseUrl, schema);
      const pool = openPool(`http://127.0.0.1:${server.port}`, o.connections);
      try {
        if (o.solo > 0) {
          progress(`${fmt(size)} orders: each read alone, ${o.solo} one at a time …`);
          console.log(`\nReads one at a time (${o.solo} of each, no queue; achieved/s = 1 / mean):`);
          printTable(rowsOf(await solo(pool, loader.key, readMix(loaded), o.solo)));
        }
        progress(`${fmt(size)} orders: CS window reads at ${o.rate}/s for ${o.seconds}s …`);
        const reads = await drive(pool, loader.key, readMix(loaded), o.rate, o.seconds, o.warmup);
        console.log(`\nReads, mixed, ${o.rate} requests/s offered in all (goal: p95 < 50 ms at 50/s):`);
        printTable(rowsOf([...reads, totalOf(reads, 'all reads (p = worst kind)')]));

        progress(`${fmt(size)} orders: one-order commands at ${o.commandRate}/s for ${o.seconds}s …`);
        // One mix for every command phase of this size: its queues know which orders are held.
        const mix = commandMix(loaded);
        if (o.solo > 0) {
          console.log(`\nOne-order commands one at a time (${o.solo} of each, no queue; achieved/s = 1 / mean):`);
          printTable(rowsOf(await solo(pool, loader.key, mix, o.solo)));
        }
        const commands = await drive(pool, loader.key, mix, o.commandRate, o.seconds, o.warmup);
        console.log(`\nOne-order commands, ${o.commandRate} requests/s offered in all (goal: p99 < 100 ms at 150/s):`);
        printTable(rowsOf([...commands, totalOf(commands, 'all commands (p = worst kind)')]));

        const ladder: KindFigure[] = [];
        for (const rate of o.saturate) {
          progress(`${fmt(size)} orders: saturation step, commands at ${rate}/s …`);
          ladder.push(totalOf(await drive(pool, loader.key, mix, rate, o.seconds, o.warmup), `commands at ${rate}/s`));
          const last = ladder.at(-1) as KindFigure;
          if (last.achieved < 0.8 * last.offered) break; // far past saturation: higher steps only queue more
        }
        if (ladder.length > 0) {
          console.log(`\nSaturation ladder, one-order commands (memo / hold / release), ${o.seconds}s per step (goal: >= 300/s sustained):`);
          printTable(rowsOf(ladder));
          const kept = ladder.filter((f) => f.achieved >= 0.95 * f.offered && !f.errors.includes('timeout'));
          const best = kept.at(-1);
          console.log(best ? `Highest step where achieved >= 95% of offered: ${best.offered.toFixed(0)}/s offered, ${best.achieved.toFixed(0)}/s achieved, p99 ${ms(best.p99)} ms.` : 'No step achieved 95% of what it offered.');
        }
      } finally {
        await pool.close();
      }
    }
    console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)}s in all)`);
  } finally {
    if (server) await stopServer(server.child);
    await loader.app.close();
    try {
      if (!o.keep) await sql`DROP SCHEMA ${sql.raw(quoteIdent(schema))} CASCADE`.execute(loader.database.db);
      else console.log(`Kept schema ${schema} (--keep).`);
    } finally {
      await loader.database.close();
    }
  }
};
