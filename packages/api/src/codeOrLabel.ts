/** An enum field people fill in: its code or its Korean label is accepted, and the code is what a handler sees. */
import { z } from 'zod';
import { codeOf } from '@oms/domain';

export const describeLabels = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k} (${v})`)
    .join(', ');

/**
 * `card` or `신용카드` → `card`. The OpenAPI document shows a string enum of every code and every label;
 * a value naming none is refused like any enum, listing them. Looser spellings codeOf reads (another
 * case, other whitespace) are mapped before the enum sees them.
 */
export const codeOrLabel = <C extends string>(labels: Readonly<Record<C, string>>, description?: string) => {
  const codes = Object.keys(labels) as C[];
  const values = [...new Set([...codes, ...Object.values<string>(labels)])];
  // A list where a listed value names no code (a configured carrier name shared by two) is refused at start-up.
  const unclear = values.filter((v) => codeOf(labels, v) === undefined);
  if (codes.length === 0 || unclear.length > 0) throw new Error(`Each code and label must name exactly one code; ${codes.length === 0 ? 'none given' : `unclear: ${unclear.join(', ')}`}.`);
  return (
    z
      .preprocess((v) => (typeof v === 'string' ? (codeOf(labels, v) ?? v) : v), z.enum(values))
      // Every accepted value is a code by now; this types it so (the document shows the input side only).
      .pipe(z.enum(codes))
      .describe(`${description ? `${description}: ` : ''}${describeLabels(labels)}; the code or the label`)
  );
};
