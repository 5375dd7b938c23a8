/**
 * One ordered set of migrations for the whole schema: the event store's here, the read models'
 * handed in by packages/projections and the API's own (keys), merged by name.
 */
import { Migrator } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import type { Db } from './db.js';
import * as eventStore from './migrations/0001_event_store.js';

export const eventStoreMigrations: Record<string, Migration> = {
  '0001_event_store': eventStore,
};

export const migrateToLatest = async (db: Db, ...more: Record<string, Migration>[]): Promise<void> => {
  const all = Object.assign({}, eventStoreMigrations, ...more) as Record<string, Migration>;
  const provider: MigrationProvider = { getMigrations: async () => all };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};
