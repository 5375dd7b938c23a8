/**
 * The load bench's bulk loader: N orders through the one command path — PlaceOrder plans and the CS
 * history of some (orderData.ts fateOf), run by OrderCommandHandler.runPlans (BatchCommandRunner: one
 * transaction per 250 plans) — then the ProjectionRunner catching up every read model. No row is
 * written by hand; only the 관리번호 are drawn from order_no_seq in one statement, as POST /orders
 * draws one.
 *
 * A group is 250 orders (one of the batch runner's chunks), placed at one instant of the 90 days, and
 * its follow-ups in phases (hold / memo / cancel / invoice, then ship, then delivery / claims, then
 * pickups / withdrawals), each phase one runPlans. `concurrency` groups run at once, on disjoint
 * orders, so node's deciding overlaps PostgreSQL's writing.
 */
import { performance } from 'node:perf_hooks';
import type { BatchResult } from '@oms/adapters';
import type { AppContext, OrderCommandContext } from '@oms/api';
import type { ChannelCancellation, CommandMetadata, CommandPlan, CsCommand } from '@oms/domain';
import { orderCommandPlan, receiveChannelCancellationPlan, withdrawChannelCancellationPlan } from '@oms/domain';
import { ProjectionRunner, projectionsFor } from '@oms/projections';
import { sql } from 'kysely';
import type { Fate } from './orderData.js';
import { channelOf, channelOrderNoOf, fateOf, orderBodyOf, placedAtOf, trackingNumberOf } from './orderData.js';

export const GROUP = 250;
const HOUR_MS = 3_600_000;

/** The orders loaded so far: order i (0-based, the index orderData.ts derives it from) is `nos[i]`. */
export interface Loaded {
  nos: Int32Array;
  count: number;
}

export const emptyLoaded = (): Loaded => ({ nos: new Int32Array(0), count: 0 });

export interface LoadFigures {
  readonly orders: number;
  /** Events the projections read: every stream's (orders, reservations, claims). */
  readonly events: number;
  /** Seconds appending (commands decided and appended)… */
  readonly commandSeconds: number;
  /** … and the projections catching up after. */
  readonly projectionSeconds: number;
  readonly plans: number;
}

export interface LoadOptions {
  readonly concurrency?: number;
  /** Events per projection batch (the runner's batchSize). */
  readonly projectionBatch?: number;
  /** false: leave the read models to a runner elsewhere (http.ts runs one beside the appends). */
  readonly projectAfter?: boolean;
  /** Called as groups complete (orders so far) and as the projections advance (events so far). */
  readonly onOrders?: (done: number) => void;
  readonly onProjected?: (events: number) => void;
}

const metadataAt = (at: string): CommandMetadata => ({ actor: '벤치 적재', role: 'integration', at });
const ctxAt = (at: string, group: number, phase: number): OrderCommandContext => ({
  metadata: metadataAt(at),
  keyId: 'bench-load',
  requestId: `bench-load-${group}-${phase}`,
  requestHash: 'bench-load',
});
const plan = (no: number, at: string, c: Omit<CsCommand, 'metadata'>): CommandPlan => orderCommandPlan(no, { ...c, metadata: metadataAt(at) } as CsCommand);

const claimOf = (i: number, kind: ChannelCancellation['kind'], cancelledAt: string): ChannelCancellation => ({
  channel: channelOf(i),
  cancellationId: `CL${channelOrderNoOf(i)}`,
  channelOrderNo: channelOrderNoOf(i),
  line: { channelLineNo: `${channelOrderNoOf(i)}-1` },
  quantity: 1,
  kind,
  cancelledAt,
  reason: kind === 'return' ? 'return_refund' : 'cancel_delay',
  channelReason: kind === 'return' ? '단순변심' : '배송지연',
});

