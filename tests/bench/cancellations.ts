/**
 * 판매처취소 in `pnpm bench`, on PostgreSQL (DATABASE_URL) and PGlite side by side, each in a fresh
 * database (benchApp.ts):
 *
 *   1. 일괄등록: a channel's 10,000-row .xlsx (Korean headers, one claim per order, all orders 접수 so
 *      each row cancels 1 of 2 and holds) through POST /channel-cancellations/import, timed from
 *      request to answer (the answer waits for the projections): rows/s, first as a dry run (the
 *      preview), then for real. Target >= 1,000 rows/s on PostgreSQL.
 *   2. The two views over many claims (BENCH_CANCELLATIONS, default 100,000): p50 / p95 of GET
 *      /views/cancellations (default filters, a channel, a q, a date range) and GET
 *      /views/cancel-withdrawals (default, a channel), 200 requests each after a warm-up. Target p95
 *      < 50 ms. The claims are loaded in batches through the command path, a mix of what a back
 *      office sees: after shipping (some 배송완료 returns, some confirmed), before shipping (접수,
 *      송장), hand-cancelled first (취소철회조회), withdrawn. A database that takes longer than
 *      BENCH_LOAD_SECONDS (default 300) to load stops early; its count is printed with its figures.
 *
 * Environment: BENCH_IMPORT_ROWS (default 10000), BENCH_CANCELLATIONS (default 100000, 5000 with
 * BENCH_QUICK), BENCH_LOAD_SECONDS, BENCH_VIEW_REQUESTS (default 200).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { confirmChannelCancellationPlan, receiveChannelCancellationPlan, withdrawChannelCancellationPlan } from '@oms/domain';
import type { CommandPlan } from '@oms/domain';
import { writeTable } from '../../packages/api/src/files/index.js';
import type { BenchApp, DatabaseName } from './benchApp.js';
import {
  benchMetadata,
  channelOrderNoOf,
  claimOf,
  deliverPlan,
  expectStatus,
  handCancelPlan,
  invoicePlan,
  placeOrderPlan,
  registerChannel,
  runAll,
  seconds,
  shipPlan,
  startBenchApp,
} from './benchApp.js';
import { fmt, printTable } from './table.js';

const quick = Boolean(process.env.BENCH_QUICK);
const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const viewClaims = Number(process.env.BENCH_CANCELLATIONS ?? (quick ? 5_000 : 100_000));
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 300);
const viewRequests = Number(process.env.BENCH_VIEW_REQUESTS ?? 200);
const IMPORT_GOAL = 1_000;
const P95_GOAL_MS = 50;
const FIRST_NO = 500_001;
/** Orders (and their claims) loaded per batch of plans. */
const LOAD_CHUNK = 2_000;

const progress = (text: string): void => {
  process.stderr.write(`  ${text}\n`);
};

// ---------------------------------------------------------------------------------------------------
// 1. The import.

const IMPORT_CHANNEL = '11번가 법인';
const FORMAT = {
  headerRow: 1,
  columns: { channelOrderNo: '주문번호', channelLineNo: '상품주문번호', cancellationId: '클레임번호', quantity: '취소수량', cancelledAt: ['취소일', '클레임요청일'], kind: '클레임구분', reason: '취소사유', productName: '상품명' },
  reasons: { 단순변심: 'return_refund', 배송지연: 'cancel_delay' },
  defaultReason: 'return_refund',
  returnValues: ['반품완료'],
  withdrawnValues: ['취소철회'],
};

