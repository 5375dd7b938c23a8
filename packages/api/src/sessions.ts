/**
 * The console's sign-in: a worker trades their API key for a session once; the browser then holds
 * only an opaque session id in an HttpOnly, SameSite=Strict cookie (the key never reaches the page's
 * script or storage). Only a SHA-256 of the id is stored. A session lasts SESSION_HOURS from its last
 * use and ends at sign-out, or at once when its key is revoked or expires (every request looks the key
 * up again). A request carried by the cookie that changes anything must also send the session's CSRF
 * token in `X-CSRF-Token` (a page on another site can make the browser send the cookie, never read the
 * token), on top of SameSite=Strict.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '@oms/adapters';
import type { Principal } from './auth.js';

export const SESSION_COOKIE = 'oms_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_HOURS = 12;

export const sessionMigrations: Record<string, Migration> = {
  '0210_console_sessions': {
    up: async (db: Db) => {
      await sql`
        CREATE TABLE console_sessions (
          id_hash text PRIMARY KEY,
          key_id text NOT NULL,
          csrf_token text NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          expires_at timestamptz NOT NULL
        )`.execute(db);
      await sql`CREATE INDEX console_sessions_key_idx ON console_sessions (key_id)`.execute(db);
    },
    down: async (db: Db) => {
      await sql`DROP TABLE console_sessions`.execute(db);
    },
  },
};

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface Session {
  readonly principal: Principal;
  readonly csrfToken: string;
}

/** The session id a browser sends: 32 random bytes, base64url. */
const SESSION_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export class Sessions {
  constructor(
    private readonly db: Db,
    /** The principal of a key by its id, while it is active (null once revoked or expired). */
    private readonly principalOf: (keyId: string) => Promise<Principal | null>,
  ) {}

  /** A new session for an authenticated principal: its id (for the cookie only) and CSRF token. */
  async open(principal: Principal): Promise<{ id: string; csrfToken: string }> {
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.db
      .insertInto('console_sessions')
      .values({ id_hash: sha256(id), key_id: principal.keyId, csrf_token: csrfToken, expires_at: sql`now() + ${`${SESSION_HOURS} hours`}::interval` })
      .execute();
    return { id, csrfToken };
  }

  /** The live session of a cookie's id, its expiry moved on; null when unknown, expired or its key no longer active. */
  async resolve(id: string): Promise<Session | null> {
    if (!SESSION_FORMAT.test(id)) return null;
    const row = await this.db
      .updateTable('console_sessions')
      .set({ expires_at: sql`now() + ${`${SESSION_HOURS} hours`}::interval` })
      .where('id_hash', '=', sha256(id))
      .where('expires_at', '>', sql<Date>`now()`)
      .returning(['key_id', 'csrf_token'])
      .executeTakeFirst();
    if (!row) return null;
    const principal = await this.principalOf(String(row.key_id));
    return principal ? { principal, csrfToken: String(row.csrf_token) } : null;
  }

  /** Sign-out: the session is gone (and sessions past their time with it). */
  async close(id: string): Promise<void> {
    await this.db.deleteFrom('console_sessions').where((eb) => eb.or([eb('id_hash', '=', sha256(id)), eb('expires_at', '<=', sql<Date>`now()`)])).execute();
  }
}

/** How the session cookie is set (and cleared): never readable by the page, never sent cross-site. */
export const SESSION_COOKIE_OPTIONS = { path: '/', httpOnly: true, sameSite: 'strict', maxAge: SESSION_HOURS * 3600 } as const;
