/**
 * Rebuild into a fresh table and swap it in (ProjectionRunner.rebuild). `CREATE TABLE … (LIKE t
 * INCLUDING ALL)` copies columns, defaults, constraints, indexes and the columns' comments, but names
 * the indexes after the new table and copies neither the table's comment, its grants nor its
 * triggers: the swap puts those back, so analysts and later migrations find the table as its migrations left it.
 */
import type { Db } from '@oms/adapters';
import { sql } from 'kysely';

const randomSuffix = (): string => Math.random().toString(36).slice(2, 8).padEnd(6, '0');

/**
 * A new empty table shaped like `table`, named `<table>__rebuild_<random>` (two rebuilds at once
 * never share one; a process that dies mid-rebuild leaves its table behind, safe to drop).
 */
export const createFreshTable = async (db: Db, table: string): Promise<string> => {
  const fresh = `${table}__rebuild_${randomSuffix()}`;
  await sql`CREATE TABLE ${sql.table(fresh)} (LIKE ${sql.table(table)} INCLUDING ALL)`.execute(db);
  return fresh;
};

export const dropTable = async (db: Db, table: string): Promise<void> => {
  await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
};

interface IndexRow {
  name: string;
  def: string;
}

const indexesOf = async (trx: Db, table: string): Promise<IndexRow[]> => {
  const { rows } = await sql<IndexRow>`
    SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = ${table}::regclass
     ORDER BY c.relname`.execute(trx);
  return rows;
};

interface ConstraintRow {
  name: string;
  type: string;
  def: string;
}

/** Constraints not backed by an index (those follow their index's name): checks, and NOT NULL on PostgreSQL 18. */
const constraintsOf = async (trx: Db, table: string): Promise<ConstraintRow[]> => {
  const { rows } = await sql<ConstraintRow>`
    SELECT conname AS name, contype::text AS type, pg_get_constraintdef(oid) AS def
      FROM pg_constraint
     WHERE conrelid = ${table}::regclass AND conindid = 0
     ORDER BY conname`.execute(trx);
  return rows;
};

/** An index's definition without its name and table: "u|USING btree (status, placed_at DESC) WHERE …". */
const shapeOf = (def: string): string => `${def.startsWith('CREATE UNIQUE') ? 'u' : ''}|${def.slice(def.indexOf(' USING '))}`;

/**
 * Inside the caller's transaction: drops `table` and renames `fresh` to it, then gives each index the
 * name its twin had on the old table (a primary key's constraint follows its index's name), and puts
 * back the table's comment and the grants to other roles. Readers blocked on the old table while this
 * commits go on with the new one (PostgreSQL looks the name up again once it gets the lock).
 */
export const swapIn = async (trx: Db, fresh: string, table: string): Promise<void> => {
  const oldIndexes = await indexesOf(trx, table);
  const freshIndexes = await indexesOf(trx, fresh);
  const oldConstraints = await constraintsOf(trx, table);
  const freshConstraints = await constraintsOf(trx, fresh);
  const { rows: comments } = await sql<{ comment: string | null }>`SELECT obj_description(${table}::regclass, 'pg_class') AS comment`.execute(trx);
  const { rows: grants } = await sql<{ grantee: string; privilege: string }>`
    SELECT grantee, privilege_type AS privilege FROM information_schema.role_table_grants
     WHERE table_schema = current_schema() AND table_name = ${table} AND grantee <> current_user`.execute(trx);

  // LIKE copies no triggers: each is made again, as it was, on the table that takes the name.
  const { rows: triggers } = await sql<{ def: string }>`
    SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = ${table}::regclass AND NOT tgisinternal ORDER BY tgname`.execute(trx);

  await sql`DROP TABLE ${sql.table(table)}`.execute(trx);
  await sql`ALTER TABLE ${sql.table(fresh)} RENAME TO ${sql.table(table)}`.execute(trx);
  const unclaimed = [...freshIndexes];
  for (const old of oldIndexes) {
    const i = unclaimed.findIndex((f) => shapeOf(f.def) === shapeOf(old.def));
    const twin = unclaimed[i];
    if (!twin) throw new Error(`Rebuild of ${table}: no copy of index ${old.name}.`);
    unclaimed.splice(i, 1);
    await sql`ALTER INDEX ${sql.id(twin.name)} RENAME TO ${sql.id(old.name)}`.execute(trx);
  }
  // LIKE keeps CHECK constraints' names but names NOT NULL ones (PostgreSQL 18) after the new table.
  const unnamed = freshConstraints.filter((f) => !oldConstraints.some((o) => o.name === f.name));
  for (const old of oldConstraints) {
    if (freshConstraints.some((f) => f.name === old.name)) continue;
    const i = unnamed.findIndex((f) => f.type === old.type && f.def === old.def);
    const twin = unnamed[i];
    if (!twin) throw new Error(`Rebuild of ${table}: no copy of constraint ${old.name}.`);
    unnamed.splice(i, 1);
    await sql`ALTER TABLE ${sql.table(table)} RENAME CONSTRAINT ${sql.id(twin.name)} TO ${sql.id(old.name)}`.execute(trx);
  }
  for (const { def } of triggers) await sql.raw(def).execute(trx);
  const comment = comments[0]?.comment;
  if (comment != null) await sql`COMMENT ON TABLE ${sql.table(table)} IS ${sql.lit(comment)}`.execute(trx);
  for (const { grantee, privilege } of grants) {
    if (!/^[A-Z ]+$/.test(privilege)) continue;
    await sql`GRANT ${sql.raw(privilege)} ON ${sql.table(table)} TO ${grantee === 'PUBLIC' ? sql.raw('PUBLIC') : sql.id(grantee)}`.execute(trx);
  }
};
