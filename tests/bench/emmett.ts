/**
 * Our event store beside Emmett's (@event-driven-io/emmett-postgresql) and a bare-SQL baseline, on the
 * same PostgreSQL server in the same run: `BENCH_ONLY=emmett pnpm bench` (and part of a plain
 * `pnpm bench` with DATABASE_URL). Each side has a schema of its own (ours + the bare table in
 * bench_emmett_ours_<pid>, Emmett's tables in bench_emmett_<pid>), dropped at the end. Emmett runs in
 * a worker thread (see emmettWorker.ts: its driver layer sets pg's global type parsers).
 *
 * Workloads, same event data and metadata on all sides:
 *   appends — 1 writer, 1 event per append with an exact expected revision; 8 concurrent writers on a
 *     stream each; 1 writer, 10 events per append (events/s). Bare: a prepared INSERT of the same rows
 *     into a plain table, UNIQUE (stream_id, stream_revision) being its "check".
 *   readStream — 2,000 streams × 10 events and 200 × 100: events/s reading each stream whole, going
 *     round the streams, by 1 reader (one read at a time) and, for 2,000 × 10, by 8 concurrent readers.
 *     Bare: a prepared SELECT of the stream's rows, as the driver hands them.
 *
 * After a warm-up (doubling as calibration) the three sides run the same units per round, in rounds
 * cycling through every order of the three (ours first in one round, Emmett first in the next, …).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Db, EventToAppend } from '@oms/adapters';
import { PostgresEventStore, migrateToLatest, openDatabase, prepared, quoteIdent } from '@oms/adapters';
import { CompiledQuery, sql } from 'kysely';
import type { EmmettRequest, EmmettWorkload } from './emmettShared.js';
import { benchData, benchMetadata, WRITERS } from './emmettShared.js';
import { fmt, printTable } from './table.js';

const measureSeconds = Number(process.env.BENCH_SECONDS ?? 4);
const warmupSeconds = 2;
const roundSeconds = 0.25;
const oursSchema = `bench_emmett_ours_${process.pid}`;
const emmettSchema = `bench_emmett_${process.pid}`;
/** BENCH_EMMETT=readStream (say): only the workloads whose name contains it. */
const onlyWorkloads = process.env.BENCH_EMMETT;

interface Workload {
  readonly name: string;
  readonly unit: 'appends/s' | 'events/s';
  readonly spec: EmmettWorkload;
}

const workloads: Workload[] = [
  { name: '1 writer, 1 event/append', unit: 'appends/s', spec: { kind: 'append', writers: 1, perAppend: 1 } },
  { name: `${WRITERS} writers, 1 event/append`, unit: 'appends/s', spec: { kind: 'append', writers: WRITERS, perAppend: 1 } },
  { name: '1 writer, 10 events/append', unit: 'events/s', spec: { kind: 'append', writers: 1, perAppend: 10 } },
  { name: 'readStream 2,000 × 10, 1 reader', unit: 'events/s', spec: { kind: 'read', streams: 2000, perStream: 10, readers: 1 } },
  { name: `readStream 2,000 × 10, ${WRITERS} readers`, unit: 'events/s', spec: { kind: 'read', streams: 2000, perStream: 10, readers: WRITERS } },
  { name: 'readStream 200 × 100, 1 reader', unit: 'events/s', spec: { kind: 'read', streams: 200, perStream: 100, readers: 1 } },
];

/** Units of work per operation: appends, or events per append / per stream read. */
const quantumOf = (w: EmmettWorkload): number => (w.kind === 'append' ? (w.writers === 1 ? w.perAppend : w.writers) : w.perStream * w.readers);

/** A side runs `units` units and answers how many seconds it took. */
type Side = (units: number) => Promise<number>;

const timed = (f: (units: number) => Promise<void>): Side => async (units) => {
  const t0 = performance.now();
  await f(units);
  return (performance.now() - t0) / 1000;
};

const spread = (n: number, parts: number, k: number) => Math.floor(n / parts) + (k < n % parts ? 1 : 0);

// ---------------------------------------------------------------------------------------------------
// Ours and bare, in this thread.

const makeEvent = (i: number): EventToAppend => ({ id: randomUUID(), type: 'OrderNoteAdded', data: benchData(i), metadata: benchMetadata });

let counter = 0;
const newStream = (label: string) => `bench-${process.pid}-${label}${++counter}`;

/** Holds its stream's revision and last hash, as the command handler does: one round trip per append, hashes included. */
const oursWriter = (store: PostgresEventStore, perAppend: number) => {
  const streamId = newStream('ours');
  let revision = -1;
  let previousHash: string | undefined;
  let i = 0;
  return async (appends: number) => {
    for (let a = 0; a < appends; a++) {
      const events = Array.from({ length: perAppend }, () => makeEvent(i++));
      const r = await store.append(streamId, events, { expected: revision < 0 ? 'no_stream' : revision, previousHash });
      revision = r.nextExpectedRevision;
      previousHash = r.lastHash;
    }
  };
};

