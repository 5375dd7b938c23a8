/**
 * Wall-clock time at a fixed UTC offset. Spreadsheets hold wall-clock digits with no zone (exceljs
 * hands them over as a Date whose UTC fields are those digits); the back office means Seoul time,
 * which has had no daylight saving since 1988, so a fixed offset is exact.
 */

export const SEOUL = '+09:00';

const MINUTE = 60_000;

/** '+09:00' → 540. */
export const offsetMinutesOf = (zone: string): number => {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) throw new Error(`Not a UTC offset like +09:00: ${zone}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};

/** The instant whose wall clock at `zone` shows the UTC fields of `wall`. */
export const instantOfWallClock = (wall: Date, zone: string): Date => new Date(wall.getTime() - offsetMinutesOf(zone) * MINUTE);

/** A Date whose UTC fields are the wall clock at `zone` at `instant` (as a spreadsheet stores it). */
export const wallClockOf = (instant: Date, zone: string): Date => new Date(instant.getTime() + offsetMinutesOf(zone) * MINUTE);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD HH:mm:ss' of the UTC fields. */
export const wallClockText = (wall: Date): string =>
  `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;

/** ISO-8601 at `zone`: 2026-12-01T11:00:00+09:00 (milliseconds only when there are some). */
export const isoAt = (instant: Date, zone: string): string => {
  const wall = wallClockOf(instant, zone);
  const ms = wall.getUTCMilliseconds();
  return `${wallClockText(wall).replace(' ', 'T')}${ms ? `.${pad(ms, 3)}` : ''}${zone}`;
};
