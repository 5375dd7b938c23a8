/**
 * 반품통계's chart: one stacked bar per day (Seoul), a segment per series (사유 or 교환유형) with a
 * count, drawn as plain SVG (no chart library). The y axis has round ticks, the x axis the days
 * (thinned when there are many), each bar its total on top; each segment names itself in a <title>
 * (hover) and in data-date / data-code for tests.
 */
import { num } from './format';

export interface Series {
  readonly code: string;
  readonly label: string;
  readonly color: string;
}

export interface ChartDay {
  readonly date: string;
  readonly counts: Readonly<Record<string, number>>;
}

const W = 1300;
const H = 260;
const M = { top: 18, right: 12, bottom: 34, left: 52 };

/** A round step (1, 2, 5 × 10ⁿ, never below 1) giving about four ticks up to `max`. */
const stepFor = (max: number): number => {
  if (max <= 4) return 1;
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
};

const totalOf = (d: ChartDay, series: readonly Series[]) => series.reduce((n, s) => n + (d.counts[s.code] ?? 0), 0);

export const StatsChart = ({ title, days, series }: { title: string; days: readonly ChartDay[]; series: readonly Series[] }) => {
  const totals = days.map((d) => totalOf(d, series));
  const step = stepFor(Math.max(0, ...totals));
  const top = Math.max(step * Math.ceil(Math.max(1, ...totals) / step), step);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(days.length, 1);
  const barW = Math.min(48, band * 0.7);
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  // About 16 day labels at most, so they never overlap (a year's range labels every 23rd day).
  const every = Math.ceil(days.length / 16);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="반품통계 차트" className="chart">
      <title>{title}</title>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? '#9aa3b2' : '#e6e9ef'} />
          <text x={M.left - 6} y={y(t) + 4} textAnchor="end">{num(t)}</text>
        </g>
      ))}
      <text x={14} y={M.top + plotH / 2} textAnchor="middle" transform={`rotate(-90 14 ${M.top + plotH / 2})`}>건수</text>
      {days.map((d, i) => {
        const x = M.left + band * i + (band - barW) / 2;
        let base = 0;
        const total = totals[i] ?? 0;
        return (
          <g key={d.date} data-date={d.date} aria-label={`${d.date} ${num(total)}건`}>
            {series.map((s) => {
              const n = d.counts[s.code] ?? 0;
              if (n === 0) return null;
              const y0 = y(base);
              base += n;
              return (
                <rect key={s.code} data-date={d.date} data-code={s.code} x={x} width={barW} y={y(base)} height={y0 - y(base)} fill={s.color}>
                  <title>{`${d.date} ${s.label} ${num(n)}건`}</title>
                </rect>
              );
            })}
            {total > 0 && <text x={x + barW / 2} y={y(total) - 4} textAnchor="middle" className="bar-total">{num(total)}</text>}
            {i % every === 0 && <text x={M.left + band * i + band / 2} y={H - M.bottom + 16} textAnchor="middle">{d.date.slice(5)}</text>}
          </g>
        );
      })}
      <text x={W - M.right} y={H - 4} textAnchor="end">날짜 (월-일)</text>
    </svg>
  );
};

/** The legend beside the chart: each series' color and label, its count over the range after it. */
export const Legend = ({ series, sums }: { series: readonly Series[]; sums: Readonly<Record<string, number>> }) => (
  <ul className="legend" aria-label="범례">
    {series.map((s) => (
      <li key={s.code}><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill={s.color} /></svg>{s.label} {num(sums[s.code] ?? 0)}</li>
    ))}
  </ul>
);
