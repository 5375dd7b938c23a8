/**
 * The event store port. Revisions are 0-based per stream, like EventStoreDB, so its adapter maps 1:1.
 * Each store defines its own global position type `P` and hands out a codec for it (`positions`), so
 * a reader of the whole log (the projection runner) stores and compares positions without knowing
 * their shape. PostgreSQL's is (transactionId, globalPosition), read only below the snapshot's xmin
 * so an event committed later by a transaction that began earlier is never skipped.
 * Every stored event carries a hash chained to its stream's previous event (eventHash.ts); an append
 * names the last hash it read (`previousHash`) and is refused, atomically with the revision check,
 * when the stream's is another.
 */

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** What a caller hands to append: a domain event plus its metadata and a deterministic id. */
export interface EventToAppend {
  /** Deterministic per command (idempotency key + index), so a retried command is recognised. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface EventMetadata {
  readonly actor: string;
  readonly role: string;
  readonly occurredAt: string;
  readonly memo?: string | undefined;
  readonly correlationId?: string | undefined;
  readonly causationId?: string | undefined;
  readonly idempotencyKey?: string | undefined;
  readonly requestHash?: string | undefined;
  readonly schemaVersion: number;
  readonly [key: string]: unknown;
}

export interface GlobalPosition {
  /** xid8 of the appending transaction, as a bigint. */
  readonly transactionId: bigint;
  readonly globalPosition: number;
}

export const START: GlobalPosition = { transactionId: 0n, globalPosition: 0 };

export const comparePositions = (a: GlobalPosition, b: GlobalPosition): number =>
  a.transactionId !== b.transactionId ? (a.transactionId < b.transactionId ? -1 : 1) : a.globalPosition - b.globalPosition;

/**
 * How a store's positions are stored and compared by someone who does not know their shape.
 * `encode` is ORDER-PRESERVING: for any a, b, `compare(a, b)` has the sign of comparing `encode(a)`
 * with `encode(b)` as plain strings (code units), so encoded positions (checkpoints, the positions
 * projections see) can be compared as text, in SQL as in TypeScript. `decode(encode(p))` equals p.
 */
export interface PositionCodec<P> {
  /** Before the first event: readAll after it returns the log from the beginning. */
  readonly start: P;
  compare(a: P, b: P): number;
  encode(p: P): string;
  decode(s: string): P;
}

/** The latest of some positions (nulls skipped), null when there is none. */
export const latestPosition = <P>(codec: PositionCodec<P>, positions: readonly (P | null | undefined)[]): P | null =>
  positions.reduce<P | null>((max, p) => (p === null || p === undefined ? max : max === null || codec.compare(p, max) > 0 ? p : max), null);

/** Fixed width, so text order is numeric order: 20 digits hold any xid8, 19 any bigint. */
const XID_DIGITS = 20;
const POSITION_DIGITS = 19;

/** PostgreSQL's positions: "<xid8, 20 digits>:<global_position, 19 digits>". */
export const postgresPositions: PositionCodec<GlobalPosition> = {
  start: START,
  compare: comparePositions,
  encode: (p) => `${p.transactionId.toString().padStart(XID_DIGITS, '0')}:${p.globalPosition.toString().padStart(POSITION_DIGITS, '0')}`,
  decode: (s) => {
    const m = /^(\d{20}):(\d{19})$/.exec(s);
    if (!m) throw new Error(`Not a PostgreSQL event store position: ${s}`);
    return { transactionId: BigInt(m[1] as string), globalPosition: Number(m[2]) };
  },
};

/** postgresPositions.encode in SQL, for migrations converting stored (xid8, bigint) pairs. */
export const encodePostgresPositionSql = (transactionId: string, globalPosition: string): string =>
  `lpad(${transactionId}::text, ${XID_DIGITS}, '0') || ':' || lpad(${globalPosition}::text, ${POSITION_DIGITS}, '0')`;

export interface RecordedEvent<Type extends string = string, Data = unknown, P = GlobalPosition> {
  readonly id: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly position: P;
  readonly recordedAt: string;
  /** The event's link in its stream's hash chain (eventHash.ts), over its content as stored. */
  readonly hash: string;
}

