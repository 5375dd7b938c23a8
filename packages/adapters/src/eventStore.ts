/**
 * The event store port. Revisions are 0-based per stream, like EventStoreDB, so its adapter maps 1:1.
 * Global order for subscribers is (transactionId, globalPosition), read only below the snapshot's xmin
 * so an event committed later by a transaction that began earlier is never skipped.
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

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly position: GlobalPosition;
  readonly recordedAt: string;
}

export interface AppendResult {
  readonly streamId: string;
  /** The stream's revision after the append (the last appended event's revision). */
  readonly nextExpectedRevision: number;
  readonly position: GlobalPosition;
  /** true when every event id was already in the store: a retry recognised, nothing appended. */
  readonly alreadyAppended: boolean;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
}

export interface ReadStreamResult {
  /** -1 when the stream does not exist. */
  readonly revision: number;
  readonly events: readonly RecordedEvent[];
}

export interface EventStore {
  readStream(streamId: string, options?: { fromRevision?: number; maxCount?: number }): Promise<ReadStreamResult>;
  append(streamId: string, events: readonly EventToAppend[], options: { expected: ExpectedRevision }): Promise<AppendResult>;
  /** All or nothing: every stream's expectation holds and all events land, or none does. */
  appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]>;
  /** Events after `after` in global order, only from transactions below the current snapshot's xmin. */
  readAll(options: { after: GlobalPosition; limit: number }): Promise<readonly RecordedEvent[]>;
  /** Finds one event by its id (for recognising a retried command). */
  findEvent(id: string): Promise<RecordedEvent | null>;
}

export class WrongExpectedRevision extends Error {
  override readonly name = 'WrongExpectedRevision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${actual}.`);
  }
}

/** An event id already stored on a different stream or at a different place: not a plain retry. */
export class DuplicateEventId extends Error {
  override readonly name = 'DuplicateEventId';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already stored.`);
  }
}
