import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateTimeOf, integerOf, optional, readField, textOf } from './cells.js';
import type { CellReader } from './cells.js';
import type { MappedColumn, MappedRecord } from './mapRows.js';
import { CellProblem } from './problems.js';
import type { Cell } from './readTable.js';

const refusal = <T>(reader: CellReader<T>, cell: Cell): string => {
  try {
    reader(cell);
  } catch (error) {
    expect(error).toBeInstanceOf(CellProblem);
    return (error as CellProblem).code;
  }
  throw new Error(`accepted ${String(cell)}`);
};

describe('textOf', () => {
  it('text with its ends trimmed; a whole number as its plain digits', () => {
    expect(textOf(' 단순 변심 ')).toBe('단순 변심');
    expect(textOf(1.23456789012e11)).toBe('123456789012');
    expect(textOf(1.2345678901e11)).toBe('123456789010');
    expect(textOf(999_999_999_999_999)).toBe('999999999999999');
    expect(textOf(0)).toBe('0');
  });

  it('refuses an empty cell, a decimal, a number longer than Excel keeps, TRUE/FALSE and a date', () => {
    expect(refusal(textOf, null)).toBe('CELL_EMPTY');
    expect(refusal(textOf, 12.5)).toBe('NOT_TEXT');
    expect(refusal(textOf, 1e15)).toBe('NOT_TEXT');
    expect(refusal(textOf, 2026120112345678)).toBe('NOT_TEXT');
    expect(refusal(textOf, true)).toBe('NOT_TEXT');
    expect(refusal(textOf, new Date(0))).toBe('NOT_TEXT');
  });
});

describe('integerOf', () => {
  it('a whole number ≥ 0 as a number or as digits, with thousands commas', () => {
    expect([integerOf(2), integerOf(2.0), integerOf('2'), integerOf(' 12 '), integerOf('1,000'), integerOf('1,234,567'), integerOf('007')]).toEqual([2, 2, 2, 12, 1000, 1234567, 7]);
  });

  it('refuses units, signs, decimals, misplaced commas, full-width digits and more than a safe integer', () => {
    for (const cell of ['2개', '-1', '+1', '1.5', '1,00', '1,0000', ',100', '1 000', '２', '', '9007199254740993', -1, 1.5, true, new Date(0)]) {
      expect([cell, refusal(integerOf, cell)]).toEqual([cell, 'NOT_INTEGER']);
    }
    expect(refusal(integerOf, null)).toBe('CELL_EMPTY');
  });
});

