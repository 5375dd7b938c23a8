/**
 * Server-side prepared statements through Kysely, on PostgreSQL.
 *
 * Kysely's pg driver sends every query unnamed, so PostgreSQL parses and plans it on every call. For
 * a small statement that hardly matters; for the event store's append (a CTE over two tables) the
 * planning costs several times the execution. A statement whose text starts with the marker is sent
 * as a NAMED statement instead (name derived from its text): each pooled connection parses and plans
 * it once, then only binds and executes. Same text, same executor, same results — inside
 * transactions too — so there is one code path; only the wire protocol differs.
 *
 * Only mark constant texts (the names are cached per text). PGlite ignores the marker (it is an SQL
 * comment). Not for a transaction-pooling PgBouncer in front of PostgreSQL (named statements live in
 * a server session).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

export const PREPARED_MARKER = '/* prepared */ ';

/** Marks a constant statement text to be sent as a named prepared statement on PostgreSQL. */
export const prepared = (text: string): string => (text.startsWith(PREPARED_MARKER) ? text : PREPARED_MARKER + text);

const names = new Map<string, string>();
const nameFor = (text: string): string => {
  let name = names.get(text);
  if (name === undefined) {
    name = `oms_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
};

/** A pg client that sends marked `query(text, values)` calls as named statements (the pool's Client). */
export class PreparingClient extends pg.Client {}

const plainQuery = pg.Client.prototype.query;
PreparingClient.prototype.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown): unknown {
  if (typeof config === 'string' && config.startsWith(PREPARED_MARKER) && (values === undefined || Array.isArray(values))) {
    return (plainQuery as (...args: unknown[]) => unknown).call(this, { name: nameFor(config), text: config, values: values ?? [] }, callback);
  }
  return (plainQuery as (...args: unknown[]) => unknown).call(this, config, values, callback);
} as typeof plainQuery;
