/**
 * 반품관리 (seed 003): one row per pickup line (회수 and 교환's pickups), latest 회수요청일 first. The
 * pickup's fees per route (예정 / 도착) and its 미수 sit on its first line; 미수 left is red. Rows are
 * selected for 완료처리 (반품선택완료); a row takes 도착 (반품입고) and 비용 (배송비) in a small dialog.
 */
import type { ScreenProps } from './screens';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { FEE_ROUTE_LABELS, FEE_ROUTES } from '@oms/domain';
import type { paths } from './openapi';
import { api, ok } from './api';
import { dateTime, num } from './format';
import { errorText } from './FieldsDialog';
import { filledIn, PageBar } from './paging';
import type { ReturnRow } from './returnsDialogs';
import { ArrivalDialog, CompleteDialog, FeesDialog } from './returnsDialogs';
import './returns.css';

type Query = NonNullable<paths['/views/returns']['get']['parameters']['query']>;
type Filters = Omit<Query, 'limit' | 'offset' | 'format'>;
const EMPTY = { dateField: 'requested', from: '', to: '', channel: '', supplier: '', recipient: '', state: '', kind: '', completed: '', worker: '', q: '' };
const PAGE = 50;
/** The filter's options; the rows carry the server's own stateLabel. */
const STATES = { requested: '요청', partially_arrived: '일부도착', arrived: '도착', completed: '완료' } as const satisfies Record<NonNullable<Query['state']>, string>;
const KINDS = { return: '회수', exchange: '교환' } as const satisfies Record<NonNullable<Query['kind']>, string>;

