/**
 * What the event store suites share: events to append, stream names, the stores they run on (the
 * PostgreSQL store on PGlite and PostgreSQL, the KurrentDB store on the stand-in and on a real server
 * when EVENTSTORE_URL is set, the in-memory store), and reading the log to its end.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Db, EventStore, EventToAppend, RecordedEvent } from '@oms/adapters';
import { KurrentEventStore, PostgresEventStore, SqlEventIdIndex, WrongExpectedRevision } from '@oms/adapters';
import { pgliteDatabase, testDatabases, uniqueSuffix } from './databases.js';
import { InMemoryEventStore } from './inMemoryEventStore.js';
import type { KurrentStandIn } from './kurrentStandIn.js';
import { startKurrentStandIn } from './kurrentStandIn.js';

const eventStoreUrl = process.env.EVENTSTORE_URL;

export const event = (type = 'TestEvent', data: unknown = { n: 1 }, id: string = randomUUID()): EventToAppend => ({
  id,
  type,
  data,
  metadata: { actor: 'agent-7', role: 'agent', occurredAt: '2026-01-02T03:04:05.000Z', schemaVersion: 1, correlationId: 'c-1' },
});
export const events = (n: number, type = 'TestEvent'): EventToAppend[] => Array.from({ length: n }, (_, i) => event(type, { i }));
export const streamName = (label: string): string => `test-${label}-${uniqueSuffix()}`;

/** The error a promise rejects with (fails the test when it resolves). */
export const rejection = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

export const expectWrongRevision = async (p: Promise<unknown>, streamId: string, actual: number): Promise<WrongExpectedRevision> => {
  const error = await rejection(p);
  expect(error).toBeInstanceOf(WrongExpectedRevision);
  const wrong = error as WrongExpectedRevision;
  expect(wrong.streamId).toBe(streamId);
  expect(wrong.actual).toBe(actual);
  expect(typeof wrong.actual).toBe('number');
  return wrong;
};

/** Every event after `after`, paging until the reader has nothing more to give. */
export const readAllAfter = async <P,>(store: EventStore<P>, after: P): Promise<RecordedEvent<string, unknown, P>[]> => {
  const all: RecordedEvent<string, unknown, P>[] = [];
  let position = after;
  for (;;) {
    const page = await store.readAll({ after: position, limit: 500 });
    if (page.length === 0) return all;
    all.push(...page);
    position = (page[page.length - 1] as RecordedEvent<string, unknown, P>).position;
  }
};

/**
 * On a shared PostgreSQL server other sessions' open transactions hold the snapshot xmin back for a
 * moment, so a just-committed event can take a little while to become readable: poll.
 */
export const readAllUntil = async <P,>(
  store: EventStore<P>,
  after: P,
  done: (events: RecordedEvent<string, unknown, P>[]) => boolean,
  timeoutMs = 10_000,
): Promise<RecordedEvent<string, unknown, P>[]> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await readAllAfter(store, after);
    if (done(all) || Date.now() > deadline) return all;
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * The stores the contract runs on: the PostgreSQL store on PGlite (always) and PostgreSQL (DATABASE_URL);
 * the KurrentDB store on the in-process stand-in (always; tests/support/kurrentStandIn.ts says what it
 * does not implement) and on a real KurrentDB server when EVENTSTORE_URL is set.
 */
export interface ContractStore {
  readonly name: string;
  readonly kind: 'postgres' | 'kurrentdb';
  readonly open: () => Promise<{ db: Db; store: EventStore<unknown>; close: () => Promise<void> }>;
}
/** This suite's streams, and the app's: what the KurrentDB store's $all filter lets through. */
export const TEST_STREAM_PREFIXES = ['test-'];
export const kurrentStore = async (url: string | null) => {
  const standIn = url === null ? await startKurrentStandIn({ multiStreamAppend: true }) : null;
  const db = (await pgliteDatabase.open()).db;
  const store = new KurrentEventStore(url ?? (standIn as KurrentStandIn).url, { streamPrefixes: TEST_STREAM_PREFIXES, index: new SqlEventIdIndex(db) });
  return { db, store: store as EventStore<unknown>, close: async () => (await store.close(), await standIn?.close()) };
};
export const contractStores: readonly ContractStore[] = [
  ...testDatabases.map((d): ContractStore => ({ name: d.name, kind: 'postgres', open: async () => { const { db } = await d.open(); return { db, store: new PostgresEventStore(db) as EventStore<unknown>, close: async () => undefined }; } })),
  { name: 'kurrentdb (stand-in)', kind: 'kurrentdb', open: () => kurrentStore(null) },
  ...(eventStoreUrl ? [{ name: 'kurrentdb', kind: 'kurrentdb' as const, open: () => kurrentStore(eventStoreUrl) }] : []),
];


/** Every implementation of the port the read-side and hash-chain suites run on (the in-memory one of the tests too). */
export const portStores: { name: string; make: () => Promise<EventStore<unknown>> }[] = [
  ...testDatabases.map((d) => ({ name: `postgres store on ${d.name}`, make: async () => new PostgresEventStore((await d.open()).db) as EventStore<unknown> })),
  ...contractStores.filter((c) => c.kind === 'kurrentdb').map((c) => ({ name: `KurrentDB store on ${c.name}`, make: async () => (await c.open()).store })),
  { name: 'in-memory store', make: async () => new InMemoryEventStore() as EventStore<unknown> },
];

/** A case about PostgreSQL itself (its transactions, statements, xid8): skipped elsewhere, with the reason in its name. */
export const postgresOnlyOn = (kind: ContractStore['kind']) => (name: string, why: string, fn: () => Promise<void>) =>
  it.skipIf(kind !== 'postgres')(kind === 'postgres' ? name : `${name} — skipped on ${kind}: ${why}`, fn);
