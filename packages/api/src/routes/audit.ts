/** For auditors: an order's timeline (every revision with what it changed). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '@oms/domain';
import { orderStreamId } from '@oms/domain';
import { ACCESS, channelAllowed, requireRole } from '../auth.js';
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
};
