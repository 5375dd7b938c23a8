/**
 * The selected order (seed 003's lower half): 주문상세 with each line's quantity ledger, the invoice
 * with the carrier's tracking link, 합포 members, copies, exchanges and 회수, the toolbar (grouped as
 * on the seed), and the CS 이력 pane (미처리 / 완료, complete one or all).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from './ActionDialog';
import type { CommandResult, CsAction } from './actions';
import { actionsFor, GROUPS } from './actions';
import { api, ok } from './api';
import { dateTime } from './format';
import { OrderAudit } from './OrderAudit';
import { OrderEvents } from './OrderEvents';
import { OrderLinks, Pickups } from './OrderExtras';
import { holdText, OrderLines } from './OrderLines';
import { koreanOf } from './problems';

/** What a done action says: a new 관리번호 (주문복사, 교환) and the server's warnings (a second 회수). */
interface Notice {
  readonly action: string;
  readonly text: string | undefined;
  readonly opens: number | undefined;
  readonly warnings: readonly string[];
}
const noticeOf = (action: CsAction, r: CommandResult): Notice | null => {
  const text = action.announce?.(r);
  const warnings = r.warnings.map((w) => koreanOf(w.code) ?? w.message);
  return text || warnings.length ? { action: action.label, text, opens: r.copyNo ?? r.replacementNo, warnings } : null;
};

export const OrderPanel = ({ no, canAct, seesEvents = false, onClose, onOpen }: { no: number; canAct: boolean; seesEvents?: boolean; onClose: () => void; onOpen?: (no: number) => void }) => {
  const client = useQueryClient();
  const [action, setAction] = useState<CsAction | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const order = useQuery({ queryKey: ['order', no], queryFn: async () => ok(await api.GET('/orders/{no}', { params: { path: { no: String(no) } } })) });
  const history = useQuery({ queryKey: ['history', no], queryFn: async () => ok(await api.GET('/orders/{no}/history', { params: { path: { no: String(no) } } })) });
  // An action can touch other orders too (합포 members, a copy, renumbered priorities): refresh them all.
  const refresh = () => Promise.all(['order', 'history', 'orders', 'priority', 'events', 'timeline'].map((key) => client.invalidateQueries({ queryKey: [key] })));
  const complete = async (entryId?: string) => {
    if (entryId) ok(await api.POST('/orders/{no}/history/{entryId}/complete', { params: { path: { no: String(no), entryId } }, body: {} }));
    else {
      const open = (history.data?.items ?? []).filter((e) => !e.processed).map((e) => e.entryId);
      if (open.length > 0) ok(await api.POST('/orders/{no}/history/complete', { params: { path: { no: String(no) } }, body: { entryIds: open } }));
    }
    await refresh();
  };
  const o = order.data;
  if (!o) return <section className="panel" aria-busy="true">{order.isError ? order.error.message : '불러오는 중…'}</section>;
  const entries = (history.data?.items ?? []).filter((e) => !onlyOpen || !e.processed);
  return (
    <section className="panel" aria-label={`주문 ${o.no}`}>
      <header>
        <h2>관리번호 {o.no} <small>{o.channel} · {o.channelOrderNo} · {o.statusLabel} · {o.csStateLabel}{o.hold ? ` · ${holdText(o.hold)}` : ''}{o.deleted ? ' · 삭제됨' : ''}</small></h2>
        <button type="button" onClick={onClose} aria-label="닫기">×</button>
      </header>
      {canAct && (
        <nav className="toolbar" aria-label="CS 작업">
          {GROUPS.map((g) => {
            const offered = actionsFor(o).filter((a) => a.group === g);
            return offered.length === 0 ? null : (
              <span key={g} role="group" aria-label={g} className="toolbar-group">
                {offered.map((a) => <button key={a.id} type="button" onClick={() => { setNotice(null); setAction(a); }}>{a.label}</button>)}
              </span>
            );
          })}
        </nav>
      )}
      {notice && (
        <p className="notice" role="status">
          <b>{notice.action}</b> {notice.text}
          {notice.opens !== undefined && onOpen && <button type="button" onClick={() => onOpen(notice.opens ?? o.no)}>열기</button>}
          {notice.warnings.map((w) => <span key={w} className="warning">{w}</span>)}
          <button type="button" className="dismiss" aria-label="알림 닫기" onClick={() => setNotice(null)}>×</button>
        </p>
      )}
      <div className="panel-body">
        <div>
          <h3>주문상세</h3>
          <OrderLines lines={o.lines} />
          <p className="recipient">
            수령자 {o.recipient.name} · {[o.recipient.phone, o.recipient.mobile].filter(Boolean).join(' / ')} · {o.recipient.zip ? `(${o.recipient.zip}) ` : ''}{o.recipient.address}
            {o.recipient.memo && <> · 배송메모 {o.recipient.memo}</>}
          </p>
          <p>
            송장: {o.invoice ? <>{o.invoice.carrierName} {o.invoice.trackingUrl ? <a href={o.invoice.trackingUrl} target="_blank" rel="noreferrer">{o.invoice.trackingNumber}</a> : o.invoice.trackingNumber}</> : '없음'}
          </p>
          <OrderLinks o={o} onOpen={onOpen} />
          <Pickups o={o} />
          {seesEvents && (
            <>
              <OrderEvents no={o.no} />
              <OrderAudit no={o.no} />
            </>
          )}
        </div>
        <div className="history">
          <h3>CS 이력 <label><input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} /> 미처리만</label>{canAct && <button type="button" onClick={() => void complete()}>전체완료</button>}</h3>
          <ol>
            {entries.map((e) => (
              <li key={e.entryId} className={e.processed ? 'done' : 'open'}>
                <span className="when">{dateTime(e.at)}</span> <b>{e.workTypeLabel}</b> {e.content} {e.memo && !e.content.includes(e.memo) && <q>{e.memo}</q>} <span className="who">{e.worker}</span>{' '}
                {e.processed ? <span className="state">완료</span> : canAct ? <button type="button" onClick={() => void complete(e.entryId)}>완료</button> : <span className="state">미처리</span>}
              </li>
            ))}
          </ol>
        </div>
      </div>
      {action && (
        <ActionDialog
          action={action}
          order={o}
          onClose={() => setAction(null)}
          onDone={(result) => {
            setAction(null);
            setNotice(noticeOf(action, result));
            void refresh();
          }}
        />
      )}
    </section>
  );
};
