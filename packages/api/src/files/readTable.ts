/**
 * An uploaded spreadsheet as rows of plain cells: .xlsx through exceljs, .csv through csv-parse in
 * whichever encoding Korean spreadsheets are saved in (UTF-8, with or without BOM, or CP949/EUC-KR
 * as Excel's "CSV" writes on a Korean Windows). rows[0] is spreadsheet row 1; an empty row is [] so
 * row numbers stay true; trailing empty cells and rows are dropped.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { columnLetterOf, FileProblem } from './problems.js';

export type Cell = string | number | boolean | Date | null;

export const MAX_ROWS = 100_000;
/** A stray cell far to the right would otherwise make every row that long (xlsx allows 16,384). */
export const MAX_COLUMNS = 1_000;

type Format = 'xlsx' | 'csv';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const extensionOf = (fileName: string): string => /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** The bytes decide when they are a zip (a .csv that is really an .xlsx); otherwise the extension. */
const formatOf = (file: Buffer, fileName: string): Format => {
  if (file.subarray(0, 4).equals(ZIP)) return 'xlsx';
  const extension = extensionOf(fileName);
  if (file.subarray(0, 4).equals(OLE) || extension === 'xls') {
    throw new FileProblem('UNSUPPORTED_FILE', 'This is an old Excel 97-2003 (.xls) file: open it in Excel and save it as .xlsx, or as CSV.');
  }
  if (extension === 'csv') return 'csv';
  if (extension === 'xlsx') throw new FileProblem('UNREADABLE_FILE', 'The file is named .xlsx but is not an Excel workbook.');
  throw new FileProblem('UNSUPPORTED_FILE', `Only .xlsx and .csv files can be read${extension ? `, not .${extension}` : ''}.`);
};

/** Only-whitespace is as good as empty; any other text is kept exactly (no trimming). */
const textCell = (text: string): Cell => (text.trim() === '' ? null : text);

/** Trailing empty cells are dropped, so a row with nothing in it is []. */
const trimRow = (row: Cell[]): Cell[] => {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  return end === row.length ? row : row.slice(0, end);
};

const checkWidth = (row: readonly Cell[], rowNumber: number): void => {
  if (row.length > MAX_COLUMNS) {
    throw new FileProblem('TOO_MANY_COLUMNS', `Row ${rowNumber} has a value in column ${columnLetterOf(row.length - 1)}; at most ${MAX_COLUMNS} columns are read.`, rowNumber, columnLetterOf(row.length - 1));
  }
};

const tooManyRows = () => new FileProblem('TOO_MANY_ROWS', `The file has more than ${MAX_ROWS.toLocaleString('en')} rows; split it into smaller files.`, MAX_ROWS + 1);

const limited = (rows: Cell[][]): Cell[][] => {
  if (rows.length > MAX_ROWS) throw tooManyRows();
  return rows;
};

const withoutTrailingEmptyRows = (rows: Cell[][]): Cell[][] => {
  let end = rows.length;
  while (end > 0 && rows[end - 1]?.length === 0) end--;
  return rows.slice(0, end);
};

// ── xlsx ────────────────────────────────────────────────────────────────────────────────────────

const richTextOf = (value: { richText: readonly { text: string }[] }): string => value.richText.map((r) => r.text).join('');

/** A cell as the sheet shows it: a formula's cached result, a link's text, rich text as plain text. */
const xlsxCell = (value: CellValue): Cell => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return textCell(richTextOf(value));
  if ('hyperlink' in value) {
    // exceljs types the link's text as a string, but a link over rich text carries the rich text.
    const text: unknown = value.text;
    return typeof text === 'string' ? textCell(text) : typeof text === 'object' && text !== null && 'richText' in text ? xlsxCell(text as CellValue) : null;
  }
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : xlsxCell(value.result);
  // An error value (#N/A, #REF!…) is shown as its text, so a reader refuses it with that text.
  if ('error' in value) return value.error;
  return null;
};

const readXlsx = async (file: Buffer): Promise<Cell[][]> => {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's own Buffer type predates node's generic Buffer.
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new FileProblem('UNREADABLE_FILE', 'The file is not a readable Excel workbook (.xlsx); it may be damaged or password-protected.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileProblem('UNREADABLE_FILE', 'The workbook has no worksheet.');
  if (sheet.actualRowCount > MAX_ROWS) throw tooManyRows();
  const rows: Cell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    const cells: Cell[] = [];
    for (let c = 1; row && c <= Math.min(row.cellCount, MAX_COLUMNS + 1); c++) {
      const cell = row.findCell(c);
      // A merged range's value is its top-left cell's; the others are blank, as the sheet shows them.
      cells.push(!cell || (cell.isMerged && cell.master !== cell) ? null : xlsxCell(cell.value));
    }
    const trimmed = trimRow(cells);
    checkWidth(trimmed, r);
    rows.push(trimmed);
  }
  return limited(withoutTrailingEmptyRows(rows));
};

// ── csv ─────────────────────────────────────────────────────────────────────────────────────────

/** UTF-8 when the bytes are valid UTF-8 (BOM or not); otherwise CP949, a superset of EUC-KR. */
const decodeCsv = (file: Buffer): string => {
  const bytes = file.subarray(0, 3).equals(UTF8_BOM) ? file.subarray(3) : file;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'cp949');
    // Not CP949 either: bytes it cannot map become U+FFFD.
    if (text.includes('\uFFFD')) throw new FileProblem('UNREADABLE_FILE', 'The CSV file is neither UTF-8 nor EUC-KR (CP949) text.');
  }
  if (text.includes('\u0000')) throw new FileProblem('UNREADABLE_FILE', 'The CSV file holds binary data, not text.');
  return text;
};

/** Our words for csv-parse's errors: its own messages quote the file's content. */
const CSV_ERRORS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by more text',
  CSV_MAX_RECORD_SIZE: 'a row is too long',
};

const readCsv = (file: Buffer): Cell[][] => {
  const text = decodeCsv(file);
  let records: string[][];
  try {
    // `to` stops reading one record past the limit: enough to know it is exceeded.
    records = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, to: MAX_ROWS + 1 });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = ((error as CsvError & { records?: number }).records ?? 0) + 1;
    throw new FileProblem('UNREADABLE_FILE', `The CSV file cannot be read at row ${row}: ${CSV_ERRORS[error.code] ?? 'it is not well-formed CSV'}.`, row);
  }
  // Counted before blank lines at the end are dropped: what was read had to stop somewhere.
  if (records.length > MAX_ROWS) throw tooManyRows();
  const rows = records.map((record, i) => {
    const row = trimRow(record.map(textCell));
    checkWidth(row, i + 1);
    return row;
  });
  return withoutTrailingEmptyRows(rows);
};

export const readTable = async (file: Buffer, fileName: string): Promise<Cell[][]> =>
  formatOf(file, fileName) === 'xlsx' ? readXlsx(file) : readCsv(file);
