/**
 * The CS창 (seed 003): the search area, the result table and, for the selected order, its panel.
 * Every filter is a query parameter of GET /orders; pages follow the server's `next` cursor (deep
 * pages stay fast), and 이전 goes back through the cursors already seen.
 */
import type { ScreenProps } from './screens';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { CS_STATE_LABELS, ORDER_STATUS_LABELS } from '@oms/domain';
import { api, ok } from './api';
import { dateTime, num } from './format';
import { filledIn, PageBar, useCursorPages } from './paging';
import { OrderPanel } from './OrderPanel';
import type { OrderListItem, OrderListQuery } from './types';

type Filters = Omit<OrderListQuery, 'limit' | 'offset' | 'cursor' | 'sort'>;
type Sort = NonNullable<OrderListQuery['sort']>;
const PAGE = 50;

/** A sortable column header: a click sorts by it newest first, a second click oldest first. */
const SortHeader = ({ column, label, sort, onSort }: { column: 'placedAt' | 'no'; label: string; sort: Sort; onSort: (s: Sort) => void }) => {
  const [by, direction] = sort.split('.') as ['placedAt' | 'no', 'asc' | 'desc'];
  const active = by === column;
  return (
    <th aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-header" onClick={() => onSort(active && direction === 'desc' ? `${column}.asc` : `${column}.desc`)}>
        {label} {active ? (direction === 'asc' ? '▲' : '▼') : ''}
      </button>
    </th>
  );
};

const FIELDS_EMPTY = { from: '', to: '', status: '', csState: '', held: '', channel: '', merged: '', returnExpected: '', productCode: '', q: '' };
type FormState = typeof FIELDS_EMPTY;

const alarmDue = (o: OrderListItem) => o.held && o.holdAlarmAt !== null && Date.parse(o.holdAlarmAt) <= Date.now();

export const CsWindow = ({ canAct }: ScreenProps) => {
  const [form, setForm] = useState<FormState>(FIELDS_EMPTY);
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<Sort>('placedAt.desc');
  const pages = useCursorPages();
  const [selected, setSelected] = useState<number | null>(null);
  const { cursor } = pages;
  const list = useQuery({
    queryKey: ['orders', filters, sort, cursor ?? null],
    queryFn: async () => ok(await api.GET('/orders', { params: { query: { ...filters, sort, limit: PAGE, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    pages.reset();
    setFilters(filledIn<Filters>(form));
  };
  const sortBy = (next: Sort) => {
    pages.reset();
    setSort(next);
  };
  const set = (k: keyof FormState) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const page = list.data;
  return (
    <div className="cs-window">
      <form className="search" onSubmit={search} aria-label="주문 검색">
        <label>접수일<input type="date" value={form.from} onChange={set('from')} aria-label="접수일 시작" />~<input type="date" value={form.to} onChange={set('to')} aria-label="접수일 끝" /></label>
        <label>상태<select value={form.status} onChange={set('status')}><option value="">전체</option>{Object.entries(ORDER_STATUS_LABELS).map(([code, label]) => <option key={code} value={code}>{label}</option>)}</select></label>
        <label>C/S<select value={form.csState} onChange={set('csState')}><option value="">전체</option>{Object.entries(CS_STATE_LABELS).map(([code, label]) => <option key={code} value={code}>{label}</option>)}</select></label>
        <label>보류<select value={form.held} onChange={set('held')}><option value="">전체</option><option value="true">보류</option><option value="false">보류 아님</option></select></label>
        <label>합포<select value={form.merged} onChange={set('merged')}><option value="">전체</option><option value="true">합포</option><option value="false">합포 아님</option></select></label>
        <label>반품예정<select value={form.returnExpected} onChange={set('returnExpected')}><option value="">전체</option><option value="true">반품예정</option><option value="false">아님</option></select></label>
        <label>판매처<input value={form.channel} onChange={set('channel')} size={10} /></label>
        <label>상품코드<input value={form.productCode} onChange={set('productCode')} size={8} /></label>
        <label className="q">검색어<input value={form.q} onChange={set('q')} placeholder="이름, 전화, 관리번호, 주문번호, 송장번호" autoFocus /></label>
        <button type="submit">검색</button>
      </form>
      <div className="result">
        <PageBar page={page} fetching={list.isFetching} hasPrevious={pages.hasPrevious} onPrevious={pages.previous} onNext={page?.next ? () => page.next && pages.next(page.next) : null}>
          <span className="sort">{filters.productCode ? '정렬: 우선순위' : `정렬: ${sort.startsWith('no') ? '관리번호' : '접수일'} ${sort.endsWith('asc') ? '▲' : '▼'}`}</span>
        </PageBar>
        <table className="orders">
          <thead>
            <tr><SortHeader column="no" label="관리번호" sort={sort} onSort={sortBy} /><SortHeader column="placedAt" label="접수일" sort={sort} onSort={sortBy} /><th>판매처</th><th>주문번호</th><th>주소</th><th>전화</th><th>핸드폰</th><th>구매자</th><th>수령자</th><th className="n">주문수량</th><th>상태</th><th>C/S</th><th>보류</th></tr>
          </thead>
          <tbody>
            {page?.items.map((o) => (
              <tr key={o.no} className={[selected === o.no ? 'selected' : '', alarmDue(o) ? 'alarm-due' : ''].join(' ')} onClick={() => setSelected(o.no)} onKeyDown={(e) => e.key === 'Enter' && setSelected(o.no)} tabIndex={0} aria-selected={selected === o.no}>
                <td>{o.no}</td><td>{dateTime(o.placedAt)}</td><td>{o.channel}</td><td>{o.channelOrderNo}</td><td className="address">{o.recipientAddress}</td>
                <td>{o.recipientPhone ?? ''}</td><td>{o.recipientMobile ?? ''}</td><td>{o.buyerName}</td><td>{o.recipientName}</td><td className="n">{num(o.orderedQuantity)}</td>
                <td>{o.statusLabel}</td><td>{o.csStateLabel}</td><td>{o.held ? (alarmDue(o) ? '보류 (알람)' : '보류') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 && <p className="empty">검색 결과가 없습니다.</p>}
        {list.isError && <p className="field-error" role="alert">{list.error.message}</p>}
      </div>
      {selected !== null && <OrderPanel key={selected} no={selected} canAct={canAct} onClose={() => setSelected(null)} onOpen={setSelected} />}
    </div>
  );
};
