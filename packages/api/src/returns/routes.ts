/**
 * 반품관리 (one row per pickup line) with 반품선택완료, and 교환예정관리 (one row per exchange with a
 * replacement). Thin: 완료처리 is the order's CompleteReturn on the one command path, once per pickup.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BatchResult } from '@oms/adapters';
import type { CommandPlan } from '@oms/domain';
import { CANCEL_REASON_LABELS, EXCHANGE_TYPE_LABELS, orderCommandPlan } from '@oms/domain';
import type { ExchangeView, ReturnLineView } from '@oms/projections';
import { listExchanges, listReturnLines, returnLinePickups } from '@oms/projections';
import { ACCESS, channelAllowed, requireRole, seesMaskedData } from '../auth.js';
import { listOf, confirmResult } from '../channelCancellations/schemas.js';
import { keysetListOf } from '../schemas.js';
import type { AppContext } from '../context.js';
import { maskName } from '../masking.js';
import { answerEach } from '../bulkAnswer.js';
import { ApiProblem } from '../problem.js';
import { commandContext, errors, security } from '../routes/orderCommands.js';
import { sendExport } from './exports.js';
import * as s from './schemas.js';

const MAX_EXPORT_ROWS = 100_000;

export const returnRowOf = ({ line, pickup, ...o }: ReturnLineView) => ({
  id: line.id,
  no: line.no,
  pickupId: line.pickup_id,
  lineId: line.line_id,
  kind: pickup.kind,
  reason: pickup.reason,
  reasonLabel: pickup.reason ? CANCEL_REASON_LABELS[pickup.reason] : null,
  exchangeType: pickup.exchange_type,
  exchangeTypeLabel: pickup.exchange_type ? EXCHANGE_TYPE_LABELS[pickup.exchange_type] : null,
  replacementNo: pickup.replacement_no,
  channel: o.channel,
  channelOrderNo: o.channelOrderNo,
  recipientName: o.recipientName,
  productCode: o.productCode,
  productName: o.productName,
  option: o.option,
  supplier: o.supplier,
  pickedUp: line.picked_up_quantity,
  received: line.received_quantity,
  damaged: line.damaged_quantity,
  registerInbound: pickup.register_inbound,
  state: o.state,
  stateLabel: s.RETURN_STATE_LABELS[o.state],
  requestedAt: line.requested_at,
  requestedBy: pickup.requested_by,
  shippedAt: o.shippedAt,
  arrivedAt: line.arrived_at,
  // The pickup's fees on its first line only, so that a column of the list sums right.
  fees: line.fee_row
    ? {
        site: { expected: pickup.site_expected, arrived: pickup.site_arrived },
        enclosed: { expected: pickup.enclosed_expected, arrived: pickup.enclosed_arrived },
        transfer: { expected: pickup.transfer_expected, arrived: pickup.transfer_arrived },
      }
    : null,
  outstanding: line.fee_row ? pickup.outstanding : 0,
  feeReason: line.fee_row ? pickup.fee_reason : null,
  completed: pickup.completed,
  completedAt: pickup.completed_at,
  completedBy: pickup.completed_by,
  completionMemo: pickup.completion_memo,
  claim: pickup.claim_channel && pickup.claim_cancellation_id ? { channel: pickup.claim_channel, cancellationId: pickup.claim_cancellation_id } : null,
});
export type ReturnViewRow = ReturnType<typeof returnRowOf>;

export const exchangeRowOf = (r: ExchangeView) => ({
  no: r.no,
  replacementNo: r.replacement_no,
  exchangeId: r.exchange_id,
  exchangeType: r.exchange_type,
  exchangeTypeLabel: EXCHANGE_TYPE_LABELS[r.exchange_type],
  state: r.state,
  stateLabel: s.EXCHANGE_STATE_LABELS[r.state],
  quantity: r.quantity,
  received: r.received_quantity,
  goodsArrived: r.goods_arrived,
  replacementShipped: r.replacement_shipped,
  shippedQuantity: r.shipped_quantity,
  requestedAt: r.requested_at,
  arrivedAt: r.arrived_at,
  shippedAt: r.shipped_at,
  carrier: r.carrier,
  trackingNumber: r.tracking_number,
  channel: r.channel,
  channelOrderNo: r.channelOrderNo,
  recipientName: r.recipientName,
});
export type ExchangeViewRow = ReturnType<typeof exchangeRowOf>;

const noSuchRow = () => new ApiProblem(404, 'RETURN_LINE_NOT_FOUND', 'Not found', 'No row of 반품관리 has this id.');

export const returnRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['returns'];

  r.get('/views/returns', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.readViews),
    schema: { summary: '반품관리: one row per pickup line (회수 and 교환\'s pickups), latest 회수요청일 first; the pickup\'s fees on its first line; ?format=xlsx|csv exports', tags, security, querystring: s.returnsQuery, response: { 200: keysetListOf(s.returnRow), ...errors } },
    handler: async (request, reply) => {
      const { limit, offset, format, ...filters } = request.query;
      const exporting = format !== 'json';
      const { rows, total, totalEstimated = false } = await listReturnLines(ctx.db, { ...filters, channels: request.principal?.channels ?? undefined, limit: exporting ? MAX_EXPORT_ROWS : limit, offset: exporting ? 0 : offset });
      const items = rows.map(returnRowOf).map((row) => (seesMaskedData(request.principal) && row.recipientName ? { ...row, recipientName: maskName(row.recipientName) } : row));
      if (exporting) return sendExport(reply, 'returns', format, items);
      // Paged by offset only (no cursor yet): next stays null.
      return { items, total, totalEstimated, next: null };
    },
  });

  r.post('/views/returns/complete', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.csCommand),
    schema: { summary: '반품선택완료: 완료처리 of the pickups of these rows (each pickup once; with 미수 left or goods not arrived only with a memo)', tags, security, body: s.completeBody, response: { 200: confirmResult, ...errors } },
    handler: async (request) => {
      const cc = commandContext(request, request.body.memo);
      const { ids } = request.body;
      const channels = request.principal?.channels ?? null;
      // Another channel's row is, to a key bound to channels, no row at all.
      const found = new Map((await returnLinePickups(ctx.db, ids)).filter((p) => p.channel === null || channelAllowed({ channels }, p.channel)).map((p) => [p.id, p]));
      const pickupKeys = [...new Set(ids.flatMap((id) => {
        const p = found.get(id);
        return p ? [`${p.no}-${p.pickupId}`] : [];
      }))];
      const plans: CommandPlan[] = pickupKeys.map((k) => {
        const [no, pickupId] = k.split('-').map(Number) as [number, number];
        return orderCommandPlan(no, { type: 'CompleteReturn', data: { pickupId }, metadata: cc.metadata });
      });
      const ran = await ctx.orders.runPlans(plans, cc);
      const byPickup = new Map(pickupKeys.map((k, i) => [k, ran[i] as BatchResult]));
      return answerEach(ctx, ids, (id) => {
        const p = found.get(id);
        return (p ? byPickup.get(`${p.no}-${p.pickupId}`) : undefined) ?? noSuchRow();
      });
    },
  });

  r.get('/views/exchanges', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.readViews),
    schema: { summary: '교환예정관리: one row per exchange with its replacement order (교환요청 → 회수도착 → 교환출고); ?format=xlsx|csv exports', tags, security, querystring: s.exchangesQuery, response: { 200: listOf(s.exchangeRow), ...errors } },
    handler: async (request, reply) => {
      const { limit, offset, format, ...filters } = request.query;
      const exporting = format !== 'json';
      const { rows, total } = await listExchanges(ctx.db, { ...filters, channels: request.principal?.channels ?? undefined, limit: exporting ? MAX_EXPORT_ROWS : limit, offset: exporting ? 0 : offset });
      const items = rows.map(exchangeRowOf).map((row) => (seesMaskedData(request.principal) && row.recipientName ? { ...row, recipientName: maskName(row.recipientName) } : row));
      if (exporting) return sendExport(reply, 'exchanges', format, items);
      return { items, total };
    },
  });
};
