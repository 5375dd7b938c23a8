/** The order resource: thin handlers; rules live in the decider, orchestration in the command handler. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrderCommand } from '@oms/domain';
import { CS_STATE_LABELS, DomainError, ORDER_STATUS_LABELS, orderStreamId } from '@oms/domain';
import { nextOrderNo, sql, toNumber } from '@oms/adapters';
import type { Role } from '@oms/domain';
import type { OrderListRow } from '@oms/projections';
import { csHistoryProjection, orderListProjection } from '@oms/projections';
import { ACCESS, requireRole } from '../auth.js';
import type { CommandContext, CommandResult } from '../orders/commandHandler.js';
import { readOrder } from '../orders/commandHandler.js';
import { orderView } from '../orders/orderView.js';
import { ApiProblem } from '../problem.js';
import * as s from '../schemas.js';
import type { AppContext } from '../context.js';

const errors = { 401: s.problemSchema, 403: s.problemSchema, 404: s.problemSchema, 409: s.problemSchema, 422: s.problemSchema };
const security = [{ bearerAuth: [] }];

const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const m = header.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (!m?.[1]) throw new ApiProblem(422, 'INVALID_IF_MATCH', 'Invalid If-Match', 'If-Match must be an ETag such as W/"3".', [{ field: 'If-Match', message: 'expected W/"<revision>"' }]);
  return Number(m[1]);
};

const etag = (revision: number) => `W/"${revision}"`;

const commandContext = (request: FastifyRequest, memo: string | undefined): CommandContext => {
  const principal = request.principal;
  if (!principal) throw new ApiProblem(401, 'UNAUTHENTICATED', 'Authentication required');
  const key = request.headers['idempotency-key'];
  const idempotencyKey = typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
  if (idempotencyKey && idempotencyKey.length > 200) throw new ApiProblem(422, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key too long', undefined, [{ field: 'Idempotency-Key', message: 'at most 200 characters' }]);
  const ifMatchHeader = request.headers['if-match'];
  return {
    metadata: { actor: principal.worker, role: principal.role, at: new Date().toISOString(), memo },
    keyId: principal.keyId,
    requestId: request.id,
    ifMatch: parseIfMatch(typeof ifMatchHeader === 'string' ? ifMatchHeader : undefined),
    idempotencyKey,
    requestHash: createHash('sha256').update(`${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null)}`).digest('hex'),
  };
};

export const orderRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = (roles: readonly Role[]) => requireRole(ctx.apiKeys, roles);

  const answer = async (reply: FastifyReply, result: CommandResult) => {
    if (result.position) await ctx.runner.waitFor(result.position);
    reply.header('ETag', etag(result.revision));
    if (result.replayed) reply.header('Idempotent-Replayed', 'true');
    return { no: result.no, revision: result.revision, events: [...result.events] };
  };

  /** One way to declare an order command route. */
  const command = <B extends z.ZodType<{ memo?: string | undefined } | null | undefined>>(def: {
    method: 'POST' | 'PUT' | 'DELETE';
    url: string;
    summary: string;
    body?: B;
    roles: readonly Role[];
    toCommand: (body: NonNullable<z.output<B>>, meta: CommandContext['metadata']) => OrderCommand;
  }) =>
    r.route({
      method: def.method,
      url: def.url,
      preHandler: auth(def.roles),
      schema: {
        summary: def.summary,
        tags: ['order commands'],
        security,
        params: s.orderNoParams,
        ...(def.body ? { body: def.body } : {}),
        headers: z.object({ 'if-match': z.string().optional(), 'idempotency-key': z.string().optional() }).loose(),
        response: { 200: s.commandResult, ...errors },
      },
      handler: async (request, reply) => {
        const body = (request.body ?? {}) as NonNullable<z.output<B>>;
        const cc = commandContext(request, body.memo);
        const result = await ctx.orders.execute(request.params.no, def.toCommand(body, cc.metadata), cc);
        return answer(reply, result);
      },
    });

  r.post('/orders', {
    preHandler: auth(ACCESS.createOrder),
    schema: {
      summary: '주문생성: create an order by hand or from a channel (a channel order is ingested once)',
      tags: ['orders'],
      security,
      body: s.placeOrderBody,
      headers: z.object({ 'idempotency-key': z.string().optional() }).loose(),
      response: { 200: s.createdOrder, 201: s.createdOrder, ...errors },
    },
    handler: async (request, reply) => {
      const { memo, ...order } = request.body;
      const cc = commandContext(request, memo);
      const existing = async (no: number) => {
        const { revision } = await readOrder(ctx.store, no);
        reply.code(200).header('Location', `/orders/${no}`).header('ETag', etag(revision));
        return { no, revision };
      };
      const replay = await ctx.orders.findFirstResult(cc);
      if (replay) {
        reply.code(201).header('Location', `/orders/${replay.no}`).header('ETag', etag(replay.revision)).header('Idempotent-Replayed', 'true');
        return { no: replay.no, revision: replay.revision };
      }
      if (order.channelOrderNo) {
        const no = await ctx.orders.orderOfChannelOrder(order.channel, order.channelOrderNo);
        if (no !== null) return existing(no);
      }
      const no = await nextOrderNo(ctx.db);
      try {
        const result = await ctx.orders.execute(no, { type: 'PlaceOrder', data: { ...order, no }, metadata: cc.metadata }, cc);
        if (result.position) await ctx.runner.waitFor(result.position);
        reply.code(201).header('Location', `/orders/${result.no}`).header('ETag', etag(result.revision));
        return { no: result.no, revision: result.revision };
      } catch (error) {
        // Another request ingested the same channel order a moment ago: answer with that order.
        const usedBy = error instanceof DomainError && error.code === 'VALUE_ALREADY_USED' ? error.details?.usedBy : undefined;
        if (typeof usedBy === 'number') return existing(usedBy);
        throw error;
      }
    },
  });

  r.get('/orders', {
    preHandler: auth(ACCESS.readViews),
    schema: { summary: 'The CS window order list (filters, free-text search, paged)', tags: ['orders'], security, querystring: s.orderListQuery, response: { 200: s.listOf(s.orderListItem), ...errors } },
    handler: async (request) => {
      const q = request.query;
      let query = ctx.db.selectFrom('order_list');
      if (q.status) query = query.where('status', '=', q.status);
      if (q.held !== undefined) query = query.where('held', '=', q.held);
      if (q.channel) query = query.where('channel', '=', q.channel);
      if (q.from) query = query.where('placed_at', '>=', new Date(`${q.from}T00:00:00+09:00`));
      if (q.to) query = query.where('placed_at', '<', new Date(new Date(`${q.to}T00:00:00+09:00`).getTime() + 86_400_000));
      if (q.q) query = query.where('search_text', 'like', `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('no', 'desc').limit(q.limit).offset(q.offset).execute(),
        query.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((row) => listItem(orderListProjection.fromDb(row))), total: toNumber(count.total) };
    },
  });

  r.get('/orders/:no', {
    preHandler: auth(ACCESS.readOrder),
    schema: { summary: 'One order: status, CS state, hold, invoice, lines with their quantity ledger, revision', tags: ['orders'], security, params: s.orderNoParams, response: { 200: s.orderSchema, ...errors } },
    handler: async (request, reply) => {
      const { state, revision } = await readOrder(ctx.store, request.params.no);
      if (state.kind !== 'placed') throw new ApiProblem(404, 'ORDER_NOT_FOUND', 'Not found', `Order ${request.params.no} does not exist.`);
      reply.header('ETag', etag(revision));
      return orderView(state, revision, ctx.carriers);
    },
  });

  const requireOrder = async (no: number) => {
    const { revision } = await ctx.store.readStream(orderStreamId(no), { maxCount: 1 });
    if (revision < 0) throw new ApiProblem(404, 'ORDER_NOT_FOUND', 'Not found', `Order ${no} does not exist.`);
  };

  r.get('/orders/:no/history', {
    preHandler: auth(ACCESS.readViews),
    schema: { summary: 'CS 이력: every action on the order, with worker, content and 미처리/완료', tags: ['orders'], security, params: s.orderNoParams, querystring: z.object(s.paging), response: { 200: s.listOf(s.historyEntry), ...errors } },
    handler: async (request) => {
      await requireOrder(request.params.no);
      const base = ctx.db.selectFrom('cs_history').where('order_no', '=', request.params.no);
      const [rows, count] = await Promise.all([
        base.selectAll().orderBy('stream_revision').limit(request.query.limit).offset(request.query.offset).execute(),
        base.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((raw) => {
          const h = csHistoryProjection.fromDb(raw);
          return {
            entryId: h.entry_id,
            revision: h.stream_revision,
            at: h.at,
            worker: h.worker,
            role: h.role,
            workType: h.work_type,
            workTypeLabel: h.work_type_label,
            content: h.content,
            memo: h.memo,
            processed: h.processed,
          };
        }),
        total: toNumber(count.total),
      };
    },
  });

  r.get('/orders/:no/events', {
    preHandler: auth(ACCESS.readEvents),
    schema: { summary: 'The raw event stream of the order, for auditors', tags: ['orders'], security, params: s.orderNoParams, querystring: z.object(s.paging), response: { 200: s.listOf(s.rawEvent), ...errors } },
    handler: async (request) => {
      const { revision, events } = await ctx.store.readStream(orderStreamId(request.params.no), { fromRevision: request.query.offset, maxCount: request.query.limit });
      if (revision < 0) throw new ApiProblem(404, 'ORDER_NOT_FOUND', 'Not found', `Order ${request.params.no} does not exist.`);
      return {
        items: events.map((e) => ({
          eventId: e.id,
          revision: e.streamRevision,
          type: e.type,
          data: e.data,
          metadata: { ...e.metadata },
          recordedAt: e.recordedAt,
          globalPosition: e.position.globalPosition,
          transactionId: e.position.transactionId.toString(),
        })),
        total: revision + 1,
      };
    },
  });

  command({ method: 'POST', url: '/orders/:no/payment', summary: '입금확인: 입금대기 → 접수', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'ConfirmPayment', data: {}, metadata }) });
  command({ method: 'POST', url: '/orders/:no/shipping-instruction', summary: '출고지시서: 접수 → 배송준비중 (printed once; a reprint is recorded)', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'PrintShippingInstruction', data: {}, metadata }) });
  command({ method: 'PUT', url: '/orders/:no/hold', summary: '보류설정, with an optional alarm', body: s.holdBody, roles: ACCESS.csCommand, toCommand: (b, metadata) => ({ type: 'HoldOrder', data: { alarmAt: b.alarmAt }, metadata }) });
  command({ method: 'DELETE', url: '/orders/:no/hold', summary: '보류해제', body: s.memoOnlyBody, roles: ACCESS.csCommand, toCommand: (_, metadata) => ({ type: 'ReleaseHold', data: {}, metadata }) });
  command({
    method: 'PUT',
    url: '/orders/:no/invoice',
    summary: '송장입력: carrier + tracking number (digits only, used by one order only)',
    body: s.invoiceBody(ctx.carrierCodes, ctx.carriers.map((c) => `${c.code} (${c.name})`).join(', ')),
    roles: ACCESS.fulfilmentCommand,
    toCommand: (b, metadata) => ({ type: 'EnterInvoice', data: { carrier: b.carrier, trackingNumber: b.trackingNumber }, metadata }),
  });
  command({ method: 'POST', url: '/orders/:no/shipment', summary: '배송처리: 송장 → 배송', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'ShipOrder', data: {}, metadata }) });
  command({ method: 'POST', url: '/orders/:no/delivery', summary: '배송완료', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'MarkDelivered', data: {}, metadata }) });
  command({ method: 'POST', url: '/orders/:no/purchase-confirmation', summary: '구매확정', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'ConfirmPurchase', data: {}, metadata }) });
  command({ method: 'POST', url: '/orders/:no/cancel', summary: '입금전취소 (an order in 입금대기), with one of the six reasons', body: s.cancelBody, roles: ACCESS.fulfilmentCommand, toCommand: (b, metadata) => ({ type: 'CancelOrder', data: { reason: b.reason }, metadata }) });
  command({ method: 'POST', url: '/orders/:no/memos', summary: 'CS 메모', body: s.csMemoBody, roles: ACCESS.csCommand, toCommand: (b, metadata) => ({ type: 'AddCsMemo', data: { text: b.text }, metadata }) });
};

/** A CS window row (already normalised by the projection) as the API shows it. */
const listItem = (row: OrderListRow) => ({
  no: row.no,
  placedAt: row.placed_at,
  channel: row.channel,
  channelOrderNo: row.channel_order_no,
  buyerName: row.buyer_name,
  buyerPhone: row.buyer_phone,
  buyerMobile: row.buyer_mobile,
  recipientName: row.recipient_name,
  recipientPhone: row.recipient_phone,
  recipientMobile: row.recipient_mobile,
  recipientZip: row.recipient_zip,
  recipientAddress: row.recipient_address,
  productSummary: row.product_summary,
  orderedQuantity: row.ordered_quantity,
  quantity: row.active_quantity,
  totalAmount: row.total_amount,
  status: row.status,
  statusLabel: ORDER_STATUS_LABELS[row.status],
  csState: row.cs_state,
  csStateLabel: CS_STATE_LABELS[row.cs_state],
  held: row.held,
  holdAlarmAt: row.hold_alarm_at,
  carrier: row.carrier,
  trackingNumber: row.tracking_number,
});
