/**
 * 기준정보 › 판매처: search by name, 그룹 and 사용여부, 판매처등록 / 수정, and the selected channel's
 * cancellation file format (CancellationFormat.tsx).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type { paths } from './openapi';
import { api, ok } from './api';
import { CancellationFormat } from './CancellationFormat';
import { dateTime, num } from './format';
import { FieldProblem, FormDialog, koreanProblem, problemOf } from './FormDialog';
import { filledIn } from './paging';

type Query = NonNullable<paths['/channels']['get']['parameters']['query']>;
type Channel = paths['/channels']['get']['responses'][200]['content']['application/json']['items'][number];
const EMPTY = { q: '', group: '', active: '' };

export const MasterChannels = ({ canEdit }: { canEdit: boolean }) => {
  const [form, setForm] = useState(EMPTY);
  const [filters, setFilters] = useState<Query>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const list = useQuery({ queryKey: ['channels', filters], queryFn: async () => ok(await api.GET('/channels', { params: { query: filters } })) });
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setFilters(filledIn<Query>(form));
  };
  const items = list.data?.items ?? [];
  return (
    <>
      <form className="search" onSubmit={search} aria-label="판매처 검색">
        <label className="q">판매처명<input aria-label="판매처명 검색" value={form.q} onChange={set('q')} /></label>
        <label>그룹<input aria-label="판매처 그룹" value={form.group} onChange={set('group')} size={10} /></label>
        <label>사용여부<select aria-label="사용여부" value={form.active} onChange={set('active')}><option value="">전체</option><option value="true">사용</option><option value="false">미사용</option></select></label>
        <button type="submit">검색</button>
      </form>
      <div className="result">
        <div className="result-bar">
          <span aria-live="polite">{list.isFetching ? '불러오는 중…' : list.data ? `${num(list.data.total)}건` : ''}</span>
          {canEdit && <button type="button" onClick={() => setEditing('new')}>판매처등록</button>}
        </div>
        <div className={`master-channels${selected ? ' with-format' : ''}`}>
          <div className="channel-list">
            <table className="orders">
              <thead><tr><th>판매처명</th><th>그룹</th><th>사용</th><th>수정일</th><th aria-label="작업" /></tr></thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.name} className={selected === c.name ? 'selected' : ''} onClick={() => setSelected(c.name)} onKeyDown={(e) => e.key === 'Enter' && setSelected(c.name)} tabIndex={0} aria-selected={selected === c.name}>
                    <td>{c.name}</td><td>{c.group ?? ''}</td><td>{c.active ? '사용' : '미사용'}</td><td title={`등록 ${dateTime(c.createdAt)}`}>{dateTime(c.updatedAt)}</td>
                    <td>
                      {canEdit && <button type="button" aria-label={`${c.name} 수정`} onClick={(e) => { e.stopPropagation(); setEditing(c); }}>수정</button>}
                      <button type="button" aria-label={`${c.name} 취소 포맷`} onClick={(e) => { e.stopPropagation(); setSelected(c.name); }}>취소 포맷</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {list.isPending && <p className="loading">불러오는 중…</p>}
            {list.data && items.length === 0 && <p className="empty">판매처가 없습니다.</p>}
            {list.isError && <p className="field-error" role="alert">{koreanProblem(problemOf(list.error))}</p>}
          </div>
          {selected && <CancellationFormat key={selected} channel={selected} canEdit={canEdit} onClose={() => setSelected(null)} />}
        </div>
      </div>
      {editing && <ChannelDialog channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(name) => { setEditing(null); setSelected(name); }} />}
    </>
  );
};

/** 판매처등록 (POST: name, 그룹, 사용) or 수정 (PUT: 그룹, 사용). */
const ChannelDialog = ({ channel, onClose, onSaved }: { channel: Channel | null; onClose: () => void; onSaved: (name: string) => void }) => {
  const client = useQueryClient();
  const [name, setName] = useState(channel?.name ?? '');
  const [group, setGroup] = useState(channel?.group ?? '');
  const [active, setActive] = useState(channel?.active ?? true);
  const save = async () => {
    const g = group.trim() === '' ? null : group.trim();
    if (channel === null) ok(await api.POST('/channels', { body: { name: name.trim(), group: g, active } }));
    else ok(await api.PUT('/channels/{name}', { params: { path: { name: channel.name } }, body: { group: g, active } }));
    await client.invalidateQueries({ queryKey: ['channels'] });
    onSaved(channel?.name ?? name.trim());
  };
  return (
    <FormDialog title={channel ? `판매처수정 — ${channel.name}` : '판매처등록'} fields={['name', 'group', 'active']} submitLabel="저장" onClose={onClose} onSubmit={save}>
      {(problem) => (
        <>
          <label>판매처명<input aria-label="판매처명" value={name} onChange={(e) => setName(e.target.value)} readOnly={channel !== null} required /><FieldProblem problem={problem} field="name" /></label>
          <label>그룹<input aria-label="그룹" value={group} onChange={(e) => setGroup(e.target.value)} placeholder="예: 오픈마켓" /><FieldProblem problem={problem} field="group" /></label>
          <label className="inline"><input type="checkbox" aria-label="사용" checked={active} onChange={(e) => setActive(e.target.checked)} /> 사용</label>
        </>
      )}
    </FormDialog>
  );
};
