/** How the console writes dates (Asia/Seoul, whatever the browser's zone) and numbers (thousands separators). */
const seoul = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const seoulSeconds = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const seoulDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' });
const seoulShort = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: '2-digit', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const number = new Intl.NumberFormat('ko-KR');

export const dateTime = (iso: string | null | undefined): string => (iso ? seoul.format(new Date(iso)) : '');
/** To the second, where seconds tell events apart (an auditor's timeline). */
export const dateTimeSeconds = (iso: string | null | undefined): string => (iso ? seoulSeconds.format(new Date(iso)) : '');
/** 26.03.07 10:00 in Seoul: a date in a narrow column (the year kept, for old rows). */
export const shortDateTime = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const p = Object.fromEntries(seoulShort.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}.${p.month}.${p.day} ${p.hour}:${p.minute}`;
};
/** Today in Seoul, YYYY-MM-DD (the 접수일 filters' format). */
export const seoulToday = (): string => seoulDay.format(new Date());
export const num = (n: number | null | undefined): string => (n === null || n === undefined ? '' : number.format(n));
/** A Seoul wall-clock `YYYY-MM-DDTHH:mm` or `…:ss` (a datetime-local input) as an instant with its +09:00 offset. */
export const seoulInstant = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+09:00`;
