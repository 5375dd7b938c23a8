/**
 * Reading one cell as a value, the way a spreadsheet holds it: identifiers that became numbers,
 * counts written '1,000', dates as date cells or as any of the texts channels export. Each reader
 * throws a CellProblem (without echoing the value); readField adds where the cell is, so an import
 * can report row by row. Pure: no clock.
 */
import type { Cell } from './readTable.js';
import type { MappedColumn, MappedRecord } from './mapRows.js';
import { CellProblem } from './problems.js';
import { instantOfWallClock, isoAt, SEOUL } from './wallTime.js';

export type CellReader<T> = (cell: Cell) => T;

const empty = () => new CellProblem('CELL_EMPTY', 'is empty');

/** Excel keeps 15 significant digits: a longer number in a number cell has already lost its last ones. */
const EXACT_DIGITS = 1e15;

/** Text with its ends trimmed (spaces there are invisible in a sheet); a whole number as its digits, never 1.23E+11. */
export const textOf: CellReader<string> = (cell) => {
  if (cell === null) throw empty();
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell)) throw new CellProblem('NOT_TEXT', 'is a decimal number, not text or a whole number');
    if (Math.abs(cell) >= EXACT_DIGITS) throw new CellProblem('NOT_TEXT', 'is a number too long for a spreadsheet to keep exactly (over 15 digits): format the column as text');
    return String(cell);
  }
  throw new CellProblem('NOT_TEXT', typeof cell === 'boolean' ? 'is TRUE/FALSE, not text' : 'is a date, not text');
};

const INTEGER = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;

/** A whole number ≥ 0: 2, '2' or '1,000' (no sign, no unit, no decimals). */
export const integerOf: CellReader<number> = (cell) => {
  if (cell === null) throw empty();
  const value = typeof cell === 'number' ? cell : typeof cell === 'string' && INTEGER.test(cell.trim()) ? Number(cell.trim().replaceAll(',', '')) : NaN;
  if (!Number.isSafeInteger(value) || value < 0) throw new CellProblem('NOT_INTEGER', 'is not a whole number (digits, optionally with thousands commas)');
  return value;
};

// ── dates ───────────────────────────────────────────────────────────────────────────────────────

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
  /** Minutes east of UTC when the text carries an offset; otherwise the wall clock is at the reader's zone. */
  readonly offset: number | null;
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/;
// 2026-12-01, 2026.12.01 11:00, 2026/12/01 11:00:00, 2026-12-01T11:00:00.5+09:00, 2026-12-01 오후 3:00:00 (Korean Excel's CSV).
const SEPARATED = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(?:(오전|오후)\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

const offsetOf = (text: string | undefined): number | null | undefined => {
  if (text === undefined) return null;
  if (text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};

const hourOf = (meridiem: string | undefined, hour: number): number => {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return NaN;
  return (hour % 12) + (meridiem === '오후' ? 12 : 0);
};

const partsOf = (text: string): Parts | null => {
  const compact = COMPACT.exec(text);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    return { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0), ms: 0, offset: null };
  }
  const m = SEPARATED.exec(text);
  if (!m) return null;
  const [, y, , mo, d, meridiem, h, mi, s, fraction, zone] = m;
  const offset = offsetOf(zone);
  if (offset === undefined) return null;
  return {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: hourOf(meridiem, Number(h ?? 0)),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    // Digits past milliseconds are dropped.
    ms: Number((fraction ?? '').padEnd(3, '0').slice(0, 3)),
    offset,
  };
};

/** Day 0 of the next month is the last of this one. */
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The parts as an instant, or null when they name no real time (2026-02-30, 24:00). */
const instantOf = (p: Parts, zone: string): Date | null => {
  const valid =
    p.year >= 1900 && p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= daysIn(p.year, p.month) && p.hour >= 0 && p.hour <= 23 && p.minute <= 59 && p.second <= 59;
  if (!valid) return null;
  const wall = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms));
  return p.offset === null ? instantOfWallClock(wall, zone) : new Date(wall.getTime() - p.offset * 60_000);
};

const notDateTime = (why = 'is not a date and time (e.g. 2026-12-01 11:00, 2026.12.01, 20261201110000)') => new CellProblem('NOT_DATE_TIME', why);

/**
 * ISO-8601 at `zone` (2026-12-01T11:00:00+09:00). A date cell's digits, and a text without an offset,
 * are wall-clock time at `zone`; a text with an offset or Z keeps its instant. A date alone is midnight.
 */
export const dateTimeOf = (cell: Cell, zone: string = SEOUL): string => {
  if (cell === null) throw empty();
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) throw notDateTime();
    // A time-of-day cell (hh:mm) is a date on Excel's day 0, 1899-12-30.
    if (cell.getUTCFullYear() < 1900) throw notDateTime('is a time of day without a date');
    return isoAt(instantOfWallClock(cell, zone), zone);
  }
  // A number cell of 8 or 14 digits is 20261201 or 20261201110000 typed into a General cell.
  const text = typeof cell === 'string' ? cell.trim() : typeof cell === 'number' && Number.isSafeInteger(cell) ? String(cell) : null;
  const parts = text === null ? null : partsOf(text);
  const instant = parts && instantOf(parts, zone);
  if (!instant) throw notDateTime();
  return isoAt(instant, zone);
};

/** A reader that lets an empty cell through as null (an optional column). */
export const optional =
  <T>(reader: CellReader<T>): CellReader<T | null> =>
  (cell) => (cell === null ? null : reader(cell));

/** One field of a record through a reader; a CellProblem gets the record's row, the field's column and name. */
export const readField = <T>(record: MappedRecord, header: readonly MappedColumn[], field: string, reader: CellReader<T>): T => {
  try {
    return reader(record.values[field] ?? null);
  } catch (error) {
    if (!(error instanceof CellProblem)) throw error;
    throw new CellProblem(error.code, error.message, record.row, header.find((h) => h.field === field)?.column, field);
  }
};
