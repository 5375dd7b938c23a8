/**
 * 판매처취소 (in, by JSON batch; files: imports.ts), 취소철회, and the two views: 취소결과조회 with its
 * 확인 / 확인취소, 취소철회조회 with its 확인. Thin: every change is a domain plan on the one command path.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ChannelClaimState, CommandPlan, Role } from '@oms/domain';
import { CANCEL_REASON_LABELS, CANCEL_TYPE_LABELS, claimOutcomeOf, confirmChannelCancellationPlan, ORDER_STATUS_LABELS, orderCommandPlan, withdrawChannelCancellationPlan } from '@oms/domain';
import type { ChannelCancellationView, CancelWithdrawalRow } from '@oms/projections';
import { channelCancellationKeys, listCancelWithdrawals, listChannelCancellations } from '@oms/projections';
import type { BatchResult } from '@oms/adapters';
import { ACCESS, channelAllowed, requireRole, seesMaskedData } from '../auth.js';
import type { AppContext } from '../context.js';
import { maskName } from '../masking.js';
import type { OrderCommandContext } from '../orders/commandHandler.js';
import { assertChannelAllowed, orderNotFound } from '../orders/commandHandler.js';
import { answerEach } from '../bulkAnswer.js';
import { ApiProblem } from '../problem.js';
import { commandContext, errors, security } from '../routes/orderCommands.js';
import { sendExport } from './exports.js';
import { ingest, summaryOf, toChannelCancellation } from './ingest.js';
import * as s from './schemas.js';
import { keysetListOf } from '../schemas.js';

const MAX_EXPORT_ROWS = 100_000;

export const cancellationRowOf = (r: ChannelCancellationView) => ({
  id: r.id,
  no: r.no,
  channel: r.channel,
  channelOrderNo: r.channel_order_no,
  cancellationId: r.cancellation_id,
  lineId: r.line_id,
  productCode: r.product_code,
  productName: r.product_name,
  option: r.option,
  orderedQuantity: r.ordered_quantity,
  cancelledQuantity: r.cancelled_quantity,
  appliedQuantity: r.applied_quantity,
  partial: r.partial,
  kind: r.kind,
  cancelType: r.cancel_type,
  cancelTypeLabel: CANCEL_TYPE_LABELS[r.cancel_type],
  reason: r.reason,
  reasonLabel: CANCEL_REASON_LABELS[r.reason],
  channelReason: r.channel_reason,
  returnTrackingNumber: r.return_tracking_number,
  cancelledAt: r.cancelled_at,
  receivedAt: r.received_at,
  withdrawnAt: r.withdrawn_at,
  placedAt: r.order?.placedAt ?? null,
  buyerName: r.order?.buyerName ?? null,
  status: r.order?.status ?? null,
  statusLabel: r.order ? ORDER_STATUS_LABELS[r.order.status] : null,
  shippedAt: r.order?.shippedAt ?? null,
  trackingNumber: r.order?.trackingNumber ?? null,
  confirmed: r.confirmed,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at,
  processed: r.processed,
  pickupNo: r.pickup_no,
  pickupId: r.pickup_id,
});
export type CancellationRow = ReturnType<typeof cancellationRowOf>;

export const withdrawalRowOf = (r: CancelWithdrawalRow) => ({
  id: r.id,
  no: r.no,
  channel: r.channel,
  channelOrderNo: r.channelOrderNo,
  buyerName: r.buyerName,
  status: r.status,
  statusLabel: ORDER_STATUS_LABELS[r.status],
  placedAt: r.placedAt,
  shippedAt: r.shippedAt,
  cancelledAt: r.cancelledAt,
  withdrawnAt: r.withdrawnAt,
  worker: r.worker,
  lineId: r.lineId,
  productCode: r.item.productCode,
  productName: r.item.productName,
  option: r.item.option,
  ordered: r.ordered,
  cancelledHere: r.cancelledHere,
  channelCancelled: r.channelCancelled,
  toRestore: r.toRestore,
  confirmed: r.confirmed,
});
export type WithdrawalRow = ReturnType<typeof withdrawalRowOf>;

export const channelCancellationRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = (roles: readonly Role[]) => requireRole(ctx.apiKeys, roles);
  const tags = ['channel cancellations'];

  r.post('/channel-cancellations', {
    onRequest: auth(ACCESS.channelCancellations),
    bodyLimit: ctx.limits.largeBodyBytes,
    schema: { summary: '판매처취소: a connector\'s cancellations (up to 1,000), each recorded once; every item\'s outcome', tags, security, body: s.batchBody, response: { 200: s.batchResult, ...errors } },
    handler: async (request) => {
      const cc = commandContext(request, undefined);
      const items = await ingest(ctx, request.body.items.map((item) => ({ kind: 'cancellation' as const, cancellation: toChannelCancellation(item) })), cc);
      return { items, summary: summaryOf(items) };
    },
  });

  r.post('/channel-cancellations/:channel/:cancellationId/withdrawal', {
    onRequest: auth(ACCESS.channelCancellations),
    schema: { summary: '취소철회: the channel withdrew its cancellation (nothing is restored by itself; the order shows in 취소철회조회)', tags, security, params: s.claimParams, body: s.withdrawalBody, response: { 200: s.withdrawalResult, ...errors } },
    handler: async (request) => {
      const cc = commandContext(request, undefined);
      const { channel, cancellationId } = request.params;
      assertChannelAllowed(cc, channel);
      const outcome = await ctx.orders.runPlan(withdrawChannelCancellationPlan(channel, cancellationId, new Date(request.body.withdrawnAt).toISOString(), cc.metadata), cc);
      if (outcome.position) await ctx.runner.waitFor(outcome.position);
      const claim = (await ctx.orders.readMany([outcome.primary.streamId])).get(outcome.primary.streamId)?.state as ChannelClaimState | undefined;
      return { cancellationId, outcome: claimOutcomeOf(outcome.primary.events) === 'duplicate' ? ('duplicate' as const) : ('applied' as const), no: claim?.kind === 'recorded' ? claim.no : -1 };
    },
  });

  const cancellationFilterOf = (q: Omit<(typeof s.cancellationsQuery)['_output'], 'limit' | 'offset' | 'cursor' | 'format'>, channels: readonly string[] | null | undefined) => ({ ...q, channels: channels ?? undefined });

  r.get('/views/cancellations', {
    onRequest: auth(ACCESS.readViews),
    schema: { summary: '취소결과조회: one row per channel cancellation (default: after shipping, not confirmed); ?format=xlsx|csv exports', tags, security, querystring: s.cancellationsQuery, response: { 200: keysetListOf(s.cancellationRow), ...errors } },
    handler: async (request, reply) => {
      const { limit, offset, cursor, format, ...filters } = request.query;
      const filter = cancellationFilterOf(filters, request.principal?.channels);
      const exporting = format !== 'json';
      const { rows, total, totalEstimated = false, next = null } = await listChannelCancellations(ctx.db, { ...filter, limit: exporting ? MAX_EXPORT_ROWS : limit, offset: exporting ? 0 : offset, cursor: exporting ? undefined : cursor });
      const items = rows.map(cancellationRowOf).map((row) => (seesMaskedData(request.principal) && row.buyerName ? { ...row, buyerName: maskName(row.buyerName) } : row));
      if (exporting) return sendExport(reply, 'cancellations', format, items);
      return { items, total, totalEstimated, next };
    },
  });

  /** Runs a plan per id as one batch; an id without a plan (no such row) is refused with `missing`. */
  const runEach = async (cc: OrderCommandContext, ids: readonly string[], planOf: (id: string) => CommandPlan | null, missing: () => ApiProblem) => {
    const plans = ids.map(planOf);
    const ran = await ctx.orders.runPlans(plans.filter((p): p is CommandPlan => p !== null), cc);
    let k = 0;
    const results = plans.map((p) => (p === null ? missing() : (ran[k++] as BatchResult)));
    return answerEach(ctx, ids, (_, i) => results[i]);
  };
  const noSuchRow = () => new ApiProblem(404, 'CANCELLATION_NOT_FOUND', 'Not found', 'No row of 취소결과조회 has this id.');

  for (const [path, confirmed, summary] of [
    ['/views/cancellations/confirm', true, '확인 (선택 확인 with ids, 전체 확인 with all and the filters)'],
    ['/views/cancellations/unconfirm', false, '확인취소 (with ids, or all and the filters)'],
  ] as const) {
    r.post(path, {
      onRequest: auth(ACCESS.csCommand),
      schema: { summary, tags, security, body: s.cancellationConfirmBody, response: { 200: s.confirmResult, ...errors } },
      handler: async (request) => {
        const cc = commandContext(request, undefined);
        const body = request.body;
        const channels = request.principal?.channels ?? null;
        const keys = await channelCancellationKeys(ctx.db, 'ids' in body ? { ids: body.ids } : { filter: cancellationFilterOf(withoutAll(body), channels) });
        // Another channel's row is, to a key bound to channels, no row at all.
        const byId = new Map(keys.filter((k) => channelAllowed({ channels }, k.channel)).map((k) => [k.id, k]));
        const ids = 'ids' in body ? body.ids : [...byId.keys()];
        return runEach(cc, ids, (id) => {
          const key = byId.get(id);
          return key ? confirmChannelCancellationPlan(key.channel, key.cancellationId, confirmed) : null;
        }, noSuchRow);
      },
    });
  }

  r.get('/views/cancel-withdrawals', {
    onRequest: auth(ACCESS.readViews),
    schema: { summary: '취소철회조회: the lines where more was cancelled here than the channel cancelled (net of its withdrawals): the quantity to restore', tags, security, querystring: s.withdrawalsQuery, response: { 200: s.listOf(s.withdrawalRow), ...errors } },
    handler: async (request, reply) => {
      const { limit, offset, format, ...filters } = request.query;
      const exporting = format !== 'json';
      const { rows, total } = await listCancelWithdrawals(ctx.db, { ...filters, channels: request.principal?.channels ?? undefined, limit: exporting ? MAX_EXPORT_ROWS : limit, offset: exporting ? 0 : offset });
      const items = rows.map(withdrawalRowOf).map((row) => (seesMaskedData(request.principal) ? { ...row, buyerName: maskName(row.buyerName) } : row));
      if (exporting) return sendExport(reply, 'cancel-withdrawals', format, items);
      return { items, total };
    },
  });

  r.post('/views/cancel-withdrawals/confirm', {
    onRequest: auth(ACCESS.csCommand),
    schema: { summary: '취소철회조회 확인: acknowledge rows without restoring (a different figure later shows again)', tags, security, body: s.withdrawalConfirmBody, response: { 200: s.confirmResult, ...errors } },
    handler: async (request) => {
      const cc = commandContext(request, undefined);
      return runEach(cc, request.body.ids, (id) => {
        const [no, lineId] = id.split('-').map(Number) as [number, number];
        return orderCommandPlan(no, { type: 'ConfirmCancelWithdrawal', data: { lineId }, metadata: cc.metadata });
      }, orderNotFound);
    },
  });
};

const withoutAll = <T extends { readonly all: true }>(body: T): Omit<T, 'all'> => {
  const { all: _all, ...filter } = body;
  return filter;
};
