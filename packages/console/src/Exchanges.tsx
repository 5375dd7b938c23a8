/**
 * 교환예정관리: one row per exchange with its replacement order (교환주문), 교환요청 → 회수도착 →
 * 교환출고. A row's work is the API's own steps: 회수도착 (반품입고 of the exchange's pickup, what it
 * still awaits), and on the replacement order 송장입력 then 교환출고 (배송처리).
 */
import type { ScreenProps } from './screens';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type { paths } from './openapi';
import { api, ok, RequestRefused } from './api';
import { dateTime, num } from './format';
import { errorText, FieldsDialog } from './FieldsDialog';
import { filledIn, PageBar } from './paging';
import './returns.css';

type Query = NonNullable<paths['/views/exchanges']['get']['parameters']['query']>;
type Filters = Omit<Query, 'limit' | 'offset' | 'format'>;
type Row = paths['/views/exchanges']['get']['responses'][200]['content']['application/json']['items'][number];
type Carrier = NonNullable<paths['/orders/{no}/invoice']['put']['requestBody']>['content']['application/json']['carrier'];
const EMPTY = { state: '', from: '', to: '', channel: '', q: '' };
const PAGE = 50;
/** The filter's options; the rows carry the server's own stateLabel. */
const STATES = { requested: '교환요청', goods_arrived: '회수도착', replacement_shipped: '교환출고' } as const satisfies Record<NonNullable<Query['state']>, string>;

const download = (filters: Filters, format: 'xlsx' | 'csv') => `/views/exchanges?${new URLSearchParams({ ...(filters as Record<string, string>), format })}`;
const memoOf = (v: Record<string, string>) => (v.memo?.trim() ? { memo: v.memo.trim() } : {});
const orderPath = (no: number) => ({ path: { no: String(no) } });

/** 회수도착: the exchange's pickup (from the order) receives every unit it still awaits. */
const receiveExchange = async (row: Row, memo: { memo?: string }) => {
  const order = ok(await api.GET('/orders/{no}', { params: orderPath(row.no) }));
  const pickupId = order.exchangeList.find((x) => x.exchangeId === row.exchangeId)?.pickupId ?? null;
  const pickup = order.returnPickups.find((p) => p.pickupId === pickupId);
  const lines = (pickup?.lines ?? []).filter((l) => l.pickedUp > l.received).map((l) => ({ lineId: l.lineId, quantity: l.pickedUp - l.received }));
  if (pickupId === null || lines.length === 0) throw new RequestRefused({ status: 409, code: 'NOTHING_TO_RECEIVE', title: '도착을 기다리는 회수가 없습니다.' });
  ok(await api.POST('/orders/{no}/pickups/{pickupId}/arrival', { params: { path: { no: String(row.no), pickupId: String(pickupId) } }, body: { lines, ...memo } }));
  return lines.reduce((n, l) => n + l.quantity, 0);
};

type Open = { kind: 'arrival' | 'invoice' | 'ship'; row: Row } | null;

