/**
 * Event ids of a command. With an idempotency key they are derived from (key id, key), so the store
 * itself recognises a retry; without one they are random.
 *  - the primary stream's i-th event: (base, 'order', i) — the name kept from when only order commands
 *    ran here, so a retry sent across that change is still recognised;
 *  - the k-th event on the other decided streams, counted across them in the order decided: (base,
 *    'other', k) — a replay finds them one by one without knowing the streams' names;
 *  - a reservation stream's i-th event: (base, stream id, i).
 */
import { createHash, randomUUID } from 'node:crypto';

/** A name-based (v5-style) UUID: the same parts always yield the same id. */
export const deterministicId = (...parts: readonly string[]): string => {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};

export interface EventIds {
  readonly primary: (index: number) => string;
  readonly other: (index: number) => string;
  readonly reservation: (streamId: string, index: number) => string;
}

export const eventIds = (keyId: string, idempotencyKey: string | undefined): EventIds => {
  const base = idempotencyKey ? deterministicId('idempotency', keyId, idempotencyKey) : randomUUID();
  return {
    primary: (i) => deterministicId(base, 'order', String(i)),
    other: (k) => deterministicId(base, 'other', String(k)),
    reservation: (streamId, i) => deterministicId(base, streamId, String(i)),
  };
};
