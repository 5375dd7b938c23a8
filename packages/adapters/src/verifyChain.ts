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
import type { EventLog, EventStore, ReadStreamResult, RecordedEvent } from './eventStore.js';

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

/**
 * One stream's chain, event by event in revision order: what verifyStream runs over a stream read
 * whole, and verifyLog over each stream as the log interleaves them.
 */
class ChainWalk {
  readonly breaks: ChainBreak[] = [];
  events = 0;
  private expectedRevision = 0;
  /** The predecessor's stored hash … */
  private stored = ZERO_HASH;
  /** … and the hash it would have if the rows before were untouched (tells an edited hash from edited content). */
  private sound = ZERO_HASH;

  constructor(private readonly streamId: string) {}

  next(e: RecordedEvent<string, unknown, unknown>): void {
    this.events++;
    if (e.streamRevision !== this.expectedRevision) {
      this.breaks.push({ streamId: this.streamId, revision: this.expectedRevision, kind: 'revision_gap' });
      // Its predecessor is gone: nothing to check its link against; the chain goes on from it.
      this.stored = this.sound = e.hash;
      this.expectedRevision = e.streamRevision + 1;
      return;
    }
    if (e.hash === eventHash(e, this.stored)) {
      this.sound = e.hash;
    } else if (this.sound !== this.stored && e.hash === eventHash(e, this.sound)) {
      this.breaks.push({ streamId: this.streamId, revision: e.streamRevision, kind: 'previous_mismatch' });
      this.sound = e.hash;
    } else {
      this.breaks.push({ streamId: this.streamId, revision: e.streamRevision, kind: 'hash_mismatch' });
      this.sound = eventHash(e, this.sound);
    }
    this.stored = e.hash;
    this.expectedRevision++;
  }

  /** The stream's recorded tip against what was walked: a missing last event, an edited last hash. */
  end(read: ReadStreamResult<unknown>): void {
    if (read.revision >= this.expectedRevision) this.breaks.push({ streamId: this.streamId, revision: this.expectedRevision, kind: 'revision_gap' });
    else if (this.events > 0 && read.lastHash !== this.stored) this.breaks.push({ streamId: this.streamId, revision: read.revision + 1, kind: 'previous_mismatch' });
  }
}

export const verifyStream = (streamId: string, read: ReadStreamResult<unknown>): StreamVerdict => {
  const walk = new ChainWalk(streamId);
  for (const e of read.events) walk.next(e);
  walk.end(read);
  return { streamId, events: walk.events, breaks: walk.breaks };
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

/**
 * Every stream of any store, from its whole log in global order (a KurrentDB store has no table of
 * streams to page through): each stream's chain walked as its events come, one walk per stream kept
 * in memory. `onProgress` gets the events read so far (the log's length is not known up front).
 */
export const verifyLog = async <P>(log: EventLog<P>, options: { readonly pageSize?: number; readonly onProgress?: (eventsRead: number) => void } = {}): Promise<ChainSummary> => {
  const walks = new Map<string, ChainWalk>();
  let after = log.positions.start;
  let events = 0;
  for (;;) {
    const page = await log.readAll({ after, limit: options.pageSize ?? 1000 });
    const last = page.at(-1);
    if (!last) break;
    for (const e of page) {
      let walk = walks.get(e.streamId);
      if (!walk) walks.set(e.streamId, (walk = new ChainWalk(e.streamId)));
      walk.next(e);
    }
    events += page.length;
    after = last.position;
    options.onProgress?.(events);
  }
  return { streams: walks.size, events, breaks: [...walks.values()].flatMap((w) => w.breaks) };
};
