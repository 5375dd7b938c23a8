import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dateTimeOf } from './cells.js';
import { readTable } from './readTable.js';
import type { Cell } from './readTable.js';
import { contentTypeOf, fileNameOf, writeTable } from './writeTable.js';

const COLUMNS = [
  { header: '주문번호', key: 'orderNo', width: 16 },
  { header: '취소수량', key: 'quantity' },
  { header: '클레임사유', key: 'reason', width: 30 },
  { header: '취소일', key: 'cancelledAt', width: 18 },
  { header: '환불완료', key: 'refunded' },
] as const;

// 2026-12-01 11:00 in Seoul.
const cancelledAt = new Date('2026-12-01T02:00:00Z');
const ROWS: Record<string, Cell>[] = [
  { orderNo: '2026120112345678', quantity: 2, reason: '단순 변심, "색상" 불만\n재주문 예정', cancelledAt, refunded: true },
  { orderNo: '2026120100002', quantity: 1_000, reason: null, cancelledAt: null, refunded: false, ignored: 'x' },
];

describe('writeTable: xlsx', () => {
  it('round-trips through readTable; dates are date cells showing Seoul time', async () => {
    const file = await writeTable('xlsx', '취소내역', COLUMNS, ROWS);
    const rows = await readTable(file, '취소내역.xlsx');
    expect(rows[0]).toEqual(['주문번호', '취소수량', '클레임사유', '취소일', '환불완료']);
    expect(rows[1]?.slice(0, 3)).toEqual(['2026120112345678', 2, '단순 변심, "색상" 불만\n재주문 예정']);
    expect(dateTimeOf(rows[1]?.[3] ?? null)).toBe('2026-12-01T11:00:00+09:00');
    expect(rows[1]?.[4]).toBe(true);
    expect(rows[2]).toEqual(['2026120100002', 1000, null, null, false]);
    expect(rows).toHaveLength(3);
  });

  it('one sheet, named; the header row bold and frozen; date cells formatted yyyy-mm-dd hh:mm; widths kept', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTable('xlsx', '취소내역', COLUMNS, ROWS)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['취소내역']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getCell('D2').value).toEqual(new Date(Date.UTC(2026, 11, 1, 11, 0)));
    expect(sheet.getColumn(1).width).toBe(16);
    // A text that looks like a formula stays text in a workbook.
    const formulaText = await writeTable('xlsx', 's', [{ header: 'a', key: 'a' }], [{ a: '=1+1' }]);
    expect(await readTable(formulaText, 'x.xlsx')).toEqual([['a'], ['=1+1']]);
  });
});

describe('writeTable: csv', () => {
  it('UTF-8 with a BOM and CRLF, read back by readTable (all text; dates as Seoul wall-clock time)', async () => {
    const file = await writeTable('csv', '취소내역', COLUMNS, ROWS);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8')).toContain('\r\n');
    expect(await readTable(file, '취소내역.csv')).toEqual([
      ['주문번호', '취소수량', '클레임사유', '취소일', '환불완료'],
      ['2026120112345678', '2', '단순 변심, "색상" 불만\n재주문 예정', '2026-12-01 11:00:00', 'TRUE'],
      ['2026120100002', '1000', null, null, 'FALSE'],
    ]);
  });

  it('a text that Excel would run as a formula gets a leading quote (CSV injection)', async () => {
    const file = await writeTable('csv', 's', [{ header: 'memo', key: 'memo' }], ['=HYPERLINK("http://x")', '+82 10', '-', '@SUM(A1)', '정상', 'a=b'].map((memo) => ({ memo })));
    expect((await readTable(file, 'x.csv')).slice(1).map((r) => r[0])).toEqual(["'=HYPERLINK(\"http://x\")", "'+82 10", "'-", "'@SUM(A1)", '정상', 'a=b']);
  });
});

describe('contentTypeOf and fileNameOf', () => {
  it('the media types', () => {
    expect(contentTypeOf('xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeOf('csv')).toBe('text/csv; charset=utf-8');
  });

  it('a Content-Disposition with an ASCII filename and the Korean one in RFC 5987 filename*', () => {
    expect(fileNameOf('취소내역_20261201', 'xlsx')).toBe(`attachment; filename="20261201.xlsx"; filename*=UTF-8''%EC%B7%A8%EC%86%8C%EB%82%B4%EC%97%AD_20261201.xlsx`);
    expect(fileNameOf('취소내역', 'csv')).toBe(`attachment; filename="download.csv"; filename*=UTF-8''%EC%B7%A8%EC%86%8C%EB%82%B4%EC%97%AD.csv`);
    expect(fileNameOf('cancellations', 'csv')).toBe(`attachment; filename="cancellations.csv"; filename*=UTF-8''cancellations.csv`);
    expect(decodeURIComponent(fileNameOf('취소내역', 'csv').split("''")[1] ?? '')).toBe('취소내역.csv');
  });

  it('quotes, path separators, control characters and lone surrogates never reach the header unencoded', () => {
    const value = fileNameOf('../a"b\r\nSet-Cookie: x=1 (1)*\ud800', 'csv');
    expect(value).not.toMatch(/[\r\n/\\]|\.\./);
    expect(value).toMatch(/^attachment; filename="[\w.-]+\.csv"; filename\*=UTF-8''[A-Za-z0-9%._~!#$&+^`|-]+$/);
    expect(fileNameOf('', 'csv')).toBe(`attachment; filename="download.csv"; filename*=UTF-8''download.csv`);
  });
});
