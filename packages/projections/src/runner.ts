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
 * The projection's advisory lock: `hashtext('projection:' || schema || '.' || name)`. Advisory locks are
 * per database, not per schema, so the schema is part of the key: the same projection in two schemas
 * (tenants, or test workers) never waits on the other.
 */
const lockKey = (name: string) => sql`hashtext('projection:' || current_schema() || '.' || ${name})`;

/** The stored (encoded) checkpoint; null when the projection never ran. */
const readCheckpoint = async (db: Db, name: string): Promise<string | null> => {
  const { rows } = await sql<{ position: string }>`SELECT position FROM projection_checkpoints WHERE name = ${name}`.execute(db);
  return rows[0]?.position ?? null;
};

const writeCheckpoint = async (db: Db, projection: AnyProjection, position: string): Promise<void> => {
  await sql`
    INSERT INTO projection_checkpoints (name, position, version, updated_at)
    VALUES (${projection.name}, ${position}, ${projection.version}, now())
    ON CONFLICT (name) DO UPDATE
      SET position = excluded.position, version = excluded.version, updated_at = excluded.updated_at`.execute(db);
};

/** The version a projection's stored rows were built with; null when it never ran. */
const storedVersion = async (db: Db, name: string): Promise<number | null> => {
  const { rows } = await sql<{ version: number }>`SELECT version FROM projection_checkpoints WHERE name = ${name}`.execute(db);
  return rows[0] ? Number(rows[0].version) : null;
};

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


type BatchOutcome = 'applied' | 'locked' | 'moved';

export class ProjectionRunner<P = GlobalPosition> {
  private readonly batchSize: number;
  private readonly logger: RunnerLogger | undefined;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

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
  private projected(projection: AnyProjection, events: readonly RecordedEvent<string, unknown, P>[]): Projected[] {
    const { encode } = this.store.positions;
    const out: Projected[] = [];
    for (const e of events) if (handlesEvent(projection, e)) out.push({ ...e, position: encode(e.position) });
    return out;
  }

  /**
   * One batch per projection, each in its own transaction. Returns how many events were read (handled
   * or not); 0 when the projections are caught up or another runner holds their lock.
   */
  async runOnce(projection?: AnyProjection | string): Promise<number> {
    let processed = 0;
    // Projections at the same checkpoint (the usual case) share one read of the log: a read is a
    // valid page after its position whoever asked for it.
    const pages = new Map<string | null, Promise<readonly RecordedEvent<string, unknown, P>[]>>();
    for (const p of this.select(projection)) processed += await this.runBatch(p, pages);
    return processed;
  }

  private async runBatch(projection: AnyProjection, pages: Map<string | null, Promise<readonly RecordedEvent<string, unknown, P>[]>>): Promise<number> {
    for (;;) {
      const from = await readCheckpoint(this.db, projection.name);
      let page = pages.get(from);
      if (!page) {
        page = this.store.readAll({ after: this.decode(from), limit: this.batchSize });
        pages.set(from, page);
      }
      const events = await page;
      const last = events.at(-1);
      if (!last) return 0;
      const outcome = await this.db.transaction().execute(async (trx): Promise<BatchOutcome> => {
        const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${lockKey(projection.name)}) AS locked`.execute(trx);
        if (!rows[0]?.locked) return 'locked'; // another instance is on it
        // Another runner (or a rebuild) moved the checkpoint since it was read: read again from there.
        if ((await readCheckpoint(trx, projection.name)) !== from) return 'moved';
        await applyBatch(trx, projection, projection.table, this.projected(projection, events));
        // The position of the last event READ, handled or not, so unrelated events are not read again.
        await writeCheckpoint(trx, projection, this.store.positions.encode(last.position));
        return 'applied';
      });
      if (outcome === 'locked') return 0;
      if (outcome === 'applied') return events.length;
    }
  }

  /** runOnce until nothing is left. Returns the number of events read. */
  async catchUp(projection?: AnyProjection | string): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce(projection);
      if (n === 0) return total;
      total += n;
    }
  }

  /**
   * Read-your-writes: resolves true once every projection's checkpoint is at or past `position`
   * (catching up itself, or waiting for the runner that holds the lock); false on timeout.
   */
  async waitFor(position: P, timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.catchUp();
        if (await this.reached(position)) return true;
      } catch (err) {
        this.logger?.error({ err }, 'projection runner: catch-up failed while waiting for a position');
      }
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(10, Math.max(1, deadline - Date.now())));
    }
  }

  private async reached(position: P): Promise<boolean> {
    for (const p of this.projections) {
      if (this.store.positions.compare(await this.checkpoint(p.name), position) < 0) return false;
    }
    return true;
  }

  /** Where a projection has read up to (the store's start when it never ran). */
  async checkpoint(name: string): Promise<P> {
    return this.decode(await readCheckpoint(this.db, name));
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
            await writeCheckpoint(trx, p, position);
          });
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
