/** The console's sign-in and sign-out (sessions.ts): the same keys and roles as the API, in a cookie. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '@oms/domain';
import type { Principal } from '../auth.js';
import { ACCESS, requireCsrfToken } from '../auth.js';
import type { AppContext } from '../context.js';
import { ApiProblem } from '../problem.js';
import * as s from '../schemas.js';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from '../sessions.js';

const sessionBody = z.strictObject({ key: z.string().min(1).max(200).describe('The worker\'s API key (kept by the server; the page never sees it again).') });

const sessionInfo = z.object({
  worker: z.string(),
  role: z.enum(['admin', 'cs', 'integration', 'auditor', 'analyst']),
  team: z.string().describe('the worker\'s team (whose memo macros GET /memo-macros lists)'),
  csrfToken: z.string().describe(`Send it as ${CSRF_HEADER} with every request that changes anything.`),
  can: z.record(z.string(), z.boolean()).describe('What this role may do (the ACCESS table): the console offers only these.'),
});

const infoOf = ({ worker, role, team }: Pick<Principal, 'worker' | 'role' | 'team'>, csrfToken: string) => ({
  worker,
  role,
  team,
  csrfToken,
  can: Object.fromEntries(Object.entries(ACCESS).map(([what, roles]) => [what, (roles as readonly Role[]).includes(role)])),
});

const cookieOptions = (request: FastifyRequest) => ({ ...SESSION_COOKIE_OPTIONS, secure: request.protocol === 'https' });

export const sessionRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sessions = ctx.apiKeys.sessions;

  r.post('/session', {
    schema: { summary: 'Console sign-in: trade an API key for a session cookie (HttpOnly, SameSite=Strict) and a CSRF token', tags: ['system'], body: sessionBody, response: { 201: sessionInfo, 401: s.problemSchema, 422: s.problemSchema } },
    handler: async (request, reply) => {
      const principal = await ctx.apiKeys.resolve(request.body.key);
      if (!principal) throw new ApiProblem(401, 'INVALID_KEY', 'Sign-in refused', 'This key is unknown, revoked or expired.', [{ field: 'key', message: 'not an active API key' }]);
      const { id, csrfToken } = await sessions.open(principal);
      reply.setCookie(SESSION_COOKIE, id, cookieOptions(request));
      reply.code(201);
      return infoOf(principal, csrfToken);
    },
  });

  r.get('/session', {
    schema: { summary: 'The console session of this browser: who, what the role may do, the CSRF token', tags: ['system'], response: { 200: sessionInfo, 401: s.problemSchema } },
    handler: async (request) => {
      const id = request.cookies[SESSION_COOKIE];
      const session = id ? await sessions.resolve(id) : null;
      if (!session) throw new ApiProblem(401, 'UNAUTHENTICATED', 'Not signed in', 'Sign in with POST /session.');
      return infoOf(session.principal, session.csrfToken);
    },
  });

  r.delete('/session', {
    schema: { summary: 'Console sign-out: the session ends (send the CSRF token)', tags: ['system'], response: { 204: z.null(), 403: s.problemSchema } },
    handler: async (request, reply) => {
      const id = request.cookies[SESSION_COOKIE];
      if (id) {
        const session = await sessions.resolve(id);
        if (session) requireCsrfToken(request, session);
        await sessions.close(id);
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
      reply.code(204);
      return null;
    },
  });
};
