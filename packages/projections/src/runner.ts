/**
 * Runs projections of any event union, fed by any event store through its read side (EventLog: a
 * readAll after a position, and the codec of the store's position type). Each batch — read the log
 * after the checkpoint, fold the events into the affected rows, write the rows and the new
 * checkpoint — writes in ONE transaction holding the projection's advisory lock, so rows and
 * checkpoint always move together and only one runner (of however many API processes) writes a
 * projection at a time. The events are read BEFORE that transaction (the store may share the
 * connection: PGlite has one, and a query on it from inside a transaction waits forever); inside,
 * the runner checks that the checkpoint is still the one it read from, so no event is applied twice.
 * Checkpoints are stored as the store encodes them (PositionCodec.encode).
 */
import type { Db, EventLog, GlobalPosition, RecordedEvent } from '@oms/adapters';
import { sql } from 'kysely';
import type { AnyProjection, DbRow } from './projection.js';
import { handlesEvent, uniqueKeysOf } from './projection.js';
import { lockKey, readCheckpoints, storedVersion, tryLocks, writeCheckpoints } from './checkpoints.js';
import { createFreshTable, dropTable, swapIn } from './swap.js';

/** pino-compatible: `logger.error({ err }, 'message')`. */
export interface RunnerLogger {
  error(obj: object, msg?: string): void;
}

export interface ProjectionRunnerOptions {
  /** Events read per transaction (default 500). */
  readonly batchSize?: number;
  readonly logger?: RunnerLogger;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rows per INSERT … ON CONFLICT statement (keeps the bind parameters well under 65535). */
const UPSERT_CHUNK = 500;
/** Keys per `IN (…)` list: one bulk CS 완료 alone may name thousands of entries. */
const KEY_CHUNK = 5000;

/** An event as projections see it: the position in the store's encoded form. */
type Projected = RecordedEvent<string, unknown, string>;

/**
 * Folds a batch into the rows it touches: the rows are loaded up front, evolve runs in memory (several
 * events may hit the same row, one event several rows), and only rows evolve actually changed are
 * written back (upsert or delete).
 */
const applyBatch = async (trx: Db, projection: AnyProjection, table: string, events: readonly Projected[]): Promise<void> => {
  const touched = events.map((e) => [e, uniqueKeysOf(projection, e)] as const);
  const keys = [...new Set(touched.flatMap(([, ks]) => ks.map(String)))];
  if (keys.length === 0) return;

  const rows = new Map<string, unknown>();
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const chunk = keys.slice(i, i + KEY_CHUNK);
    const loaded = (await trx.selectFrom(table).selectAll().where(projection.key, 'in', chunk).execute()) as DbRow[];
    for (const raw of loaded) rows.set(String(raw[projection.key]), projection.fromDb(raw));
  }
  const existed = new Set(rows.keys());
  const changed = new Set<string>();
  for (const [e, eventKeys] of touched) {
    for (const k of eventKeys) {
      const key = String(k);
      const before = rows.get(key) ?? null;
      const after: unknown = projection.evolve(before, e, k);
      if (after !== before) {
        rows.set(key, after);
        changed.add(key);
      }
    }
  }

  const upserts: DbRow[] = [];
  const deletes: string[] = [];
  for (const key of changed) {
    const row = rows.get(key) ?? null;
    if (row !== null) upserts.push(projection.toDb(row));
    else if (existed.has(key)) deletes.push(key);
  }
  for (let i = 0; i < deletes.length; i += KEY_CHUNK) {
    await trx.deleteFrom(table).where(projection.key, 'in', deletes.slice(i, i + KEY_CHUNK)).execute();
  }
  for (let i = 0; i < upserts.length; i += UPSERT_CHUNK) {
    const chunk = upserts.slice(i, i + UPSERT_CHUNK);
    const columns = Object.keys(chunk[0] ?? {}).filter((c) => c !== projection.key);
    await trx
      .insertInto(table)
      .values(chunk)
      .onConflict((oc) =>
        oc.column(projection.key).doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)]))),
      )
      .execute();
  }
};


/** A page of the log after one checkpoint, read once for every projection standing there. */
type LogPage<P> = readonly RecordedEvent<string, unknown, P>[];

interface Applied {
  /** Events read by the projections that moved (handled or not). */
  readonly read: number;
  /** A projection's checkpoint had moved since it was read (another runner, a rebuild): read again. */
  readonly moved: boolean;
}

export class ProjectionRunner<P = GlobalPosition> {
  private readonly batchSize: number;
  private readonly logger: RunnerLogger | undefined;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  /** The checkpoints (encoded) this runner last read or wrote: waitFor answers from them without a query. */
  private readonly known = new Map<string, string | null>();
  /** The shared batch in flight, and the one queued behind it (see sharedBatch). */
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  /**
   * @param store the event store's read side: any implementation of the port feeds the projections.
   * @param db where the read models and their checkpoints live.
   */
  constructor(
    private readonly store: EventLog<P>,
    private readonly db: Db,
    readonly projections: readonly AnyProjection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger;
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('ProjectionRunner: projection names must be unique.');
  }

