/**
 * The console's one way to the server: openapi-fetch over the types generated from the server's own
 * OpenAPI document (openapi.d.ts, `pnpm --filter @oms/console openapi`). The session cookie rides along
 * by itself; every request that changes anything carries the session's CSRF token.
 */
import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { paths } from './openapi';

export interface ProblemBody {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string }[];
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !['GET', 'HEAD'].includes(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** A refused request, with the server's problem detail (code, fields) for the form to show. */
export class RequestRefused extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail ?? problem.title);
  }
}

/** The data of an answer (undefined for a 204), or a RequestRefused with its problem. */
export const ok = <T>(answer: { data?: T; error?: unknown; response: Response }): T => {
  if (answer.error !== undefined || !answer.response.ok) {
    const e = (answer.error ?? {}) as Partial<ProblemBody>;
    throw new RequestRefused({ status: answer.response.status, code: e.code ?? 'ERROR', title: e.title ?? answer.response.statusText, detail: e.detail, errors: e.errors });
  }
  return answer.data as T;
};
