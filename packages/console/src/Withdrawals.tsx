/**
 * 취소철회조회: lines we cancelled beyond what the channel still cancels (it withdrew, or cancelled less).
 * 정상복귀 restores the row's quantity through 개별정상복귀 (the same command as the CS창's); 확인 marks a
 * row looked at without restoring.
 */
import type { ScreenProps } from './screens';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type { paths } from './openapi';
import { api, ok, RequestRefused } from './api';
import { Download } from './Download';
import { dateTime, num } from './format';
import { filledIn, PageBar } from './paging';
import { koreanOf } from './problems';

type Query = NonNullable<paths['/views/cancel-withdrawals']['get']['parameters']['query']>;
type Filters = Omit<Query, 'limit' | 'offset' | 'format'>;
const EMPTY = { dateOf: 'cancelled', from: '', to: '', channel: '', confirmed: 'no', q: '' };
const PAGE = 50;

const download = (filters: Filters, format: 'xlsx' | 'csv') => `/views/cancel-withdrawals?${new URLSearchParams({ ...(filters as Record<string, string>), format })}`;

export const Withdrawals = ({ canAct }: ScreenProps) => {
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [filters, setFilters] = useState<Filters>(filledIn<Filters>(EMPTY));
  const [offset, setOffset] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['withdrawals', filters, offset], queryFn: async () => ok(await api.GET('/views/cancel-withdrawals', { params: { query: { ...filters, limit: PAGE, offset } } })) });
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setFilters(filledIn<Filters>(form));
  };
  const run = async (work: () => Promise<unknown>, done: string) => {
    setMessage(null);
    try {
      await work();
      setMessage(done);
    } catch (error) {
      setMessage(error instanceof RequestRefused ? (koreanOf(error.problem.code) ?? error.problem.detail ?? error.problem.title) : '서버에 연결할 수 없습니다.');
    }
    await client.invalidateQueries({ queryKey: ['withdrawals'] });
  };
  const page = list.data;
  return (
    <div className="view">
      <form className="search" onSubmit={search} aria-label="취소철회 검색">
        <label>기준<select aria-label="기준" value={form.dateOf} onChange={set('dateOf')}><option value="cancelled">취소일</option><option value="withdrawn">철회일</option></select></label>
        <label><input type="date" value={form.from} onChange={set('from')} aria-label="시작일" />~<input type="date" value={form.to} onChange={set('to')} aria-label="끝일" /></label>
        <label>판매처<input value={form.channel} onChange={set('channel')} size={10} /></label>
        <label>확인<select aria-label="확인" value={form.confirmed} onChange={set('confirmed')}><option value="all">전체</option><option value="no">미확인</option><option value="yes">확인</option></select></label>
        <label className="q">검색어<input value={form.q} onChange={set('q')} placeholder="관리번호, 주문번호, 상품, 주문자" /></label>
        <button type="submit">검색</button>
      </form>
      <div className="result">
        <PageBar page={page} fetching={list.isFetching} hasPrevious={offset > 0} onPrevious={() => setOffset(Math.max(0, offset - PAGE))} onNext={page && offset + PAGE < page.total ? () => setOffset(offset + PAGE) : null}>
          <Download href={download(filters, 'xlsx')} label="엑셀" filename="취소철회조회.xlsx" />
          <Download href={download(filters, 'csv')} label="CSV" filename="취소철회조회.csv" />
          {message && <span role="status">{message}</span>}
        </PageBar>
        <table className="orders">
          <thead>
            <tr><th>관리번호</th><th>판매처</th><th>주문번호</th><th>주문자</th><th>상품</th><th className="n">주문</th><th className="n">취소(우리)</th><th className="n">취소(판매처)</th><th className="n">복귀할 수량</th><th>취소일</th><th>철회일</th><th>상태</th><th>확인</th>{canAct && <th>작업</th>}</tr>
          </thead>
          <tbody>
            {page?.items.map((w) => (
              <tr key={w.id}>
                <td>{w.no}</td><td>{w.channel}</td><td>{w.channelOrderNo}</td><td>{w.buyerName}</td><td>{w.productName} {w.option}</td>
                <td className="n">{num(w.ordered)}</td><td className="n">{num(w.cancelledHere)}</td><td className="n">{num(w.channelCancelled)}</td><td className="n partial">{num(w.toRestore)}</td>
                <td>{dateTime(w.cancelledAt)}</td><td>{dateTime(w.withdrawnAt)}</td><td>{w.statusLabel}</td><td>{w.confirmed ? '확인' : '미확인'}</td>
                {canAct && (
                  <td>
                    <button type="button" onClick={() => void run(async () => ok(await api.POST('/orders/{no}/lines/{lineId}/restore', { params: { path: { no: String(w.no), lineId: String(w.lineId) } }, body: { quantity: w.toRestore, memo: '취소철회조회에서 정상복귀' } })), `${w.no} 정상복귀 ${w.toRestore}개`)}>정상복귀</button>
                    <button type="button" onClick={() => void run(async () => ok(await api.POST('/views/cancel-withdrawals/confirm', { body: { ids: [w.id] } })), `${w.no} 확인`)}>확인</button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 && <p className="empty">취소철회 내역이 없습니다.</p>}
      </div>
    </div>
  );
};
