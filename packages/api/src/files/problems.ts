/**
 * What can be wrong with an uploaded spreadsheet: the file as a whole (FileProblem) or one cell
 * (CellProblem, so an import can report row by row). Both are ApiProblems, so one that escapes a
 * handler still answers problem+json with its code, never a 500.
 */
import type { FieldError } from '../problem.js';
import { ApiProblem } from '../problem.js';

export type FileProblemCode = 'UNSUPPORTED_FILE' | 'UNREADABLE_FILE' | 'TOO_MANY_ROWS' | 'TOO_MANY_COLUMNS' | 'COLUMN_NOT_FOUND';

export class FileProblem extends ApiProblem {
  constructor(
    override readonly code: FileProblemCode,
    message: string,
    /** 1-based spreadsheet row. */
    readonly row?: number,
    /** Column letter: 'A', 'B', … */
    readonly column?: string,
    errors: readonly FieldError[] = [],
  ) {
    super(code === 'UNSUPPORTED_FILE' ? 415 : 422, code, code === 'UNSUPPORTED_FILE' ? 'Unsupported file' : 'File not usable', message, errors, {
      ...(row === undefined ? {} : { row }),
      ...(column === undefined ? {} : { column }),
    });
    this.name = 'FileProblem';
  }
}

export type CellProblemCode = 'CELL_EMPTY' | 'NOT_TEXT' | 'NOT_INTEGER' | 'NOT_DATE_TIME';

export class CellProblem extends ApiProblem {
  constructor(
    override readonly code: CellProblemCode,
    message: string,
    /** Where the cell is; the readers leave these out and readField fills them in. */
    readonly row?: number,
    readonly column?: string,
    readonly field?: string,
  ) {
    super(422, code, 'Invalid cell', message, field === undefined ? [] : [{ field, message }], {
      ...(row === undefined ? {} : { row }),
      ...(column === undefined ? {} : { column }),
    });
    this.name = 'CellProblem';
  }
}

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export const columnLetterOf = (index: number): string => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};