export const Exchanges = ({ canAct, can }: ScreenProps) => {
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [filters, setFilters] = useState<Filters>(filledIn<Filters>(EMPTY));
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['exchanges', filters, offset],
    queryFn: async () => ok(await api.GET('/views/exchanges', { params: { query: { ...filters, limit: PAGE, offset } } })),
    placeholderData: keepPreviousData,
  });
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setFilters(filledIn<Filters>(form));
  };
  const done = async (text: string) => {
    setOpen(null);
    setMessage(text);
    await Promise.all([client.invalidateQueries({ queryKey: ['exchanges'] }), client.invalidateQueries({ queryKey: ['returns'] })]);
  };
  const page = list.data;
  const ships = can.fulfilmentCommand === true;
  return (
    <div className="view exchanges">
      <form className="search" onSubmit={search} aria-label="교환 검색">
        <label>교환요청일<input type="date" value={form.from} onChange={set('from')} aria-label="교환요청일 시작" />~<input type="date" value={form.to} onChange={set('to')} aria-label="교환요청일 끝" /></label>
        <label>상태<select aria-label="상태" value={form.state} onChange={set('state')}><option value="">전체</option>{Object.entries(STATES).map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></label>
        <label>판매처<input aria-label="판매처" value={form.channel} onChange={set('channel')} size={10} /></label>
        <label className="q">검색어<input aria-label="검색어" value={form.q} onChange={set('q')} placeholder="관리번호(원주문·교환주문), 주문번호, 수령자, 송장번호" /></label>
        <button type="submit">검색</button>
      </form>
      <div className="result">
        <PageBar page={page} fetching={list.isFetching} hasPrevious={offset > 0} onPrevious={() => setOffset(Math.max(0, offset - PAGE))} onNext={page && offset + PAGE < page.total ? () => setOffset(offset + PAGE) : null}>
          <a className="download" href={download(filters, 'xlsx')}>엑셀</a>
          <a className="download" href={download(filters, 'csv')}>CSV</a>
          {message && <span role="status">{message}</span>}
        </PageBar>
        <table className="orders exchanges-table">
          <thead>
            <tr>
              <th>관리번호</th><th>교환주문</th><th>판매처</th><th>주문번호</th><th>수령자</th><th>교환구분</th><th>상태</th><th className="n">교환수량</th><th className="n">회수도착</th><th className="n">출고</th>
              <th>교환요청일</th><th>회수도착일</th><th>교환출고일</th><th>택배사</th><th>송장번호</th>{canAct && ships && <th>작업</th>}
            </tr>
          </thead>
          <tbody>
            {page?.items.map((x) => (
              <tr key={`${x.no}-${x.exchangeId}`} aria-label={`교환 ${x.no}-${x.exchangeId}`}>
                <td>{x.no}</td><td>{x.replacementNo}</td><td>{x.channel}</td><td>{x.channelOrderNo}</td><td>{x.recipientName}</td><td>{x.exchangeTypeLabel}</td><td>{x.stateLabel}</td>
                <td className="n">{num(x.quantity)}</td><td className={`n${x.received > 0 && x.received < x.quantity ? ' partial' : ''}`}>{num(x.received)}</td><td className="n">{num(x.shippedQuantity)}</td>
                <td>{dateTime(x.requestedAt)}</td><td>{dateTime(x.arrivedAt)}</td><td>{dateTime(x.shippedAt)}</td><td>{x.carrier}</td><td>{x.trackingNumber}</td>
                {canAct && ships && (
                  <td className="actions">
                    {!x.goodsArrived && <button type="button" onClick={() => setOpen({ kind: 'arrival', row: x })}>회수도착</button>}
                    {!x.replacementShipped && <button type="button" onClick={() => setOpen({ kind: 'invoice', row: x })}>송장입력</button>}
                    {!x.replacementShipped && x.trackingNumber && <button type="button" onClick={() => setOpen({ kind: 'ship', row: x })}>교환출고</button>}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {list.isPending && <p className="loading">불러오는 중…</p>}
        {page && page.items.length === 0 && <p className="empty">교환 내역이 없습니다.</p>}
        {list.isError && <p className="field-error" role="alert">{errorText(list.error)}</p>}
      </div>
      {open?.kind === 'arrival' && (
        <FieldsDialog
          title={`회수도착 — 관리번호 ${open.row.no}`}
          intro={<p className="hint">{open.row.exchangeTypeLabel}: 교환수량 {num(open.row.quantity)} 중 도착 {num(open.row.received)}. 남은 수량이 모두 도착한 것으로 입고합니다.</p>}
          fields={[{ name: 'memo', label: 'CS 메모', kind: 'memo' }]}
          onClose={() => setOpen(null)}
          onSubmit={async (v) => {
            const n = await receiveExchange(open.row, memoOf(v));
            await done(`${open.row.no} 회수도착 ${num(n)}개`);
          }}
        />
      )}
      {open?.kind === 'invoice' && (
        <FieldsDialog
          title={`송장입력 — 교환주문 ${open.row.replacementNo}`}
          fields={[{ name: 'carrier', label: '택배사', required: true, initial: open.row.carrier ?? '' }, { name: 'trackingNumber', label: '송장번호', required: true, initial: open.row.trackingNumber ?? '' }, { name: 'memo', label: 'CS 메모', kind: 'memo' }]}
          onClose={() => setOpen(null)}
          onSubmit={async (v) => {
            ok(await api.PUT('/orders/{no}/invoice', { params: orderPath(open.row.replacementNo), body: { carrier: (v.carrier ?? '') as Carrier, trackingNumber: v.trackingNumber ?? '', ...memoOf(v) } }));
            await done(`교환주문 ${open.row.replacementNo} 송장 ${v.trackingNumber ?? ''}`);
          }}
        />
      )}
      {open?.kind === 'ship' && (
        <FieldsDialog
          title={`교환출고 — 교환주문 ${open.row.replacementNo}`}
          intro={<p className="hint">{open.row.carrier} {open.row.trackingNumber}: 교환주문을 배송처리합니다.</p>}
          fields={[{ name: 'memo', label: 'CS 메모', kind: 'memo' }]}
          onClose={() => setOpen(null)}
          onSubmit={async (v) => {
            ok(await api.POST('/orders/{no}/shipment', { params: orderPath(open.row.replacementNo), body: memoOf(v) }));
            await done(`교환주문 ${open.row.replacementNo} 교환출고`);
          }}
        />
      )}
    </div>
  );
};
