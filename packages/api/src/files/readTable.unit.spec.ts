import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FileProblem } from './problems.js';
import { MAX_COLUMNS, MAX_ROWS, readTable } from './readTable.js';

/** A channel's cancellation workbook: a merged notice row above the headers, then the rows. */
const channelWorkbook = async (): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('취소요청');
  sheet.addRow(['※ 취소 요청 건은 3일 이내 처리해 주세요']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['주문번호', '상품주문번호', '취소수량', '클레임사유', '취소일', '링크']);
  sheet.addRow([
    123456789012,
    '2026120112345678',
    { formula: 'LEN("ab")', result: 2 },
    { richText: [{ text: '단순', font: { bold: true } }, { text: ' 변심 ' }] },
    new Date(Date.UTC(2026, 11, 1, 11, 0, 0)),
    { text: '주문상세', hyperlink: 'https://example.com/orders/1' },
  ]);
  sheet.getCell('E3').numFmt = 'yyyy-mm-dd hh:mm';
  sheet.addRow([]);
  sheet.addRow(['   ', 'P-2', { formula: 'A3/0', result: { error: '#DIV/0!' } }, null, { formula: 'E3+1', result: new Date(Date.UTC(2026, 11, 2, 11, 0, 0)) }]);
  sheet.getCell('E5').numFmt = 'yyyy-mm-dd hh:mm';
  sheet.addRow([true, false]);
  // Formatting only, below the data: not rows.
  sheet.getCell('A9').numFmt = '@';
  sheet.getCell('B12').font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

const problemOf = async (file: Buffer, name: string): Promise<FileProblem> => {
  const error: unknown = await readTable(file, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileProblem);
  return error as FileProblem;
};

describe('readTable: .xlsx', () => {
  it('reads the first sheet as the cells show: numbers, dates, formula results, rich text and links as text, blanks null', async () => {
    const rows = await readTable(await channelWorkbook(), '취소요청_20261201.xlsx');
    expect(rows[0]).toEqual(['※ 취소 요청 건은 3일 이내 처리해 주세요']);
    expect(rows[1]).toEqual(['주문번호', '상품주문번호', '취소수량', '클레임사유', '취소일', '링크']);
    // A date cell's Date carries the wall-clock digits in its UTC fields.
    expect(rows[2]).toEqual([123456789012, '2026120112345678', 2, '단순 변심 ', new Date(Date.UTC(2026, 11, 1, 11, 0, 0)), '주문상세']);
    expect(rows[3]).toEqual([]);
    expect(rows[4]).toEqual([null, 'P-2', '#DIV/0!', null, new Date(Date.UTC(2026, 11, 2, 11, 0, 0))]);
    expect(rows[5]).toEqual([true, false]);
    expect(rows).toHaveLength(6);
  });

  it('takes the first worksheet only', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('첫째').addRow(['a']);
    workbook.addWorksheet('둘째').addRow(['b']);
    expect(await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx')).toEqual([['a']]);
  });

  it('decides by the bytes when the name lies: a workbook named .csv is a workbook', async () => {
    const rows = await readTable(await channelWorkbook(), '취소요청.csv');
    expect(rows[1]?.[0]).toBe('주문번호');
  });

  it(`refuses a value beyond column ${MAX_COLUMNS} and more than ${MAX_ROWS} rows`, async () => {
    const wide = new ExcelJS.Workbook();
    wide.addWorksheet('s').getCell(2, MAX_COLUMNS + 1).value = 'x';
    const problem = await problemOf(Buffer.from(await wide.xlsx.writeBuffer()), 'x.xlsx');
    expect([problem.code, problem.row, problem.column]).toEqual(['TOO_MANY_COLUMNS', 2, 'ALM']);

    const long = new ExcelJS.Workbook();
    const sheet = long.addWorksheet('s');
    for (let i = 0; i <= MAX_ROWS; i++) sheet.addRow([i]);
    expect((await problemOf(Buffer.from(await long.xlsx.writeBuffer()), 'x.xlsx')).code).toBe('TOO_MANY_ROWS');
  });

  it('a damaged workbook, or a file named .xlsx that is not one, is unreadable', async () => {
    const damaged = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]);
    expect((await problemOf(damaged, 'x.xlsx')).code).toBe('UNREADABLE_FILE');
    expect((await problemOf(Buffer.from('주문번호\n1\n'), 'x.xlsx')).code).toBe('UNREADABLE_FILE');
  });
});

