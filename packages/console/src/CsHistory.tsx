/**
 * CS내역조회 (seed 003): every CS 이력 entry across orders, latest first. + (or the row) opens the order's
 * thread beside the table; CS선택완료 / CS일괄완료 mark entries 완료 (일괄: every open entry the filters
 * match, after a confirmation with their count); CS선택중복 adds one CS 메모 to the selected rows' orders.
 */
import type { ScreenProps } from './screens';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { CANCEL_REASON_LABELS, CANCEL_TYPE_LABELS, CS_STATE_LABELS, EXCHANGE_TYPE_LABELS, ORDER_STATUS_LABELS, WORK_TYPE_LABELS } from '@oms/domain';
import type { paths } from './openapi';
import { api, ok } from './api';
import { CsThread } from './CsThread';
import { dateTime, num } from './format';
import { FieldProblem, FormDialog, koreanProblem, problemOf } from './FormDialog';
import { filledIn, PageBar, useCursorPages } from './paging';
import './csHistory.css';

type Query = NonNullable<paths['/views/cs-history']['get']['parameters']['query']>;
type Filters = Omit<Query, 'limit' | 'offset' | 'cursor' | 'format'>;
type CompleteResult = paths['/views/cs-history/complete']['post']['responses'][200]['content']['application/json'];
const EMPTY = { from: '', to: '', worker: '', channel: '', supplier: '', status: '', csState: '', processed: '', workType: '', cancelType: '', exchangeType: '', q: '' };
type Form = typeof EMPTY;
const PAGE = 50;

const options = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([code, label]) => <option key={code} value={code}>{label}</option>);
const download = (filters: Filters, format: 'xlsx' | 'csv') => `/views/cs-history?${new URLSearchParams({ ...(filters as Record<string, string>), format })}`;

const summaryText = (r: CompleteResult): string => {
  const { applied, duplicate, refused } = r.summary;
  const refusals = r.items.filter((i) => i.outcome === 'refused').map((i) => `${i.no ?? ''} ${i.code ?? ''}`.trim());
  return [`완료 ${num(applied)}건`, duplicate > 0 ? `이미 완료 ${num(duplicate)}건` : '', refused > 0 ? `거절 ${num(refused)}건 (${refusals.join(', ')})` : ''].filter(Boolean).join(' · ');
};

