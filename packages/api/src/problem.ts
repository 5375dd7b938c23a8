/**
 * application/problem+json for every error: a stable `type` (and `code`), a human `title`, the offending
 * fields. A domain rule broken is 409 or 422, never 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '@oms/domain';
import { IdempotencyKeyReused, RevisionConflict, WrongExpectedRevision } from '@oms/adapters';

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

const send = (reply: FastifyReply, request: FastifyRequest, p: ApiProblem) =>
  reply
    .code(p.status)
    .type('application/problem+json')
    .send({
      // Rule details first, so they can never overwrite the standard members.
      ...p.extra,
      type: problemType(p.code),
      title: p.title,
      status: p.status,
      code: p.code,
      ...(p.detail ? { detail: p.detail } : {}),
      ...(p.errors.length ? { errors: p.errors, field: p.errors[0]?.field } : {}),
      instance: request.url,
    });

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
  if (error instanceof IdempotencyKeyReused) {
    return new ApiProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request.', [
      { field: 'Idempotency-Key', message: 'already used for a different request' },
    ]);
  }
  // Races lost more often than the handler retries (a burst of writers on one stream).
  if (error instanceof WrongExpectedRevision) return revisionConflict(String(error.expected), error.actual);
  return new ApiProblem(500, 'INTERNAL_ERROR', 'Internal error', 'Something went wrong; nothing you sent was half-applied.');
};

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
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 && !(error instanceof ApiProblem) && !(error instanceof DomainError)) {
    const code = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'UNSUPPORTED_MEDIA_TYPE' : error.statusCode === 400 ? 'BAD_REQUEST' : (error.code ?? 'BAD_REQUEST');
    return send(reply, request, new ApiProblem(error.statusCode === 400 ? 422 : error.statusCode, code, error.message));
  }
  const problem = toProblem(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'unhandled error');
  return send(reply, request, problem);
};
