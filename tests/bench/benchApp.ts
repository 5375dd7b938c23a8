/**
 * The app as `pnpm bench` drives it for the channel-cancellation figures: built with buildApp in a
 * fresh database (its own schema on PostgreSQL, dropped at the end; a fresh in-memory PGlite), with
 * projectionPollMs: 0 as in the tests, and a CS key. Orders and claims are loaded through the one
 * command path in batches (OrderCommandHandler.runPlans), never through thousands of HTTP requests.
 */
import { performance } from 'node:perf_hooks';
import type { BatchResult, Database } from '@oms/adapters';
import { openDatabase, quoteIdent } from '@oms/adapters';
import type { AppContext } from '@oms/api';
import { buildApp } from '@oms/api';
import type { ChannelCancellation, CommandMetadata, CommandPlan, CsCommand } from '@oms/domain';
import { orderCommandPlan } from '@oms/domain';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';

export type DatabaseName = 'postgres' | 'pglite';

const ADMIN_KEY = 'bench-bootstrap-admin-key';
let opened = 0;

export interface BenchApp {
  readonly name: DatabaseName;
  readonly app: FastifyInstance;
  readonly context: AppContext;
  /** A CS worker's key. */
  readonly key: string;
  readonly call: (method: InjectOptions['method'], url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  readonly close: () => Promise<void>;
}

export const startBenchApp = async (name: DatabaseName, databaseUrl: string | undefined): Promise<BenchApp> => {
  const schema = `bench_cc_${process.pid}_${++opened}`;
  const database: Database = name === 'postgres' ? await openDatabase({ databaseUrl, schema }) : await openDatabase({});
  const { app, context } = await buildApp({ database, bootstrapAdminKey: ADMIN_KEY, projectionPollMs: 0, limits: { rateLimitMax: 0 } });
  const inject = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
    app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { authorization: `Bearer ${key}` } });
  const created = await inject(ADMIN_KEY, 'POST', '/api-keys', { worker: '벤치 CS', role: 'cs' });
  if (created.statusCode !== 201) throw new Error(`cannot create a key: ${created.body}`);
  const key = (created.json() as { key: string }).key;
  const close = async () => {
    await app.close();
    try {
      if (name === 'postgres') await sql`DROP SCHEMA ${sql.raw(quoteIdent(schema))} CASCADE`.execute(database.db);
    } finally {
      await database.close();
    }
  };
  return { name, app, context, key, call: (method, url, payload) => inject(key, method, url, payload), close };
};

/** Answers with `status`, or throws with the body (a bench must not time refusals). */
export const expectStatus = (res: LightMyRequestResponse, status: number, what: string): LightMyRequestResponse => {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res;
};

export const registerChannel = async (b: BenchApp, channel: string): Promise<void> => {
  expectStatus(await b.call('POST', '/channels', { name: channel }), 201, `POST /channels ${channel}`);
};

// ---------------------------------------------------------------------------------------------------
// Orders and claims.

export const benchMetadata: CommandMetadata = { actor: '벤치 CS', role: 'cs', at: '2026-12-02T01:00:00.000Z' };
const ctx = { metadata: benchMetadata, keyId: 'bench', requestId: 'bench-load', requestHash: 'bench' };
const command = (c: Omit<CsCommand, 'metadata'>): CsCommand => ({ ...c, metadata: benchMetadata }) as CsCommand;

const BUYERS = ['김경자', '이영희', '박철수', '최민준', '정서연', '강지훈', '조하은', '윤도윤', '장유진', '임시우'];

/** The order's channel order number: what the channel's file names it by. */
export const channelOrderNoOf = (no: number): string => `CO${no}`;

/** Two lines, as most channel orders: 2 냄비 (상품주문번호 CO…-1) and 1 주걱 (CO…-2). */
export const placeOrderPlan = (no: number, channel: string): CommandPlan => {
  const channelOrderNo = channelOrderNoOf(no);
  const buyer = BUYERS[no % BUYERS.length] ?? '김경자';
  return orderCommandPlan(no, command({
    type: 'PlaceOrder',
    data: {
      no,
      channel,
      channelOrderNo,
      paymentMethod: 'card',
      paid: true,
      buyer: { name: buyer, mobile: '010-6364-3640' },
      recipient: { name: buyer, mobile: '010-6364-3640', zip: '16950', address: '경기도 용인시 성저로 36 312동 301호' },
      shippingFee: 3000,
      lines: [
        { productCode: '30247', productName: '카트야로 스텐 냄비 3종', option: '본품', quantity: 2, unitPrice: 29400, channelLineNo: `${channelOrderNo}-1` },
        { productCode: '41002', productName: '실리콘 주걱 세트', option: '그레이', quantity: 1, unitPrice: 6900, channelLineNo: `${channelOrderNo}-2` },
      ],
    },
  } as Omit<CsCommand, 'metadata'>));
};

export const invoicePlan = (no: number): CommandPlan => orderCommandPlan(no, command({ type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: String(600_000_000_000 + no) } }));
export const shipPlan = (no: number): CommandPlan => orderCommandPlan(no, command({ type: 'ShipOrder', data: {} }));
export const deliverPlan = (no: number): CommandPlan => orderCommandPlan(no, command({ type: 'MarkDelivered', data: {} }));
export const handCancelPlan = (no: number): CommandPlan => orderCommandPlan(no, command({ type: 'CancelOrder', data: { reason: 'cancel_delay' } }));

/** The channel's claim on 1 냄비 of order `no`, as a connector (or a file row) sends it. */
export const claimOf = (no: number, channel: string, cancelledAt: string, kind: ChannelCancellation['kind'] = 'cancel'): ChannelCancellation => ({
  channel,
  cancellationId: `CL${no}`,
  channelOrderNo: channelOrderNoOf(no),
  line: { channelLineNo: `${channelOrderNoOf(no)}-1` },
  quantity: 1,
  kind,
  cancelledAt,
  reason: 'return_refund',
  channelReason: '단순변심',
});

/** Runs plans as one batch (chunks of 250 inside); any refusal is a broken bench, so it throws. */
export const runAll = async (context: AppContext, plans: readonly CommandPlan[]): Promise<void> => {
  const results: BatchResult[] = await context.orders.runPlans(plans, ctx);
  const refused = results.find((r) => !r.ok);
  if (refused && !refused.ok) throw new Error(`a bench plan was refused: ${String((refused.error as Error).message ?? refused.error)}`);
};

export const seconds = async (f: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};