  private select(projection?: AnyProjection | string): readonly AnyProjection[] {
    if (projection === undefined) return this.projections;
    const name = typeof projection === 'string' ? projection : projection.name;
    const found = this.projections.find((p) => p.name === name);
    if (!found) throw new Error(`ProjectionRunner: unknown projection ${name}.`);
    return [found];
  }

  private decode(stored: string | null): P {
    return stored === null ? this.store.positions.start : this.store.positions.decode(stored);
  }

  /** The events a projection folds, with their positions encoded (what projections are handed). */
  private projected(projection: AnyProjection, events: LogPage<P>): Projected[] {
    const { encode } = this.store.positions;
    const out: Projected[] = [];
    for (const e of events) if (handlesEvent(projection, e)) out.push({ ...e, position: encode(e.position) });
    return out;
  }

  /**
   * One batch for the projections: their checkpoints in one query, one read of the log per distinct
   * checkpoint (usually one for all), then ONE transaction that takes every free lock, folds each
   * projection's page into its rows and writes all checkpoints. Returns how many events were read by
   * the projections that moved (handled or not); 0 when they are caught up or other runners hold
   * their locks.
   */
  async runOnce(projection?: AnyProjection | string): Promise<number> {
    const selected = this.select(projection);
    for (;;) {
      // Read every time, not taken from `known`: a checkpoint set back (a replay) is seen at once.
      const from = await readCheckpoints(this.db, selected.map((p) => p.name));
      for (const [name, position] of from) this.known.set(name, position);
      const pages = new Map<string | null, LogPage<P>>();
      for (const position of new Set(from.values())) pages.set(position, await this.store.readAll({ after: this.decode(position), limit: this.batchSize }));
      const pageOf = (p: AnyProjection): LogPage<P> => pages.get(from.get(p.name) ?? null) ?? [];
      const work = selected.filter((p) => pageOf(p).length > 0);
      if (work.length === 0) return 0;
      const { read, moved } = await this.applyIsolating(work, from, pageOf);
      if (read > 0 || !moved) return read;
    }
  }

  /**
   * All projections in one transaction; when that fails, each in its own, so one failing projection
   * (a poisoned event) holds none of the others back. The first failure is thrown after the others
   * have moved.
   */
  private async applyIsolating(work: readonly AnyProjection[], from: ReadonlyMap<string, string | null>, pageOf: (p: AnyProjection) => LogPage<P>): Promise<Applied> {
    try {
      return await this.apply(work, from, pageOf);
    } catch (error) {
      if (work.length === 1) throw error;
      let read = 0;
      let moved = false;
      const failures: unknown[] = [];
      for (const p of work) {
        try {
          const one = await this.apply([p], from, pageOf);
          read += one.read;
          moved ||= one.moved;
        } catch (failure) {
          failures.push(failure);
        }
      }
      if (failures.length > 0) throw failures[0];
      return { read, moved };
    }
  }

  private async apply(work: readonly AnyProjection[], from: ReadonlyMap<string, string | null>, pageOf: (p: AnyProjection) => LogPage<P>): Promise<Applied> {
    const { encode } = this.store.positions;
    const done = await this.db.transaction().execute(async (trx) => {
      const locked = await tryLocks(trx, work.map((p) => p.name));
      const mine = work.filter((p) => locked.has(p.name));
      if (mine.length === 0) return { written: [], moved: false };
      // A checkpoint moved since it was read (another runner, a rebuild): that projection is read again from there.
      const now = await readCheckpoints(trx, mine.map((p) => p.name));
      const go = mine.filter((p) => now.get(p.name) === from.get(p.name));
      for (const p of mine) if (!go.includes(p)) this.known.set(p.name, now.get(p.name) ?? null);
      const written: { projection: AnyProjection; position: string; read: number }[] = [];
      for (const p of go) {
        const events = pageOf(p);
        const last = events.at(-1);
        if (!last) continue;
        await applyBatch(trx, p, p.table, this.projected(p, events));
        // The position of the last event READ, handled or not, so unrelated events are not read again.
        written.push({ projection: p, position: encode(last.position), read: events.length });
      }
      await writeCheckpoints(trx, written);
      return { written, moved: go.length < mine.length };
    });
    for (const w of done.written) this.known.set(w.projection.name, w.position);
    return { read: done.written.reduce((n, w) => n + w.read, 0), moved: done.moved };
  }