/** The channel's file: one row per order, as a channel's 취소관리 export reads. */
const cancellationFile = async (rows: number): Promise<Buffer> => {
  const columns = ['클레임번호', '주문번호', '상품주문번호', '상품명', '취소수량', '취소일', '클레임구분', '취소사유'].map((header) => ({ header, key: header }));
  const records = Array.from({ length: rows }, (_, i) => {
    const no = FIRST_NO + i;
    const day = String(1 + (i % 28)).padStart(2, '0');
    return {
      클레임번호: `CLM${no}`,
      주문번호: channelOrderNoOf(no),
      상품주문번호: `${channelOrderNoOf(no)}-1`,
      상품명: '카트야로 스텐 냄비 3종',
      취소수량: 1,
      취소일: `2026-11-${day} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
      클레임구분: '취소',
      취소사유: i % 3 === 0 ? '배송지연' : '단순변심',
    };
  });
  return writeTable('xlsx', '취소관리', columns, records);
};

const importForm = (file: Buffer): FormData => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), '11번가_취소관리.xlsx');
  return form;
};

interface ImportFigure {
  readonly name: DatabaseName;
  readonly rows: number;
  readonly dryRun: number;
  readonly real: number;
}

const importFigure = async (name: DatabaseName, databaseUrl: string | undefined, file: Buffer): Promise<ImportFigure> => {
  const b = await startBenchApp(name, databaseUrl);
  try {
    await registerChannel(b, IMPORT_CHANNEL);
    expectStatus(await b.call('PUT', `/channels/${encodeURIComponent(IMPORT_CHANNEL)}/cancellation-format`, FORMAT), 200, 'PUT cancellation-format');
    progress(`${name}: placing ${fmt(importRows)} orders …`);
    const plans = Array.from({ length: importRows }, (_, i) => placeOrderPlan(FIRST_NO + i, IMPORT_CHANNEL));
    for (let i = 0; i < plans.length; i += LOAD_CHUNK) await runAll(b.context, plans.slice(i, i + LOAD_CHUNK));
    await b.context.runner.catchUp();
    const url = `/channel-cancellations/import?channel=${encodeURIComponent(IMPORT_CHANNEL)}`;
    const post = async (dryRun: boolean) => {
      const res = expectStatus(await b.app.inject({ method: 'POST', url: `${url}${dryRun ? '&dryRun=true' : ''}`, payload: importForm(file), headers: { authorization: `Bearer ${b.key}` } }), 200, 'POST import');
      const { summary } = res.json() as { summary: Record<string, number> };
      if (summary.applied !== importRows) throw new Error(`the import applied ${summary.applied} of ${importRows} rows: ${JSON.stringify(summary)}`);
    };
    progress(`${name}: importing a ${fmt(importRows)}-row .xlsx (dry run, then for real) …`);
    const dry = await seconds(() => post(true));
    const real = await seconds(() => post(false));
    return { name, rows: importRows, dryRun: importRows / dry, real: importRows / real };
  } finally {
    await b.close();
  }
};

// ---------------------------------------------------------------------------------------------------
// 2. The views over many claims.

const VIEW_CHANNELS = ['11번가 법인', 'G마켓', '쿠팡', '스마트스토어', '옥션'];
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.parse('2026-09-01T00:00:00+09:00');

/** 취소일 of order i: spread over 90 days, at every hour. */
const cancelledAtOf = (i: number): string => new Date(FIRST_DAY + (i % 90) * DAY_MS + ((i * 7) % 24) * 3_600_000 + (i % 60) * 60_000).toISOString();

/**
 * What becomes of order i, by i mod 20: 0-11 shipped (10-11 delivered, the claim a 배송-반품; 0-1
 * confirmed), 12-16 접수 (1 of 2 cancelled), 17 hand-cancelled first, 18 접수 and withdrawn, 19 송장.
 */
const plansForOrders = (first: number, count: number): CommandPlan[][] => {
  const phases: CommandPlan[][] = [[], [], [], [], []];
  const [place, fulfil, claim, after] = phases as [CommandPlan[], CommandPlan[], CommandPlan[], CommandPlan[]];
  for (let i = first; i < first + count; i++) {
    const no = FIRST_NO + i;
    // Every channel gets every kind of order.
    const channel = VIEW_CHANNELS[(i + Math.floor(i / 20)) % VIEW_CHANNELS.length] ?? '';
    const kind = i % 20;
    place.push(placeOrderPlan(no, channel));
    if (kind <= 11 || kind === 19) fulfil.push(invoicePlan(no));
    if (kind <= 11) fulfil.push(shipPlan(no));
    if (kind === 10 || kind === 11) fulfil.push(deliverPlan(no));
    if (kind === 17) fulfil.push(handCancelPlan(no));
    const c = claimOf(no, channel, cancelledAtOf(i), kind === 10 || kind === 11 ? 'return' : 'cancel');
    claim.push(receiveChannelCancellationPlan(c, benchMetadata));
    if (kind <= 1) after.push(confirmChannelCancellationPlan(channel, c.cancellationId, true));
    if (kind === 18) after.push(withdrawChannelCancellationPlan(channel, c.cancellationId, new Date(Date.parse(c.cancelledAt) + 3_600_000).toISOString(), benchMetadata));
  }
  return phases;
};

/** Loads up to `wanted` claims in chunks until the time budget runs out; how many were loaded. */
const loadClaims = async (b: BenchApp, wanted: number): Promise<{ loaded: number; seconds: number }> => {
  for (const channel of VIEW_CHANNELS) await registerChannel(b, channel);
  const t0 = performance.now();
  let loaded = 0;
  while (loaded < wanted && (performance.now() - t0) / 1000 < loadSeconds) {
    const count = Math.min(LOAD_CHUNK, wanted - loaded);
    for (const phase of plansForOrders(loaded, count)) await runAll(b.context, phase);
    await b.context.runner.catchUp();
    loaded += count;
    if (loaded % 20_000 === 0 || loaded === wanted) progress(`${b.name}: ${fmt(loaded)} claims loaded (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  return { loaded, seconds: (performance.now() - t0) / 1000 };
};

interface ViewQuery {
  readonly name: string;
  /** The i-th request's URL (a q changes from request to request, as a worker's searches do). */
  readonly url: (i: number, loaded: number) => string;
}

const VIEW_QUERIES: readonly ViewQuery[] = [
  { name: '취소결과조회, default (배송후, 미확인)', url: () => '/views/cancellations' },
  { name: '취소결과조회, channel=G마켓', url: () => `/views/cancellations?channel=${encodeURIComponent('G마켓')}` },
  { name: '취소결과조회, q=<주문번호>', url: (i, n) => `/views/cancellations?shipping=all&confirmed=all&q=${channelOrderNoOf(FIRST_NO + ((i * 7919) % n))}` },
  { name: '취소결과조회, 취소일 one week', url: () => '/views/cancellations?from=2026-10-01&to=2026-10-07' },
  { name: '취소철회조회, default', url: () => '/views/cancel-withdrawals' },
  { name: '취소철회조회, channel=G마켓', url: () => `/views/cancel-withdrawals?channel=${encodeURIComponent('G마켓')}` },
];

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

interface ViewFigure {
  readonly name: DatabaseName;
  readonly loaded: number;
  readonly loadSeconds: number;
  readonly queries: readonly { readonly query: string; readonly total: number; readonly p50: number; readonly p95: number }[];
}

const viewFigure = async (name: DatabaseName, databaseUrl: string | undefined): Promise<ViewFigure> => {
  const b = await startBenchApp(name, databaseUrl);
  try {
    progress(`${name}: loading ${fmt(viewClaims)} channel cancellations (at most ${loadSeconds} s) …`);
    const { loaded, seconds: took } = await loadClaims(b, viewClaims);
    // A burst of 100,000 claims in minutes is more than autovacuum keeps up with; at rest it has
    // analysed the tables and marked their pages all-visible (which index-only scans rely on).
    await sql`VACUUM ANALYZE channel_cancellations, order_list`.execute(b.context.db);
    progress(`${name}: the views, ${viewRequests} requests each …`);
    const queries = [];
    for (const q of VIEW_QUERIES) {
      let total = 0;
      for (let i = 0; i < 20; i++) total = (expectStatus(await b.call('GET', q.url(i, loaded)), 200, q.name).json() as { total: number }).total;
      const times: number[] = [];
      for (let i = 0; i < viewRequests; i++) {
        const t0 = performance.now();
        expectStatus(await b.call('GET', q.url(i + 20, loaded)), 200, q.name);
        times.push(performance.now() - t0);
      }
      times.sort((x, y) => x - y);
      queries.push({ query: q.name, total, p50: percentile(times, 50), p95: percentile(times, 95) });
    }
    return { name, loaded, loadSeconds: took, queries };
  } finally {
    await b.close();
  }
};

// ---------------------------------------------------------------------------------------------------

export interface CancellationFigures {
  readonly imports: readonly ImportFigure[];
  readonly views: readonly ViewFigure[];
}

export const cancellationFigures = async (names: readonly DatabaseName[], databaseUrl: string | undefined): Promise<CancellationFigures> => {
  const file = await cancellationFile(importRows);
  const imports: ImportFigure[] = [];
  for (const name of names) imports.push(await importFigure(name, databaseUrl, file));
  const views: ViewFigure[] = [];
  for (const name of names) views.push(await viewFigure(name, databaseUrl));
  return { imports, views };
};

export const printCancellationFigures = ({ imports, views }: CancellationFigures): void => {
  console.log(`\n판매처취소 일괄등록: a ${fmt(importRows)}-row .xlsx for as many 접수 orders, POST /channel-cancellations/import, request to answer (projections caught up):`);
  printTable(
    imports.flatMap((f) => [
      { database: f.name, run: 'dry run (preview)', 'rows/s': fmt(f.dryRun), 'x goal': '-', goal: '-' },
      {
        database: f.name,
        run: 'import',
        'rows/s': fmt(f.real),
        'x goal': (f.real / IMPORT_GOAL).toFixed(2),
        goal: f.name === 'postgres' ? `>= ${fmt(IMPORT_GOAL)} rows/s${f.real >= IMPORT_GOAL ? ' ok' : ' MISSED'}` : '-',
      },
    ]),
    ['rows/s', 'x goal'],
  );
  console.log(`\n취소결과조회 / 취소철회조회 over many channel cancellations (loaded, then VACUUM ANALYZE): ${viewRequests} requests per query after 20 warm-up, one at a time, through inject:`);
  printTable(
    views.flatMap((f) =>
      f.queries.map((q) => ({
        database: f.name,
        claims: `${fmt(f.loaded)}${f.loaded < viewClaims ? ` of ${fmt(viewClaims)} (load budget ${loadSeconds} s)` : ''}`,
        query: q.query,
        rows: fmt(q.total),
        'p50 ms': q.p50.toFixed(1),
        'p95 ms': q.p95.toFixed(1),
        goal: `p95 < ${P95_GOAL_MS} ms${q.p95 < P95_GOAL_MS ? ' ok' : ' MISSED'}`,
      })),
    ),
    ['rows', 'p50 ms', 'p95 ms'],
  );
  for (const f of views) console.log(`  ${f.name}: ${fmt(f.loaded)} claims loaded in ${f.loadSeconds.toFixed(0)} s (${fmt(f.loaded / f.loadSeconds)} orders with their claims/s)`);
};
