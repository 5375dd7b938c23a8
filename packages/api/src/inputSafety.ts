/**
 * Strings PostgreSQL cannot store (jsonb and text refuse NUL; an unpaired surrogate is not Unicode) are
 * refused for every route in one place, before validation: a 422 naming the field, never a 500 and never
 * a silent U+FFFD.
 */
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from './problem.js';

// With the u flag a well-formed pair reads as one astral code point, so only NUL and unpaired surrogates match.
const UNSAFE = /[\u0000\uD800-\uDFFF]/u;
const unsafe = (s: string): boolean => UNSAFE.test(s);

const fieldOf = (path: readonly string[], context: string): string =>
  path.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || context;

/** The first unsafe string (or key) in a parsed value, as a field path. */
const findUnsafe = (value: unknown, path: string[]): string[] | null => {
  if (typeof value === 'string') return unsafe(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findUnsafe(v, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (unsafe(k)) return [...path, '(key)'];
      const found = findUnsafe(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
};

export const refuseUnsafeStrings = async (request: FastifyRequest): Promise<void> => {
  for (const [context, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
    const path = findUnsafe(value, []);
    if (path) {
      const field = fieldOf(path, context);
      throw new ApiProblem(422, 'INVALID_CHARACTERS', 'Invalid characters', `${field} holds a NUL character or an unpaired surrogate.`, [
        { field, message: 'no NUL characters or unpaired surrogates' },
      ]);
    }
  }
};
