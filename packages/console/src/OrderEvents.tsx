/**
 * For auditors (and admins): the order's raw event stream as stored — revision, when it was stored, its
 * type and who sent it, the data and metadata as JSON — paged 50 at a time. Read-only.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from './api';
import { dateTime, num } from './format';

const PAGE = 50;

export const OrderEvents = ({ no }: { no: number }) => {
  const [offset, setOffset] = useState(0);
  const events = useQuery({
    queryKey: ['events', no, offset],
    queryFn: async () => ok(await api.GET('/orders/{no}/events', { params: { path: { no: String(no) }, query: { limit: PAGE, offset } } })),
    placeholderData: keepPreviousData,
  });
  const page = events.data;
  return (
    <details className="order-events">
      <summary>이벤트 {page ? `(${num(page.total)}건)` : ''}</summary>
      {events.isError && <p className="field-error" role="alert">{events.error.message}</p>}
      {page && (
        <>
          <div className="result-bar">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>이전</button>
            <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>다음</button>
          </div>
          <table aria-label="이벤트">
            <thead><tr><th className="n">리비전</th><th>저장 시각</th><th>이벤트</th><th>작업자</th><th>내용</th></tr></thead>
            <tbody>
              {page.items.map((e) => (
                <tr key={e.eventId}>
                  <td className="n">{e.revision}</td><td>{dateTime(e.recordedAt)}</td><td>{e.type}</td><td>{String(e.metadata.actor ?? '')} ({String(e.metadata.role ?? '')})</td>
                  <td><details><summary>data / metadata</summary><pre>{JSON.stringify({ data: e.data, metadata: e.metadata }, null, 2)}</pre></details></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </details>
  );
};