export interface AppendResult<P = GlobalPosition> {
  readonly streamId: string;
  /** The stream's revision after the append (the last appended event's revision). */
  readonly nextExpectedRevision: number;
  readonly position: P;
  /** true when every event id was already in the store: a retry recognised, nothing appended. */
  readonly alreadyAppended: boolean;
  /** The hash of the stream's last event after the append: the previousHash of the next one. */
  readonly lastHash: string;
}

export interface AppendExpectation {
  readonly expected: ExpectedRevision;
  /**
   * The hash of the stream's last event as the caller read it (ZERO_HASH for a new stream), checked
   * atomically with the expectation: a stream whose last hash differs is refused (WrongPreviousHash)
   * and nothing is written. A caller that holds the stream's state passes it, so the append stays one
   * round trip; without it the store reads the last hash first.
   */
  readonly previousHash?: string | undefined;
}

export interface StreamAppend extends AppendExpectation {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
}

export interface ReadStreamResult<P = GlobalPosition> {
  /** -1 when the stream does not exist. */
  readonly revision: number;
  /** The hash of the stream's last event, whatever part was read (ZERO_HASH when it does not exist). */
  readonly lastHash: string;
  readonly events: readonly RecordedEvent<string, unknown, P>[];
}

/** The read side a subscriber of the whole log needs (the projection runner takes only this). */
export interface EventLog<P = GlobalPosition> {
  readonly positions: PositionCodec<P>;
  /**
   * Up to `limit` events after `after`, in global order. Nothing may later appear at or before the
   * last position returned (PostgreSQL: only transactions below the snapshot's xmin are read), so a
   * reader that pages on from it never skips an event.
   */
  readAll(options: { after: P; limit: number }): Promise<readonly RecordedEvent<string, unknown, P>[]>;
}

export interface EventStore<P = GlobalPosition> extends EventLog<P> {
  readStream(streamId: string, options?: { fromRevision?: number; maxCount?: number }): Promise<ReadStreamResult<P>>;
  /** Several whole streams in one round trip, when the store can (a batch of commands reads thousands); one entry per id. */
  readStreams?(streamIds: readonly string[]): Promise<ReadonlyMap<string, ReadStreamResult<P>>>;
  append(streamId: string, events: readonly EventToAppend[], options: AppendExpectation): Promise<AppendResult<P>>;
  /** All or nothing: every stream's expectation holds and all events land, or none does. */
  appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult<P>[]>;
  /** Finds one event by its id (for recognising a retried command). */
  findEvent(id: string): Promise<RecordedEvent<string, unknown, P> | null>;
}

export class WrongExpectedRevision extends Error {
  override readonly name: string = 'WrongExpectedRevision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${actual}.`);
  }
}

/**
 * The stream is where the caller expected, or the expectation allowed it, but its last hash is not the
 * previousHash given: the caller's state is stale (or was read from an edited row). A kind of
 * WrongExpectedRevision, so every caller that retries a lost race on fresh state retries this too.
 */
export class WrongPreviousHash extends WrongExpectedRevision {
  override readonly name = 'WrongPreviousHash';
  constructor(
    streamId: string,
    expected: ExpectedRevision,
    actual: number,
    readonly expectedHash: string,
    readonly actualHash: string,
  ) {
    super(streamId, expected, actual);
    this.message = `Stream ${streamId}: expected last hash ${expectedHash}, the stream's is ${actualHash} (revision ${actual}).`;
  }
}

/**
 * The appends name several streams and the store cannot write them atomically (a KurrentDB server
 * before 25.1 has no multi-stream append): refused before anything is written. The command handler
 * names the command (`command`), so the caller can say which one needs the newer server.
 */
export class MultiStreamAppendUnsupported extends Error {
  override readonly name = 'MultiStreamAppendUnsupported';
  constructor(
    readonly streamIds: readonly string[],
    readonly command?: string | undefined,
  ) {
    super(`${command === undefined ? 'The appends' : `Command ${command}`} write${command === undefined ? '' : 's'} to several streams at once (${streamIds.join(', ')}); the event store server cannot append to several streams atomically (KurrentDB 25.1 or later can). Nothing was written.`);
  }
}

/** An event id already stored on a different stream or at a different place: not a plain retry. */
export class DuplicateEventId extends Error {
  override readonly name = 'DuplicateEventId';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already stored.`);
  }
}
