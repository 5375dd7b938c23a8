/**
 * CS내역조회: every CS entry across orders, the + (the order's thread), CS선택완료 / CS일괄완료 and
 * CS선택중복. Thin: every change is CompleteCsEntries / AddCsMemo on the one command path, one plan per order.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BatchResult } from '@oms/adapters';
import { latestPosition } from '@oms/adapters';
import type { OrderStatus, CsState, Role, CommandPlan } from '@oms/domain';
import { CS_STATE_LABELS, ORDER_STATUS_LABELS, orderCommandPlan, orderStreamId } from '@oms/domain';
import type { CsHistoryView, CsEntryKey } from '@oms/projections';
import { csEntryKeys, csThreadOf, listCsHistory } from '@oms/projections';
import type { Principal } from '../auth.js';
import { ACCESS, channelAllowed, requireRole, seesMaskedData } from '../auth.js';
import type { AppContext } from '../context.js';
import { maskHistoryEntry, maskName, personalValuesOf } from '../masking.js';
import { ApiProblem, failsTheRequest, toProblem } from '../problem.js';
import { commandContext, errors, security } from '../routes/orderCommands.js';
import { keysetListOf } from '../schemas.js';
import { sendCsHistory } from './exports.js';
import type { CsHistoryFilters } from './schemas.js';
import * as s from './schemas.js';

const MAX_EXPORT_ROWS = 100_000;

export const csHistoryRowOf = (r: CsHistoryView) => ({
  entryId: r.entry_id,
  no: r.order_no,
  at: r.at,
  worker: r.worker,
  workType: r.work_type,
  workTypeLabel: r.work_type_label,
  content: r.content,
  memo: r.memo,
  processed: r.processed,
  processedAt: r.processed_at,
  processedBy: r.processed_by,
  channel: r.order?.channel ?? null,
  channelOrderNo: r.order?.channelOrderNo ?? null,
  recipientName: r.order?.recipientName ?? null,
  status: r.order?.status ?? null,
  statusLabel: r.order ? (ORDER_STATUS_LABELS[r.order.status as OrderStatus] ?? r.order.status) : null,
  csState: r.order?.csState ?? null,
  csStateLabel: r.order ? (CS_STATE_LABELS[r.order.csState as CsState] ?? r.order.csState) : null,
  cancelType: r.cancel_type,
  exchangeType: r.exchange_type,
});
export type CsHistoryListRow = ReturnType<typeof csHistoryRowOf>;

/** A key bound to channels sees its channels' orders only (an order that left the list has none it could see). */
const visible = (channels: readonly string[] | null, channel: string | null): boolean => channels === null || (channel !== null && channelAllowed({ channels }, channel));

type Outcome = 'applied' | 'duplicate' | 'refused';
const summaryOf = <O extends string>(items: readonly { outcome: O }[], outcomes: readonly O[]) =>
  Object.fromEntries(outcomes.map((o) => [o, items.filter((i) => i.outcome === o).length])) as Record<O, number>;

