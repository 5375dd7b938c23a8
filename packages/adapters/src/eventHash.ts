/**
 * The hash chain of a stream: the ONE definition, used by the store when it appends, by the upgrade
 * that backfilled old rows, by verify, and by anyone re-checking an export offline.
 *
 *   hash(event) = lowercase hex of SHA-256 over the UTF-8 bytes of
 *                 JCS({ "type": type, "data": data, "metadata": metadata, "previousHash": previousHash })
 *
 *  - JCS is the JSON Canonicalization Scheme, RFC 8785 (the `canonicalize` package): object members
 *    sorted by their UTF-16 code units, no whitespace, numbers as ECMAScript prints them, strings as
 *    JSON.stringify escapes them. Members whose value is undefined are left out, as JSON leaves them.
 *  - type, data and metadata are the event's as STORED (the jsonb columns, never the upcast shape): a
 *    missing data is null.
 *  - previousHash is the hash of the stream's event at revision − 1, and for revision 0 the zero hash
 *    (64 × "0"). The revision itself is not hashed: its place in the chain is.
 *
 * Everything hashed is JSON, so the hash computed from the caller's objects at append time equals the
 * one computed from the row read back (jsonb keeps numbers' decimal digits and strings' code points;
 * key order does not matter to JCS).
 */
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The previousHash of every stream's first event. */
export const ZERO_HASH = '0'.repeat(64);

/** What the hash covers: one event as stored. */
export interface HashedContent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** The canonical text hashed (exported so an auditor's tool can be compared byte for byte). */
export const canonicalEventText = (event: HashedContent, previousHash: string): string =>
  canonicalize({ type: event.type, data: event.data ?? null, metadata: event.metadata, previousHash }) as string;

// The one-shot crypto.hash: a third of createHash's cost per event (no Hash object to build).
export const eventHash = (event: HashedContent, previousHash: string): string => hash('sha256', canonicalEventText(event, previousHash), 'hex');

/** The hashes of events appended one after another onto a stream whose last hash is `previousHash`. */
export const chainHashes = (events: readonly HashedContent[], previousHash: string): string[] => {
  const hashes: string[] = [];
  let previous = previousHash;
  for (const e of events) {
    previous = eventHash(e, previous);
    hashes.push(previous);
  }
  return hashes;
};

export const isHash = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);
