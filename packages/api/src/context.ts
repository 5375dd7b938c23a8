import type { Database, Db, EventStore } from '@oms/adapters';
import type { Carrier } from '@oms/domain';
import type { ProjectionRunner } from '@oms/projections';
import type { ApiKeys } from './auth.js';
import type { Limits } from './limits.js';
import type { OrderCommandHandler } from './orders/commandHandler.js';

/** Everything a route needs, wired once at start. */
export interface AppContext {
  readonly database: Database;
  readonly db: Db;
  /** The event store as deciders, projections and views read it: every event upcast to its current shape. */
  readonly store: EventStore;
  /** The same store, events as stored (raw events for auditors, the hash chain, exports). */
  readonly storedEvents: EventStore;
  readonly runner: ProjectionRunner;
  readonly orders: OrderCommandHandler;
  readonly apiKeys: ApiKeys;
  readonly carriers: readonly Carrier[];
  readonly limits: Limits;
}
