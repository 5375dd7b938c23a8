/**
 * 판매처취소 포맷설정, per channel: which header row, the header names of each field (any one of several
 * matches), the channel's reason texts → our six reasons, the default reason, and the values meaning a
 * completed return or a withdrawal. Saved whole with PUT; a refusal shows beside the field it names.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { useState } from 'react';
import { CANCEL_REASON_LABELS } from '@oms/domain';
import type { ProblemBody } from './api';
import type { paths } from './openapi';
import { api, ok } from './api';
import { FieldProblem, GeneralProblem, koreanProblem, problemOf } from './FormDialog';

type FormatPath = paths['/channels/{name}/cancellation-format'];
type Format = FormatPath['get']['responses'][200]['content']['application/json'];
type Body = FormatPath['put']['requestBody']['content']['application/json'];
type Field = keyof Body['columns'];

/** Every field a file's column can fill, in the server's order; the first three are required. */
const FIELDS = [
  ['channelOrderNo', '주문번호'],
  ['quantity', '취소수량'],
  ['cancelledAt', '취소일'],
  ['cancellationId', '클레임번호'],
  ['channelLineNo', '상품주문번호'],
  ['productCode', '상품코드'],
  ['productName', '상품명'],
  ['option', '옵션'],
  ['kind', '클레임구분'],
  ['status', '처리상태'],
  ['reason', '취소사유'],
  ['channelReason', '판매처 사유'],
  ['returnTrackingNumber', '회수 송장번호'],
  ['withdrawnAt', '철회일'],
] as const satisfies readonly (readonly [Field, string])[];
// A field the server adds without a row here fails the typecheck.
const _everyField: Exclude<Field, (typeof FIELDS)[number][0]> extends never ? true : never = true;
const REQUIRED: readonly Field[] = ['channelOrderNo', 'quantity', 'cancelledAt'];

interface Draft {
  headerRow: string;
  columns: Record<Field, string[]>;
  reasons: { text: string; reason: string }[];
  defaultReason: string;
  returnValues: string[];
  withdrawnValues: string[];
}

