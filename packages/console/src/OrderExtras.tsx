/**
 * The selected order's relations, below its lines: 합포 members, copies and exchanges (each a 관리번호
 * to open), and its 회수 (return pickups) with what arrived and the return fee still unpaid (미수).
 */
import { FEE_ROUTE_LABELS, FEE_ROUTES } from '@oms/domain';
import type { ReactNode } from 'react';
import { num } from './format';
import type { Order } from './types';

const PICKUP_STATES: Readonly<Record<Order['returnPickups'][number]['state'], string>> = { requested: '요청', partially_arrived: '일부도착', arrived: '도착', completed: '완료' };

export const OrderLinks = ({ o, onOpen }: { o: Order; onOpen?: ((no: number) => void) | undefined }) => {
  const link = (no: number) =>
    onOpen && no !== o.no ? <button key={no} type="button" className="link" onClick={() => onOpen(no)} aria-label={`관리번호 ${no} 열기`}>{no}</button> : <b key={no}>{no}</b>;
  const list = (nos: readonly number[]) => nos.map((n, i) => <span key={n}>{i > 0 && ', '}{link(n)}</span>);
  const parts: ReactNode[] = [];
  if (o.package) parts.push(<span key="package">합포 {o.package.id}: {list(o.package.members)}</span>);
  if (o.mergeForbidden) parts.push(<span key="forbidden" className="flag">합포금지</span>);
  if (o.returnExpected) parts.push(<span key="expected" className="flag">반품예정</span>);
  if (o.copiedFrom) parts.push(<span key="from">{o.copiedFrom.whole ? '주문전체복사' : '주문복사'} 원주문 {link(o.copiedFrom.no)}</span>);
  if (o.copies.length > 0) parts.push(<span key="copies">복사주문 {list(o.copies)}</span>);
  if (o.replacementOf) parts.push(<span key="replacement">교환주문 · 원주문 {link(o.replacementOf.no)}</span>);
  if (o.exchangeList.length > 0) parts.push(<span key="exchanges">교환 {o.exchangeList.map((x, i) => <span key={x.exchangeId}>{i > 0 && ', '}{x.typeLabel}{x.replacementNo !== null && <> → {link(x.replacementNo)}</>}</span>)}</span>);
  if (parts.length === 0) return null;
  return <p className="order-links">{parts.map((p, i) => <span key={i}>{i > 0 && ' · '}{p}</span>)}</p>;
};

export const Pickups = ({ o }: { o: Order }) => {
  if (o.returnPickups.length === 0) return null;
  const product = (lineId: number) => o.lines.find((l) => l.lineId === lineId)?.productName ?? `${lineId}번`;
  return (
    <section className="pickups" aria-label="회수">
      <h3>회수</h3>
      <table className="lines">
        <thead><tr><th>#</th><th>상태</th><th>상품</th><th className="n">회수</th><th className="n">입고</th><th className="n">불량</th><th>입고예정</th><th>반품배송비 (예정/도착)</th><th className="n">미수</th></tr></thead>
        <tbody>
          {o.returnPickups.map((p) => (
            <tr key={p.pickupId} data-pickup={p.pickupId}>
              <td>{p.pickupId}{p.exchangeId !== null && <small> 교환</small>}</td>
              <td>{PICKUP_STATES[p.state]}</td>
              <td>{p.lines.map((l) => product(l.lineId)).join(', ')}</td>
              <td className="n">{num(p.lines.reduce((n, l) => n + l.pickedUp, 0))}</td>
              <td className="n">{num(p.lines.reduce((n, l) => n + l.received, 0))}</td>
              <td className="n">{num(p.lines.reduce((n, l) => n + l.damaged, 0))}</td>
              <td>{p.registerInbound ? '예' : '아니오'}</td>
              <td>{FEE_ROUTES.filter((r) => p.fees[r].expected > 0 || p.fees[r].arrived > 0).map((r) => `${FEE_ROUTE_LABELS[r]} ${num(p.fees[r].expected)}/${num(p.fees[r].arrived)}`).join(', ') || '없음'}</td>
              <td className={`n${p.outstanding > 0 ? ' partial' : ''}`}>{num(p.outstanding)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};
