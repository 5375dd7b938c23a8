/**
 * 반품통계 (seed 003, 반품관리 > 반품통계): per Seoul day of the range, 회수 per 사유 and 교환 per
 * 교환유형, zero days included, with the range's sums; above the table a stacked bar per day, by 사유
 * or by 교환유형. The counts are the server's (GET /views/return-stats); the screen only draws them.
 */
import type { ScreenProps } from './screens';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { CANCEL_REASON_LABELS, CANCEL_REASONS, EXCHANGE_TYPE_LABELS, EXCHANGE_TYPES } from '@oms/domain';
import type { paths } from './openapi';
import { api, ok, RequestRefused } from './api';
import { num, seoulToday } from './format';
import { koreanOf } from './problems';
import type { Series } from './StatsChart';
import { Legend, StatsChart } from './StatsChart';
import './returns.css';

type Query = NonNullable<paths['/views/return-stats']['get']['parameters']['query']>;
type Page = paths['/views/return-stats']['get']['responses'][200]['content']['application/json'];
type Range = Pick<Query, 'from' | 'to'>;

const DAY = 86_400_000;
const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** The range fits one page (the server allows 366 days, 500 rows a page). */
const LIMIT = 500;

const REASON_COLORS = ['#2f5fb3', '#c62828', '#ef8a17', '#6a4c93', '#2a9d8f', '#8d6e63'];
const EXCHANGE_COLORS = ['#1b998b', '#e63946', '#f4a261', '#457b9d', '#9c6644'];
const REASON_SERIES: readonly Series[] = CANCEL_REASONS.map((code, i) => ({ code, label: CANCEL_REASON_LABELS[code], color: REASON_COLORS[i] ?? '#888' }));
const EXCHANGE_SERIES: readonly Series[] = EXCHANGE_TYPES.map((code, i) => ({ code, label: EXCHANGE_TYPE_LABELS[code], color: EXCHANGE_COLORS[i] ?? '#888' }));

const download = (range: Range, format: 'xlsx' | 'csv') => `/views/return-stats?${new URLSearchParams({ ...range, format })}`;
const cell = (n: number) => <td className={`n${n === 0 ? ' zero' : ''}`}>{num(n)}</td>;

export const ReturnStats = (_: ScreenProps) => {
  const today = seoulToday();
  const [form, setForm] = useState<Range>({ from: shift(today, -13), to: today });
  const [range, setRange] = useState<Range>(form);
  const [by, setBy] = useState<'reasons' | 'exchanges'>('reasons');
  const stats = useQuery({
    queryKey: ['return-stats', range],
    queryFn: async (): Promise<Page> => ok(await api.GET('/views/return-stats', { params: { query: { ...range, limit: LIMIT } } })),
    placeholderData: keepPreviousData,
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setRange({ ...form });
  };
  const refusal = stats.error instanceof RequestRefused ? stats.error.problem : null;
  const fieldError = (name: string) => refusal?.errors?.find((e) => e.field.split('.').at(-1) === name);
  const page = stats.data;
  const series = by === 'reasons' ? REASON_SERIES : EXCHANGE_SERIES;
  const days = (page?.items ?? []).map((r) => ({ date: r.date, counts: by === 'reasons' ? r.reasons : r.exchanges }));
  const seriesLabel = by === 'reasons' ? '사유별' : '교환유형별';
  return (
    <div className="view return-stats">
      <form className="search" onSubmit={search} aria-label="반품통계 검색">
        <label>
          날짜
          <input type="date" required value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} aria-label="시작일" aria-invalid={fieldError('from') !== undefined} />~
          <input type="date" required value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} aria-label="끝일" aria-invalid={fieldError('to') !== undefined} />
        </label>
        <button type="submit">검색</button>
        {refusal && (
          <span className="field-error" role="alert">
            {fieldError('to') ? `끝일: ${fieldError('to')?.message ?? ''}` : (koreanOf(refusal.code) ?? refusal.detail ?? refusal.title)} <small>({refusal.code})</small>
          </span>
        )}
        {stats.isError && !refusal && <span className="field-error" role="alert">서버에 연결할 수 없습니다.</span>}
        <span className="hint">하루는 한국 시간(Asia/Seoul) 기준, 최대 366일</span>
      </form>
      <div className="result">
        <div className="result-bar">
          <span aria-live="polite">{stats.isFetching ? '불러오는 중…' : page ? `${range.from} ~ ${range.to} · ${num(page.total)}일 · 회수 ${num(page.sums.totalReasons)}건 · 교환 ${num(page.sums.totalExchanges)}건` : ''}</span>
          <a className="download" href={download(range, 'xlsx')}>엑셀</a>
          <a className="download" href={download(range, 'csv')}>CSV</a>
        </div>
        {page && (
          <section className="stats-chart" aria-label="일별 차트">
            <div className="chart-head">
              <h2>일별 {by === 'reasons' ? '회수 (사유별)' : '교환 (교환유형별)'}</h2>
              <span className="toggle" role="group" aria-label="차트 기준">
                <button type="button" aria-pressed={by === 'reasons'} onClick={() => setBy('reasons')}>사유별</button>
                <button type="button" aria-pressed={by === 'exchanges'} onClick={() => setBy('exchanges')}>교환유형별</button>
              </span>
              <Legend series={series} sums={by === 'reasons' ? page.sums.reasons : page.sums.exchanges} />
            </div>
            <StatsChart title={`반품통계 차트 — ${seriesLabel}, ${range.from} ~ ${range.to}`} days={days} series={series} />
          </section>
        )}
        <table className="stats-table">
          <thead>
            <tr>
              <th rowSpan={2}>날짜</th>
              <th colSpan={CANCEL_REASONS.length + 1} className="group">취소 (회수 사유)</th>
              <th colSpan={EXCHANGE_TYPES.length + 1} className="group">교환</th>
              <th rowSpan={2} className="n">합계</th>
            </tr>
            <tr>
              {CANCEL_REASONS.map((c) => <th key={c} className="n">{CANCEL_REASON_LABELS[c]}</th>)}<th className="n">소계</th>
              {EXCHANGE_TYPES.map((c) => <th key={c} className="n">{EXCHANGE_TYPE_LABELS[c]}</th>)}<th className="n">소계</th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((r) => (
              <tr key={r.date} aria-label={r.date}>
                <td>{r.date}</td>
                {CANCEL_REASONS.map((c) => <td key={c} className={`n${r.reasons[c] === 0 ? ' zero' : ''}`}>{num(r.reasons[c])}</td>)}{cell(r.totalReasons)}
                {EXCHANGE_TYPES.map((c) => <td key={c} className={`n${r.exchanges[c] === 0 ? ' zero' : ''}`}>{num(r.exchanges[c])}</td>)}{cell(r.totalExchanges)}
                {cell(r.total)}
              </tr>
            ))}
          </tbody>
          {page && (
            <tfoot>
              <tr aria-label="합계">
                <td>합계</td>
                {CANCEL_REASONS.map((c) => <td key={c} className="n">{num(page.sums.reasons[c])}</td>)}<td className="n">{num(page.sums.totalReasons)}</td>
                {EXCHANGE_TYPES.map((c) => <td key={c} className="n">{num(page.sums.exchanges[c])}</td>)}<td className="n">{num(page.sums.totalExchanges)}</td>
                <td className="n">{num(page.sums.total)}</td>
              </tr>
            </tfoot>
          )}
        </table>
        {stats.isPending && <p className="loading">불러오는 중…</p>}
      </div>
    </div>
  );
};
