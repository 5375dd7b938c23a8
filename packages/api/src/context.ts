import type { Database, Db, EventStore } from '@oms/adapters';
import type { Carrier } from '@oms/domain';
import type { ProjectionRunner } from '@oms/projections';
import type { ApiKeys } from './auth.js';
import type { Limits } from './limits.js';
import type { OrderCommandHandler } from './orders/commandHandler.js';

/**
 * A position in the event store that runs, PostgreSQL's or KurrentDB's (EVENTSTORE_URL): opaque to
 * routes, compared only through store.positions and encoded by it where one is shown.
 */
export type StorePosition = unknown;

/** Everything a route needs, wired once at start. */
export interface AppContext {
  readonly database: Database;
  readonly db: Db;
  /** The event store as deciders, projections and views read it: every event upcast to its current shape. */
  readonly store: EventStore<StorePosition>;
  /** The same store, events as stored (raw events for auditors, the hash chain, exports). */
  readonly storedEvents: EventStore<StorePosition>;
  /** Where the events live: PostgreSQL's own tables (the database above) or a KurrentDB server (EVENTSTORE_URL). */
  readonly eventStoreKind: 'postgres' | 'kurrent';
  readonly runner: ProjectionRunner<StorePosition>;
  readonly orders: OrderCommandHandler<StorePosition>;
  readonly apiKeys: ApiKeys;
  readonly carriers: readonly Carrier[];
  readonly limits: Limits;
}
