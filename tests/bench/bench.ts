/**
 * Event store throughput against the bare minimum PostgreSQL can do for the same rows, on PostgreSQL
 * (DATABASE_URL) and the embedded PGlite side by side, in one run: `pnpm bench`.
 *
 *   1. single writer: appends/s of 1 event with an exact revision check (PostgresEventStore.append)
 *      vs a bare one-statement INSERT of the same row into a plain table with the same columns and
 *      UNIQUE (stream_id, stream_revision) — the uniqueness is its "check";
 *   2. the same with 8 concurrent writers, each on its own stream;
 *   3. batched: events/s appending 10 events per append vs rows/s of a 1000-row multi-value INSERT;
 *   4. projection rebuild: events/s of ProjectionRunner.rebuild() (every read model) over a log of
 *      realistic order histories (made by the OrderDecider), seeded first so the log holds only them;
 *   5. CS commands through the command handler (read the streams, fold, decide, append): a command
 *      on two orders at once (합포추가 / 합포제외, one atomic append to both streams) beside one on a
 *      single order (개별취소 / 개별정상복귀), to show what cross-order consistency costs.
 *
 * Both sides go through the same Kysely instance (same pool), do the same number of operations, and
 * run in alternating rounds (store first in one round, bare first in the next) after a warm-up, so
 * noise hits both. Everything happens in a dedicated schema, bench_<pid>, dropped at the end.
 *
 * Targets (from the issue): single-writer appends/s >= 0.6 x bare insert; batched events/s >= 0.3 x
 * the 1000-row multi-insert.
 *
 *   6. 판매처취소 (cancellations.ts): a 10,000-row .xlsx imported over HTTP, rows/s; the two views over
 *      100,000 channel cancellations, p50 / p95.
 *
 *   7. ours beside Emmett and bare SQL (emmett.ts, PostgreSQL only): appends and readStream.
 *
 * Environment: DATABASE_URL (PostgreSQL figures need it), BENCH_SECONDS (measured seconds per side
 * and workload, default 4), BENCH_REBUILD_EVENTS (size of the rebuilt log, default 10000), BENCH_ONLY
 * (store | cancellations | emmett: one part only), and cancellations.ts's own.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database, Db, EventToAppend, StreamAppend } from '@oms/adapters';
import { PostgresEventStore, migrateToLatest, openDatabase, prepared, quoteIdent } from '@oms/adapters';
import type { CommandContext } from '@oms/api';
import { OrderCommandHandler } from '@oms/api';
import type { CsCommand } from '@oms/domain';
import { orderStreamId } from '@oms/domain';
import { allProjections, projectionMigrations, ProjectionRunner } from '@oms/projections';
import fc from 'fast-check';
import { CompiledQuery, sql } from 'kysely';
import { historyArb } from '../../packages/projections/src/testing/historyArb.js';
import { runCommands } from '../../packages/projections/src/testing/orderHistory.js';
import { cancellationFigures, printCancellationFigures } from './cancellations.js';
import { emmettFigures, printEmmettFigures } from './emmett.js';
import { fmt, printTable } from './table.js';

const databaseUrl = process.env.DATABASE_URL;
const measureSeconds = Number(process.env.BENCH_SECONDS ?? 4);
const rebuildEvents = Number(process.env.BENCH_REBUILD_EVENTS ?? 10_000);
const warmupSeconds = 2;
const roundSeconds = 0.25;
const WRITERS = 8;
const BATCH = 10;
const MULTI_ROWS = 1000;
const schema = `bench_${process.pid}`;
/** 'store': only the event store's figures; 'cancellations': only 판매처취소's (cancellations.ts). */
const only = process.env.BENCH_ONLY;
const storeParts = only === undefined || only === 'store';

// ---------------------------------------------------------------------------------------------------
// Rows: the same shape on both sides, serialised the same way (JSON text) before it reaches the driver.

