/**
 * application/problem+json for every error: a stable `type` (and `code`), a human `title`, the offending
 * fields. A domain rule broken is 409 or 422, never 500.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '@oms/domain';
import { IdempotencyKeyReused, MultiStreamAppendUnsupported, RevisionConflict, WrongExpectedRevision } from '@oms/adapters';
import { InvalidCursor } from '@oms/projections';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: readonly FieldError[] = [],
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
  }
}

const kebab = (code: string): string => code.toLowerCase().replace(/_/g, '-');
export const problemType = (code: string): string => `/problems/${kebab(code)}`;

const DOMAIN_STATUS = { not_found: 404, invalid: 422, conflict: 409 } as const;

export const revisionConflict = (expected: number | string, actual: number): ApiProblem =>
  new ApiProblem(409, 'REVISION_CONFLICT', 'The order changed since you read it', `Expected revision ${expected}, the order is at revision ${actual}.`, [], {
    expectedRevision: expected,
    actualRevision: actual,
  });

/** The problem document; it names fields but never echoes what was sent (no URL, no value). */
const documentOf = (p: ApiProblem, requestId: string | undefined) => ({
  // Rule details first, so they can never overwrite the standard members.
  ...p.extra,
  type: problemType(p.code),
  title: p.title,
  status: p.status,
  code: p.code,
  ...(p.detail ? { detail: p.detail } : {}),
  ...(p.errors.length ? { errors: p.errors, field: p.errors[0]?.field } : {}),
  ...(requestId ? { instance: `urn:request:${requestId}` } : {}),
});

const send = (reply: FastifyReply, request: FastifyRequest, p: ApiProblem) =>
  reply.code(p.status).type('application/problem+json').send(documentOf(p, request.id));

const pathOf = (issue: { instancePath?: string; params?: { issue?: { path?: PropertyKey[] } } }, context: string | undefined): string => {
  const path = issue.params?.issue?.path?.map(String) ?? (issue.instancePath ?? '').split('/').filter(Boolean);
  const joined = path.reduce((s, p) => (/^\d+$/.test(p) ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
  return joined || (context ?? 'body');
};

export const toProblem = (error: unknown): ApiProblem => {
  if (error instanceof ApiProblem) return error;
  if (error instanceof DomainError) {
    return new ApiProblem(
      DOMAIN_STATUS[error.kind],
      error.code,
      error.kind === 'not_found' ? 'Not found' : error.kind === 'invalid' ? 'Invalid input' : 'Rule conflict',
      error.message,
      error.field ? [{ field: error.field, message: error.message }] : [],
      error.details ?? {},
    );
  }
  if (error instanceof RevisionConflict) return revisionConflict(error.expected, error.actual);
  if (error instanceof InvalidCursor) return new ApiProblem(400, 'INVALID_CURSOR', 'Invalid cursor', error.message, [{ field: error.field, message: 'not a cursor of this list' }]);
  if (error instanceof IdempotencyKeyReused) {
    return new ApiProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request.', [
      { field: 'Idempotency-Key', message: 'already used for a different request' },
    ]);
  }
  if (error instanceof MultiStreamAppendUnsupported) {
    const command = error.command ?? 'This command';
    return new ApiProblem(
      501,
      'MULTI_STREAM_APPEND_UNSUPPORTED',
      'The event store cannot apply this command',
      `${command} writes to ${error.streamIds.length} streams at once (${error.streamIds.join(', ')}), and the event store server has no atomic multi-stream append (KurrentDB 25.1 or later has). Nothing was written.`,
      [],
      { command: error.command ?? null, streams: error.streamIds },
    );
  }
  // Races lost more often than the handler retries (a burst of writers on one stream).
  if (error instanceof WrongExpectedRevision) return revisionConflict(String(error.expected), error.actual);
  return new ApiProblem(500, 'INTERNAL_ERROR', 'Internal error', 'Something went wrong; nothing you sent was half-applied.');
};

