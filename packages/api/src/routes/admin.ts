import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from '@oms/adapters';
import { ACCESS, requireRole } from '../auth.js';
import { ApiProblem } from '../problem.js';
import type { AppContext } from '../context.js';
import * as s from '../schemas.js';

export const adminRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/health', {
    schema: { summary: 'Liveness and database reachability (no key needed): up or down, nothing more', tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['postgres', 'pglite']) }), 503: s.problemSchema } },
    handler: async (request) => {
      try {
        await sql`SELECT 1`.execute(ctx.db);
      } catch (error) {
        // The database's own text (host names, roles, paths) is for the log, not for whoever asks.
        request.log.error({ err: error }, 'health check: database unreachable');
        throw new ApiProblem(503, 'DATABASE_UNAVAILABLE', 'Database unavailable');
      }
      return { status: 'ok' as const, database: ctx.database.kind };
    },
  });

  r.post('/api-keys', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.manageKeys),
    schema: { summary: 'Create an API key for a worker and role (the key is shown once)', tags: ['system'], security: [{ bearerAuth: [] }], body: s.apiKeyBody, response: { 201: s.apiKeyCreated, 401: s.problemSchema, 403: s.problemSchema, 422: s.problemSchema } },
    handler: async (request, reply) => {
      const created = await ctx.apiKeys.create(request.body.worker, request.body.role, request.principal?.worker ?? 'unknown');
      reply.code(201);
      return created;
    },
  });

  r.get('/carriers', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.readViews),
    schema: { summary: '택배사: the configured carriers and their tracking-page URL patterns', tags: ['system'], security: [{ bearerAuth: [] }], response: { 200: s.listOf(z.object({ code: z.string(), name: z.string(), trackingUrl: z.string() })), 401: s.problemSchema } },
    handler: async () => ({ items: ctx.carriers.map((c) => ({ ...c })), total: ctx.carriers.length }),
  });
};