const metadata = {
  actor: 'agent-7',
  role: 'agent',
  occurredAt: '2026-01-02T03:04:05.000Z',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  schemaVersion: 1,
};
const makeEvent = (i: number): EventToAppend => ({
  id: randomUUID(),
  type: 'OrderNoteAdded',
  data: { orderId: 'ord-100001', note: `note ${i}`, amountCents: 1299 + i, lines: [{ sku: 'SKU-1', qty: 2 }] },
  metadata,
});

const BARE_COLUMNS = '(stream_id, stream_revision, event_id, type, data, metadata)';
const BARE_ONE_SQL = `INSERT INTO bare_events ${BARE_COLUMNS} VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`;
const BARE_MULTI_SQL = `INSERT INTO bare_events ${BARE_COLUMNS} VALUES ${Array.from({ length: MULTI_ROWS }, (_, r) => {
  const p = r * 6;
  return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb, $${p + 6}::jsonb)`;
}).join(', ')}`;

const bareValues = (streamId: string, revision: number, e: EventToAppend): unknown[] => [
  streamId,
  revision,
  e.id,
  e.type,
  JSON.stringify(e.data),
  JSON.stringify(e.metadata),
];

// ---------------------------------------------------------------------------------------------------
// Workloads. A side runs `units` units of work (events or rows) per call and returns when done.

type Side = (units: number) => Promise<void>;

interface Workload {
  readonly name: string;
  readonly unit: string;
  /** Units per operation on the store side and the bare side (rounds use a multiple of both). */
  readonly quantum: number;
  readonly goal?: number;
  /** Only where it means something (PGlite has no named statements: prepared or not is the same there). */
  readonly postgresOnly?: boolean;
  readonly store: (db: Db) => Side;
  readonly bare: (db: Db) => Side;
}

let streamCounter = 0;
const newStream = (label: string): string => `bench-${label}-${process.pid}-${++streamCounter}`;

/**
 * One writer on its own stream, appending `perAppend` events per call with an exact revision and the
 * last hash it holds, as the command handler does (one round trip per append).
 */
const storeWriter = (store: PostgresEventStore, perAppend: number) => {
  const streamId = newStream('store');
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

/**
 * One writer on its own stream, inserting the same rows with a bare statement — prepared like the
 * store's append (named statement on PostgreSQL) unless `unprepared`.
 */
const bareWriter = (db: Db, multi: boolean, unprepared = false) => {
  const BARE_ONE = unprepared ? BARE_ONE_SQL : prepared(BARE_ONE_SQL);
  const BARE_MULTI = unprepared ? BARE_MULTI_SQL : prepared(BARE_MULTI_SQL);
  const streamId = newStream('bare');
  let revision = 0;
  let i = 0;
  return async (statements: number) => {
    for (let s = 0; s < statements; s++) {
      if (multi) {
        const values: unknown[] = [];
        for (let r = 0; r < MULTI_ROWS; r++) values.push(...bareValues(streamId, revision++, makeEvent(i++)));
        await db.executeQuery(CompiledQuery.raw(BARE_MULTI, values));
      } else {
        await db.executeQuery(CompiledQuery.raw(BARE_ONE, bareValues(streamId, revision++, makeEvent(i++))));
      }
    }
  };
};

/** Spreads `ops` operations over `writers` concurrent writers. */
const concurrently = (writers: ((ops: number) => Promise<void>)[]): ((ops: number) => Promise<void>) => async (ops) => {
  const n = writers.length;
  await Promise.all(writers.map((w, k) => w(Math.floor(ops / n) + (k < ops % n ? 1 : 0))));
};

const workloads: Workload[] = [
  {
    name: '1 writer, 1 event/append',
    unit: 'appends/s',
    quantum: 1,
    goal: 0.6,
    store: (db) => storeWriter(new PostgresEventStore(db), 1),
    bare: (db) => bareWriter(db, false),
  },
  {
    name: `${WRITERS} writers, 1 event/append`,
    unit: 'appends/s',
    quantum: WRITERS,
    store: (db) => {
      const store = new PostgresEventStore(db);
      return concurrently(Array.from({ length: WRITERS }, () => storeWriter(store, 1)));
    },
    bare: (db) => concurrently(Array.from({ length: WRITERS }, () => bareWriter(db, false))),
  },
  {
    name: `batched: ${BATCH} events/append vs ${MULTI_ROWS}-row INSERT`,
    unit: 'events/s',
    quantum: MULTI_ROWS,
    goal: 0.3,
    store: (db) => {
      const w = storeWriter(new PostgresEventStore(db), BATCH);
      return (events) => w(events / BATCH);
    },
    bare: (db) => {
      const w = bareWriter(db, true);
      return (rows) => w(rows / MULTI_ROWS);
    },
  },
  {
    // For comparison: what named prepared statements bring (both sides unprepared, parsed and planned
    // on every call, as Kysely's pg driver does by default).
    name: '1 writer, 1 event/append, unprepared',
    unit: 'appends/s',
    quantum: 1,
    postgresOnly: true,
    store: (db) => storeWriter(new PostgresEventStore(db, { preparedStatements: false }), 1),
    bare: (db) => bareWriter(db, false, true),
  },
];

// ---------------------------------------------------------------------------------------------------
// Measurement.

const time = async (f: () => Promise<void>): Promise<number> => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};

/** Units per second a side manages while running for about `seconds`. */
const rateFor = async (side: Side, quantum: number, seconds: number): Promise<number> => {
  let units = 0;
  let elapsed = 0;
  let step = quantum;
  while (elapsed < seconds) {
    elapsed += await time(() => side(step));
    units += step;
    if (elapsed < seconds / 4) step *= 2;
  }
  return units / elapsed;
};

interface Figure {
  readonly store: number;
  readonly bare: number;
}

const compare = async (w: Workload, db: Db): Promise<Figure> => {
  const store = w.store(db);
  const bare = w.bare(db);
  // Warm-up (connections, plans, caches) doubling as calibration.
  const storeRate = await rateFor(store, w.quantum, warmupSeconds / 2);
  const bareRate = await rateFor(bare, w.quantum, warmupSeconds / 2);
  // Same units per round on both sides, sized so the slower side takes about roundSeconds a round.
  const perRound = Math.max(w.quantum, Math.round((Math.min(storeRate, bareRate) * roundSeconds) / w.quantum) * w.quantum);
  const rounds = Math.max(4, Math.round(measureSeconds / (perRound / Math.min(storeRate, bareRate))));
  let storeTime = 0;
  let bareTime = 0;
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      storeTime += await time(() => store(perRound));
      bareTime += await time(() => bare(perRound));
    } else {
      bareTime += await time(() => bare(perRound));
      storeTime += await time(() => store(perRound));
    }
  }
  return { store: (perRound * rounds) / storeTime, bare: (perRound * rounds) / bareTime };
};

// ---------------------------------------------------------------------------------------------------
// Targets.

interface Target {
  readonly name: 'postgres' | 'pglite';
  readonly database: Database;
  readonly version: string;
}

const createBareTable = async (db: Db): Promise<void> => {
  await sql`
    CREATE TABLE bare_events (
      global_position bigserial,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      stream_revision bigint NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream_id, stream_revision)
    )`.execute(db);
};

const openTarget = async (name: Target['name']): Promise<Target> => {
  const database =
    name === 'postgres' ? await openDatabase({ databaseUrl, schema, poolSize: WRITERS + 2 }) : await openDatabase({ schema });
  await migrateToLatest(database.db, projectionMigrations);
  await createBareTable(database.db);
  const { rows } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db);
  return { name, database, version: rows[0]?.v ?? '?' };
};

const dropTarget = async (t: Target): Promise<void> => {
  try {
    if (t.name === 'postgres') await sql`DROP SCHEMA ${sql.raw(quoteIdent(schema))} CASCADE`.execute(t.database.db);
  } finally {
    await t.database.close();
  }
};

// ---------------------------------------------------------------------------------------------------
// Projection rebuild: seed order histories, then time the runner's rebuild of every read model.

/** Appends about `events` events of random order histories (fixed seeds), 20 orders at a time. */
const seedOrderHistories = async (db: Db, events: number): Promise<number> => {
  const store = new PostgresEventStore(db);
  const ORDERS_PER_SAMPLE = 20;
  let written = 0;
  let firstNo = 1;
  for (let seed = 1; written < events; seed++) {
    const [steps] = fc.sample(historyArb(firstNo, ORDERS_PER_SAMPLE), { numRuns: 1, seed });
    firstNo += ORDERS_PER_SAMPLE;
    const byOrder = new Map<number, EventToAppend[]>();
    for (const { no, event, metadata } of runCommands(steps ?? [])) {
      const list = byOrder.get(no) ?? [];
      list.push({ id: randomUUID(), type: event.type, data: event.data, metadata });
      byOrder.set(no, list);
    }
    const appends: StreamAppend[] = [...byOrder].map(([no, evs]) => ({ streamId: orderStreamId(no), events: evs, expected: 'no_stream' }));
    await store.appendMany(appends);
    written += appends.reduce((n, a) => n + a.events.length, 0);
  }
  return written;
};

/** Events/s of a full rebuild of every projection (median of three; the log holds only order events). */
const rebuildRate = async (db: Db): Promise<number> => {
  const runner = new ProjectionRunner(new PostgresEventStore(db), db, allProjections);
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) {
    let read = 0;
    const seconds = await time(async () => {
      read = await runner.rebuild();
    });
    rates.push(read / seconds);
  }
  rates.sort((x, y) => x - y);
  return rates[1] ?? 0;
};

// ---------------------------------------------------------------------------------------------------
// CS commands: one order vs two orders per command, through the same handler.

const csMetadata = { actor: 'bench', role: 'cs', at: '2026-01-02T03:04:05.000Z' } as const;
const csContext = (): CommandContext => ({ metadata: csMetadata, keyId: 'bench', requestId: 'bench', requestHash: 'bench' });
let benchOrderNo = 9_000_000;

const placeBenchOrder = async (handler: OrderCommandHandler): Promise<number> => {
  const no = ++benchOrderNo;
  const data = { no, channel: '벤치몰', paymentMethod: 'card', paid: true, buyer: { name: '구매자' }, recipient: { name: '수령자', address: '서울' }, shippingFee: 0 } as const;
  await handler.execute(no, { type: 'PlaceOrder', data: { ...data, lines: [{ productCode: 'B-1', productName: '벤치 상품', option: '', quantity: 2, unitPrice: 1000 }] }, metadata: csMetadata }, csContext());
  return no;
};

/** Commands/s alternating two commands that undo each other, round robin over `targets`. */
const alternating = (handler: OrderCommandHandler, targets: readonly number[], first: (no: number) => CsCommand, second: (no: number) => CsCommand): Side => {
  const done = new Map<number, boolean>();
  let next = 0;
  return async (units) => {
    for (let i = 0; i < units; i++) {
      const no = targets[next++ % targets.length] ?? 0;
      const flip = done.get(no) ?? false;
      await handler.execute(no, flip ? second(no) : first(no), csContext());
      done.set(no, !flip);
    }
  };
};

const csCommandFigure = async (db: Db): Promise<Figure> => {
  const handler = new OrderCommandHandler(new PostgresEventStore(db));
  const singles = await Promise.all(Array.from({ length: 50 }, () => placeBenchOrder(handler)));
  const hosts: number[] = [];
  const partner = new Map<number, number>();
  for (let i = 0; i < 50; i++) {
    const host = await placeBenchOrder(handler);
    partner.set(host, await placeBenchOrder(handler));
    hosts.push(host);
  }
  const c = (command: Omit<CsCommand, 'metadata'>) => ({ ...command, metadata: csMetadata }) as CsCommand;
  const workload: Workload = {
    name: 'CS commands',
    unit: 'commands/s',
    quantum: 10,
    store: () => alternating(handler, hosts, (no) => c({ type: 'MergeOrder', data: { orderNo: partner.get(no) ?? 0 } }), () => c({ type: 'DissolvePackage', data: {} })),
    bare: () => alternating(handler, singles, () => c({ type: 'CancelLine', data: { lineId: 1, quantity: 1, reason: 'cancel_lost' } }), () => c({ type: 'RestoreLine', data: { lineId: 1, quantity: 1 } })),
  };
  return compare(workload, db);
};

// ---------------------------------------------------------------------------------------------------

const main = async (): Promise<void> => {
  const names: Target['name'][] = databaseUrl ? ['postgres', 'pglite'] : ['pglite'];
  const targets: Target[] = [];
  const started = performance.now();
  try {
    if (storeParts) for (const n of names) targets.push(await openTarget(n));
    const results: { target: Target; workload: Workload; figure: Figure }[] = [];
    // First, while the log holds nothing but the seeded order histories.
    const rebuilds: { target: Target; seeded: number; rate: number }[] = [];
    for (const target of targets) {
      process.stderr.write(`  ${target.name}: seeding ~${fmt(rebuildEvents)} order events, projection rebuild …\n`);
      const seeded = await seedOrderHistories(target.database.db, rebuildEvents);
      rebuilds.push({ target, seeded, rate: await rebuildRate(target.database.db) });
    }
    const csFigures: { target: Target; figure: Figure }[] = [];
    for (const target of targets) {
      process.stderr.write(`  ${target.name}: CS commands, two orders vs one …\n`);
      csFigures.push({ target, figure: await csCommandFigure(target.database.db) });
    }
    for (const workload of targets.length > 0 ? workloads : []) {
      // Targets back to back per workload, so a slow minute on the machine hits both of them.
      for (const target of targets) {
        if (workload.postgresOnly && target.name !== 'postgres') continue;
        process.stderr.write(`  ${target.name}: ${workload.name} …\n`);
        results.push({ target, workload, figure: await compare(workload, target.database.db) });
      }
    }
    // Each in databases of its own, opened and dropped there.
    const cancellations = only === undefined || only === 'cancellations' ? await cancellationFigures(names, databaseUrl) : null;
    const emmett = databaseUrl && (only === undefined || only === 'emmett') ? await emmettFigures(databaseUrl) : [];

    console.log('');
    console.log(
      `Event store bench — node ${process.version}, ${measureSeconds}s measured per side after ${warmupSeconds / 2}s warm-up, ` +
        `alternating rounds, same pool, prepared statements on both sides unless said otherwise, schema ${schema}`,
    );
    for (const t of targets) console.log(`  ${t.name}: PostgreSQL ${t.version}${t.name === 'postgres' ? `, pool ${WRITERS + 2}` : ' (in memory)'}`);
    if (!databaseUrl) console.log('  postgres: not measured — PostgreSQL figures need DATABASE_URL (e.g. postgres://oms:oms@127.0.0.1:5432/oms).');
    console.log('');
    const rows = results.map(({ target, workload, figure }) => {
      const ratio = figure.store / figure.bare;
      return {
        database: target.name,
        workload: workload.name,
        unit: workload.unit,
        store: fmt(figure.store),
        bare: fmt(figure.bare),
        'store/bare': ratio.toFixed(2),
        goal: workload.goal === undefined ? '-' : `>= ${workload.goal}${ratio >= workload.goal ? ' ok' : ' MISSED'}`,
      };
    });
    for (const { target, seeded, rate } of rebuilds) {
      rows.push({
        database: target.name,
        workload: `projection rebuild (${allProjections.length} read models, ${fmt(seeded)} events)`,
        unit: 'events/s',
        store: fmt(rate),
        bare: '-',
        'store/bare': '-',
        goal: '-',
      });
    }
    printTable(rows);
    if (csFigures.length > 0) console.log('\nCS commands through the command handler (read, fold, decide, append), one writer, alternating rounds:');
    printTable(
      csFigures.map(({ target, figure }) => ({
        database: target.name,
        'two orders: 합포추가/합포삭제 (commands/s)': fmt(figure.store),
        'one order: 개별취소/개별정상복귀 (commands/s)': fmt(figure.bare),
        'two/one': (figure.store / figure.bare).toFixed(2),
      })),
    );
    if (cancellations) printCancellationFigures(cancellations);
    printEmmettFigures(emmett);
    console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)}s in all)`);
  } finally {
    for (const t of targets) await dropTarget(t);
  }
};

(process.argv.includes('--http') ? import('./http/http.js').then((http) => http.main()) : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
