/**
 * API keys map to a worker name and a role. Only a SHA-256 of each key is stored; the key itself is
 * shown once, when it is created. OMS_BOOTSTRAP_ADMIN_KEY, when set, is accepted as an admin key (it is
 * configuration, not a row: it is not listed and cannot be revoked here).
 * A key may expire, is revoked at once (every request looks its row up), and an integration key may be
 * bound to channels. Who sees masked personal data is decided here too (seesMaskedData).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '@oms/adapters';
import type { Role } from '@oms/domain';
import { ApiProblem } from './problem.js';
import type { Session } from './sessions.js';
import { CSRF_HEADER, SESSION_COOKIE, sameToken, Sessions } from './sessions.js';

export const ROLES = ['admin', 'cs', 'integration', 'auditor', 'analyst'] as const satisfies readonly Role[];

export interface Principal {
  readonly keyId: string;
  readonly worker: string;
  readonly role: Role;
  /** The channels whose orders this key may act on and see; null: every channel. */
  readonly channels: readonly string[] | null;
  /** The worker's team: what the team shares (memo macros) is its own. */
  readonly team: string;
}

export type KeyStatus = 'active' | 'expired' | 'revoked';

/** A key as GET /api-keys lists it: never the key, nor its hash. */
export interface ApiKeyInfo {
  readonly keyId: string;
  readonly worker: string;
  readonly role: Role;
  readonly channels: string[] | null;
  readonly team: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly status: KeyStatus;
}

export interface NewKeyOptions {
  readonly expiresAt?: string | undefined;
  readonly channels?: readonly string[] | undefined;
  readonly team?: string | undefined;
}

/** The team of a key made without one, and of the bootstrap key. */
export const DEFAULT_TEAM = '기본';

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
  '0201_api_key_lifecycle': {
    up: async (db: Db) => {
      await sql`
        ALTER TABLE api_keys
          ADD COLUMN expires_at timestamptz,
          ADD COLUMN revoked_at timestamptz,
          ADD COLUMN last_used_at timestamptz,
          ADD COLUMN channels jsonb`.execute(db);
    },
  },
  '0240_api_key_team': {
    up: async (db: Db) => {
      await sql`ALTER TABLE api_keys ADD COLUMN team text NOT NULL DEFAULT '기본'`.execute(db);
    },
    down: async (db: Db) => {
      await sql`ALTER TABLE api_keys DROP COLUMN team`.execute(db);
    },
  },
};

/** What ApiKeys.create makes: `oms_` and 24 random bytes in base64url. Nothing else can match a row. */
export const KEY_FORMAT = /^oms_[A-Za-z0-9_-]{32}$/;

/** last_used_at is written at most once per this interval per key (per process, and in SQL across processes). */
export const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());
const channelsOf = (v: unknown): string[] | null => {
  if (v === null || v === undefined) return null;
  return (typeof v === 'string' ? JSON.parse(v) : v) as string[];
};

const KEY_COLUMNS = ['key_id', 'worker', 'role', 'channels', 'team', 'created_at', 'created_by', 'expires_at', 'last_used_at', 'revoked_at'] as const;

const infoOf = (row: Record<(typeof KEY_COLUMNS)[number], unknown>, now: Date): ApiKeyInfo => {
  const expiresAt = iso(row.expires_at);
  const revokedAt = iso(row.revoked_at);
  return {
    keyId: String(row.key_id),
    worker: String(row.worker),
    role: row.role as Role,
    channels: channelsOf(row.channels),
    team: String(row.team),
    createdAt: iso(row.created_at) ?? '',
    createdBy: String(row.created_by),
    expiresAt,
    lastUsedAt: iso(row.last_used_at),
    revokedAt,
    status: revokedAt !== null ? 'revoked' : expiresAt !== null && Date.parse(expiresAt) <= now.getTime() ? 'expired' : 'active',
  };
};

export class ApiKeys {
  /** When this process last wrote last_used_at, per key id. */
  private readonly touched = new Map<string, number>();

  /** The console's sessions, each bound to the key it was opened with. */
  readonly sessions: Sessions;

  constructor(
    private readonly db: Db,
    private readonly bootstrapAdminKey?: string,
  ) {
    this.sessions = new Sessions(db, (keyId) => this.principalById(keyId));
  }

  async create(worker: string, role: Role, createdBy: string, options: NewKeyOptions = {}): Promise<{ keyId: string; key: string; worker: string; role: Role; channels: string[] | null; team: string; expiresAt: string | null }> {
    const key = `oms_${randomBytes(24).toString('base64url')}`;
    const keyId = randomUUID();
    const channels = options.channels ? [...new Set(options.channels)] : null;
    const expiresAt = options.expiresAt === undefined ? null : new Date(options.expiresAt).toISOString();
    const team = options.team ?? DEFAULT_TEAM;
    await this.db
      .insertInto('api_keys')
      .values({ key_id: keyId, key_hash: sha256(key), worker, role, created_by: createdBy, expires_at: expiresAt, channels: channels && JSON.stringify(channels), team })
      .execute();
    return { keyId, key, worker, role, channels, team, expiresAt };
  }

  /** The principal of a key that is known, not revoked and not expired; null otherwise. */
  async resolve(key: string): Promise<Principal | null> {
    if (this.bootstrapAdminKey && sameToken(key, this.bootstrapAdminKey)) return { keyId: 'bootstrap', worker: 'admin', role: 'admin', channels: null, team: DEFAULT_TEAM };
    // A key this server never made cannot have a row: no query for it (a flood of junk keys costs nothing).
    if (!KEY_FORMAT.test(key)) return null;
    return this.activePrincipal(await this.db.selectFrom('api_keys').select(KEY_COLUMNS).where('key_hash', '=', sha256(key)).executeTakeFirst());
  }

