/**
 * A table's rows as records of named fields, found by their header text. Channels name the same
 * column differently (취소수량 / 클레임수량), so a field may list several header names; rows above
 * the header row (a channel's notice) are ignored.
 */
import type { Cell } from './readTable.js';
import { columnLetterOf, FileProblem } from './problems.js';

export interface ColumnMapping {
  /** 1-based spreadsheet row holding the headers. */
  readonly headerRow: number;
  /** field → its header name, or the alternatives (the first one found wins). */
  readonly columns: Readonly<Record<string, string | readonly string[]>>;
}

export interface MappedColumn {
  readonly field: string;
  /** 'A', 'B', … */
  readonly column: string;
  /** The header as the file writes it. */
  readonly header: string;
}

export interface MappedRecord {
  /** 1-based spreadsheet row. */
  readonly row: number;
  /** Every mapped field; a field whose column the file lacks is null. */
  readonly values: Record<string, Cell>;
}

export interface MappedRows {
  readonly header: readonly MappedColumn[];
  readonly records: readonly MappedRecord[];
}

/** Headers match after trimming, collapsing whitespace, NFC (a Mac may write 한글 decomposed) and ignoring latin case. */
const keyOf = (header: string): string => header.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

const headerText = (cell: Cell | undefined): string | null =>
  typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : null;

const namesOf = (names: string | readonly string[]): readonly string[] => (typeof names === 'string' ? [names] : names);

export const mapRows = (table: readonly (readonly Cell[])[], mapping: ColumnMapping, required: readonly string[]): MappedRows => {
  const { headerRow, columns } = mapping;
  if (!Number.isInteger(headerRow) || headerRow < 1) throw new Error(`headerRow must be a 1-based row number, not ${headerRow}`);
  const unknown = required.filter((field) => !Object.hasOwn(columns, field));
  if (unknown.length > 0) throw new Error(`Required fields missing from the mapping: ${unknown.join(', ')}`);

  // The first column with each header text (a repeated header is read from its leftmost column).
  const indexByKey = new Map<string, number>();
  (table[headerRow - 1] ?? []).forEach((cell, index) => {
    const text = headerText(cell);
    if (text !== null && !indexByKey.has(keyOf(text))) indexByKey.set(keyOf(text), index);
  });

  const found: { field: string; index: number }[] = [];
  const missing: { field: string; names: readonly string[] }[] = [];
  for (const [field, names] of Object.entries(columns)) {
    const index = namesOf(names)
      .map((name) => indexByKey.get(keyOf(name)))
      .find((i) => i !== undefined);
    if (index !== undefined) found.push({ field, index });
    else if (required.includes(field)) missing.push({ field, names: namesOf(names) });
  }
  if (missing.length > 0) {
    const errors = missing.map(({ field, names }) => ({ field, message: `no column headed ${names.map((n) => `'${n}'`).join(' or ')} in row ${headerRow}` }));
    throw new FileProblem('COLUMN_NOT_FOUND', `Columns not found in header row ${headerRow}: ${errors.map((e) => `${e.field} (${e.message})`).join('; ')}.`, headerRow, undefined, errors);
  }

  const header = found.map(({ field, index }) => ({ field, column: columnLetterOf(index), header: headerText(table[headerRow - 1]?.[index]) ?? '' }));
  const records: MappedRecord[] = [];
  for (let i = headerRow; i < table.length; i++) {
    const row = table[i] ?? [];
    if (row.every((cell) => cell === null)) continue;
    const values: Record<string, Cell> = {};
    for (const field of Object.keys(columns)) values[field] = null;
    for (const { field, index } of found) values[field] = row[index] ?? null;
    records.push({ row: i + 1, values });
  }
  return { header, records };
};
