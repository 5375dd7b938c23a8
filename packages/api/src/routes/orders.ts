/** The order resource: 주문생성 and the reads (CS window, order, CS 이력, raw events); commands are in orderCommands.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrderEvent, Role } from '@oms/domain';
import { fold, OrderDecider, activeQuantity, CS_STATE_LABELS, DomainError, ORDER_STATUS_LABELS, orderStreamId, priorityOf } from '@oms/domain';
import type { GlobalPosition } from '@oms/adapters';
import { exportedStream, nextOrderNo } from '@oms/adapters';
import type { OrderListRow } from '@oms/projections';
import { historyOf, listOrders, priorityListOf } from '@oms/projections';
import type { Principal } from '../auth.js';
import { ACCESS, channelAllowed, requireRole, seesMaskedData } from '../auth.js';
import { maskHistoryEntry, maskListItem, maskName, maskOrder, personalValuesOf } from '../masking.js';
import type { StopPoint } from '../orders/asOf.js';
import { asOfQuery, eventsUpTo, historyAsOf, notAtThatPoint, stopPointOf } from '../orders/asOf.js';
import { assertChannelAllowed, orderNotFound, readOrder } from '../orders/commandHandler.js';
import { ORDER_LIST_EXPORT } from '../orders/exports.js';
import { orderView } from '../orders/orderView.js';
import { sendJsonLines } from '../audit/jsonLines.js';
import { sendTable } from '../files/index.js';

const MAX_EXPORT_ROWS = 100_000;
import * as s from '../schemas.js';
import type { AppContext } from '../context.js';
import { commandContext, errors, etag, orderCommandRoutes, security } from './orderCommands.js';

/** The PostgreSQL store's own position fields, kept beside `position` for the callers that read them. */
const postgresPositionOf = (ctx: AppContext, position: unknown) => {
  if (ctx.eventStoreKind !== 'postgres') return {};
  const p = position as GlobalPosition;
  return { globalPosition: p.globalPosition, transactionId: p.transactionId.toString() };
};