  /** The principal of a key by its id while it is active (a console session's key, looked up on each request). */
  async principalById(keyId: string): Promise<Principal | null> {
    if (keyId === 'bootstrap') return this.bootstrapAdminKey ? { keyId: 'bootstrap', worker: 'admin', role: 'admin', channels: null, team: DEFAULT_TEAM } : null;
    return this.activePrincipal(await this.db.selectFrom('api_keys').select(KEY_COLUMNS).where('key_id', '=', keyId).executeTakeFirst());
  }

  /** A key row's principal while it is active (its use noted); null for no row, or one revoked or expired. */
  private async activePrincipal(row: Record<(typeof KEY_COLUMNS)[number], unknown> | undefined): Promise<Principal | null> {
    if (!row) return null;
    const info = infoOf(row, new Date());
    if (info.status !== 'active') return null;
    await this.touch(info.keyId);
    return { keyId: info.keyId, worker: info.worker, role: info.role, channels: info.channels, team: info.team };
  }

  /** Every key made here, oldest first (the bootstrap key is configuration, not listed). */
  async list(): Promise<ApiKeyInfo[]> {
    const now = new Date();
    const rows = await this.db.selectFrom('api_keys').select(KEY_COLUMNS).orderBy('created_at').orderBy('key_id').execute();
    return rows.map((row) => infoOf(row, now));
  }

  /** Revokes the key (from its very next request on); a key revoked before keeps its first revocation time. null: no such key. */
  async revoke(keyId: string): Promise<ApiKeyInfo | null> {
    await this.db.updateTable('api_keys').set({ revoked_at: sql`now()` }).where('key_id', '=', keyId).where('revoked_at', 'is', null).execute();
    const row = await this.db.selectFrom('api_keys').select(KEY_COLUMNS).where('key_id', '=', keyId).executeTakeFirst();
    return row ? infoOf(row, new Date()) : null;
  }

  /**
   * last_used_at to within a minute: this process writes it at most once a minute per key, and the
   * UPDATE itself skips a row touched in the last minute (several processes on one database).
   */
  private async touch(keyId: string): Promise<void> {
    const now = Date.now();
    const last = this.touched.get(keyId);
    if (last !== undefined && now - last < LAST_USED_RESOLUTION_MS) return;
    this.touched.set(keyId, now);
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: sql`now()` })
      .where('key_id', '=', keyId)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - ${`${LAST_USED_RESOLUTION_MS} milliseconds`}::interval`)]))
      .execute();
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who sends the request: `Authorization: Bearer <key>`, or else the console's session cookie — which,
 * for a request that changes anything, counts only with the session's CSRF token beside it.
 */
const principalOf = async (keys: ApiKeys, request: FastifyRequest): Promise<Principal | null> => {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = header.match(/^Bearer\s+(\S+)$/i);
    return match?.[1] ? keys.resolve(match[1]) : null;
  }
  const id = request.cookies[SESSION_COOKIE];
  if (!id) return null;
  const session = await keys.sessions.resolve(id);
  if (!session) return null;
  if (!SAFE_METHODS.has(request.method)) requireCsrfToken(request, session);
  return session.principal;
};

/** A change carried by the session's cookie must send the session's own CSRF token beside it. */
export const requireCsrfToken = (request: FastifyRequest, session: Session): void => {
  const token = request.headers[CSRF_HEADER];
  if (typeof token !== 'string' || !sameToken(token, session.csrfToken)) {
    throw new ApiProblem(403, 'CSRF_TOKEN_MISSING', 'Cross-site request refused', `A request signed in by the console's session must send its ${CSRF_HEADER} header.`, [{ field: CSRF_HEADER, message: 'missing or not this session\'s' }]);
  }
};

/** onRequest (before the body is parsed or validated, so a caller without the right key learns nothing of the schema): a valid key or console session whose role is one of `roles`. */
export const requireRole =
  (keys: ApiKeys, roles: readonly Role[]) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const principal = await principalOf(keys, request);
    if (!principal) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new ApiProblem(401, 'UNAUTHENTICATED', 'Authentication required', 'Send Authorization: Bearer <API key>.');
    }
    if (!roles.includes(principal.role)) {
      throw new ApiProblem(403, 'FORBIDDEN', 'Not allowed for this role', `Role ${principal.role} may not do this; allowed: ${roles.join(', ')}.`);
    }
    request.principal = principal;
  };

/** May this principal see or act on orders of `channel`? (A key bound to channels: only those.) */
export const channelAllowed = (principal: Pick<Principal, 'channels'>, channel: string): boolean => principal.channels === null || principal.channels.includes(channel);

/** The roles that see names, phones, addresses and CS memos masked (masking.ts); every other role sees them whole. */
export const MASKED_ROLES: readonly Role[] = ['analyst'];

/** The one place that decides whether a principal's reads are masked. */
export const seesMaskedData = (principal: Principal | null): boolean => principal === null || MASKED_ROLES.includes(principal.role);

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
  /** 판매처취소 in: connectors, and CS workers uploading a channel's file. */
  channelCancellations: ['admin', 'cs', 'integration'],
  /** 매크로: the team's saved CS memo templates, read and kept by its CS workers. */
  memoMacros: ['admin', 'cs'],
} as const satisfies Record<string, readonly Role[]>;
