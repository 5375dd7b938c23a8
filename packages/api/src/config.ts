import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Carrier } from '@oms/domain';
import { DEFAULT_CARRIERS } from '@oms/domain';
import type { Limits } from './limits.js';
import { limitsSchema } from './limits.js';

const carrierFile = z.array(z.object({ code: z.string().regex(/^[a-z0-9_-]+$/), name: z.string().min(1), trackingUrl: z.string().includes('{trackingNumber}') })).min(1);

/** The environment variable of each limit (README, "Security and limits"). */
export const LIMIT_SETTINGS = {
  requestTimeoutMs: 'OMS_REQUEST_TIMEOUT_MS',
  connectionTimeoutMs: 'OMS_CONNECTION_TIMEOUT_MS',
  maxHeaderBytes: 'OMS_MAX_HEADER_BYTES',
  bodyBytes: 'OMS_BODY_LIMIT_BYTES',
  largeBodyBytes: 'OMS_LARGE_BODY_LIMIT_BYTES',
  rateLimitMax: 'OMS_RATE_LIMIT',
  rateLimitWindowMs: 'OMS_RATE_LIMIT_WINDOW_MS',
} as const satisfies Record<keyof Limits, string>;

const limitsOf = (env: NodeJS.ProcessEnv): Limits => {
  const given = Object.fromEntries(
    Object.entries(LIMIT_SETTINGS).flatMap(([field, name]) => {
      const value = env[name];
      if (value === undefined || value === '') return [];
      if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not "${value}".`);
      return [[field, Number(value)]];
    }),
  );
  const parsed = limitsSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${LIMIT_SETTINGS[issue?.path[0] as keyof Limits] ?? 'a limit'}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
};

/** The connection string schemes @kurrent/kurrentdb-client reads (esdb: EventStoreDB's, deprecated). */
const EVENT_STORE_SCHEMES = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\//;

const eventStoreUrlOf = (value: string | undefined): string | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  if (!EVENT_STORE_SCHEMES.test(value.trim())) throw new Error('EVENTSTORE_URL must be a KurrentDB / EventStoreDB connection string (kurrentdb://, esdb://, kurrent://, kdb://, each also +discover).');
  return value.trim();
};

/** Everything the server reads from its environment, in one place. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => {
  const carriers: readonly Carrier[] = env.OMS_CARRIERS_FILE ? carrierFile.parse(JSON.parse(readFileSync(env.OMS_CARRIERS_FILE, 'utf8'))) : DEFAULT_CARRIERS;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    /** Events in KurrentDB / EventStoreDB; read models, checkpoints and the event id index stay in the database. */
    eventStoreUrl: eventStoreUrlOf(env.EVENTSTORE_URL),
    dataDir: env.OMS_DATA_DIR || './data',
    port: Number(env.PORT || 3000),
    host: env.HOST || '127.0.0.1',
    bootstrapAdminKey: env.OMS_BOOTSTRAP_ADMIN_KEY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    carriers,
    limits: limitsOf(env),
  };
};
export type Config = ReturnType<typeof loadConfig>;