export const orderRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = (roles: readonly Role[]) => requireRole(ctx.apiKeys, roles);

  r.post('/orders', {
    onRequest: auth(ACCESS.createOrder),
    bodyLimit: ctx.limits.largeBodyBytes,
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
      assertChannelAllowed(cc, order.channel);
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
        // A retry racing its original (same Idempotency-Key, another 관리번호) is answered with the original.
        const result = await ctx.orders.execute(no, { type: 'PlaceOrder', data: { ...order, no }, metadata: cc.metadata }, cc);
        if (result.position) await ctx.runner.waitFor(result.position);
        reply.code(201).header('Location', `/orders/${result.no}`).header('ETag', etag(result.revision));
        if (result.replayed) reply.header('Idempotent-Replayed', 'true');
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
    onRequest: auth(ACCESS.readViews),
    schema: { summary: 'The CS window order list (filters, free-text search, paged); ?format=xlsx|csv exports every match (up to 100,000)', tags: ['orders'], security, querystring: s.orderListQuery, response: { 200: s.keysetListOf(s.orderListItem), ...errors } },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const exporting = format !== 'json';
      const page = exporting ? { limit: MAX_EXPORT_ROWS, offset: 0, cursor: undefined } : {};
      const { rows, total, totalEstimated = false, next = null } = await listOrders(ctx.db, { ...query, ...page, channels: request.principal?.channels ?? undefined });
      const listed = rows.map(listItem);
      const items = seesMaskedData(request.principal) ? listed.map(maskListItem) : listed;
      if (exporting) return sendTable(reply, ORDER_LIST_EXPORT, format, items);
      return { items, total, totalEstimated, next };
    },
  });

  /** The order (as it stood at `point`, when one is given), if it exists and the caller may see it (a key bound to channels sees only theirs). */
  const readVisibleOrder = async (no: number, principal: Principal | null, point: StopPoint | null = null) => {
    const read = await readOrder(ctx.store, no);
    if (read.state.kind !== 'placed' || (principal && !channelAllowed(principal, read.state.channel))) throw orderNotFound();
    if (point === null) return { ...read, state: read.state };
    const events = eventsUpTo(read.events, point);
    const state = fold(OrderDecider, events.map((e) => e as unknown as OrderEvent));
    if (state.kind !== 'placed' || ('revision' in point && point.revision > read.revision)) throw notAtThatPoint(point, read.revision);
    return { state, revision: events.at(-1)?.streamRevision ?? -1, events };
  };

  r.get('/orders/:no', {
    onRequest: auth(ACCESS.readOrder),
    schema: { summary: 'One order: status, CS state, hold, invoice, lines with their quantity ledger, revision; ?asOf= or ?revision= as it stood then (auditors)', tags: ['orders'], security, params: s.orderNoParams, querystring: z.object(asOfQuery), response: { 200: s.orderSchema, ...errors } },
    handler: async (request, reply) => {
      const point = stopPointOf(request.query, request.principal);
      const { state, revision } = await readVisibleOrder(request.params.no, request.principal, point);
      if (point === null) reply.header('ETag', etag(revision));
      const view = orderView(state, revision, ctx.carriers);
      return seesMaskedData(request.principal) ? maskOrder(view) : view;
    },
  });

  /**
   * The order exists and the caller may see it. Its events are read in full only when they are needed:
   * a key bound to channels (the channel is in the fold) or masked reads (the personal values to mask).
   */
  const requireOrder = async (no: number, principal: Principal | null) => {
    if (principal?.channels || seesMaskedData(principal)) return (await readVisibleOrder(no, principal)).events;
    const { revision } = await ctx.store.readStream(orderStreamId(no), { maxCount: 1 });
    if (revision < 0) throw orderNotFound();
    return null;
  };

  r.get('/orders/:no/history', {
    onRequest: auth(ACCESS.readViews),
    schema: { summary: 'CS 이력: every action on the order, with worker, content and 미처리/완료; ?asOf= or ?revision= as it stood then (auditors)', tags: ['orders'], security, params: s.orderNoParams, querystring: z.object({ ...s.paging, ...asOfQuery }), response: { 200: s.listOf(s.historyEntry), ...errors } },
    handler: async (request) => {
      const point = stopPointOf(request.query, request.principal);
      const asOf = point && (await readVisibleOrder(request.params.no, request.principal, point));
      const events = asOf ? asOf.events : await requireOrder(request.params.no, request.principal);
      const { rows, total } = asOf ? historyAsOf(asOf.events, request.query, ctx.carriers, ctx.store.positions) : await historyOf(ctx.db, request.params.no, request.query);
      const items = rows.map((h) => ({
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
          processedAt: h.processed_at,
          processedBy: h.processed_by,
        }));
      if (!seesMaskedData(request.principal)) return { items, total };
      const values = personalValuesOf(events ?? []);
      return { items: items.map((h) => maskHistoryEntry(h, values)), total };
    },
  });

  r.get('/orders/:no/events', {
    onRequest: auth(ACCESS.readEvents),
    schema: {
      summary: 'The raw event stream of the order, for auditors; ?asOf= or ?revision= up to then; ?format=jsonl: every event (up to then) as JSON lines with hashes, to verify offline',
      tags: ['orders'],
      security,
      params: s.orderNoParams,
      querystring: z.object({ ...s.paging, ...asOfQuery, format: z.enum(['json', 'jsonl']).default('json').describe('jsonl: application/x-ndjson, one line per event as stored with previousHash and hash; paging does not apply') }),
      response: { 200: s.listOf(s.rawEvent), ...errors },
    },
    handler: async (request, reply) => {
      const point = stopPointOf(request.query, request.principal);
      const { offset, limit, format } = request.query;
      // As stored (not upcast): what the hash chain covers and an auditor verifies.
      const stream = orderStreamId(request.params.no);
      const whole = point !== null || format === 'jsonl';
      const read = whole ? await ctx.storedEvents.readStream(stream) : await ctx.storedEvents.readStream(stream, { fromRevision: offset, maxCount: limit });
      if (read.revision < 0) throw orderNotFound();
      const upTo = point ? eventsUpTo(read.events, point) : read.events;
      if (point && upTo.length === 0) throw notAtThatPoint(point, read.revision);
      if (format === 'jsonl') {
        return sendJsonLines(reply, `order-${request.params.no}-events`, exportedStream(upTo, ctx.storedEvents.positions));
      }
      const events = point ? upTo.slice(offset, offset + limit) : upTo;
      const revision = point ? (upTo.at(-1)?.streamRevision ?? -1) : read.revision;
      return {
        items: events.map((e) => ({
          eventId: e.id,
          revision: e.streamRevision,
          type: e.type,
          data: e.data,
          metadata: { ...e.metadata },
          recordedAt: e.recordedAt,
          position: ctx.storedEvents.positions.encode(e.position),
          ...postgresPositionOf(ctx, e.position),
        })),
        total: revision + 1,
      };
    },
  });

  // Registered here so the OpenAPI document keeps its order of paths.
  orderCommandRoutes(app, ctx);

  r.get('/products/:code/priority', {
    onRequest: auth(ACCESS.readViews),
    schema: {
      summary: '우선순위 list of a product: the unshipped orders holding it, in shipping order (higher priority first, then the older order)',
      tags: ['orders'],
      security,
      params: z.object({ code: z.string().trim().min(1).max(64) }),
      response: { 200: s.listOf(z.object({ rank: z.number(), no: z.number(), priority: z.number(), status: z.string(), quantity: z.number(), recipientName: z.string(), placedAt: z.string() })), ...errors },
    },
    handler: async (request) => {
      const code = request.params.code;
      const masked = seesMaskedData(request.principal);
      const sorted = await priorityListOf(ctx.db, code);
      // The rank is the order's place among all holders; a key bound to channels sees its own orders only.
      const ranked = sorted.map((row, i) => ({ row, rank: i + 1 })).filter(({ row }) => !request.principal || channelAllowed(request.principal, row.channel));
      return {
        items: ranked.map(({ row, rank }) => ({
          rank,
          no: row.no,
          priority: priorityOf(row.state, code),
          status: row.status,
          quantity: row.lines.filter((l) => l.productCode === code).reduce((n, l) => n + activeQuantity(l.ledger) - l.ledger.shipped, 0),
          recipientName: masked ? maskName(row.recipient_name) : row.recipient_name,
          placedAt: row.placed_at,
        })),
        total: ranked.length,
      };
    },
  });
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
  packageId: row.package_id,
  packageMembers: [...row.package_members],
  mergeForbidden: row.merge_forbidden,
  priorities: { ...row.priorities },
  returnExpected: row.return_expected,
});