export const CsHistory = ({ canAct }: ScreenProps) => {
  const client = useQueryClient();
  const [form, setForm] = useState<Form>(EMPTY);
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages();
  const [picked, setPicked] = useState<ReadonlyMap<string, number>>(new Map());
  const [thread, setThread] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'all' | 'memo' | null>(null);
  const [openCount, setOpenCount] = useState<{ total: number; estimated: boolean } | null>(null);
  const { cursor } = pages;
  const list = useQuery({
    queryKey: ['cs-history', filters, cursor ?? null],
    queryFn: async () => ok(await api.GET('/views/cs-history', { params: { query: { ...filters, limit: PAGE, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const search = (e: FormEvent) => {
    e.preventDefault();
    pages.reset();
    setPicked(new Map());
    setMessage(null);
    setFilters(filledIn<Filters>(form));
  };
  const refresh = () => Promise.all(['cs-history', 'cs-thread', 'history', 'order'].map((k) => client.invalidateQueries({ queryKey: [k] })));
  const complete = async (body: paths['/views/cs-history/complete']['post']['requestBody']['content']['application/json']) => {
    const result = ok(await api.POST('/views/cs-history/complete', { body }));
    setMessage(summaryText(result));
    setPicked(new Map());
    await refresh();
  };
  const completePicked = async () => {
    setMessage(null);
    try {
      await complete({ entryIds: [...picked.keys()] });
    } catch (error) {
      setMessage(koreanProblem(problemOf(error)));
    }
  };
  // 일괄완료 completes the open entries only, so the count asked about is theirs.
  const openAll = { ...filters, processed: 'false' } as const;
  const askAll = async () => {
    setMessage(null);
    try {
      const page = ok(await api.GET('/views/cs-history', { params: { query: { ...openAll, limit: 1 } } }));
      setOpenCount({ total: page.total, estimated: page.totalEstimated === true });
      setDialog('all');
    } catch (error) {
      setMessage(koreanProblem(problemOf(error)));
    }
  };
  const toggle = (entryId: string, no: number, on: boolean) => {
    const next = new Map(picked);
    if (on) next.set(entryId, no);
    else next.delete(entryId);
    setPicked(next);
  };
  const page = list.data;
  const items = page?.items ?? [];
  const allPicked = items.length > 0 && items.every((r) => picked.has(r.entryId));
  const pickedNos = [...new Set(picked.values())];
  return (
    <div className="view cs-history">
      <form className="search" onSubmit={search} aria-label="CS내역 검색">
        <label>CS등록일<input type="date" value={form.from} onChange={set('from')} aria-label="등록일 시작" />~<input type="date" value={form.to} onChange={set('to')} aria-label="등록일 끝" /></label>
        <label>작업자<input value={form.worker} onChange={set('worker')} size={8} aria-label="작업자" /></label>
        <label>판매처<input value={form.channel} onChange={set('channel')} size={10} aria-label="판매처" /></label>
        <label>공급처<input value={form.supplier} onChange={set('supplier')} size={8} aria-label="공급처" /></label>
        <label>주문상태<select aria-label="주문상태" value={form.status} onChange={set('status')}><option value="">전체</option>{options(ORDER_STATUS_LABELS)}</select></label>
        <label>C/S 상태<select aria-label="C/S 상태" value={form.csState} onChange={set('csState')}><option value="">전체</option>{options(CS_STATE_LABELS)}</select></label>
        <label>처리여부<select aria-label="처리여부" value={form.processed} onChange={set('processed')}><option value="">전체</option><option value="false">미처리</option><option value="true">완료</option></select></label>
        <label>작업<select aria-label="작업" value={form.workType} onChange={set('workType')}><option value="">전체</option>{options(WORK_TYPE_LABELS)}</select></label>
        <label>취소타입<select aria-label="취소타입" value={form.cancelType} onChange={set('cancelType')}><option value="">전체</option>{options({ ...CANCEL_TYPE_LABELS, ...CANCEL_REASON_LABELS })}</select></label>
        <label>교환타입<select aria-label="교환타입" value={form.exchangeType} onChange={set('exchangeType')}><option value="">전체</option>{options(EXCHANGE_TYPE_LABELS)}</select></label>
        <label className="q">검색어<input value={form.q} onChange={set('q')} aria-label="검색어" placeholder="CS 내역, 메모, 관리번호, 주문번호, 수령자" /></label>
        <button type="submit">검색</button>
        <button type="button" onClick={() => setForm(EMPTY)}>초기화</button>
      </form>
      <div className={`cs-history-body${thread ? ' with-thread' : ''}`}>
        <div className="result">
          <PageBar page={page} fetching={list.isFetching} hasPrevious={pages.hasPrevious} onPrevious={pages.previous} onNext={page?.next ? () => page.next && pages.next(page.next) : null}>
            {canAct && <button type="button" disabled={picked.size === 0} onClick={() => void completePicked()}>CS선택완료{picked.size > 0 ? ` (${num(picked.size)})` : ''}</button>}
            {canAct && <button type="button" disabled={filters.processed === 'true'} onClick={() => void askAll()}>CS일괄완료</button>}
            {canAct && <button type="button" disabled={picked.size === 0} onClick={() => setDialog('memo')}>CS선택중복</button>}
            <a className="download" href={download(filters, 'xlsx')}>엑셀</a>
            <a className="download" href={download(filters, 'csv')}>CSV</a>
          </PageBar>
          {message && <p className="cs-history-message" role="status">{message}</p>}
          <table className="orders">
            <thead>
              <tr>
                {canAct && <th><input type="checkbox" aria-label="이 쪽 전체 선택" checked={allPicked} onChange={(e) => setPicked(e.target.checked ? new Map(items.map((r) => [r.entryId, r.no])) : new Map())} /></th>}
                <th aria-label="내역 보기" /><th>등록일</th><th>관리번호</th><th>판매처</th><th>주문번호</th><th>수령자</th><th>작업자</th><th>CS 내역</th><th>작업</th><th>처리상태</th><th>주문상태</th><th>C/S 상태</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.entryId} className={[thread === r.entryId ? 'selected' : '', r.processed ? 'done' : 'open'].join(' ')} onClick={() => setThread(r.entryId)}>
                  {canAct && <td onClick={(e) => e.stopPropagation()}><input type="checkbox" aria-label={`${r.no} ${r.workTypeLabel} 선택`} checked={picked.has(r.entryId)} onChange={(e) => toggle(r.entryId, r.no, e.target.checked)} /></td>}
                  <td><button type="button" className="plus" aria-label={`${r.no} ${r.workTypeLabel} 내역 보기`} onClick={(e) => { e.stopPropagation(); setThread(r.entryId); }}>+</button></td>
                  <td>{dateTime(r.at)}</td><td>{r.no}</td><td>{r.channel ?? ''}</td><td>{r.channelOrderNo ?? ''}</td><td>{r.recipientName ?? ''}</td><td>{r.worker}</td>
                  <td className="content" title={r.content}>{r.content}</td><td>{r.workTypeLabel}</td><td className="state">{r.processed ? '완료' : '미처리'}</td><td>{r.statusLabel ?? '삭제됨'}</td><td>{r.csStateLabel ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.isPending && <p className="loading">불러오는 중…</p>}
          {page && items.length === 0 && <p className="empty">CS 내역이 없습니다.</p>}
          {list.isError && <p className="field-error" role="alert">{koreanProblem(problemOf(list.error))}</p>}
        </div>
        {thread && <CsThread entryId={thread} canAct={canAct} onComplete={(id) => complete({ entryIds: [id] })} onClose={() => setThread(null)} />}
      </div>
      {dialog === 'all' && openCount && (
        <FormDialog title="CS일괄완료" submitLabel="완료처리" onClose={() => setDialog(null)} onSubmit={async () => { await complete({ all: true, ...openAll }); setDialog(null); }}>
          {() => <p>지금 조건에 맞는 미처리 CS {openCount.estimated ? '약 ' : ''}<b>{num(openCount.total)}건</b>을 모두 완료처리합니다.</p>}
        </FormDialog>
      )}
      {dialog === 'memo' && <DuplicateMemo nos={pickedNos} onClose={() => setDialog(null)} onDone={async (text) => { setDialog(null); setMessage(text); setPicked(new Map()); await refresh(); }} />}
    </div>
  );
};

/** CS선택중복: one new CS 내역 on each selected row's order. */
const DuplicateMemo = ({ nos, onClose, onDone }: { nos: readonly number[]; onClose: () => void; onDone: (message: string) => Promise<void> }) => {
  const [text, setText] = useState('');
  const send = async () => {
    const result = ok(await api.POST('/views/cs-history/memos', { body: { nos: [...nos], text } }));
    const refused = result.items.filter((i) => i.outcome === 'refused').map((i) => `${i.no} ${i.code ?? ''}`);
    await onDone([`CS 내역 추가 ${num(result.summary.applied)}건`, refused.length > 0 ? `거절 ${refused.join(', ')}` : ''].filter(Boolean).join(' · '));
  };
  return (
    <FormDialog title={`CS선택중복 — 주문 ${num(nos.length)}건`} fields={['text', 'nos']} onClose={onClose} onSubmit={send}>
      {(problem) => (
        <label>
          CS 내역
          <textarea aria-label="CS 내역" rows={3} required value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && (e.preventDefault(), e.currentTarget.form?.requestSubmit())} />
          <FieldProblem problem={problem} field="text" />
          <small>관리번호 {nos.join(', ')}</small>
        </label>
      )}
    </FormDialog>
  );
};
