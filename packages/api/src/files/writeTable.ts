/**
 * A download: one sheet of rows as .xlsx (exceljs) or as CSV (csv-stringify, UTF-8 with a BOM so
 * that Excel opens 한글 correctly rather than guessing CP949). Dates are shown in Seoul time.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Cell } from './readTable.js';
import { SEOUL, wallClockOf, wallClockText } from './wallTime.js';

export type TableFormat = 'xlsx' | 'csv';

export interface TableColumn {
  readonly header: string;
  readonly key: string;
  /** In characters, as Excel measures a column. */
  readonly width?: number;
}

/** A CSV opened in Excel runs a cell starting with these as a formula (CSV injection): it gets a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

const csvText = (value: Cell): string => {
  if (value === null) return '';
  if (value instanceof Date) return wallClockText(wallClockOf(value, SEOUL));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
};

const writeCsv = (columns: readonly TableColumn[], rows: readonly Record<string, Cell>[]): Buffer =>
  Buffer.from(
    stringify([columns.map((c) => csvText(c.header)), ...rows.map((row) => columns.map((c) => csvText(row[c.key] ?? null)))], { bom: true, record_delimiter: 'windows' }),
    'utf8',
  );

const writeXlsx = async (sheetName: string, columns: readonly TableColumn[], rows: readonly Record<string, Cell>[]): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, ...(c.width === undefined ? {} : { width: c.width }) }));
  sheet.getRow(1).font = { bold: true };
  for (const values of rows) {
    const row = sheet.addRow(columns.map((c) => {
      const value = values[c.key] ?? null;
      // exceljs writes a Date's UTC fields as the cell's digits.
      return value instanceof Date ? wallClockOf(value, SEOUL) : value;
    }));
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

export const writeTable = async (format: TableFormat, sheetName: string, columns: readonly TableColumn[], rows: readonly Record<string, Cell>[]): Promise<Buffer> =>
  format === 'xlsx' ? writeXlsx(sheetName, columns, rows) : writeCsv(columns, rows);

export const contentTypeOf = (format: TableFormat): string =>
  format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';

/** RFC 5987 percent-encoding: encodeURIComponent leaves ' ( ) * as they are, which attr-char does not allow. */
const rfc5987 = (text: string): string => encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The Content-Disposition value for a download named `base` (취소내역_20261201): an ASCII name for
 * old clients and the UTF-8 name in filename* for the rest. Path separators, control characters and lone surrogates
 * never reach the header.
 */
export const fileNameOf = (base: string, format: TableFormat): string => {
  // A leading dot would make a hidden file.
  const stem = base.replace(/[\p{Cc}\p{Cs}/\\]/gu, '_').replace(/^[\s.]+|\s+$/g, '') || 'download';
  const asciiStem = stem.replace(/[^\w.-]+/g, '_').replace(/^[_.]+|_+$/g, '') || 'download';
  return `attachment; filename="${asciiStem}.${format}"; filename*=UTF-8''${rfc5987(`${stem}.${format}`)}`;
};