const BARE_COLUMNS = '(stream_id, stream_revision, event_id, type, data, metadata)';
const bareInsert = (rows: number) =>
  prepared(
    `INSERT INTO bare_events ${BARE_COLUMNS} VALUES ${Array.from({ length: rows }, (_, r) => `($${r * 6 + 1}, $${r * 6 + 2}, $${r * 6 + 3}, $${r * 6 + 4}, $${r * 6 + 5}::jsonb, $${r * 6 + 6}::jsonb)`).join(', ')}`,
  );
const BARE_READ = prepared(`SELECT global_position, transaction_id, stream_revision, event_id, type, data, metadata, recorded_at
  FROM bare_events WHERE stream_id = $1 ORDER BY stream_revision`);

const bareWriter = (db: Db, perAppend: number) => {
  const text = bareInsert(perAppend);
  const streamId = newStream('bare');
  let revision = 0;
  let i = 0;
  return async (appends: number) => {
    for (let a = 0; a < appends; a++) {
      const values: unknown[] = [];
      for (let r = 0; r < perAppend; r++) {
        const e = makeEvent(i++);
        values.push(streamId, revision++, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
      }
      await db.executeQuery(CompiledQuery.raw(text, values));
    }
  };
};

const writers = (w: Extract<EmmettWorkload, { kind: 'append' }>, one: () => (appends: number) => Promise<void>) => {
  const all = Array.from({ length: w.writers }, one);
  const run = async (appends: number) => {
    await Promise.all(all.map((f, k) => f(spread(appends, all.length, k))));
  };
  return timed(w.perAppend === 1 ? run : (events) => run(events / w.perAppend));
};

const readers = (w: Extract<EmmettWorkload, { kind: 'read' }>, read: (streamId: string) => Promise<number>, prefix: string) => {
  let next = 0;
  const one = async (reads: number) => {
    for (let r = 0; r < reads; r++) {
      const n = await read(`${prefix}-${next++ % w.streams}`);
      if (n !== w.perStream) throw new Error(`read ${n} events, expected ${w.perStream}`);
    }
  };
  return timed(async (events) => {
    const reads = events / w.perStream;
    await Promise.all(Array.from({ length: w.readers }, (_, k) => one(spread(reads, w.readers, k))));
  });
};

/** Streams `${prefix}-k` of `perStream` events each, in our store and in the bare table. */
const seed = async (db: Db, store: PostgresEventStore, w: Extract<EmmettWorkload, { kind: 'read' }>, prefix: string) => {
  const CHUNK = 100;
  for (let k0 = 0; k0 < w.streams; k0 += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, w.streams - k0) }, (_, j) => `${prefix}-${k0 + j}`);
    await store.appendMany(ids.map((streamId) => ({ streamId, expected: 'no_stream' as const, events: Array.from({ length: w.perStream }, (_, i) => makeEvent(i)) })));
    const text = bareInsert(w.perStream);
    for (const streamId of ids) {
      const values: unknown[] = [];
      for (let i = 0; i < w.perStream; i++) {
        const e = makeEvent(i);
        values.push(streamId, i, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
      }
      await db.executeQuery(CompiledQuery.raw(text, values));
    }
  }
  await sql`ANALYZE`.execute(db);
};

// ---------------------------------------------------------------------------------------------------
// Emmett, in its worker.

const startEmmett = (): { call: (m: EmmettRequest) => Promise<unknown>; stop: () => Promise<number> } => {
  // tsx does not follow into worker threads: the worker registers it, then loads the TypeScript file.
  const tsx = import.meta.resolve('tsx/esm/api');
  const file = new URL('./emmettWorker.ts', import.meta.url).href;
  const worker = new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
  let pending: { resolve: (v: unknown) => void; reject: (e: Error) => void } | null = null;
  worker.on('message', (r: { ok: boolean; result?: unknown; error?: string }) => {
    const p = pending;
    pending = null;
    if (r.ok) p?.resolve(r.result);
    else p?.reject(new Error(`Emmett worker: ${r.error ?? '?'}`));
  });
  worker.on('error', (e) => pending?.reject(e));
  worker.on('exit', (code) => pending?.reject(new Error(`Emmett worker exited (${code})`)));
  const call = (m: EmmettRequest) =>
    new Promise<unknown>((resolve, reject) => {
      pending = { resolve, reject };
      worker.postMessage(m);
    });
  return { call, stop: () => worker.terminate() };
};

// ---------------------------------------------------------------------------------------------------

export interface EmmettFigure {
  readonly name: string;
  readonly unit: string;
  readonly ours: number;
  readonly emmett: number;
  readonly bare: number;
}

const ORDERS = [
  [0, 1, 2],
  [1, 0, 2],
  [2, 0, 1],
  [0, 2, 1],
  [1, 2, 0],
  [2, 1, 0],
] as const;

