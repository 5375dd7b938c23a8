/** 매크로 over HTTP: the caller's team's saved CS memo templates (store.ts), for CS workers. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth.js';
import { ACCESS, requireRole } from '../auth.js';
import type { AppContext } from '../context.js';
import * as s from '../schemas.js';
import { macroBody, macroParams, macroSchema } from './schemas.js';
import { createMacro, deleteMacro, listMacros, updateMacro } from './store.js';

const errors = { 400: s.problemSchema, 401: s.problemSchema, 403: s.problemSchema, 404: s.problemSchema, 409: s.problemSchema, 422: s.problemSchema };
const security = [{ bearerAuth: [] }];
const tags = ['memo macros'];

/** requireRole has run (onRequest): the principal is there. */
const caller = (request: FastifyRequest): Principal => request.principal as Principal;

export const memoMacroRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requireRole(ctx.apiKeys, ACCESS.memoMacros);

  r.get('/memo-macros', {
    onRequest,
    schema: { summary: '매크로 목록: your team\'s memo macros, in their order', tags, security, response: { 200: s.listOf(macroSchema), ...errors } },
    handler: async (request) => {
      const items = await listMacros(ctx.db, caller(request).team);
      return { items, total: items.length };
    },
  });

  r.post('/memo-macros', {
    onRequest,
    schema: { summary: '매크로 등록: a memo template for your team; {상품명} and {옵션} are filled in from the order', tags, security, body: macroBody, response: { 201: macroSchema, ...errors } },
    handler: async (request, reply) => {
      const { team, worker } = caller(request);
      const created = await createMacro(ctx.db, team, request.body, worker);
      reply.code(201).header('Location', `/memo-macros/${created.id}`);
      return created;
    },
  });

  r.put('/memo-macros/:id', {
    onRequest,
    schema: { summary: '매크로 수정: its title, body and (optionally) position; another team\'s macro is not found', tags, security, params: macroParams, body: macroBody, response: { 200: macroSchema, ...errors } },
    handler: async (request) => {
      const { team, worker } = caller(request);
      return updateMacro(ctx.db, team, request.params.id, request.body, worker);
    },
  });

  r.delete('/memo-macros/:id', {
    onRequest,
    schema: { summary: '매크로 삭제; another team\'s macro is not found', tags, security, params: macroParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await deleteMacro(ctx.db, caller(request).team, request.params.id);
      reply.code(204);
      return null;
    },
  });
};