describe('readTable: unsupported files', () => {
  it('refuses .xls (by name or by its OLE bytes), .pdf and files without an extension, as 415', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    for (const [file, name] of [
      [ole, '취소.xls'],
      [ole, '취소.csv'],
      [Buffer.from('a,b\n'), '취소.xls'],
      [Buffer.from('%PDF-1.7\n'), '취소.pdf'],
      [Buffer.from('a,b\n'), '취소'],
    ] as const) {
      const problem = await problemOf(file, name);
      expect([name, problem.code, problem.status]).toEqual([name, 'UNSUPPORTED_FILE', 415]);
    }
  });
});

describe('readTable: .csv', () => {
  const text = '주문번호,상품주문번호,취소수량,클레임사유,취소일\r\n2026120100001,P-1,1, 단순 변심 ,2026-12-01 11:00\r\n\r\n2026120100002,P-2,"1,000","사이즈\n교환",2026.12.02\r\n2026120100003,   ,2\r\n\r\n\r\n';
  const expected = [
    ['주문번호', '상품주문번호', '취소수량', '클레임사유', '취소일'],
    ['2026120100001', 'P-1', '1', ' 단순 변심 ', '2026-12-01 11:00'],
    [],
    ['2026120100002', 'P-2', '1,000', '사이즈\n교환', '2026.12.02'],
    // A short row is fine; only-whitespace is null; blank lines at the end are dropped.
    ['2026120100003', null, '2'],
  ];

  it('reads UTF-8, UTF-8 with a BOM and EUC-KR alike: all text, untrimmed, rows numbered as in Excel', async () => {
    const utf8 = Buffer.from(text, 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    const eucKr = iconv.encode(text, 'euc-kr');
    expect(eucKr.equals(utf8)).toBe(false);
    for (const file of [utf8, withBom, eucKr]) expect(await readTable(file, '취소.CSV')).toEqual(expected);
  });

  it('reads the CP949 letters EUC-KR lacks (똠, 햏)', async () => {
    expect(await readTable(iconv.encode('이름\n김똠햏\n', 'cp949'), 'x.csv')).toEqual([['이름'], ['김똠햏']]);
  });

  it('a quote inside a bare value is kept as written', async () => {
    expect(await readTable(Buffer.from('a,12" 모니터,b\n'), 'x.csv')).toEqual([['a', '12" 모니터', 'b']]);
  });

  it('an empty file is no rows', async () => {
    expect(await readTable(Buffer.alloc(0), 'x.csv')).toEqual([]);
  });

  it('refuses bytes that are neither UTF-8 nor CP949, binary data, and a quote never closed (naming the row)', async () => {
    expect((await problemOf(Buffer.from([0x41, 0x2c, 0xff, 0xff, 0x0a]), 'x.csv')).code).toBe('UNREADABLE_FILE');
    expect((await problemOf(Buffer.from('a,b\u0000c\n'), 'x.csv')).code).toBe('UNREADABLE_FILE');
    const unclosed = await problemOf(Buffer.from('a,b\nc,d\ne,"f\ng,h\n'), 'x.csv');
    expect([unclosed.code, unclosed.row]).toEqual(['UNREADABLE_FILE', 3]);
    expect(unclosed.message).not.toContain('"f');
  });

  it(`refuses more than ${MAX_ROWS} rows and a row wider than ${MAX_COLUMNS} columns`, async () => {
    expect(await readTable(Buffer.from('1\n'.repeat(MAX_ROWS)), 'x.csv')).toHaveLength(MAX_ROWS);
    const long = await problemOf(Buffer.from('1\n'.repeat(MAX_ROWS + 1)), 'x.csv');
    expect([long.code, long.status]).toEqual(['TOO_MANY_ROWS', 422]);
    const wide = await problemOf(Buffer.from(`a\n${','.repeat(MAX_COLUMNS)}x\n`), 'x.csv');
    expect([wide.code, wide.row]).toEqual(['TOO_MANY_COLUMNS', 2]);
  });
});
