/**
 * What one client may cost the server: how long a request or an idle connection may take, how big
 * its headers and body may be, and how many requests one API key (or, without a key, one address)
 * may send per window. Every figure is a setting (see config.ts and the README); all are on by default.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { ApiProblem } from './problem.js';

export const limitsSchema = z.strictObject({
  /** The whole request, headers and body, must arrive within this (ms); a slow client gets 408. */
  requestTimeoutMs: z.number().int().min(1).default(30_000),
  /** A socket idle this long is closed (ms). */
  connectionTimeoutMs: z.number().int().min(1).default(60_000),
  maxHeaderBytes: z.number().int().min(1024).default(16 * 1024),
  /** Any route's body. */
  bodyBytes: z.number().int().min(1024).default(64 * 1024),
  /** A body that carries many lines or rows (주문생성 with its lines). */
  largeBodyBytes: z.number().int().min(1024).default(1024 * 1024),
  /** Requests per key per window; 0 turns the limit off. */
  rateLimitMax: z.number().int().min(0).default(600),
  rateLimitWindowMs: z.number().int().min(1).default(60_000),
});
export type Limits = z.output<typeof limitsSchema>;
export const DEFAULT_LIMITS: Limits = limitsSchema.parse({});

/**
 * Counted per bearer token, before authentication, so that a flood of guesses costs no database
 * query; without a token, per address. The token is hashed so the limiter's memory holds no key.
 */
const rateKeyOf = (request: FastifyRequest): string => {
  const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return token ? `key:${createHash('sha256').update(token).digest('base64url')}` : `ip:${request.ip}`;
};

export const registerRateLimit = async (app: FastifyInstance, limits: Limits): Promise<void> => {
  if (limits.rateLimitMax === 0) return;
  await app.register(rateLimit, {
    // Not the plugin's per-route hook: that one runs after the route's own onRequest (authentication).
    global: false,
    max: limits.rateLimitMax,
    timeWindow: limits.rateLimitWindowMs,
    keyGenerator: rateKeyOf,
    // Liveness probes are never throttled.
    allowList: (request) => request.routeOptions.url === '/health',
    errorResponseBuilder: (_request, context) =>
      new ApiProblem(429, 'RATE_LIMITED', 'Too many requests', `At most ${context.max} requests per ${limits.rateLimitWindowMs / 1000} s for one API key; retry in ${context.after}.`),
  });
  // An application hook runs before every route's hooks, so the limit comes before the key lookup.
  app.addHook('onRequest', app.rateLimit());
};

/** Fastify's node server options for the limits above. */
export const serverOptionsOf = (limits: Limits) => ({
  requestTimeout: limits.requestTimeoutMs,
  connectionTimeout: limits.connectionTimeoutMs,
  bodyLimit: limits.bodyBytes,
  // Node checks request timeouts only this often (30 s by default, which would double a short timeout).
  http: {
    maxHeaderSize: limits.maxHeaderBytes,
    // Node's headers timeout (60 s) must not exceed the request timeout, or the latter is not enforced.
    headersTimeout: Math.min(60_000, limits.requestTimeoutMs),
    connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(limits.requestTimeoutMs / 4))),
  },
});
