/** Small pure helpers shared by the projections: instants and driver value normalisation. */
import { toNumber } from '@oms/adapters';

/** An instant as the ISO string a timestamptz column round-trips to (UTC, milliseconds). */
export const isoInstant = (value: string | Date): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** int8 arrives as a string from pg and a number from PGlite: the adapters' one normaliser. */
export { toNumber as num };
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : toNumber(v));
export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const instantOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : isoInstant(v as string | Date));
export const instant = (v: unknown): string => isoInstant(v as string | Date);
/** jsonb arrives parsed from both drivers; tolerate text too. */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** One page of a read model's rows, and how many there are in all (see paging.ts). */
export interface Page<Row> {
  readonly rows: readonly Row[];
  readonly total: number;
  /** true when `total` is an estimate (more matched than paging.ts counts exactly). */
  readonly totalEstimated?: boolean;
  /** The cursor of the page after this one; null on the last page. */
  readonly next?: string | null;
}

export const DAY_MS = 86_400_000;
/** 00:00 of a `YYYY-MM-DD` day in Asia/Seoul: the screens' date ranges are Seoul days. */
export const seoulMidnight = (date: string): Date => new Date(`${date}T00:00:00+09:00`);
/** A LIKE pattern's own characters, escaped (`LIKE '%' || x || '%'` with the default escape). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