const listOf = (v: string | string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
const draftOf = (f: Format | null): Draft => ({
  headerRow: String(f?.headerRow ?? 1),
  columns: Object.fromEntries(FIELDS.map(([k]) => [k, listOf(f?.columns[k])])) as Record<Field, string[]>,
  reasons: Object.entries(f?.reasons ?? {}).map(([text, reason]) => ({ text, reason })),
  defaultReason: f?.defaultReason ?? '',
  returnValues: f?.returnValues ?? [],
  withdrawnValues: f?.withdrawnValues ?? [],
});

/** The draft as the PUT body; what is left empty is left out, and the server says what is missing. */
const bodyOf = (d: Draft): Body => ({
  headerRow: Number(d.headerRow),
  columns: Object.fromEntries(FIELDS.flatMap(([k]) => { const names = d.columns[k]; return names.length === 0 ? [] : [[k, names.length === 1 ? names[0] : names]]; })) as Body['columns'],
  reasons: Object.fromEntries(d.reasons.filter((r) => r.text.trim() !== '').map((r) => [r.text.trim(), r.reason])) as Body['reasons'],
  ...(d.defaultReason ? { defaultReason: d.defaultReason as NonNullable<Body['defaultReason']> } : {}),
  returnValues: d.returnValues,
  withdrawnValues: d.withdrawnValues,
});

export const CancellationFormat = ({ channel, canEdit, onClose }: { channel: string; canEdit: boolean; onClose: () => void }) => {
  // Here, not in the editor: a save replaces the query's data, which draws a fresh editor from it.
  const [saved, setSaved] = useState(false);
  const format = useQuery({
    queryKey: ['cancellation-format', channel],
    queryFn: async (): Promise<Format | null> => {
      const answer = await api.GET('/channels/{name}/cancellation-format', { params: { path: { name: channel } } });
      // No format saved yet is an empty editor, not an error.
      if (answer.response.status === 409 && answer.error?.code === 'CANCELLATION_FORMAT_MISSING') return null;
      return ok(answer);
    },
  });
  return (
    <section className="panel format-editor" aria-label={`${channel} 취소 포맷`}>
      <header>
        <h2>취소 포맷 — {channel} {format.data === null && <small>(저장된 포맷 없음)</small>}</h2>
        <button type="button" onClick={onClose} aria-label="포맷 닫기">×</button>
      </header>
      {format.isPending && <p className="loading">불러오는 중…</p>}
      {format.isError && <p className="field-error" role="alert">{koreanProblem(problemOf(format.error))}</p>}
      {format.data !== undefined && <Editor key={format.dataUpdatedAt} channel={channel} initial={draftOf(format.data)} canEdit={canEdit} saved={saved} onSaved={setSaved} />}
    </section>
  );
};

const Editor = ({ channel, initial, canEdit, saved, onSaved }: { channel: string; initial: Draft; canEdit: boolean; saved: boolean; onSaved: (saved: boolean) => void }) => {
  const client = useQueryClient();
  const [d, setD] = useState(initial);
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setProblem(null);
    onSaved(false);
    try {
      const answer = ok(await api.PUT('/channels/{name}/cancellation-format', { params: { path: { name: channel } }, body: bodyOf(d) }));
      client.setQueryData(['cancellation-format', channel], answer);
      onSaved(true);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const setReason = (i: number, patch: Partial<Draft['reasons'][number]>) => setD({ ...d, reasons: d.reasons.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const named = ['headerRow', 'columns', 'reasons', 'defaultReason', 'returnValues', 'withdrawnValues'];
  return (
    <form className="format-body" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label="취소 포맷 편집">
      <GeneralProblem problem={problem} fields={named.filter((f) => f !== 'columns').concat(FIELDS.map(([k]) => `columns.${k}`))} />
      <label className="inline">헤더 행<input type="number" min={1} max={100} aria-label="헤더 행" value={d.headerRow} readOnly={!canEdit} onChange={(e) => setD({ ...d, headerRow: e.target.value })} /> 번째 줄 <FieldProblem problem={problem} field="headerRow" /></label>
      <h3>항목별 헤더 이름 <small>파일의 헤더가 이 중 하나이면 그 열을 읽습니다 (* 필수)</small></h3>
      <div className="format-columns">
        {FIELDS.map(([k, label]) => (
          <div key={k} className="format-field" data-field={k}>
            <span className="name">{label}{REQUIRED.includes(k) && <span className="required" title="필수"> *</span>}</span>
            <Chips label={`${label} 헤더`} values={d.columns[k]} canEdit={canEdit} onChange={(v) => setD({ ...d, columns: { ...d.columns, [k]: v } })} />
            <FieldProblem problem={problem} field={`columns.${k}`} />
          </div>
        ))}
      </div>
      <h3>사유 매핑 <small>판매처 사유 → 우리 사유</small></h3>
      <table className="format-reasons">
        <thead><tr><th>판매처 사유</th><th>우리 사유</th>{canEdit && <th aria-label="삭제" />}</tr></thead>
        <tbody>
          {d.reasons.map((r, i) => (
            <tr key={i}>
              <td><input aria-label={`판매처 사유 ${i + 1}`} value={r.text} readOnly={!canEdit} onChange={(e) => setReason(i, { text: e.target.value })} /></td>
              <td>
                <select aria-label={`우리 사유 ${i + 1}`} value={r.reason} disabled={!canEdit} onChange={(e) => setReason(i, { reason: e.target.value })}>
                  <option value="">선택</option>
                  {Object.entries(CANCEL_REASON_LABELS).map(([code, label]) => <option key={code} value={code}>{label}</option>)}
                </select>
                {r.text.trim() !== '' && <FieldProblem problem={problem} field={`reasons.${r.text.trim()}`} />}
              </td>
              {canEdit && <td><button type="button" aria-label={`사유 ${i + 1} 삭제`} onClick={() => setD({ ...d, reasons: d.reasons.filter((_, j) => j !== i) })}>삭제</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
      {d.reasons.length === 0 && <p className="empty">매핑된 사유가 없습니다.</p>}
      {canEdit && <button type="button" onClick={() => setD({ ...d, reasons: [...d.reasons, { text: '', reason: '' }] })}>사유 추가</button>}
      <label className="inline">
        기본 사유
        <select aria-label="기본 사유" value={d.defaultReason} disabled={!canEdit} onChange={(e) => setD({ ...d, defaultReason: e.target.value })}>
          <option value="">없음 (매핑에 없는 사유는 거절)</option>
          {Object.entries(CANCEL_REASON_LABELS).map(([code, label]) => <option key={code} value={code}>{label}</option>)}
        </select>
        <FieldProblem problem={problem} field="defaultReason" />
      </label>
      <div className="format-value-rows">
        <div className="format-values">
          <span>반품완료 값</span><Chips label="반품완료 값" values={d.returnValues} canEdit={canEdit} onChange={(v) => setD({ ...d, returnValues: v })} /><FieldProblem problem={problem} field="returnValues" />
        </div>
        <div className="format-values">
          <span>취소철회 값</span><Chips label="취소철회 값" values={d.withdrawnValues} canEdit={canEdit} onChange={(v) => setD({ ...d, withdrawnValues: v })} /><FieldProblem problem={problem} field="withdrawnValues" />
        </div>
      </div>
      {canEdit && (
        <div className="buttons">
          <button type="submit" disabled={busy}>{busy ? '저장 중…' : '포맷 저장'}</button>
          <button type="button" onClick={() => { setD(initial); setProblem(null); onSaved(false); }}>되돌리기</button>
          {saved && <span role="status">저장했습니다.</span>}
        </div>
      )}
    </form>
  );
};

/**
 * Names as chips: × takes one away; the box adds what is typed on Enter, a comma or leaving it (a pasted
 * "a, b" is two).
 */
const Chips = ({ label, values, canEdit, onChange }: { label: string; values: readonly string[]; canEdit: boolean; onChange: (v: string[]) => void }) => {
  const [typed, setTyped] = useState('');
  const add = () => {
    const more = typed.split(',').map((s) => s.trim()).filter((s) => s !== '' && !values.includes(s));
    if (more.length > 0) onChange([...values, ...new Set(more)]);
    setTyped('');
  };
  const key = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && typed === '' && values.length > 0) onChange(values.slice(0, -1));
  };
  return (
    <span className="chips">
      {values.map((v) => (
        <span key={v} className="chip">{v}{canEdit && <button type="button" aria-label={`${label} ${v} 삭제`} onClick={() => onChange(values.filter((x) => x !== v))}>×</button>}</span>
      ))}
      {!canEdit && values.length === 0 && <span className="none">—</span>}
      {canEdit && <input aria-label={`${label} 추가`} value={typed} size={10} placeholder="추가" onChange={(e) => setTyped(e.target.value)} onKeyDown={key} onBlur={add} />}
    </span>
  );
};
