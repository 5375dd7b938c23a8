/**
 * API keys map to a worker name and a role. Only a SHA-256 of each key is stored; the key itself is
 * shown once, when it is created. OMS_BOOTSTRAP_ADMIN_KEY, when set, is accepted as an admin key.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '@oms/adapters';
import type { Role } from '@oms/domain';
import { ApiProblem } from './problem.js';

export const ROLES = ['admin', 'cs', 'integration', 'auditor', 'analyst'] as const satisfies readonly Role[];

export interface Principal {
  readonly keyId: string;
  readonly worker: string;
  readonly role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const apiMigrations: Record<string, Migration> = {
  '0200_api_keys': {
    up: async (db: Db) => {
      await sql`
        CREATE TABLE api_keys (
          key_id uuid PRIMARY KEY,
          key_hash text NOT NULL UNIQUE,
          worker text NOT NULL,
          role text NOT NULL,
          created_by text NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now()
        )`.execute(db);
    },
  },
};

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export class ApiKeys {
  constructor(
    private readonly db: Db,
    private readonly bootstrapAdminKey?: string,
  ) {}

  async create(worker: string, role: Role, createdBy: string): Promise<{ keyId: string; key: string; worker: string; role: Role }> {
    const key = `oms_${randomBytes(24).toString('base64url')}`;
    const keyId = randomUUID();
    await this.db.insertInto('api_keys').values({ key_id: keyId, key_hash: sha256(key), worker, role, created_by: createdBy }).execute();
    return { keyId, key, worker, role };
  }

  async resolve(key: string): Promise<Principal | null> {
    if (this.bootstrapAdminKey && safeEqual(key, this.bootstrapAdminKey)) return { keyId: 'bootstrap', worker: 'admin', role: 'admin' };
    const row = await this.db.selectFrom('api_keys').select(['key_id', 'worker', 'role']).where('key_hash', '=', sha256(key)).executeTakeFirst();
    return row ? { keyId: String(row.key_id), worker: String(row.worker), role: row.role as Role } : null;
  }
}

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** onRequest (before the body is parsed or validated, so a caller without the right key learns nothing of the schema): a valid `Authorization: Bearer <key>` whose role is one of `roles`. */
export const requireRole =
  (keys: ApiKeys, roles: readonly Role[]) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    const principal = match?.[1] ? await keys.resolve(match[1]) : null;
    if (!principal) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new ApiProblem(401, 'UNAUTHENTICATED', 'Authentication required', 'Send Authorization: Bearer <API key>.');
    }
    if (!roles.includes(principal.role)) {
      throw new ApiProblem(403, 'FORBIDDEN', 'Not allowed for this role', `Role ${principal.role} may not do this; allowed: ${roles.join(', ')}.`);
    }
    request.principal = principal;
  };

/** Who may do what. */
export const ACCESS = {
  manageKeys: ['admin'],
  createOrder: ['admin', 'cs', 'integration'],
  csCommand: ['admin', 'cs'],
  manageCatalogue: ['admin', 'cs'],
  fulfilmentCommand: ['admin', 'cs', 'integration'],
  readOrder: ['admin', 'cs', 'integration', 'auditor', 'analyst'],
  readViews: ['admin', 'cs', 'integration', 'auditor', 'analyst'],
  readEvents: ['admin', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;