const compare = async (sides: readonly [Side, Side, Side], quantum: number): Promise<[number, number, number]> => {
  const rates: number[] = [];
  for (const side of sides) {
    // Warm-up and calibration: about warmupSeconds / 3 each, doubling the units until then.
    let units = 0;
    let elapsed = 0;
    let step = quantum;
    while (elapsed < warmupSeconds / 3) {
      elapsed += await side(step);
      units += step;
      step *= 2;
    }
    rates.push(units / elapsed);
  }
  const slowest = Math.min(...rates);
  const perRound = Math.max(quantum, Math.round((slowest * roundSeconds) / quantum) * quantum);
  const rounds = Math.max(ORDERS.length, Math.ceil(measureSeconds / (perRound / slowest) / ORDERS.length) * ORDERS.length);
  const spent = [0, 0, 0];
  for (let r = 0; r < rounds; r++) {
    for (const s of ORDERS[r % ORDERS.length] ?? ORDERS[0]) spent[s] = (spent[s] ?? 0) + (await (sides[s] as Side)(perRound));
  }
  const total = perRound * rounds;
  return [total / (spent[0] ?? 1), total / (spent[1] ?? 1), total / (spent[2] ?? 1)];
};

const connectionStringFor = (databaseUrl: string, schema: string): string => {
  const url = new URL(databaseUrl);
  // Same session settings as our pool's (db.ts), in Emmett's own schema.
  url.searchParams.set('options', `-c jit=off -c search_path=${schema}`);
  return url.toString();
};

export const emmettFigures = async (databaseUrl: string, only?: (name: string) => boolean): Promise<EmmettFigure[]> => {
  const database = await openDatabase({ databaseUrl, schema: oursSchema, poolSize: WRITERS + 2 });
  const db = database.db;
  await sql`CREATE SCHEMA ${sql.raw(quoteIdent(emmettSchema))}`.execute(db);
  const emmett = startEmmett();
  const figures: EmmettFigure[] = [];
  try {
    await migrateToLatest(db);
    await sql`
      CREATE TABLE bare_events (
        global_position bigserial, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL, stream_revision bigint NOT NULL, event_id uuid NOT NULL, type text NOT NULL,
        data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, stream_revision)
      )`.execute(db);
    await emmett.call({ op: 'open', connectionString: connectionStringFor(databaseUrl, emmettSchema) });
    const store = new PostgresEventStore(db);
    const seeded = new Set<string>();
    for (const w of workloads) {
      if ((only && !only(w.name)) || (onlyWorkloads && !w.name.includes(onlyWorkloads))) continue;
      process.stderr.write(`  emmett: ${w.name} …\n`);
      const spec = w.spec;
      let ours: Side;
      let bare: Side;
      if (spec.kind === 'append') {
        ours = writers(spec, () => oursWriter(store, spec.perAppend));
        bare = writers(spec, () => bareWriter(db, spec.perAppend));
        await emmett.call({ op: 'side', name: w.name, workload: spec });
      } else {
        const prefix = `bench-${process.pid}-r${spec.streams}x${spec.perStream}`;
        if (!seeded.has(prefix)) await seed(db, store, spec, prefix);
        seeded.add(prefix);
        ours = readers(spec, async (id) => (await store.readStream(id)).events.length, prefix);
        bare = readers(spec, async (id) => (await db.executeQuery(CompiledQuery.raw(BARE_READ, [id]))).rows.length, prefix);
        await emmett.call({ op: 'side', name: w.name, workload: spec });
      }
      const theirs: Side = async (units) => (await emmett.call({ op: 'run', name: w.name, units })) as number;
      const [o, e, b] = await compare([ours, theirs, bare], quantumOf(spec));
      figures.push({ name: w.name, unit: w.unit, ours: o, emmett: e, bare: b });
    }
  } finally {
    await emmett.call({ op: 'close' }).catch(() => undefined);
    await emmett.stop();
    try {
      for (const schema of [emmettSchema, oursSchema]) await sql`DROP SCHEMA IF EXISTS ${sql.raw(quoteIdent(schema))} CASCADE`.execute(db);
    } finally {
      await database.close();
    }
  }
  return figures;
};

export const printEmmettFigures = (figures: readonly EmmettFigure[]): void => {
  if (figures.length === 0) return;
  console.log(
    `\nOurs beside Emmett (@event-driven-io/emmett-postgresql) and bare SQL, same PostgreSQL, own schemas, ` +
      `${measureSeconds}s+ per side after warm-up, rounds cycling the order of the three sides:`,
  );
  printTable(
    figures.map((f) => ({
      workload: f.name,
      unit: f.unit,
      ours: fmt(f.ours),
      Emmett: fmt(f.emmett),
      bare: fmt(f.bare),
      'ours/Emmett': (f.ours / f.emmett).toFixed(2),
      'ours/bare': (f.ours / f.bare).toFixed(2),
    })),
    ['ours', 'Emmett', 'bare', 'ours/Emmett', 'ours/bare'],
  );
};
