/**
 * Verifying the hash chain (eventHash.ts) from the rows AS STORED: hand it the un-upcast store, or an
 * event whose stored data is an old shape would be hashed in a shape it was never stored in.
 *
 * Breaks, each at the first revision where it shows:
 *  - hash_mismatch: the event's stored hash is not the hash of its content on its predecessor — its
 *    type, data or metadata (or the hash itself) was changed after it was written;
 *  - previous_mismatch: the event's hash is right for the predecessor it was written after, but that
 *    predecessor's stored hash is no longer the one it had (an edited hash), or the stream's recorded
 *    tip (streams.last_hash) is not its last event's hash (reported at the revision after the last);
 *  - revision_gap: a revision is missing (a deleted row), at the first missing revision.
 */
import type { Db } from './db.js';
import { sql } from './db.js';
import { eventHash, ZERO_HASH } from './eventHash.js';
import type { EventStore, ReadStreamResult } from './eventStore.js';

export type ChainBreakKind = 'hash_mismatch' | 'previous_mismatch' | 'revision_gap';

export interface ChainBreak {
  readonly streamId: string;
  readonly revision: number;
  readonly kind: ChainBreakKind;
}

export interface StreamVerdict {
  readonly streamId: string;
  /** Events read (stored rows). */
  readonly events: number;
  readonly breaks: readonly ChainBreak[];
}

export const verifyStream = (streamId: string, read: ReadStreamResult<unknown>): StreamVerdict => {
  const breaks: ChainBreak[] = [];
  let expectedRevision = 0;
  /** The predecessor's stored hash … */
  let stored = ZERO_HASH;
  /** … and the hash it would have if the rows before were untouched (tells an edited hash from edited content). */
  let sound = ZERO_HASH;
  for (const e of read.events) {
    if (e.streamRevision !== expectedRevision) {
      breaks.push({ streamId, revision: expectedRevision, kind: 'revision_gap' });
      // Its predecessor is gone: nothing to check its link against; the chain goes on from it.
      stored = sound = e.hash;
      expectedRevision = e.streamRevision + 1;
      continue;
    }
    if (e.hash === eventHash(e, stored)) {
      sound = e.hash;
    } else if (sound !== stored && e.hash === eventHash(e, sound)) {
      breaks.push({ streamId, revision: e.streamRevision, kind: 'previous_mismatch' });
      sound = e.hash;
    } else {
      breaks.push({ streamId, revision: e.streamRevision, kind: 'hash_mismatch' });
      sound = eventHash(e, sound);
    }
    stored = e.hash;
    expectedRevision++;
  }
  if (read.revision >= expectedRevision) breaks.push({ streamId, revision: expectedRevision, kind: 'revision_gap' });
  else if (read.events.length > 0 && read.lastHash !== stored) breaks.push({ streamId, revision: read.revision + 1, kind: 'previous_mismatch' });
  return { streamId, events: read.events.length, breaks };
};

export interface ChainSummary {
  readonly streams: number;
  readonly events: number;
  readonly breaks: readonly ChainBreak[];
}

export interface VerifyAllOptions {
  /** Streams read per round trip. */
  readonly pageSize?: number;
  /** Called once with the number of streams, then after each page with how many are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Every stream of the PostgreSQL / PGlite store, in stream-id pages (`db` lists them, `store` — the
 * un-upcast one — reads them). Streams appended while it runs are verified as far as they are read.
 */
export const verifyAllStreams = async (db: Db, store: EventStore<unknown>, options: VerifyAllOptions = {}): Promise<ChainSummary> => {
  const pageSize = options.pageSize ?? 500;
  const { rows: counted } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM streams`.execute(db);
  const total = Number(counted[0]?.n ?? 0);
  options.onProgress?.(0, total);
  let streams = 0;
  let events = 0;
  const breaks: ChainBreak[] = [];
  for (let after = ''; ; ) {
    const { rows } = await sql<{ stream_id: string }>`SELECT stream_id FROM streams WHERE stream_id > ${after} ORDER BY stream_id LIMIT ${pageSize}`.execute(db);
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.stream_id);
    const reads = store.readStreams ? await store.readStreams(ids) : new Map(await Promise.all(ids.map(async (id) => [id, await store.readStream(id)] as const)));
    for (const id of ids) {
      const verdict = verifyStream(id, reads.get(id) ?? { revision: -1, lastHash: ZERO_HASH, events: [] });
      streams++;
      events += verdict.events;
      breaks.push(...verdict.breaks);
    }
    after = ids[ids.length - 1] as string;
    options.onProgress?.(streams, Math.max(total, streams));
  }
  return { streams, events, breaks };
};
