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
    schema: { summary: 'Create an API key for a worker, role and team, optionally expiring and (integration) bound to channels; the key is shown once', tags: ['system'], security: [{ bearerAuth: [] }], body: s.apiKeyBody, response: { 201: s.apiKeyCreated, 401: s.problemSchema, 403: s.problemSchema, 422: s.problemSchema } },
    handler: async (request, reply) => {
      const { worker, role, expiresAt, channels, team } = request.body;
      const created = await ctx.apiKeys.create(worker, role, request.principal?.worker ?? 'unknown', { expiresAt, channels, team });
      reply.code(201);
      return created;
    },
  });

  r.get('/api-keys', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.manageKeys),
    schema: { summary: 'Every API key made here with its status (never the key nor its hash; the bootstrap key is configuration and not listed)', tags: ['system'], security: [{ bearerAuth: [] }], response: { 200: s.listOf(s.apiKeyInfo), 401: s.problemSchema, 403: s.problemSchema } },
    handler: async () => {
      const items = await ctx.apiKeys.list();
      return { items, total: items.length };
    },
  });

  r.delete('/api-keys/:keyId', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.manageKeys),
    schema: { summary: 'Revoke an API key: its very next request is refused', tags: ['system'], security: [{ bearerAuth: [] }], params: s.apiKeyParams, response: { 200: s.apiKeyInfo, 401: s.problemSchema, 403: s.problemSchema, 404: s.problemSchema, 422: s.problemSchema } },
    handler: async (request) => {
      const revoked = await ctx.apiKeys.revoke(request.params.keyId);
      if (!revoked) throw new ApiProblem(404, 'API_KEY_NOT_FOUND', 'Not found', `No API key ${request.params.keyId}.`);
      return revoked;
    },
  });

  r.get('/carriers', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.readViews),
    schema: { summary: '택배사: the configured carriers and their tracking-page URL patterns', tags: ['system'], security: [{ bearerAuth: [] }], response: { 200: s.listOf(z.object({ code: z.string(), name: z.string(), trackingUrl: z.string() })), 401: s.problemSchema } },
    handler: async () => ({ items: ctx.carriers.map((c) => ({ ...c })), total: ctx.carriers.length }),
  });
};
