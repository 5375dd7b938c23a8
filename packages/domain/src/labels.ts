/**
 * An enum in users' words: a person or a spreadsheet names a value by its code (`return_refund`) or by
 * its Korean label (`반품-취소(환불)`), typed by hand or pasted from a cell with stray spaces. The code is
 * what is stored; this finds it.
 */

/** A label as compared: NFC (macOS writes Hangul decomposed), no whitespace anywhere, case folded. */
const labelKey = (s: string): string => s.normalize('NFC').replace(/\s+/gu, '').toLowerCase();
const codeKey = (s: string): string => s.trim().toLowerCase();

/**
 * The code `input` names, or undefined. Tried from the strictest reading to the loosest — the exact code,
 * the exact label, the code in any case, the label ignoring whitespace and case — and the first reading
 * that names one code wins; one that names two (a configured list with look-alike names) is refused
 * rather than guessed.
 */
export const codeOf = <C extends string>(labels: Readonly<Record<C, string>>, input: string): C | undefined => {
  if (Object.hasOwn(labels, input)) return input as C;
  const entries = Object.entries(labels) as [C, string][];
  const [asCode, asLabel] = [codeKey(input), labelKey(input)];
  // Blank input names nothing, even against a blank label.
  if (asLabel === '') return undefined;
  const readings: ((code: C, label: string) => boolean)[] = [
    (_, label) => label === input,
    (code) => codeKey(code) === asCode,
    (_, label) => labelKey(label) === asLabel,
  ];
  for (const reads of readings) {
    const named = new Set(entries.filter(([code, label]) => reads(code, label)).map(([code]) => code));
    if (named.size > 1) return undefined;
    const [code] = named;
    if (code !== undefined) return code;
  }
  return undefined;
};
