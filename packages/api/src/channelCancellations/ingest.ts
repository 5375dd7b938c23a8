/**
 * 판매처취소 in, however it arrives (a connector's JSON batch, an uploaded file): each entry becomes
 * the domain's plan, the plans run as one batch on the one command path, and every entry gets its
 * outcome. Refusals are per entry; nothing an entry decided is ever half-applied.
 */
import type { BatchResult } from '@oms/adapters';
import type { ChannelCancellation, ChannelClaimEvent, ChannelClaimState, CommandPlan, StreamEvent } from '@oms/domain';
import { channelClaimStreamId, claimOutcomeOf, DomainError, receiveChannelCancellationPlan, withdrawChannelCancellationPlan } from '@oms/domain';
import { latestPosition } from '@oms/adapters';
import { channelAllowed } from '../auth.js';
import type { AppContext } from '../context.js';
import type { OrderCommandContext } from '../orders/commandHandler.js';
import { failsTheRequest, toProblem } from '../problem.js';
import type { ChannelCancellationItem } from './schemas.js';

/** Where an entry came from in a file, for its outcome. */
export interface Origin {
  readonly row?: number | undefined;
  readonly column?: string | undefined;
}

export type IngestEntry = Origin &
  (
    | { readonly kind: 'cancellation'; readonly cancellation: ChannelCancellation }
    | { readonly kind: 'withdrawal'; readonly channel: string; readonly cancellationId: string; readonly withdrawnAt: string }
    /** Refused before it reached the domain (a cell that cannot be read, a reason not mapped). */
    | { readonly kind: 'refused'; readonly cancellationId: string; readonly code: string; readonly detail: string }
  );

export type Outcome = 'applied' | 'recorded' | 'duplicate' | 'refused';
export interface ItemOutcome extends Origin {
  readonly cancellationId: string;
  readonly outcome: Outcome;
  readonly no?: number | undefined;
  readonly code?: string | undefined;
  readonly detail?: string | undefined;
  /** What the row says (a cancellation), so a preview reads on its own: the order, the line as named, the channel's quantity. */
  readonly channelOrderNo?: string | undefined;
  readonly line?: string | undefined;
  readonly quantity?: number | undefined;
  /** What it does here (applied / recorded): the quantity it cancels on the order (0: matched already, or after shipping), and its 취소타입. */
  readonly cancelledHere?: number | undefined;
  readonly cancelType?: string | undefined;
}

const lineNamed = (c: ChannelCancellation): string =>
  'channelLineNo' in c.line ? `상품주문번호 ${c.line.channelLineNo}` : 'productCode' in c.line ? `상품코드 ${c.line.productCode}` : `${c.line.productName} ${c.line.option}`.trim();

/** The row's own figures, and what its ChannelClaimRecorded says it did (when it decided one). */
const figuresOf = (entry: IngestEntry, events: readonly StreamEvent[]): Partial<ItemOutcome> => {
  const sent = entry.kind === 'cancellation' ? { channelOrderNo: entry.cancellation.channelOrderNo, line: lineNamed(entry.cancellation), quantity: entry.cancellation.quantity } : {};
  const recorded = events.find((e): e is Extract<ChannelClaimEvent, { type: 'ChannelClaimRecorded' }> => e.type === 'ChannelClaimRecorded');
  return recorded ? { ...sent, cancelledHere: recorded.data.cancelled, cancelType: recorded.data.cancelType } : sent;
};

/** The JSON item as the domain takes it: one way to name the line, instants in UTC. */
export const toChannelCancellation = (item: ChannelCancellationItem): ChannelCancellation => ({
  channel: item.channel,
  cancellationId: item.cancellationId,
  channelOrderNo: item.channelOrderNo,
  line:
    item.channelLineNo !== undefined
      ? { channelLineNo: item.channelLineNo }
      : item.productCode !== undefined
        ? { productCode: item.productCode }
        : { productName: item.productName ?? '', option: item.option ?? '' },
  quantity: item.quantity,
  kind: item.kind,
  cancelledAt: new Date(item.cancelledAt).toISOString(),
  reason: item.reason,
  channelReason: item.channelReason,
  ...(item.returnTrackingNumber ? { returnTrackingNumber: item.returnTrackingNumber } : {}),
});

