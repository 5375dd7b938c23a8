/** 우선순위's list (seed 003 "기존 우선순위 목록"): the unshipped orders holding the product, in shipping order. */
import { useQuery } from '@tanstack/react-query';
import { ORDER_STATUS_LABELS } from '@oms/domain';
import { api, ok } from '../api';
import { dateTime, num } from '../format';
import type { Order } from '../types';
import type { Values } from './kinds';

const statusLabel = (s: string) => (ORDER_STATUS_LABELS as Readonly<Record<string, string>>)[s] ?? s;

export const PriorityList = ({ order, values }: { order: Order; values: Values }) => {
  const code = values.productCode ?? '';
  const list = useQuery({
    queryKey: ['priority', code],
    enabled: code !== '',
    queryFn: async () => ok(await api.GET('/products/{code}/priority', { params: { path: { code } } })),
  });
  if (code === '') return null;
  const items = list.data?.items ?? [];
  return (
    <section className="priority-list" aria-label="기존 우선순위 목록">
      <h3>기존 우선순위 목록 <small>{code}</small></h3>
      {list.isLoading && <p className="loading">불러오는 중…</p>}
      {list.isError && <p className="field-error">{list.error.message}</p>}
      {list.data && items.length === 0 && <p className="empty">이 상품을 기다리는 주문이 없습니다.</p>}
      {items.length > 0 && (
        <table className="orders">
          <thead><tr><th className="n">순서</th><th className="n">우선순위</th><th>관리번호</th><th>접수일</th><th>상태</th><th className="n">수량</th><th>수령자</th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.no} className={i.no === order.no ? 'selected' : ''}>
                <td className="n">{num(i.rank)}</td><td className="n">{num(i.priority)}</td><td>{i.no}</td><td>{dateTime(i.placedAt)}</td><td>{statusLabel(i.status)}</td><td className="n">{num(i.quantity)}</td><td>{i.recipientName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