/**
 * Whether a problem with one row of a bulk action fails the whole request: an internal error does; a
 * row the event store cannot apply (501: it needs an atomic multi-stream append) is that row's
 * refusal, like a rule's, since the rows beside it may have landed.
 */
export const failsTheRequest = (p: ApiProblem): boolean => p.status >= 500 && p.status !== 501;

export const errorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.flatMap((v) => {
      const field = pathOf(v as never, error.validationContext);
      // A field the schema does not know is named itself, not its parent object.
      const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: unknown }).keys : undefined;
      if (Array.isArray(keys) && keys.length > 0) {
        return keys.map((k) => ({ field: field === (error.validationContext ?? 'body') ? String(k) : `${field}.${String(k)}`, message: 'unknown field' }));
      }
      return [{ field, message: v.message ?? 'invalid' }];
    });
    return send(reply, request, new ApiProblem(422, 'INVALID_INPUT', 'Invalid input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors));
  }
  const framework = frameworkProblem(error, request);
  if (framework) return send(reply, request, framework);
  const problem = toProblem(error);
  // A 501 is the event store's limit (no multi-stream append), expected once configured so: a warning.
  if (problem.status === 501) request.log.warn({ code: problem.code }, problem.detail ?? problem.title);
  else if (problem.status >= 500) request.log.error({ err: error }, 'unhandled error');
  return send(reply, request, problem);
};

/** Fastify's own 4xx errors, in our words: their messages can quote the URL or a header, so none is passed on. */
const frameworkProblem = (error: FastifyError, request: FastifyRequest): ApiProblem | null => {
  // Only fastify's errors carry a statusCode (ours carry `status`, the domain's a `kind`).
  if (!error.statusCode || error.statusCode < 400 || error.statusCode >= 500) return null;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the body as application/json.', [{ field: 'content-type', message: 'expected application/json' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiProblem(413, 'BODY_TOO_LARGE', 'Body too large', `This route takes at most ${request.routeOptions.bodyLimit ?? 0} bytes.`, [{ field: 'body', message: 'too large' }]);
    case 'FST_ERR_BAD_URL':
      return new ApiProblem(400, 'BAD_URL', 'Malformed URL', 'The path holds an invalid percent-encoding.', [{ field: 'url', message: 'invalid percent-encoding' }]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiProblem(414, 'URI_TOO_LONG', 'URI too long', 'A path parameter is longer than any valid value.', [{ field: 'url', message: 'too long' }]);
    default:
      return new ApiProblem(error.statusCode, 'BAD_REQUEST', STATUS_CODES[error.statusCode] ?? 'Bad request');
  }
};

/** Errors fastify raises before a request has a route (bad URL, a path parameter too long). */
export const frameworkErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
  send(reply, request, frameworkProblem(error, request) ?? new ApiProblem(400, 'BAD_REQUEST', 'Bad request'));

export const notFoundHandler = (request: FastifyRequest, reply: FastifyReply) =>
  send(reply, request, new ApiProblem(404, 'ROUTE_NOT_FOUND', 'Not found', 'No route has this method and path; see /openapi.json.'));

/**
 * Errors node's HTTP parser raises before fastify sees a request (a request line or headers too large,
 * a body that does not arrive in time, bytes that are not HTTP): problem+json on the raw socket.
 */
export const clientErrorHandler = (error: Error & { code?: string }, socket: Socket): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new ApiProblem(408, 'REQUEST_TIMEOUT', 'Request timeout', 'The request did not arrive in time.')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new ApiProblem(431, 'HEADERS_TOO_LARGE', 'Request header fields too large', 'The request line and headers are larger than the server accepts.')
        : new ApiProblem(400, 'BAD_REQUEST', 'Bad request', 'The request is not valid HTTP.');
  const body = JSON.stringify(documentOf(problem, undefined));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
};
