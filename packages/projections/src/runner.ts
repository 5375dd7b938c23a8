/**
 * Runs projections asynchronously: each batch — read the log after the checkpoint, fold the events
 * into the affected rows, write the rows and the new checkpoint — is ONE transaction holding the
 * projection's advisory lock, so rows and checkpoint always move together and only one runner (of
 * however many API processes) works on a projection at a time.
 *
 * PGlite serialises connections: inside a transaction only `trx` is used, never the outer `db`.
 */
import type { Db, GlobalPosition, RecordedEvent } from '@oms/adapters';
import { comparePositions, readAllEvents, START, toBigInt, toNumber } from '@oms/adapters';
import { sql } from 'kysely';
import type { AnyProjection, DbRow, RecordedOrderEvent } from './projection.js';
import { handlesEvent, uniqueKeysOf } from './projection.js';

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

const CHECKPOINTS = 'projection_checkpoints';
/** Rows per INSERT … ON CONFLICT statement (keeps the bind parameters well under 65535). */
const UPSERT_CHUNK = 500;
/** Keys per `IN (…)` list: one bulk CS 완료 alone may name thousands of entries. */
const KEY_CHUNK = 5000;

/**
 * The projection's advisory lock: `hashtext('projection:' || schema || '.' || name)`. Advisory locks are
 * per database, not per schema, so the schema is part of the key: the same projection in two schemas
 * (tenants, or test workers) never waits on the other.
 */
const lockKey = (name: string) => sql`hashtext('projection:' || current_schema() || '.' || ${name})`;

const readCheckpoint = async (db: Db, name: string): Promise<GlobalPosition> => {
  const { rows } = await sql<{ transaction_id: string; global_position: string | number }>`
    SELECT transaction_id::text AS transaction_id, global_position FROM projection_checkpoints WHERE name = ${name}`.execute(db);
  const row = rows[0];
  return row ? { transactionId: toBigInt(row.transaction_id), globalPosition: toNumber(row.global_position) } : START;
};

const writeCheckpoint = async (db: Db, projection: AnyProjection, position: GlobalPosition): Promise<void> => {
  await sql`
    INSERT INTO projection_checkpoints (name, transaction_id, global_position, version, updated_at)
    VALUES (${projection.name}, ${position.transactionId.toString()}::xid8, ${position.globalPosition}, ${projection.version}, now())
    ON CONFLICT (name) DO UPDATE
      SET transaction_id = excluded.transaction_id, global_position = excluded.global_position,
          version = excluded.version, updated_at = excluded.updated_at`.execute(db);
};

/** The version a projection's stored rows were built with; null when it never ran. */
const storedVersion = async (db: Db, name: string): Promise<number | null> => {
  const { rows } = await sql<{ version: number }>`SELECT version FROM projection_checkpoints WHERE name = ${name}`.execute(db);
  return rows[0] ? toNumber(rows[0].version) : null;
};

/**
 * Folds a batch into the rows it touches: the rows are loaded up front, evolve runs in memory (several
 * events may hit the same row, one event several rows), and only rows evolve actually changed are
 * written back (upsert or delete).
 */
const applyBatch = async (trx: Db, projection: AnyProjection, events: readonly RecordedOrderEvent[]): Promise<void> => {
  const touched = events.map((e) => [e, uniqueKeysOf(projection, e)] as const);
  const keys = [...new Set(touched.flatMap(([, ks]) => ks.map(String)))];
  if (keys.length === 0) return;

  const rows = new Map<string, unknown>();
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const chunk = keys.slice(i, i + KEY_CHUNK);
    const loaded = (await trx.selectFrom(projection.table).selectAll().where(projection.key, 'in', chunk).execute()) as DbRow[];
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
    await trx.deleteFrom(projection.table).where(projection.key, 'in', deletes.slice(i, i + KEY_CHUNK)).execute();
  }
  for (let i = 0; i < upserts.length; i += UPSERT_CHUNK) {
    const chunk = upserts.slice(i, i + UPSERT_CHUNK);
    const columns = Object.keys(chunk[0] ?? {}).filter((c) => c !== projection.key);
    await trx
      .insertInto(projection.table)
      .values(chunk)
      .onConflict((oc) =>
        oc.column(projection.key).doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)]))),
      )
      .execute();
  }
};

export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly logger: RunnerLogger | undefined;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
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

  /**
   * One batch per projection, each in its own transaction. Returns how many events were read (handled
   * or not); 0 when the projections are caught up or another runner holds their lock.
   */
  async runOnce(projection?: AnyProjection | string): Promise<number> {
    let processed = 0;
    for (const p of this.select(projection)) processed += await this.runBatch(p);
    return processed;
  }

  private runBatch(projection: AnyProjection): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${lockKey(projection.name)}) AS locked`.execute(trx);
      if (!rows[0]?.locked) return 0; // another instance is on it
      const after = await readCheckpoint(trx, projection.name);
      const events = await readAllEvents(trx, { after, limit: this.batchSize });
      const last = events.at(-1);
      if (!last) return 0;
      await applyBatch(trx, projection, this.handled(projection, events));
      // The position of the last event READ, handled or not, so unrelated events are not read again.
      await writeCheckpoint(trx, projection, last.position);
      return events.length;
    });
  }

  private handled(projection: AnyProjection, events: readonly RecordedEvent[]): RecordedOrderEvent[] {
    return events.filter((e): e is RecordedOrderEvent => handlesEvent(projection, e));
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
  async waitFor(position: GlobalPosition, timeoutMs = 2000): Promise<boolean> {
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

  private async reached(position: GlobalPosition): Promise<boolean> {
    for (const p of this.projections) {
      if (comparePositions(await this.checkpoint(p.name), position) < 0) return false;
    }
    return true;
  }

  /** Where a projection has read up to (START when it never ran). */
  checkpoint(name: string): Promise<GlobalPosition> {
    return readCheckpoint(this.db, name);
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
   * Replays from zero, in one transaction holding the projection's lock (waiting for it): deletes the
   * rows (DELETE, not TRUNCATE, so readers keep seeing the old rows until this commits), folds the
   * whole log in batches and writes the final checkpoint. The log is read below the snapshot's xmin,
   * so events committed by transactions that begin after this one are left for the normal loop, which
   * continues from the checkpoint written here. Returns the number of events read.
   */
  async rebuild(projection?: AnyProjection | string): Promise<number> {
    let total = 0;
    for (const p of this.select(projection)) {
      total += await this.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${lockKey(p.name)})`.execute(trx);
        await trx.deleteFrom(p.table).execute();
        await trx.deleteFrom(CHECKPOINTS).where('name', '=', p.name).execute();
        let after = START;
        let read = 0;
        for (;;) {
          const events = await readAllEvents(trx, { after, limit: this.batchSize });
          const last = events.at(-1);
          if (!last) break;
          await applyBatch(trx, p, this.handled(p, events));
          after = last.position;
          read += events.length;
        }
        await writeCheckpoint(trx, p, after);
        return read;
      });
    }
    return total;
  }
}
