import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './mapRows.js';
import { mapRows } from './mapRows.js';
import { FileProblem } from './problems.js';
import type { Cell } from './readTable.js';
import { readTable } from './readTable.js';

const CANCELLATIONS: ColumnMapping = {
  headerRow: 2,
  columns: {
    orderNo: '주문번호',
    lineNo: '상품주문번호',
    quantity: ['취소수량', '클레임수량'],
    reason: ['클레임사유', '취소사유'],
    cancelledAt: '취소일',
    memo: '메모',
  },
};
const REQUIRED = ['orderNo', 'lineNo', 'quantity', 'cancelledAt'] as const;

const problemOf = (f: () => unknown): FileProblem => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(FileProblem);
    return error as FileProblem;
  }
  throw new Error('expected a FileProblem');
};

describe('mapRows', () => {
  it('maps an EUC-KR channel file below its notice row, by the alternative header it uses', async () => {
    const csv = '[공지] 취소 요청 목록,,,,\r\n주문번호,상품주문번호,클레임수량,취소사유,취소일\r\n2026120100001,P-1,1,단순 변심,2026-12-01 11:00\r\n,,,,\r\n\r\n2026120100002,P-2,2,,20261202\r\n';
    const { header, records } = mapRows(await readTable(iconv.encode(csv, 'euc-kr'), '11st.csv'), CANCELLATIONS, REQUIRED);
    expect(header).toEqual([
      { field: 'orderNo', column: 'A', header: '주문번호' },
      { field: 'lineNo', column: 'B', header: '상품주문번호' },
      { field: 'quantity', column: 'C', header: '클레임수량' },
      { field: 'reason', column: 'D', header: '취소사유' },
      { field: 'cancelledAt', column: 'E', header: '취소일' },
    ]);
    // Blank rows are skipped, row numbers are the spreadsheet's, an absent optional column is null.
    expect(records).toEqual([
      { row: 3, values: { orderNo: '2026120100001', lineNo: 'P-1', quantity: '1', reason: '단순 변심', cancelledAt: '2026-12-01 11:00', memo: null } },
      { row: 6, values: { orderNo: '2026120100002', lineNo: 'P-2', quantity: '2', reason: null, cancelledAt: '20261202', memo: null } },
    ]);
  });

  it('matches headers trimmed, with whitespace collapsed, latin case ignored and 한글 composed', () => {
    const decomposed = '주문번호'.normalize('NFD');
    expect(decomposed).not.toBe('주문번호');
    const table: Cell[][] = [[` ${decomposed} `, '상품\n주문번호', 'Cancel  QTY', '취소일'], ['1', '2', '3', '4']];
    const mapping: ColumnMapping = { headerRow: 1, columns: { orderNo: '주문번호', lineNo: '상품 주문번호', quantity: ['cancel qty'], cancelledAt: '취소일' } };
    const { header, records } = mapRows(table, mapping, REQUIRED);
    expect(header.map((h) => [h.field, h.column, h.header])).toEqual([
      ['orderNo', 'A', ` ${decomposed} `],
      ['lineNo', 'B', '상품\n주문번호'],
      ['quantity', 'C', 'Cancel  QTY'],
      ['cancelledAt', 'D', '취소일'],
    ]);
    expect(records[0]?.values).toEqual({ orderNo: '1', lineNo: '2', quantity: '3', cancelledAt: '4' });
  });

  it('the first alternative found wins; a repeated header is read from its leftmost column', () => {
    const table: Cell[][] = [['클레임수량', '주문번호', '취소수량', '주문번호'], [9, 'a', 1, 'b']];
    const { records } = mapRows(table, { headerRow: 1, columns: { orderNo: '주문번호', quantity: ['취소수량', '클레임수량'] } }, ['orderNo', 'quantity']);
    expect(records[0]?.values).toEqual({ orderNo: 'a', quantity: 1 });
  });

  it('columns far right and beyond a short row are null; a row with data only outside the mapping is kept', () => {
    const table: Cell[][] = [['주문번호', 'x', '취소수량'], ['a'], [null, '합계']];
    const { records } = mapRows(table, { headerRow: 1, columns: { orderNo: '주문번호', quantity: '취소수량' } }, []);
    expect(records).toEqual([
      { row: 2, values: { orderNo: 'a', quantity: null } },
      { row: 3, values: { orderNo: null, quantity: null } },
    ]);
  });

  it('a required column not found is COLUMN_NOT_FOUND naming each field, the headers tried and the header row', () => {
    const table: Cell[][] = [['공지'], ['주문번호', '수량', '취소일']];
    const problem = problemOf(() => mapRows(table, CANCELLATIONS, REQUIRED));
    expect([problem.code, problem.status, problem.row]).toEqual(['COLUMN_NOT_FOUND', 422, 2]);
    expect(problem.errors).toEqual([
      { field: 'lineNo', message: "no column headed '상품주문번호' in row 2" },
      { field: 'quantity', message: "no column headed '취소수량' or '클레임수량' in row 2" },
    ]);
    expect(problem.message).toContain('header row 2');
    // The headers were in row 2, not row 1: the notice row is never taken for them.
    expect(problemOf(() => mapRows(table, { ...CANCELLATIONS, headerRow: 1 }, ['orderNo'])).errors).toEqual([{ field: 'orderNo', message: "no column headed '주문번호' in row 1" }]);
    // A header row past the end of the table finds nothing.
    expect(problemOf(() => mapRows(table, { ...CANCELLATIONS, headerRow: 9 }, ['orderNo'])).code).toBe('COLUMN_NOT_FOUND');
  });

  it('a required field the mapping does not know, or a header row that is no row number, is a programming error', () => {
    expect(() => mapRows([], CANCELLATIONS, ['nope'])).toThrow(/nope/);
    expect(() => mapRows([], { ...CANCELLATIONS, headerRow: 0 }, [])).toThrow(/headerRow/);
  });
});
