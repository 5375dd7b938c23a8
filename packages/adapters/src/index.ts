export * from './db.js';
export * from './eventStore.js';
export * from './migrate.js';
export * from './readAll.js';
export * from './postgresEventStore.js';
export * from './sequences.js';
export * from './preparedStatements.js';
