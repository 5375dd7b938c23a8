/**
 * 취소결과조회 (EzAdmin's screen): what the marketplaces cancelled, beside what we cancelled. A partial
 * cancellation's quantity is red; 선택 확인 / 전체 확인 mark rows as looked at; the same filters download
 * as .xlsx or .csv.
 */
import type { ScreenProps } from './screens';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type { paths } from './openapi';
import { api, ok } from './api';
import { Download } from './Download';
import { dateTime, num } from './format';
import { filledIn, PageBar, useCursorPages } from './paging';

type Query = NonNullable<paths['/views/cancellations']['get']['parameters']['query']>;
type Filters = Omit<Query, 'limit' | 'offset' | 'cursor' | 'format'>;
const EMPTY = { from: '', to: '', channel: '', shipping: 'all', confirmed: 'no', partial: '', q: '' };

const download = (filters: Filters, format: 'xlsx' | 'csv') => `/views/cancellations?${new URLSearchParams({ ...(filters as Record<string, string>), format })}`;

export const Cancellations = ({ canAct }: ScreenProps) => {
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [filters, setFilters] = useState<Filters>(filledIn<Filters>(EMPTY));
  const pages = useCursorPages();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const { cursor } = pages;
  const list = useQuery({
    queryKey: ['cancellations', filters, cursor ?? null],
    queryFn: async () => ok(await api.GET('/views/cancellations', { params: { query: { ...filters, limit: 50, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const search = (e: FormEvent) => {
    e.preventDefault();
    pages.reset();
    setPicked(new Set());
    setFilters(filledIn<Filters>(form));
  };
  const confirm = async (all: boolean) => {
    ok(await api.POST('/views/cancellations/confirm', { body: all ? { all: true, ...filters } : { ids: [...picked] } }));
    setPicked(new Set());
    await client.invalidateQueries({ queryKey: ['cancellations'] });
  };
  const page = list.data;
  return (
    <div className="view">
      <form className="search" onSubmit={search} aria-label="취소결과 검색">
        <label>취소일<input type="date" value={form.from} onChange={set('from')} aria-label="취소일 시작" />~<input type="date" value={form.to} onChange={set('to')} aria-label="취소일 끝" /></label>
        <label>판매처<input value={form.channel} onChange={set('channel')} size={10} /></label>
        <label>배송<select value={form.shipping} onChange={set('shipping')}><option value="all">전체</option><option value="before">배송전</option><option value="after">배송후</option></select></label>
        <label>확인<select aria-label="확인" value={form.confirmed} onChange={set('confirmed')}><option value="all">전체</option><option value="no">미확인</option><option value="yes">확인</option></select></label>
        <label>부분취소<select value={form.partial} onChange={set('partial')}><option value="">전체</option><option value="true">부분만</option><option value="false">전체취소만</option></select></label>
        <label className="q">검색어<input value={form.q} onChange={set('q')} placeholder="관리번호, 주문번호, 클레임번호, 상품, 주문자" /></label>
        <button type="submit">검색</button>
      </form>
      <div className="result">
        <PageBar page={page} fetching={list.isFetching} hasPrevious={pages.hasPrevious} onPrevious={pages.previous} onNext={page?.next ? () => page.next && pages.next(page.next) : null}>
          {canAct && <button type="button" disabled={picked.size === 0} onClick={() => void confirm(false)}>선택 확인</button>}
          {canAct && <button type="button" onClick={() => void confirm(true)}>전체 확인</button>}
          <Download href={download(filters, 'xlsx')} label="엑셀" filename="취소결과조회.xlsx" />
          <Download href={download(filters, 'csv')} label="CSV" filename="취소결과조회.csv" />
        </PageBar>
        <table className="orders">
          <thead>
            <tr>{canAct && <th aria-label="선택" />}<th>관리번호</th><th>판매처</th><th>주문번호</th><th>클레임번호</th><th>상품</th><th className="n">주문</th><th className="n">취소</th><th className="n">반영</th><th>구분</th><th>사유</th><th>취소일</th><th>주문상태</th><th>확인</th></tr>
          </thead>
          <tbody>
            {page?.items.map((c) => (
              <tr key={c.id} className={c.withdrawnAt ? 'withdrawn' : ''}>
                {canAct && <td><input type="checkbox" aria-label={`${c.cancellationId} 선택`} checked={picked.has(c.id)} onChange={(e) => { const next = new Set(picked); if (e.target.checked) next.add(c.id); else next.delete(c.id); setPicked(next); }} /></td>}
                <td>{c.no}</td><td>{c.channel}</td><td>{c.channelOrderNo}</td><td>{c.cancellationId}</td><td>{c.productName} {c.option}</td>
                <td className="n">{num(c.orderedQuantity)}</td><td className={`n${c.partial ? ' partial' : ''}`}>{num(c.cancelledQuantity)}</td><td className="n">{num(c.appliedQuantity)}</td>
                <td>{c.cancelTypeLabel}</td><td>{c.reasonLabel}</td><td>{dateTime(c.cancelledAt)}</td><td>{c.statusLabel ?? '삭제됨'}</td><td>{c.confirmed ? `확인 (${c.confirmedBy ?? ''})` : '미확인'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 && <p className="empty">취소 내역이 없습니다.</p>}
      </div>
    </div>
  );
};