describe('dateTimeOf', () => {
  it('reads every form channels write, as Seoul wall-clock time unless an offset is given', () => {
    const cases: [Cell, string][] = [
      // A date cell: exceljs's Date has the shown digits in its UTC fields.
      [new Date(Date.UTC(2026, 11, 1, 11, 0, 0)), '2026-12-01T11:00:00+09:00'],
      ['2026-12-01 11:00:00', '2026-12-01T11:00:00+09:00'],
      ['2026-12-01 11:00', '2026-12-01T11:00:00+09:00'],
      ['2026-12-01', '2026-12-01T00:00:00+09:00'],
      ['2026.12.01 11:00', '2026-12-01T11:00:00+09:00'],
      ['2026/12/01 11:00:00', '2026-12-01T11:00:00+09:00'],
      ['2026.1.5 9:05', '2026-01-05T09:05:00+09:00'],
      ['20261201', '2026-12-01T00:00:00+09:00'],
      ['20261201110000', '2026-12-01T11:00:00+09:00'],
      // Typed into a General cell, they are numbers.
      [20261201, '2026-12-01T00:00:00+09:00'],
      [20261201110000, '2026-12-01T11:00:00+09:00'],
      ['2026-12-01T11:00:00', '2026-12-01T11:00:00+09:00'],
      ['2026-12-01T11:00:00+09:00', '2026-12-01T11:00:00+09:00'],
      ['2026-12-01T02:00:00Z', '2026-12-01T11:00:00+09:00'],
      ['2026-11-30T21:00:00-05:00', '2026-12-01T11:00:00+09:00'],
      ['2026-12-01T11:00:00.250+0900', '2026-12-01T11:00:00.250+09:00'],
      ['2026-12-01T02:00:00.123456Z', '2026-12-01T11:00:00.123+09:00'],
      // What Korean Excel writes into a CSV.
      ['2026-12-01 오후 3:00:00', '2026-12-01T15:00:00+09:00'],
      ['2026-12-01 오전 12:30:00', '2026-12-01T00:30:00+09:00'],
      ['2026-12-01 오후 12:30', '2026-12-01T12:30:00+09:00'],
      [' 2024-02-29 ', '2024-02-29T00:00:00+09:00'],
    ];
    for (const [cell, iso] of cases) expect([cell, dateTimeOf(cell)]).toEqual([cell, iso]);
  });

  it('answers at another zone when asked', () => {
    expect(dateTimeOf('2026-12-01 11:00', '+00:00')).toBe('2026-12-01T11:00:00+00:00');
    expect(dateTimeOf('2026-12-01T11:00:00+09:00', '+00:00')).toBe('2026-12-01T02:00:00+00:00');
    expect(() => dateTimeOf('2026-12-01', 'Asia/Seoul')).toThrow(/UTC offset/);
  });

  it('refuses days and times that do not exist, other shapes, and a time of day without a date', () => {
    const refused: Cell[] = [
      '2026-02-30',
      '2025-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-12-32',
      '2026-12-01 24:00',
      '2026-12-01 11:60',
      '2026-12-01 11:00:60',
      '20260230',
      '20261201250000',
      '2026-12-01T11:00:00+24:00',
      '2026-12/01',
      '26-12-01',
      '2026-12-01 오후 13:00',
      '2026-12-01 오전 0:30',
      '2026-12-01Z',
      '12/01/2026',
      '2026년 12월 1일',
      '',
      '내일',
      2026120,
      46357.5,
      true,
      new Date(Number.NaN),
      // Excel's hh:mm cell is a time on its day 0.
      new Date(Date.UTC(1899, 11, 30, 11, 0)),
    ];
    for (const cell of refused) expect([cell, refusal(dateTimeOf, cell)]).toEqual([cell, 'NOT_DATE_TIME']);
    expect(refusal(dateTimeOf, null)).toBe('CELL_EMPTY');
  });

  it('any instant written in Seoul wall-clock time, in any form, reads back as that instant', () => {
    const SEOUL_MS = 9 * 3_600_000;
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    const forms: { round: number; write: (w: Date) => string }[] = [
      { round: 1000, write: (w) => `${p(w.getUTCFullYear(), 4)}-${p(w.getUTCMonth() + 1)}-${p(w.getUTCDate())} ${p(w.getUTCHours())}:${p(w.getUTCMinutes())}:${p(w.getUTCSeconds())}` },
      { round: 60_000, write: (w) => `${p(w.getUTCFullYear(), 4)}-${p(w.getUTCMonth() + 1)}-${p(w.getUTCDate())} ${p(w.getUTCHours())}:${p(w.getUTCMinutes())}` },
      { round: 86_400_000, write: (w) => `${p(w.getUTCFullYear(), 4)}-${p(w.getUTCMonth() + 1)}-${p(w.getUTCDate())}` },
      { round: 60_000, write: (w) => `${p(w.getUTCFullYear(), 4)}.${p(w.getUTCMonth() + 1)}.${p(w.getUTCDate())} ${p(w.getUTCHours())}:${p(w.getUTCMinutes())}` },
      { round: 1000, write: (w) => `${p(w.getUTCFullYear(), 4)}/${p(w.getUTCMonth() + 1)}/${p(w.getUTCDate())} ${p(w.getUTCHours())}:${p(w.getUTCMinutes())}:${p(w.getUTCSeconds())}` },
      { round: 86_400_000, write: (w) => `${p(w.getUTCFullYear(), 4)}${p(w.getUTCMonth() + 1)}${p(w.getUTCDate())}` },
      { round: 1000, write: (w) => `${p(w.getUTCFullYear(), 4)}${p(w.getUTCMonth() + 1)}${p(w.getUTCDate())}${p(w.getUTCHours())}${p(w.getUTCMinutes())}${p(w.getUTCSeconds())}` },
      { round: 1, write: (w) => new Date(w.getTime() - SEOUL_MS).toISOString() },
      { round: 1, write: (w) => `${w.toISOString().slice(0, -1)}+09:00` },
      {
        round: 1000,
        write: (w) => {
          const h = w.getUTCHours();
          return `${p(w.getUTCFullYear(), 4)}-${p(w.getUTCMonth() + 1)}-${p(w.getUTCDate())} ${h < 12 ? '오전' : '오후'} ${h % 12 || 12}:${p(w.getUTCMinutes())}:${p(w.getUTCSeconds())}`;
        },
      },
    ];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.constantFrom(...forms), (ms, form) => {
        // The instant the form can carry: its wall clock in Seoul, cut to the form's precision.
        const wall = Math.floor((ms + SEOUL_MS) / form.round) * form.round;
        const instant = wall - SEOUL_MS;
        const text = form.write(new Date(wall));
        const iso = dateTimeOf(text);
        expect(Date.parse(iso), text).toBe(instant);
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+09:00$/);
        // A date cell of the same wall clock is the same instant.
        expect(dateTimeOf(new Date(wall))).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readField and optional', () => {
  const header: MappedColumn[] = [
    { field: 'orderNo', column: 'A', header: '주문번호' },
    { field: 'quantity', column: 'C', header: '취소수량' },
  ];
  const record: MappedRecord = { row: 7, values: { orderNo: 123456789012, quantity: '2개', memo: null } };

  it('a reader’s problem names the row, the column and the field', () => {
    expect(readField(record, header, 'orderNo', textOf)).toBe('123456789012');
    try {
      readField(record, header, 'quantity', integerOf);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(CellProblem);
      const p = error as CellProblem;
      expect([p.code, p.row, p.column, p.field, p.status, p.errors[0]?.field]).toEqual(['NOT_INTEGER', 7, 'C', 'quantity', 422, 'quantity']);
      expect(p.message).not.toContain('2개');
    }
  });

  it('optional lets an empty cell through as null; a field of a column the file lacks has no column letter', () => {
    expect(readField(record, header, 'memo', optional(textOf))).toBeNull();
    expect(optional(integerOf)('3')).toBe(3);
    try {
      readField(record, header, 'memo', textOf);
      throw new Error('accepted');
    } catch (error) {
      expect([(error as CellProblem).code, (error as CellProblem).column, (error as CellProblem).row]).toEqual(['CELL_EMPTY', undefined, 7]);
    }
  });
});
