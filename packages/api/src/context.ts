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
  readonly store: EventStore;
  readonly runner: ProjectionRunner;
  readonly orders: OrderCommandHandler;
  readonly apiKeys: ApiKeys;
  readonly carriers: readonly Carrier[];
  readonly limits: Limits;
}
