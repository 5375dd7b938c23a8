/** A view as a download: its sheet name, Korean headers with widths, and how a row fills them (one way for every view). */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Cell } from './readTable.js';
import type { TableColumn, TableFormat } from './writeTable.js';
import { contentTypeOf, fileNameOf, writeTable } from './writeTable.js';

/** ?format= of every list that downloads. */
export const exportFormat = z.enum(['json', 'xlsx', 'csv']).default('json').describe('json (the page), or xlsx / csv: every row the filters match, with the screen\'s Korean headers');

export interface ExportDef<R> {
  readonly sheet: string;
  /** [header, width] per column. */
  readonly columns: readonly (readonly [string, number])[];
  readonly cells: (row: R) => Cell[];
}

/** An instant as a spreadsheet date cell (null stays empty). */
export const dateCell = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Sends the rows as the file; the name carries the view and the day (Seoul). */
export const sendTable = async <R>(reply: FastifyReply, def: ExportDef<R>, format: TableFormat, rows: readonly R[]) => {
  const columns: TableColumn[] = def.columns.map(([header, width], i) => ({ header, key: String(i), width }));
  const records = rows.map((row) => Object.fromEntries(def.cells(row).map((cell, i) => [String(i), cell])));
  const day = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = await writeTable(format, def.sheet, columns, records);
  return reply.header('Content-Type', contentTypeOf(format)).header('Content-Disposition', fileNameOf(`${def.sheet}_${day}`, format)).send(body);
};
