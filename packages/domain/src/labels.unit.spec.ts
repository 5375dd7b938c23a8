/** codeOf: the code an enum value names, given as its code or its Korean label. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CARRIERS } from './carriers.js';
import { codeOf } from './labels.js';
import { CANCEL_REASON_LABELS, EXCHANGE_TYPE_LABELS, PAYMENT_METHOD_LABELS } from './order/model.js';

const CARRIER_LABELS: Readonly<Record<string, string>> = Object.fromEntries(DEFAULT_CARRIERS.map((c) => [c.code, c.name]));
const REAL: readonly (readonly [string, Readonly<Record<string, string>>])[] = [
  ['cancel reasons', CANCEL_REASON_LABELS],
  ['exchange types', EXCHANGE_TYPE_LABELS],
  ['payment methods', PAYMENT_METHOD_LABELS],
  ['default carriers', CARRIER_LABELS],
];

/** How two strings compare for codeOf at its loosest: a list where two entries meet there is ambiguous. */
const loose = (s: string) => s.normalize('NFC').replace(/\s+/gu, '').toLowerCase();

/** Label lists whose codes and labels are all told apart by codeOf's loosest reading. */
const labelsArb = fc
  .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' })), { minLength: 1, maxLength: 8 })
  .filter((pairs) => {
    const keys = pairs.flatMap(([code, label]) => [loose(code), loose(label)]);
    return !keys.includes('') && new Set(keys).size === keys.length;
  })
  .map((pairs): Readonly<Record<string, string>> => Object.fromEntries(pairs));

describe('codeOf', () => {
  it.each(REAL)('every code and every label of the %s names its code', (_, labels) => {
    for (const [code, label] of Object.entries(labels)) {
      expect(codeOf(labels, code)).toBe(code);
      expect(codeOf(labels, label)).toBe(code);
    }
  });

  it('reads a code in any case, and a label with its whitespace changed', () => {
    expect(codeOf(CANCEL_REASON_LABELS, 'RETURN_REFUND')).toBe('return_refund');
    expect(codeOf(CANCEL_REASON_LABELS, ' return_refund\t')).toBe('return_refund');
    expect(codeOf(CANCEL_REASON_LABELS, '반품-취소 (환불)')).toBe('return_refund');
    expect(codeOf(CANCEL_REASON_LABELS, '  반품 - 취소(환불) \n')).toBe('return_refund');
    expect(codeOf(CARRIER_LABELS, 'CJ')).toBe('cj');
    expect(codeOf(CARRIER_LABELS, 'cj대한통운')).toBe('cj');
    expect(codeOf(PAYMENT_METHOD_LABELS, '신용 카드')).toBe('card');
    // Hangul as macOS writes it (decomposed jamo) is the same label.
    expect(codeOf(EXCHANGE_TYPE_LABELS, '불량교환'.normalize('NFD'))).toBe('defect');
  });

  it('names nothing for another value, a blank, a near miss or an inherited property', () => {
    for (const input of ['', '   ', '반품', '반품-취소', 'refund', 'cardx', 'c ard', 'toString', '__proto__', 'constructor', '신용카드결제']) {
      expect(codeOf(PAYMENT_METHOD_LABELS, input), input).toBeUndefined();
    }
    expect(codeOf(CANCEL_REASON_LABELS, '반품취소환불')).toBeUndefined();
  });

  it('prefers the exact code, then the exact label, and refuses a reading that names two codes', () => {
    // `b` is a code and also a's label: the code wins.
    expect(codeOf({ a: 'b', b: '비' }, 'b')).toBe('b');
    // `B` is a's exact label and b's code in another case: the exact label wins.
    expect(codeOf({ a: 'B', b: '비' }, 'B')).toBe('a');
    // Two look-alike names: neither is guessed.
    expect(codeOf({ a: '한진 택배', b: '한진택배 ' }, '한진  택배')).toBeUndefined();
  });

  it('property: every code and label names its code; anything else names nothing', () => {
    fc.assert(
      fc.property(labelsArb, fc.string({ maxLength: 12 }), (labels, other) => {
        for (const [code, label] of Object.entries(labels)) {
          expect(codeOf(labels, code)).toBe(code);
          expect(codeOf(labels, label)).toBe(code);
        }
        const unrelated = !Object.entries(labels).some(([code, label]) => code.trim().toLowerCase() === other.trim().toLowerCase() || loose(label) === loose(other));
        if (unrelated) expect(codeOf(labels, other)).toBeUndefined();
      }),
    );
  });
});
