/** How `pnpm bench` prints: figures rounded with thousands separators, tables in aligned columns. */

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Columns named in `numeric` are right-aligned (the figures); the others left-aligned. */
export const printTable = (rows: Record<string, string>[], numeric: readonly string[] = ['store', 'bare', 'store/bare']): void => {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first);
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length));
  const cell = (c: string, v: string) => (numeric.includes(c) ? v.padStart(width(c)) : v.padEnd(width(c)));
  console.log(cols.map((c) => cell(c, c)).join(' | '));
  console.log(cols.map((c) => '-'.repeat(width(c))).join('-|-'));
  for (const r of rows) console.log(cols.map((c) => cell(c, r[c] ?? '')).join(' | '));
};
