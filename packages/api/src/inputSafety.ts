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

/** No request body of this API nests deeper; a deeper one is refused before anything walks it. */
const MAX_DEPTH = 32;

/** The first unsafe string (or key) in a parsed value, or a value nested too deep, as a field path (a walk without recursion). */
const findUnsafe = (root: unknown): { path: string[]; tooDeep: boolean } | null => {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (unsafe(value)) return { path, tooDeep: false };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_DEPTH) return { path, tooDeep: true };
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries.reverse()) {
      if (!Array.isArray(value) && unsafe(k)) return { path: [...path, '(key)'], tooDeep: false };
      stack.push({ value: v, path: [...path, k] });
    }
  }
  return null;
};

export const refuseUnsafeStrings = async (request: FastifyRequest): Promise<void> => {
  for (const [context, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
    const found = findUnsafe(value);
    if (found?.tooDeep) {
      const field = fieldOf(found.path, context);
      throw new ApiProblem(422, 'NESTING_TOO_DEEP', 'Nesting too deep', `${field} nests deeper than ${MAX_DEPTH} levels.`, [{ field, message: `at most ${MAX_DEPTH} levels` }]);
    }
    if (found) {
      const field = fieldOf(found.path, context);
      throw new ApiProblem(422, 'INVALID_CHARACTERS', 'Invalid characters', `${field} holds a NUL character or an unpaired surrogate.`, [
        { field, message: 'no NUL characters or unpaired surrogates' },
      ]);
    }
  }
};
