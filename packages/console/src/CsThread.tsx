/**
 * CS내역조회's + (seed 003): every CS 이력 entry of the selected entry's order, oldest first, each with its
 * memo and its 미처리 / 완료, the selected one marked; 완료 on an open entry completes just that one.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from './api';
import { dateTime } from './format';
import { koreanProblem, problemOf } from './FormDialog';

export const CsThread = ({ entryId, canAct, onComplete, onClose }: { entryId: string; canAct: boolean; onComplete: (entryId: string) => Promise<void>; onClose: () => void }) => {
  const [problem, setProblem] = useState<string | null>(null);
  const thread = useQuery({
    queryKey: ['cs-thread', entryId],
    queryFn: async () => ok(await api.GET('/views/cs-history/{entryId}/thread', { params: { path: { entryId } } })),
  });
  const items = thread.data?.items ?? [];
  const first = items[0];
  const complete = async (id: string) => {
    setProblem(null);
    try {
      await onComplete(id);
    } catch (error) {
      setProblem(koreanProblem(problemOf(error)));
    }
  };
  return (
    <aside className="panel cs-thread" aria-label="CS 내역 보기">
      <header>
        <h2>{first ? <>관리번호 {first.no} <small>{first.channel ?? ''} · {first.channelOrderNo ?? ''} · {first.recipientName ?? ''} · {first.statusLabel ?? '삭제됨'}</small></> : 'CS 내역'}</h2>
        <button type="button" onClick={onClose} aria-label="내역 닫기">×</button>
      </header>
      {thread.isPending && <p className="loading">불러오는 중…</p>}
      {thread.isError && <p className="field-error" role="alert">{koreanProblem(problemOf(thread.error))}</p>}
      {problem && <p className="field-error" role="alert">{problem}</p>}
      <ol className="thread">
        {items.map((e) => (
          <li key={e.entryId} className={[e.processed ? 'done' : 'open', e.entryId === entryId ? 'current' : ''].join(' ')} aria-current={e.entryId === entryId ? 'true' : undefined}>
            <div className="head">
              <span className="when">{dateTime(e.at)}</span> / {e.worker} / <b>{e.workTypeLabel}</b> / <span className="state">{e.processed ? `완료${e.processedBy ? ` (${e.processedBy} ${dateTime(e.processedAt)})` : ''}` : '미처리'}</span>
              {canAct && !e.processed && <button type="button" onClick={() => void complete(e.entryId)} aria-label={`${e.workTypeLabel} 완료`}>완료</button>}
            </div>
            <p className="content">{e.content}</p>
            {e.memo && !e.content.includes(e.memo) && <p className="memo">메모: {e.memo}</p>}
          </li>
        ))}
      </ol>
      {thread.data && items.length === 0 && <p className="empty">CS 내역이 없습니다.</p>}
    </aside>
  );
};
