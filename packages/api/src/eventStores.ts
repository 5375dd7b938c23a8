/**
 * Where the events live: PostgreSQL's (or PGlite's) own tables, or a KurrentDB / EventStoreDB server
 * named by EVENTSTORE_URL. Read models, checkpoints and the KurrentDB store's event id index stay in
 * the database either way. Every reader sees events upcast to their current shape (`store`); the
 * hash chain, raw events and exports read them as stored (`storedEvents`).
 */
import type { Database, EventStore } from '@oms/adapters';
import { KurrentEventStore, PostgresEventStore, SqlEventIdIndex, upcastingStore } from '@oms/adapters';
import { STREAM_PREFIXES, upcastEvent } from '@oms/domain';

export interface OpenedEventStore {
  readonly kind: 'postgres' | 'kurrent';
  readonly store: EventStore<unknown>;
  readonly storedEvents: EventStore<unknown>;
  /** Lets go of the server connection (nothing for the SQL store: the database is closed by its owner). */
  readonly close: () => Promise<void>;
}

export const openEventStore = (database: Database, eventStoreUrl: string | undefined): OpenedEventStore => {
  if (eventStoreUrl === undefined) {
    const stored = new PostgresEventStore(database.db);
    return { kind: 'postgres', storedEvents: stored, store: upcastingStore(stored, upcastEvent), close: async () => undefined };
  }
  const stored = new KurrentEventStore(eventStoreUrl, { streamPrefixes: STREAM_PREFIXES, index: new SqlEventIdIndex(database.db) });
  return { kind: 'kurrent', storedEvents: stored, store: upcastingStore(stored, upcastEvent), close: () => stored.close() };
};