const claimOf = (e: IngestEntry): { channel: string; cancellationId: string } | null =>
  e.kind === 'cancellation' ? e.cancellation : e.kind === 'withdrawal' ? e : null;

const planOf = (e: IngestEntry, cc: OrderCommandContext): CommandPlan | null =>
  e.kind === 'cancellation'
    ? receiveChannelCancellationPlan(e.cancellation, cc.metadata)
    : e.kind === 'withdrawal'
      ? withdrawChannelCancellationPlan(e.channel, e.cancellationId, e.withdrawnAt, cc.metadata)
      : null;

const refusal = (error: unknown): { code: string; detail: string } => {
  const p = toProblem(error);
  if (!(error instanceof DomainError) && failsTheRequest(p)) throw error;
  return { code: p.code, detail: p.detail ?? p.title };
};

export const summaryOf = (items: readonly ItemOutcome[]) => ({
  applied: items.filter((i) => i.outcome === 'applied').length,
  recorded: items.filter((i) => i.outcome === 'recorded').length,
  duplicate: items.filter((i) => i.outcome === 'duplicate').length,
  refused: items.filter((i) => i.outcome === 'refused').length,
});

/** Runs the entries in their order; with `dryRun`, decides them all and appends nothing. */
export const ingest = async (ctx: AppContext, entries: readonly IngestEntry[], cc: OrderCommandContext, options: { readonly dryRun?: boolean } = {}): Promise<ItemOutcome[]> => {
  const runnable = entries.flatMap((entry, i) => {
    const claim = claimOf(entry);
    // A key bound to channels sends only its own channels' cancellations.
    if (!claim || !channelAllowed({ channels: cc.channels ?? null }, claim.channel)) return [];
    const plan = planOf(entry, cc);
    return plan ? [{ i, plan }] : [];
  });
  const results = await ctx.orders.runPlans(runnable.map((r) => r.plan), cc, options);
  const resultOf = new Map<number, BatchResult>(runnable.map((r, k) => [r.i, results[k] as BatchResult]));

  // A claim already received names its order in its own stream.
  const duplicates = runnable.filter((r, k) => {
    const res = results[k];
    return res?.ok === true && res.outcome.primary.events.length === 0;
  });
  const claims = await ctx.orders.readMany(duplicates.map((r) => r.plan.primary));

  const positions: unknown[] = [];
  const outcomes = entries.map((entry, i): ItemOutcome => {
    const origin = { ...(entry.row === undefined ? {} : { row: entry.row }), ...(entry.column === undefined ? {} : { column: entry.column }) };
    if (entry.kind === 'refused') return { cancellationId: entry.cancellationId, outcome: 'refused', code: entry.code, detail: entry.detail, ...origin };
    const sent = figuresOf(entry, []);
    const claim = claimOf(entry) as { channel: string; cancellationId: string };
    const result = resultOf.get(i);
    if (!result) return { cancellationId: claim.cancellationId, outcome: 'refused', code: 'CHANNEL_NOT_ALLOWED', detail: `This key acts only on orders of its own channels, not ${claim.channel}.`, ...sent, ...origin };
    if (!result.ok) return { cancellationId: claim.cancellationId, outcome: 'refused', ...refusal(result.error), ...sent, ...origin };
    const { primary, position } = result.outcome;
    positions.push(position);
    const events = primary.events as readonly { type: string; data: { no: number } }[];
    const state = claims.get(channelClaimStreamId(claim.channel, claim.cancellationId))?.state as ChannelClaimState | undefined;
    const no = events[0]?.data.no ?? (state?.kind === 'recorded' ? state.no : undefined);
    return { cancellationId: claim.cancellationId, outcome: claimOutcomeOf(primary.events), ...(no === undefined ? {} : { no }), ...figuresOf(entry, primary.events), ...origin };
  });
  const last = latestPosition(ctx.store.positions, positions);
  if (last !== null) await ctx.runner.waitFor(last);
  return outcomes;
};