/** 26.03.07 10:00 in Seoul: the list's three dates in the width of one (the year kept, for old rows). */
const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: '2-digit', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const short = (iso: string | null) => {
  if (!iso) return '';
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}.${p.month}.${p.day} ${p.hour}:${p.minute}`;
};
const when = (iso: string | null) => <td className="when" title={dateTime(iso)}>{short(iso)}</td>;

const download = (filters: Filters, format: 'xlsx' | 'csv') => `/views/returns?${new URLSearchParams({ ...(filters as Record<string, string>), format })}`;

type Open = { kind: 'arrival' | 'fees'; row: ReturnRow } | { kind: 'complete'; rows: ReturnRow[] } | null;

export const Returns = ({ canAct, can }: ScreenProps) => {
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [filters, setFilters] = useState<Filters>(filledIn<Filters>(EMPTY));
  const [offset, setOffset] = useState(0);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['returns', filters, offset],
    queryFn: async () => ok(await api.GET('/views/returns', { params: { query: { ...filters, limit: PAGE, offset } } })),
    placeholderData: keepPreviousData,
  });
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setPicked(new Set());
    setFilters(filledIn<Filters>(form));
  };
  const done = async (text: string) => {
    setOpen(null);
    setPicked(new Set());
    setMessage(text);
    await client.invalidateQueries({ queryKey: ['returns'] });
  };
  const page = list.data;
  const items = page?.items ?? [];
  const toggle = (id: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  const allPicked = items.length > 0 && items.every((r) => picked.has(r.id));
  const canArrive = can.fulfilmentCommand === true;
  return (
    <div className="view returns">
      <form className="search" onSubmit={search} aria-label="반품 검색">
        <label>
          <select aria-label="기준일" value={form.dateField} onChange={set('dateField')}><option value="requested">회수요청일</option><option value="arrived">도착일</option></select>
          <input type="date" value={form.from} onChange={set('from')} aria-label="시작일" />~<input type="date" value={form.to} onChange={set('to')} aria-label="끝일" />
        </label>
        <label>판매처<input aria-label="판매처" value={form.channel} onChange={set('channel')} size={10} /></label>
        <label>공급처<input aria-label="공급처" value={form.supplier} onChange={set('supplier')} size={8} /></label>
        <label>수령자<input aria-label="수령자" value={form.recipient} onChange={set('recipient')} size={6} /></label>
        <label>상태<select aria-label="상태" value={form.state} onChange={set('state')}><option value="">전체</option>{Object.entries(STATES).map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></label>
        <label>구분<select aria-label="구분" value={form.kind} onChange={set('kind')}><option value="">전체</option>{Object.entries(KINDS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></label>
        <label>완료<select aria-label="완료 여부" value={form.completed} onChange={set('completed')}><option value="">전체</option><option value="false">미완료</option><option value="true">완료</option></select></label>
        <label>작업자<input aria-label="작업자" value={form.worker} onChange={set('worker')} size={6} /></label>
        <label className="q">검색어<input aria-label="검색어" value={form.q} onChange={set('q')} placeholder="관리번호, 주문번호, 상품명" /></label>
        <button type="submit">검색</button>
      </form>
      <div className="result">
        <PageBar page={page} fetching={list.isFetching} hasPrevious={offset > 0} onPrevious={() => setOffset(Math.max(0, offset - PAGE))} onNext={page && offset + PAGE < page.total ? () => setOffset(offset + PAGE) : null}>
          {canAct && <button type="button" disabled={picked.size === 0} onClick={() => setOpen({ kind: 'complete', rows: items.filter((r) => picked.has(r.id)) })}>반품선택완료{picked.size > 0 ? ` (${num(picked.size)})` : ''}</button>}
          <a className="download" href={download(filters, 'xlsx')}>엑셀</a>
          <a className="download" href={download(filters, 'csv')}>CSV</a>
          {message && <span role="status">{message}</span>}
        </PageBar>
        <table className="orders returns-table">
          <thead>
            <tr>
              {canAct && <th rowSpan={2}><input type="checkbox" aria-label="전체 선택" checked={allPicked} onChange={(e) => setPicked(e.target.checked ? new Set(items.map((r) => r.id)) : new Set())} /></th>}
              <th rowSpan={2}>관리번호</th><th rowSpan={2}>판매처</th><th rowSpan={2}>회수요청일</th><th rowSpan={2}>구분</th><th rowSpan={2}>사유</th><th rowSpan={2}>배송일</th><th rowSpan={2}>도착일</th>
              <th rowSpan={2}>수령자</th><th rowSpan={2}>상품명</th><th rowSpan={2}>옵션</th><th rowSpan={2} className="n" title="회수 수량 / 도착 수량">회수/도착</th><th rowSpan={2}>상태</th>
              {FEE_ROUTES.map((route) => <th key={route} colSpan={2} className="fee-group">{FEE_ROUTE_LABELS[route]}</th>)}
              <th rowSpan={2} className="n">미수</th><th rowSpan={2}>완료처리</th>{canAct && <th rowSpan={2}>작업</th>}
            </tr>
            <tr>{FEE_ROUTES.map((route) => [<th key={`${route}e`} className="n">예정</th>, <th key={`${route}a`} className="n">도착</th>])}</tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} className={[r.outstanding > 0 && !r.completed ? 'unpaid' : '', r.completed ? 'completed' : ''].join(' ')} aria-label={`반품 ${r.id}`}>
                {canAct && <td><input type="checkbox" aria-label={`${r.id} 선택`} checked={picked.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} /></td>}
                <td>{r.no}</td><td className="channel" title={r.channel ?? ''}>{r.channel}</td>{when(r.requestedAt)}<td>{KINDS[r.kind]}</td><td>{r.reasonLabel ?? r.exchangeTypeLabel}</td>
                {when(r.shippedAt)}{when(r.arrivedAt)}<td>{r.recipientName}</td>
                <td className="product" title={r.productName ?? ''}>{r.productName}</td><td>{r.option}</td>
                <td className="n">{num(r.pickedUp)}/{num(r.received)}{r.damaged > 0 ? <small> (불량 {num(r.damaged)})</small> : null}</td><td>{r.stateLabel}</td>
                {FEE_ROUTES.map((route) => [
                  <td key={`${route}e`} className="n">{r.fees ? num(r.fees[route].expected) : ''}</td>,
                  <td key={`${route}a`} className="n">{r.fees ? num(r.fees[route].arrived) : ''}</td>,
                ])}
                <td className={`n${r.outstanding !== 0 ? ' partial' : ''}`} aria-label={r.fees ? `미수 ${num(r.outstanding)}` : undefined}>{r.fees ? num(r.outstanding) : ''}</td>
                <td className="done" title={r.completed ? `${r.completedBy ?? ''} ${dateTime(r.completedAt)} ${r.completionMemo ?? ''}`.trim() : undefined}>{r.completed ? '완료' : ''}</td>
                {canAct && (
                  <td className="actions">
                    {!r.completed && canArrive && r.received < r.pickedUp && <button type="button" onClick={() => setOpen({ kind: 'arrival', row: r })}>도착</button>}
                    {!r.completed && r.fees && <button type="button" onClick={() => setOpen({ kind: 'fees', row: r })}>비용</button>}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {list.isPending && <p className="loading">불러오는 중…</p>}
        {page && items.length === 0 && <p className="empty">반품 내역이 없습니다.</p>}
        {list.isError && <p className="field-error" role="alert">{errorText(list.error)}</p>}
      </div>
      {open?.kind === 'arrival' && <ArrivalDialog row={open.row} onDone={(m) => void done(m)} onClose={() => setOpen(null)} />}
      {open?.kind === 'fees' && <FeesDialog row={open.row} onDone={(m) => void done(m)} onClose={() => setOpen(null)} />}
      {open?.kind === 'complete' && <CompleteDialog rows={open.rows} onDone={(m) => void done(m)} onClose={() => setOpen(null)} />}
    </div>
  );
};
