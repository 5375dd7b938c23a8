/** For auditors: an order's timeline (every revision with what it changed), and a stream's hash chain verified. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '@oms/domain';
import { orderStreamId } from '@oms/domain';
import { verifyStream } from '@oms/adapters';
import { ACCESS, channelAllowed, requireRole } from '../auth.js';
import { ApiProblem } from '../problem.js';
import { orderNotFound } from '../orders/commandHandler.js';
import { timelineOf } from '../orders/timeline.js';
import * as s from '../schemas.js';
import type { AppContext } from '../context.js';
import { errors, security } from './orderCommands.js';

const change = z.object({
  field: z.string().describe('where in the order (GET /orders/{no}): status, hold, lines[2].active, returnPickups[1].state; empty for the order\'s creation'),
  from: z.unknown(),
  to: z.unknown(),
  text: z.string().describe('the change as an auditor reads it: `line 2 active 3 → 1`, `보류 설정`'),
});

const timelineEntry = z.object({
  revision: z.number(),
  eventId: z.string(),
  type: z.string(),
  workType: z.string().describe('작업구분'),
  recordedAt: z.string().describe('when the event was stored (what asOf compares with)'),
  occurredAt: z.string(),
  actor: z.string(),
  role: z.string(),
  memo: z.string().nullable(),
  changes: z.array(change),
});

const chainBreak = z.object({
  streamId: z.string(),
  revision: z.number().describe('the first revision where the break shows (for a gap: the first missing one)'),
  kind: z.enum(['hash_mismatch', 'previous_mismatch', 'revision_gap']).describe('hash_mismatch: the stored content (or hash) is not what was hashed; previous_mismatch: the event chains from a hash its predecessor no longer has; revision_gap: a row is missing'),
});

export const auditRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = (roles: readonly Role[]) => requireRole(ctx.apiKeys, roles);

  r.get('/orders/:no/timeline', {
    onRequest: auth(ACCESS.readEvents),
    schema: { summary: "The order's timeline: every revision with what it changed in the ledger and state (auditors)", tags: ['audit'], security, params: s.orderNoParams, response: { 200: z.object({ no: z.number(), revision: z.number(), items: z.array(timelineEntry) }), ...errors } },
    handler: async (request) => {
      const { revision, events } = await ctx.store.readStream(orderStreamId(request.params.no));
      const first = events[0];
      const channel = first?.type === 'OrderPlaced' ? (first.data as { channel: string }).channel : null;
      if (revision < 0 || (request.principal && channel !== null && !channelAllowed(request.principal, channel))) throw orderNotFound();
      return { no: request.params.no, revision, items: timelineOf(events, ctx.carriers) };
    },
  });

  r.get('/audit/verify', {
    onRequest: auth(ACCESS.readEvents),
    schema: {
      summary: "A stream's hash chain checked from its rows as stored: each event's hash recomputed from its content and its predecessor's (auditors)",
      tags: ['audit'],
      security,
      querystring: z.object({ stream: z.string().min(1).max(200).describe('a stream id, e.g. order-100001') }),
      response: { 200: z.object({ stream: z.string(), events: z.number(), ok: z.boolean(), breaks: z.array(chainBreak) }), ...errors },
    },
    handler: async (request) => {
      const { stream } = request.query;
      const read = await ctx.storedEvents.readStream(stream);
      if (read.revision < 0) throw new ApiProblem(404, 'STREAM_NOT_FOUND', 'Not found', 'No stream has this id.', [{ field: 'stream', message: 'no such stream' }]);
      const verdict = verifyStream(stream, read);
      return { stream, events: verdict.events, ok: verdict.breaks.length === 0, breaks: [...verdict.breaks] };
    },
  });
};
