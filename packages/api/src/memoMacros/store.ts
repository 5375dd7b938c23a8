/**
 * 매크로 storage: a plain table (team configuration, not order history, so not event-sourced). Each
 * team sees and changes only its own rows: every query is bound to the caller's team, so another
 * team's macro is simply not found.
 */
import { randomUUID } from 'node:crypto';
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import { ApiProblem } from '../problem.js';
import type { Macro, MacroInput } from './schemas.js';
import { MACRO_PLACEHOLDERS } from './schemas.js';

/** A team keeps at most this many (GET /memo-macros lists them all, unpaged). */
export const MACROS_PER_TEAM = 200;

export const memoMacroMigrations: Record<string, Migration> = {
  '0241_memo_macros': {
    up: async (db: Db) => {
      await sql`
        CREATE TABLE memo_macros (
          id uuid PRIMARY KEY,
          team text NOT NULL,
          title text NOT NULL,
          body text NOT NULL,
          position integer NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          created_by text NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now(),
          updated_by text NOT NULL,
          CONSTRAINT memo_macros_team_title_key UNIQUE (team, title)
        )`.execute(db);
      await commentOn(db, 'memo_macros', '매크로: each team\'s saved CS memo templates, inserted into the CS 메모 box with one click.', {
        id: 'The macro (PUT/DELETE /memo-macros/{id}).',
        team: 'The team that shares it (api_keys.team of whoever made it).',
        title: 'The button\'s label; unique within the team.',
        body: 'The memo text; {상품명} and {옵션} are filled in from the order\'s line.',
        position: 'Order among the team\'s macros (smaller first).',
        created_at: 'When it was made.',
        created_by: 'The worker who made it.',
        updated_at: 'When it was last changed.',
        updated_by: 'The worker who changed it last.',
      });
    },
    down: async (db: Db) => {
      await sql`DROP TABLE memo_macros`.execute(db);
    },
  },
};

const COLUMNS = ['id', 'team', 'title', 'body', 'position', 'created_at', 'created_by', 'updated_at', 'updated_by'] as const;
type Row = Record<(typeof COLUMNS)[number], unknown>;

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const macroOf = (r: Row): Macro => ({
  id: String(r.id),
  team: String(r.team),
  title: String(r.title),
  body: String(r.body),
  position: Number(r.position),
  createdAt: iso(r.created_at),
  createdBy: String(r.created_by),
  updatedAt: iso(r.updated_at),
  updatedBy: String(r.updated_by),
});

export const macroNotFound = (id: string): ApiProblem => new ApiProblem(404, 'MACRO_NOT_FOUND', 'Not found', `No memo macro ${id} in your team.`);

const titleTaken = (): ApiProblem =>
  new ApiProblem(409, 'MACRO_TITLE_TAKEN', 'Macro title already used', 'Another macro of your team already has this title.', [{ field: 'title', message: 'already used by another macro of the team' }]);

const isTitleViolation = (error: unknown): boolean => {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return !!e && e.code === '23505' && (e.constraint === undefined || e.constraint === 'memo_macros_team_title_key');
};

const allowed = new Set<string>(MACRO_PLACEHOLDERS);

/** A body holding a `{…}` other than {상품명} and {옵션} is refused (the console could not fill it in). */
export const checkPlaceholders = (body: string): void => {
  for (const [, name] of body.matchAll(/\{([^{}]*)\}/g)) {
    if (!allowed.has(name ?? '')) {
      throw new ApiProblem(422, 'MACRO_PLACEHOLDER_UNKNOWN', 'Unknown placeholder', `A macro may hold only the placeholders ${MACRO_PLACEHOLDERS.map((p) => `{${p}}`).join(' and ')}.`, [
        { field: 'body', message: `only ${MACRO_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')} can be filled in` },
      ]);
    }
  }
};

export const listMacros = async (db: Db, team: string): Promise<Macro[]> =>
  (await db.selectFrom('memo_macros').select(COLUMNS).where('team', '=', team).orderBy('position').orderBy('title').execute()).map(macroOf);

export const createMacro = async (db: Db, team: string, input: MacroInput, by: string): Promise<Macro> => {
  checkPlaceholders(input.body);
  const { rows } = await sql<{ count: number | string; last: number | null }>`SELECT count(*) AS count, max(position) AS last FROM memo_macros WHERE team = ${team}`.execute(db);
  const count = Number(rows[0]?.count ?? 0);
  if (count >= MACROS_PER_TEAM) throw new ApiProblem(409, 'MACRO_LIMIT_REACHED', 'Too many macros', `A team keeps at most ${MACROS_PER_TEAM} macros; delete one first.`);
  const last = rows[0]?.last;
  const row = await db
    .insertInto('memo_macros')
    .values({
      id: randomUUID(),
      team,
      title: input.title,
      body: input.body,
      position: input.position ?? (last === null || last === undefined ? 0 : Number(last) + 1),
      created_by: by,
      updated_by: by,
    })
    .onConflict((oc) => oc.columns(['team', 'title']).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row) throw titleTaken();
  return macroOf(row);
};

export const updateMacro = async (db: Db, team: string, id: string, input: MacroInput, by: string): Promise<Macro> => {
  checkPlaceholders(input.body);
  try {
    const row = await db
      .updateTable('memo_macros')
      .set({ title: input.title, body: input.body, ...(input.position === undefined ? {} : { position: input.position }), updated_by: by, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('team', '=', team)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) throw macroNotFound(id);
    return macroOf(row);
  } catch (error) {
    if (isTitleViolation(error)) throw titleTaken();
    throw error;
  }
};

export const deleteMacro = async (db: Db, team: string, id: string): Promise<void> => {
  const result = await db.deleteFrom('memo_macros').where('id', '=', id).where('team', '=', team).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw macroNotFound(id);
};
