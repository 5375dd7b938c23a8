/** How the CS window writes amounts, times and products (CS 이력 contents are built from these). */
import type { LineProduct, LineQuantity } from './model.js';

const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000; // Asia/Seoul is UTC+9 all year (no daylight saving since 1988).

/** `YYYY-MM-DD HH:mm` in Asia/Seoul, as the CS window shows times. */
export const formatSeoul = (value: string): string => {
  const t = new Date(Date.parse(value) + SEOUL_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
};

/** `25,000원`. */
export const won = (amount: number): string => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}원`;

export const sumOf = (lines: readonly { readonly quantity: number }[]): number => lines.reduce((n, l) => n + l.quantity, 0);

/** `1번 x1, 2번 x2`: line numbers and quantities. */
export const lineList = (lines: readonly LineQuantity[]): string => lines.map((l) => `${l.lineId}번 x${l.quantity}`).join(', ');

/** `실리콘 주걱(화이트)`; without an option just the name. */
export const productLabel = (p: Pick<LineProduct, 'productName' | 'option'>): string => (p.option.trim() === '' ? p.productName : `${p.productName}(${p.option})`);
