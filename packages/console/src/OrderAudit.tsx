/**
 * For auditors (and admins), beside 이벤트: the order's 타임라인 — every revision with when it was stored,
 * its 작업구분, who sent it and what it changed (the server's words, one change a line) — the order as it
 * stood at a revision (이 시점 보기) or at an instant (시점 조회), and its hash chain checked (체인 검증).
 * Read-only; each answer is the server's, folded or checked from the order's own events.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from './api';
import { dateTimeSeconds, num, seoulInstant } from './format';
import { holdText, OrderLines } from './OrderLines';
import { problemOf, problemText } from './problems';
import type { ChainBreak } from './types';

/** Where the order is looked at: a revision of its stream, or an instant (compared with when each event was stored). */
type Point = { readonly revision: number } | { readonly asOf: string };

const pointName = (point: Point): string => ('revision' in point ? `리비전 ${point.revision} 시점` : `${dateTimeSeconds(point.asOf)} 시점`);

const BREAK_KINDS: Readonly<Record<ChainBreak['kind'], string>> = { hash_mismatch: '내용 변경', previous_mismatch: '이전 해시 불일치', revision_gap: '리비전 누락' };

/** An instant before the order was placed reads better said of the past (problems.ts has every other code's words). */
const pointText = (error: unknown): string => {
  const p = problemOf(error);
  return p.code === 'ORDER_NOT_FOUND' && (p.errors ?? []).some((e) => e.field === 'asOf') ? '이 시점에는 주문이 아직 없었습니다.' : problemText(error);
};

/** The order as it stood at the point: its state, hold, 합포 and lines with their ledger. */
const OrderAt = ({ no, point }: { no: number; point: Point }) => {
  const at = useQuery({
    queryKey: ['orderAt', no, point],
    queryFn: async () => ok(await api.GET('/orders/{no}', { params: { path: { no: String(no) }, query: point } })),
  });
  const o = at.data;
  const name = pointName(point);
  return (
    <section className="order-at" aria-label={name}>
      <h3>{name} {o && 'asOf' in point && <small>리비전 {o.revision}까지</small>}</h3>
      {at.isPending && <p className="hint">불러오는 중…</p>}
      {at.isError && <p className="field-error" role="alert">{pointText(at.error)}</p>}
      {o && (
        <>
          <p className="order-at-state">
            {o.statusLabel} · {o.csStateLabel} · {o.hold ? holdText(o.hold) : '보류 아님'} · {o.package ? `합포 ${o.package.id} (${o.package.members.join(', ')})` : '합포 없음'}
            {o.deleted ? ' · 삭제됨' : ''}
          </p>
          <OrderLines lines={o.lines} label={`${name} 상품`} />
        </>
      )}
    </section>
  );
};

export const OrderAudit = ({ no }: { no: number }) => {
  const [point, setPoint] = useState<Point | null>(null);
  const [instant, setInstant] = useState('');
  const timeline = useQuery({ queryKey: ['timeline', no], queryFn: async () => ok(await api.GET('/orders/{no}/timeline', { params: { path: { no: String(no) } } })) });
  // Checked when asked (it reads the stream as stored and recomputes every hash), again on each click.
  const verify = useQuery({ queryKey: ['verify', no], queryFn: async () => ok(await api.GET('/audit/verify', { params: { query: { stream: `order-${no}` } } })), enabled: false });
  const t = timeline.data;
  const v = verify.data;
  const broken = new Set((v?.breaks ?? []).map((b) => b.revision));
  const shown = point && 'revision' in point ? point.revision : null;
  const rowClass = (revision: number) => [revision === shown && 'selected', broken.has(revision) && 'broken'].filter(Boolean).join(' ') || undefined;
  return (
    <details className="order-events order-audit">
      <summary>타임라인 {t ? `(${num(t.items.length)}건)` : ''}</summary>
      {timeline.isError && <p className="field-error" role="alert">{problemText(timeline.error)}</p>}
      <div className="result-bar">
        <label>시점 <input type="datetime-local" step={1} value={instant} onChange={(e) => setInstant(e.target.value)} /></label>
        <button type="button" disabled={instant === ''} onClick={() => setPoint({ asOf: seoulInstant(instant) })}>시점 조회</button>
        <button type="button" className="verify" disabled={verify.isFetching} onClick={() => void verify.refetch()}>체인 검증</button>
        {verify.isError && <span className="field-error" role="alert">{problemText(verify.error)}</span>}
        {v?.ok && <span className="chain-ok" role="status">체인 정상 ({num(v.events)}건)</span>}
      </div>
      {v && !v.ok && (
        <div className="field-error chain-breaks" role="alert">
          체인 이상 ({num(v.events)}건 중 {num(v.breaks.length)}곳)
          <ul>{v.breaks.map((b) => <li key={`${b.revision}-${b.kind}`}>리비전 {b.revision}: {BREAK_KINDS[b.kind]}</li>)}</ul>
        </div>
      )}
      {t && (
        <table aria-label="타임라인">
          <thead><tr><th className="n">리비전</th><th>저장 시각</th><th>작업구분</th><th>작업자</th><th>변경</th><th>메모</th><th>시점</th></tr></thead>
          <tbody>
            {t.items.map((e) => (
              <tr key={e.eventId} data-revision={e.revision} className={rowClass(e.revision)}>
                <td className="n">{e.revision}</td>
                <td title={`발생 ${dateTimeSeconds(e.occurredAt)}`}>{dateTimeSeconds(e.recordedAt)}</td>
                <td title={e.type}>{e.workType}</td>
                <td>{e.actor} ({e.role})</td>
                <td className="changes">{e.changes.length === 0 ? <span className="hint">변경 없음</span> : e.changes.map((c) => <div key={c.field}>{c.text}</div>)}</td>
                <td className="memo">{e.memo}</td>
                <td><button type="button" onClick={() => setPoint({ revision: e.revision })}>이 시점 보기</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {point && <OrderAt no={no} point={point} />}
    </details>
  );
};