  /**
   * A batch of every projection that STARTS no earlier than this call, so it reads whatever was
   * appended before it; everyone calling while one is in flight shares the one queued behind it. A
   * burst of commands waiting for their read models thus costs a batch every few milliseconds, not a
   * batch each.
   */
  private sharedBatch(): Promise<number> {
    if (!this.running) return this.startBatch();
    this.queued ??= this.running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      this.queued = null;
      return this.startBatch();
    });
    return this.queued;
  }

  private startBatch(): Promise<number> {
    const run: Promise<number> = this.runOnce().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  /** runOnce until nothing is left. Returns the number of events read. */
  async catchUp(projection?: AnyProjection | string): Promise<number> {
    let total = 0;
    for (;;) {
      const n = projection === undefined ? await this.sharedBatch() : await this.runOnce(projection);
      if (n === 0) return total;
      total += n;
    }
  }

  /** Every projection's last known checkpoint is at or past `target` (encoded). */
  private knownReached(target: string): boolean {
    const start = this.store.positions.encode(this.store.positions.start);
    return this.projections.every((p) => {
      if (!this.known.has(p.name)) return false;
      return (this.known.get(p.name) ?? start) >= target;
    });
  }

  /**
   * Read-your-writes: resolves true once every projection's checkpoint is at or past `position`
   * (catching up itself, or waiting for the runner that holds the lock); false on timeout.
   */
  async waitFor(position: P, timeoutMs = 2000): Promise<boolean> {
    const target = this.store.positions.encode(position);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.knownReached(target)) return true;
      let read = 0;
      try {
        read = await this.sharedBatch();
      } catch (err) {
        this.logger?.error({ err }, 'projection runner: catch-up failed while waiting for a position');
      }
      if (this.knownReached(target)) return true;
      if (Date.now() >= deadline) return false;
      // Nothing to read and still short: another runner holds a lock, or the event is not readable
      // yet (a transaction that began before it is still open).
      if (read === 0) await sleep(Math.min(5, Math.max(1, deadline - Date.now())));
    }
  }

  /** Where a projection has read up to (the store's start when it never ran). */
  async checkpoint(name: string): Promise<P> {
    const stored = await readCheckpoints(this.db, [name]);
    return this.decode(stored.get(name) ?? null);
  }

  /** Background loop: catch up, sleep pollMs, repeat; errors are logged, never thrown. */
  start(pollMs = 200): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = (async () => {
      while (!this.stopping) {
        try {
          await this.catchUp();
        } catch (err) {
          this.logger?.error({ err }, 'projection runner: catch-up failed');
        }
        if (this.stopping) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    })();
  }

  /** Stops the loop; resolves when the batch in flight (if any) has finished. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const loop = this.loop;
    this.loop = null;
    await loop;
    await this.running?.catch(() => undefined);
  }

  /**
   * Rebuilds every projection whose rows were built by another version of it (a deploy that changed
   * an evolve); a projection that never ran simply starts from zero. Returns the names rebuilt.
   */
  async upgrade(): Promise<string[]> {
    const rebuilt: string[] = [];
    for (const p of this.projections) {
      const version = await storedVersion(this.db, p.name);
      if (version !== null && version !== p.version) {
        await this.rebuild(p);
        rebuilt.push(p.name);
      }
    }
    return rebuilt;
  }

  /**
   * Replays from zero into a FRESH table (a copy of the live one's shape), batch by batch, while
   * readers and the normal loop keep using the live table; then one transaction holding the
   * projection's lock (waiting for it) applies the last page read, swaps the fresh table in under
   * the live name (indexes, constraints, comments and grants as before) and writes the checkpoint.
   * Readers see the old rows until that commits, the new ones after. Events readable only after
   * the last page are left for the normal loop, which continues from the checkpoint written here.
   * Returns the number of events read.
   */
  async rebuild(projection?: AnyProjection | string): Promise<number> {
    let total = 0;
    for (const p of this.select(projection)) total += await this.rebuildOne(p);
    return total;
  }

  private async rebuildOne(p: AnyProjection): Promise<number> {
    const fresh = await createFreshTable(this.db, p.table);
    try {
      let after = this.store.positions.start;
      let read = 0;
      for (;;) {
        const events = await this.store.readAll({ after, limit: this.batchSize });
        read += events.length;
        const last = events.at(-1);
        if (events.length < this.batchSize || !last) {
          // The last page: applied, with the swap, under the lock.
          const position = this.store.positions.encode(last ? last.position : after);
          await this.db.transaction().execute(async (trx) => {
            await sql`SELECT pg_advisory_xact_lock(${lockKey(p.name)})`.execute(trx);
            await applyBatch(trx, p, fresh, this.projected(p, events));
            await swapIn(trx, fresh, p.table);
            await p.afterSwap?.(trx);
            await writeCheckpoints(trx, [{ projection: p, position }]);
          });
          // It may have stopped short of where the live rows were: known again at the next batch.
          this.known.delete(p.name);
          return read;
        }
        await this.db.transaction().execute((trx) => applyBatch(trx, p, fresh, this.projected(p, events)));
        after = last.position;
      }
    } catch (error) {
      await dropTable(this.db, fresh);
      throw error;
    }
  }
}
