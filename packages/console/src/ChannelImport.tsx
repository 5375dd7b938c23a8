/**
 * 판매처취소 (일괄등록): pick the channel and its file (.xlsx / .csv); 미리보기 sends it with dryRun=true
 * and shows every row's outcome without changing anything; 적용 sends the same file for real and
 * shows the import's record, with the way to 취소결과조회. The channel's column mapping is shown
 * beside, so the worker knows which headers the file needs.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import type { ProblemBody } from './api';
import { api, ok, RequestRefused } from './api';
import { sizeOf } from './Download';
import { dateTime, num } from './format';
import { fieldLabel, uploadProblem } from './importProblems';
import type { ImportResult } from './ImportRows';
import { FormatBrief, ImportRows } from './ImportRows';
import type { ScreenProps } from './screens';
import { useSession } from './session';
import type { Progress } from './upload';
import { uploadFile } from './upload';
import './channelImport.css';

type Phase = 'preview' | 'apply';

export const ChannelImport = ({ can }: ScreenProps) => {
  const client = useQueryClient();
  const session = useSession();
  const mayImport = can.channelCancellations === true;
  const [channel, setChannel] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const [progress, setProgress] = useState<{ phase: Phase; p: Progress } | null>(null);
  const [error, setError] = useState<{ field: 'channel' | 'file'; message: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const channels = useQuery({ queryKey: ['channels', 'active'], queryFn: async () => ok(await api.GET('/channels', { params: { query: { active: 'true' } } })) });
  const format = useQuery({
    queryKey: ['cancellation-format', channel],
    enabled: channel !== '',
    retry: false,
    queryFn: async () => ok(await api.GET('/channels/{name}/cancellation-format', { params: { path: { name: channel } } })),
  });
  const record = useQuery({
    queryKey: ['channel-cancellation-import', applied?.id],
    enabled: Boolean(applied?.id),
    queryFn: async () => ok(await api.GET('/channel-cancellations/imports/{id}', { params: { path: { id: applied?.id ?? '' } } })),
  });

  const reset = () => {
    setPreview(null);
    setApplied(null);
    setError(null);
  };
  const send = async (phase: Phase) => {
    if (!file) return;
    setError(null);
    setProgress({ phase, p: { loaded: 0, total: file.size } });
    const query = new URLSearchParams({ channel, ...(phase === 'preview' ? { dryRun: 'true' } : {}) });
    try {
      const result = await uploadFile<ImportResult>(`/channel-cancellations/import?${query}`, file, {
        csrfToken: session.data?.csrfToken ?? null,
        onProgress: (p) => setProgress({ phase, p }),
      });
      if (phase === 'preview') setPreview(result);
      else {
        setApplied(result);
        // What the import changed: the orders it touched, the two lists it fills.
        await Promise.all(['order', 'orders', 'cancellations', 'withdrawals'].map((k) => client.invalidateQueries({ queryKey: [k] })));
      }
    } catch (e) {
      if (e instanceof RequestRefused) {
        const problem = e.problem as ProblemBody & { row?: number; maxBytes?: number };
        setError({ field: problem.errors?.some((x) => x.field === 'channel') ? 'channel' : 'file', message: uploadProblem(problem, format.data?.columns) });
      } else setError({ field: 'file', message: '서버에 연결할 수 없습니다.' });
    } finally {
      setProgress(null);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send('preview');
  };

  const formatMissing = format.error instanceof RequestRefused ? uploadProblem(format.error.problem, undefined) : format.isError ? '포맷을 불러오지 못했습니다.' : null;
  const busy = progress !== null;
  const applicable = preview !== null && preview.summary.applied + preview.summary.recorded > 0;
  const uploadBar = progress && (
    <div className="import-progress" role="status" aria-label={progress.phase === 'preview' ? '미리보기 진행' : '적용 진행'}>
      <progress max={progress.p.total ?? undefined} value={progress.p.total && progress.p.loaded < progress.p.total ? progress.p.loaded : undefined} />
      <span>
        {progress.p.total && progress.p.loaded < progress.p.total
          ? `올리는 중 ${sizeOf(progress.p.loaded)} / ${sizeOf(progress.p.total)}`
          : progress.phase === 'preview' ? '서버가 행을 확인하는 중…' : '서버가 취소를 반영하는 중…'}
      </span>
    </div>
  );

  return (
    <div className="view channel-import">
      <form className="search" onSubmit={submit} aria-label="판매처취소 등록">
        <label>
          판매처
          <select aria-label="판매처" value={channel} aria-invalid={error?.field === 'channel'} onChange={(e) => { setChannel(e.target.value); reset(); }}>
            <option value="">선택</option>
            {channels.data?.items.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
        </label>
        {/* The native input's own button speaks the browser's language; this label is the button instead. */}
        <label className={`file-pick${mayImport ? '' : ' disabled'}`}>
          <input ref={fileInput} type="file" aria-label="취소 파일" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" disabled={!mayImport} aria-invalid={error?.field === 'file'} onChange={(e) => { setFile(e.target.files?.[0] ?? null); reset(); }} />
          파일 선택
        </label>
        <span className="file-name">{file ? `${file.name} · ${sizeOf(file.size)}` : '.xlsx 또는 .csv'}</span>
        <button type="submit" disabled={!mayImport || busy || !file || channel === '' || format.data === undefined}>미리보기</button>
        <button type="button" disabled={!mayImport || busy || !applicable || applied !== null} onClick={() => void send('apply')}>적용</button>
        {!mayImport && <span className="hint">이 역할로는 판매처취소를 등록할 수 없습니다 (포맷만 볼 수 있습니다).</span>}
        {error && <p className="field-error" role="alert">{error.message}</p>}
      </form>
      <div className="result">
        {channel === '' && <p className="empty">판매처를 고르면 그 판매처의 취소 파일 열 매핑이 나옵니다. 파일을 골라 미리보기로 각 행의 결과를 먼저 확인하고 적용하세요.</p>}
        {channel !== '' && format.isPending && <p className="loading">포맷 불러오는 중…</p>}
        {formatMissing && <p className="field-error" role="alert">{formatMissing}</p>}
        {format.data && <FormatBrief format={format.data} labelOf={fieldLabel} />}
        {uploadBar}
        {applied && (
          <section className="import-done" aria-label="적용 결과">
            <h3>적용했습니다</h3>
            <p>
              {record.data ? <>등록 기록 {record.data.fileName} · {num(record.data.rows)}행 · {record.data.importedBy} · {dateTime(record.data.importedAt)}</> : record.isPending ? '등록 기록 불러오는 중…' : `등록 번호 ${applied.id ?? ''}`}
              {' '}<a href="#/cancellations">취소결과조회에서 확인</a>
              {' '}<button type="button" onClick={() => { setFile(null); reset(); if (fileInput.current) fileInput.current.value = ''; }}>다른 파일</button>
            </p>
            <ImportRows result={record.data ?? applied} preview={false} />
          </section>
        )}
        {!applied && preview && (
          <section className="import-preview" aria-label="미리보기 결과">
            <h3>미리보기: {preview.fileName} <small>아직 아무것도 바뀌지 않았습니다. 확인 후 적용을 누르세요.</small></h3>
            {!applicable && <p className="hint">반영하거나 기록할 행이 없어 적용할 것이 없습니다.</p>}
            <ImportRows result={preview} preview />
          </section>
        )}
      </div>
    </div>
  );
};