export const csHistoryViewRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = (roles: readonly Role[]) => requireRole(ctx.apiKeys, roles);
  const tags = ['cs history'];

  const filterOf = (f: Partial<CsHistoryFilters>, principal: Principal | null | undefined) => ({ ...f, channels: principal?.channels ?? undefined });

  /** Analysts: 수령자 masked, and each entry as the order's CS 이력 masks it (its memo whole, the order's personal values in the content). */
  const forPrincipal = async (rows: readonly CsHistoryListRow[], principal: Principal | null): Promise<CsHistoryListRow[]> => {
    if (!seesMaskedData(principal)) return [...rows];
    const nos = [...new Set(rows.map((row) => row.no))];
    const streams = await Promise.all(nos.map((no) => ctx.store.readStream(orderStreamId(no))));
    const values = new Map(nos.map((no, i) => [no, personalValuesOf(streams[i]!.events)]));
    return rows.map((row) => ({ ...maskHistoryEntry(row, values.get(row.no) ?? []), recipientName: row.recipientName === null ? null : maskName(row.recipientName) }));
  };

  r.get('/views/cs-history', {
    onRequest: auth(ACCESS.readViews),
    schema: { summary: 'CS내역조회: every CS entry across orders, latest 등록일 first; ?format=xlsx|csv exports', tags, security, querystring: s.csHistoryQuery, response: { 200: keysetListOf(s.csHistoryRow), ...errors } },
    handler: async (request, reply) => {
      const { limit, offset, cursor, format, ...filters } = request.query;
      const exporting = format !== 'json';
      const { rows, total, totalEstimated = false, next = null } = await listCsHistory(ctx.db, {
        ...filterOf(filters, request.principal),
        limit: exporting ? MAX_EXPORT_ROWS : limit,
        offset: exporting ? 0 : offset,
        cursor: exporting ? undefined : cursor,
      });
      const items = await forPrincipal(rows.map(csHistoryRowOf), request.principal);
      if (exporting) return sendCsHistory(reply, format, items);
      return { items, total, totalEstimated, next };
    },
  });

  const noSuchEntry = (id: string) => new ApiProblem(404, 'ENTRY_NOT_FOUND', 'Not found', `No CS 이력 entry ${id}.`);

  r.get('/views/cs-history/:entryId/thread', {
    onRequest: auth(ACCESS.readViews),
    schema: { summary: 'CS내역조회 +: every entry of the entry\'s order, oldest first', tags, security, params: s.entryIdParams, response: { 200: s.listOf(s.csHistoryRow), ...errors } },
    handler: async (request) => {
      const thread = await csThreadOf(ctx.db, request.params.entryId);
      const channels = request.principal?.channels ?? null;
      // Another channel's order is, to a key bound to channels, no order at all.
      if (thread === null || !visible(channels, thread[0]?.order?.channel ?? null)) throw noSuchEntry(request.params.entryId);
      const items = await forPrincipal(thread.map(csHistoryRowOf), request.principal);
      return { items, total: items.length };
    },
  });

  /** Per order, the position of what it appended; the view waits for the last before answering. */
  const waitForAll = async (results: readonly BatchResult[]) => {
    const last = latestPosition(ctx.store.positions, results.map((r) => (r.ok ? r.outcome.position : null)));
    if (last !== null) await ctx.runner.waitFor(last);
  };

  const refusal = (error: unknown) => {
    const p = error instanceof ApiProblem ? error : toProblem(error);
    if (failsTheRequest(p)) throw error;
    return { code: p.code, detail: p.detail ?? p.title };
  };

  r.post('/views/cs-history/complete', {
    onRequest: auth(ACCESS.csCommand),
    schema: { summary: 'CS선택완료 (entryIds) / CS일괄완료 (all and the filters): entries marked 완료, one CompleteCsEntries per order', tags, security, body: s.completeBody, response: { 200: s.completeResult, ...errors } },
    handler: async (request) => {
      const body = request.body;
      const cc = commandContext(request, body.memo);
      const channels = request.principal?.channels ?? null;
      let keys: CsEntryKey[];
      if ('entryIds' in body) {
        keys = await csEntryKeys(ctx.db, { ids: body.entryIds });
      } else {
        const { all: _all, memo: _memo, ...filters } = body;
        keys = await csEntryKeys(ctx.db, { filter: filterOf(filters, request.principal), limit: s.MAX_COMPLETE_ALL + 1 });
        if (keys.length > s.MAX_COMPLETE_ALL) {
          throw new ApiProblem(422, 'TOO_MANY_ENTRIES', 'Too many entries', `More than ${s.MAX_COMPLETE_ALL} entries match; narrow the filters.`, [{ field: 'all', message: `at most ${s.MAX_COMPLETE_ALL} entries at once` }]);
        }
      }
      const byId = new Map(keys.filter((k) => visible(channels, k.channel)).map((k) => [k.entryId, k]));
      const ids = 'entryIds' in body ? [...new Set(body.entryIds)] : [...byId.keys()];
      const byOrder = new Map<number, string[]>();
      for (const id of ids) {
        const key = byId.get(id);
        if (key) byOrder.set(key.no, [...(byOrder.get(key.no) ?? []), id]);
      }
      const orders = [...byOrder.entries()];
      const plans: CommandPlan[] = orders.map(([no, entryIds]) => orderCommandPlan(no, { type: 'CompleteCsEntries', data: { entryIds }, metadata: cc.metadata }));
      const results = await ctx.orders.runPlans(plans, cc);
      await waitForAll(results);
      const outcomeOf = new Map<string, { no: number; outcome: Outcome; code?: string; detail?: string }>();
      orders.forEach(([no, entryIds], i) => {
        const result = results[i]!;
        if (!result.ok) {
          for (const id of entryIds) outcomeOf.set(id, { no, outcome: 'refused', ...refusal(result.error) });
          return;
        }
        const completed = new Set(result.outcome.primary.events.flatMap((e) => (e.type === 'CsEntriesCompleted' ? (e.data as { entryIds: string[] }).entryIds : [])));
        for (const id of entryIds) outcomeOf.set(id, { no, outcome: completed.has(id) ? 'applied' : 'duplicate' });
      });
      const items = ids.map((id) => ({ id, ...(outcomeOf.get(id) ?? { outcome: 'refused' as const, code: 'ENTRY_NOT_FOUND', detail: `No CS 이력 entry ${id}.` }) }));
      return { items, summary: summaryOf(items, ['applied', 'duplicate', 'refused'] as const) };
    },
  });

  r.post('/views/cs-history/memos', {
    onRequest: auth(ACCESS.csCommand),
    schema: { summary: 'CS선택중복: one new CS 이력 entry (CS메모) on every order named, each order\'s outcome', tags, security, body: s.memosBody, response: { 200: s.memosResult, ...errors } },
    handler: async (request) => {
      const { nos, text, memo } = request.body;
      const cc = commandContext(request, memo);
      const unique = [...new Set(nos)];
      const results = await ctx.orders.runPlans(unique.map((no) => orderCommandPlan(no, { type: 'AddCsMemo', data: { text }, metadata: cc.metadata })), cc);
      await waitForAll(results);
      const items = unique.map((no, i) => {
        const result = results[i]!;
        return result.ok ? { no, outcome: 'applied' as const } : { no, outcome: 'refused' as const, ...refusal(result.error) };
      });
      return { items, summary: summaryOf(items, ['applied', 'refused'] as const) };
    },
  });
};
