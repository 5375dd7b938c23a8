/**
 * What the order panel and the order as it stood at a point in its timeline (OrderAudit) both show: the
 * hold in words, and the lines with each one's quantity ledger.
 */
import { dateTime, num } from './format';
import type { Order } from './types';

/** `보류`, with its 알람 when it has one. */
export const holdText = (hold: NonNullable<Order['hold']>): string => `보류${hold.alarmAt ? ` (알람 ${dateTime(hold.alarmAt)})` : ''}`;

export const OrderLines = ({ lines, label }: { lines: Order['lines']; label?: string }) => (
  <table className="lines" aria-label={label}>
    <thead><tr><th>#</th><th>상품</th><th>옵션</th><th className="n">단가</th><th className="n">주문</th><th className="n">유효</th><th className="n">취소</th><th className="n">배송</th><th className="n">회수</th><th className="n">반품</th></tr></thead>
    <tbody>
      {lines.map((l) => (
        <tr key={l.lineId} data-line={l.lineId}>
          <td>{l.lineId}</td><td>{l.productName}</td><td>{l.option}</td><td className="n">{num(l.unitPrice)}</td><td className="n">{num(l.ordered)}</td>
          <td className="n">{num(l.active)}</td><td className={`n${l.cancelled > 0 ? ' partial' : ''}`}>{num(l.cancelled)}</td><td className="n">{num(l.shipped)}</td><td className="n">{num(l.pickedUp)}</td><td className="n">{num(l.returned)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
