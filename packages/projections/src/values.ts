/** Small pure helpers shared by the projections: time formatting and driver value normalisation. */
import { toNumber } from '@oms/adapters';

/** An instant as the ISO string a timestamptz column round-trips to (UTC, milliseconds). */
export const isoInstant = (value: string | Date): string => (value instanceof Date ? value : new Date(value)).toISOString();

const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000; // Asia/Seoul is UTC+9 all year (no daylight saving since 1988).

/** `YYYY-MM-DD HH:mm` in Asia/Seoul, as the CS window shows times. */
export const formatSeoul = (value: string): string => {
  const t = new Date(Date.parse(value) + SEOUL_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
};

/** int8 arrives as a string from pg and a number from PGlite: the adapters' one normaliser. */
export { toNumber as num };
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : toNumber(v));
export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const instantOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : isoInstant(v as string | Date));
export const instant = (v: unknown): string => isoInstant(v as string | Date);
/** jsonb arrives parsed from both drivers; tolerate text too. */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** One page of a read model's rows, and how many there are in all. */
export interface Page<Row> {
  readonly rows: readonly Row[];
  readonly total: number;
}