/** The follow-up plans of order i by phase (after its PlaceOrder), each phase some hours after the last. */
const followUps = (i: number, no: number, fate: Fate, at: (phase: number) => string): CommandPlan[][] => {
  const phases: CommandPlan[][] = [[], [], [], []];
  const [first, second, third, fourth] = phases as [CommandPlan[], CommandPlan[], CommandPlan[], CommandPlan[]];
  const ship = (into: CommandPlan[], later: CommandPlan[], phase: number) => {
    into.push(plan(no, at(phase), { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: trackingNumberOf(i) } }));
    later.push(plan(no, at(phase + 1), { type: 'ShipOrder', data: {} }));
  };
  switch (fate) {
    case 'received':
      break;
    case 'held':
      first.push(plan(no, at(1), { type: 'HoldOrder', data: {} }));
      first.push(plan(no, at(1), { type: 'AddCsMemo', data: { text: '고객 요청으로 출고 보류, 주소 확인 후 진행' } }));
      break;
    case 'memo':
      first.push(plan(no, at(1), { type: 'AddCsMemo', data: { text: '배송 일정 문의 전화, 안내 완료' } }));
      break;
    case 'partialCancel':
      first.push(plan(no, at(1), { type: 'CancelLine', data: { lineId: 1, quantity: 1, reason: 'cancel_quality' } }));
      break;
    case 'shipped':
      ship(first, second, 1);
      break;
    case 'returned':
      ship(first, second, 1);
      third.push(plan(no, at(3), { type: 'MarkDelivered', data: {} }));
      fourth.push(plan(no, at(4), { type: 'RequestReturnPickup', data: { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_refund' } }));
      break;
    case 'claimShipped':
      ship(first, second, 1);
      third.push(receiveChannelCancellationPlan(claimOf(i, 'cancel', at(3)), metadataAt(at(3))));
      break;
    case 'claimWithdrawn':
      first.push(receiveChannelCancellationPlan(claimOf(i, 'cancel', at(1)), metadataAt(at(1))));
      second.push(withdrawChannelCancellationPlan(channelOf(i), `CL${channelOrderNoOf(i)}`, at(2), metadataAt(at(2))));
      break;
  }
  return phases;
};

/** Any refusal is a broken bench: it throws with the first refusal's message. */
const runAll = async (context: AppContext, plans: readonly CommandPlan[], ctx: OrderCommandContext): Promise<number> => {
  if (plans.length === 0) return 0;
  const results: BatchResult[] = await context.orders.runPlans(plans, ctx);
  let events = 0;
  for (const r of results) {
    if (!r.ok) throw new Error(`a load plan was refused: ${String((r.error as Error).message ?? r.error)}`);
    events += r.outcome.primary.events.length;
  }
  return events;
};

/** One group: its PlaceOrders at its instant, then its follow-ups phase by phase. Returns events appended. */
const loadGroup = async (context: AppContext, first: number, nos: Int32Array, count: number): Promise<{ events: number; plans: number }> => {
  const group = Math.floor(first / GROUP);
  const placedAt = Date.parse(placedAtOf(group));
  const at = (phase: number) => new Date(placedAt + phase * 5 * HOUR_MS).toISOString();
  const places: CommandPlan[] = [];
  const phases: CommandPlan[][] = [[], [], [], []];
  for (let i = first; i < first + count; i++) {
    const no = nos[i] as number;
    places.push(plan(no, at(0), { type: 'PlaceOrder', data: { ...orderBodyOf(i), no } }));
    followUps(i, no, fateOf(i), at).forEach((ps, p) => phases[p]?.push(...ps));
  }
  let events = await runAll(context, places, ctxAt(at(0), group, 0));
  for (const [p, ps] of phases.entries()) events += await runAll(context, ps, ctxAt(at(p + 1), group, p + 1));
  return { events, plans: places.length + phases.reduce((n, ps) => n + ps.length, 0) };
};

/** Grows `loaded` to `target` orders: events first (timed), then every read model caught up (timed). */
export const loadOrders = async (context: AppContext, loaded: Loaded, target: number, options: LoadOptions = {}): Promise<LoadFigures> => {
  const from = loaded.count;
  const adding = Math.max(0, target - from);
  const nos = new Int32Array(Math.max(target, loaded.nos.length));
  nos.set(loaded.nos);
  if (adding > 0) {
    const { rows } = await sql<{ no: string | number }>`SELECT nextval('order_no_seq') AS no FROM generate_series(1, ${adding})`.execute(context.db);
    rows.forEach((r, k) => (nos[from + k] = Number(r.no)));
  }
  loaded.nos = nos;

  const t0 = performance.now();
  let plans = 0;
  let next = from;
  let done = 0;
  const worker = async () => {
    while (next < target) {
      const first = next;
      // Groups stay aligned on GROUP so a group's instant does not depend on where a run started.
      const count = Math.min(GROUP - (first % GROUP), target - first);
      next += count;
      const r = await loadGroup(context, first, nos, count);
      plans += r.plans;
      done += count;
      options.onOrders?.(done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  loaded.count = target;
  const commandSeconds = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  if (options.projectAfter === false) return { orders: adding, events: 0, commandSeconds, projectionSeconds: 0, plans };
  // A runner of its own: the loader's batch size (the server's keeps its default).
  const runner = new ProjectionRunner(context.store, context.db, projectionsFor({ carriers: context.carriers }), { batchSize: options.projectionBatch ?? 5000 });
  let projected = 0;
  for (;;) {
    const n = await runner.runOnce();
    if (n === 0) break;
    // runOnce reads one page per projection (usually the same page): the events of the log passed.
    projected += n / runner.projections.length;
    options.onProjected?.(Math.round(projected));
  }
  const projectionSeconds = (performance.now() - t1) / 1000;
  return { orders: adding, events: Math.round(projected), commandSeconds, projectionSeconds, plans };
};
