/**
 * A small <dialog> for a list screen's row action (반품관리's 도착 / 비용 / 완료처리, 교환예정관리's
 * 송장입력 …), in the manner of ActionDialog.tsx: focus lands in the first field, Enter submits, Esc
 * closes, a refusal shows the server's problem in Korean beside the field it names (or on top).
 */
import type { FormEvent, ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { ProblemBody } from './api';
import { RequestRefused } from './api';
import { koreanOf } from './problems';

export interface DialogField {
  readonly name: string;
  readonly label: string;
  readonly kind?: 'text' | 'number' | 'memo';
  readonly initial?: string;
  readonly required?: boolean;
  /** The body's path of this field in the server's problem (e.g. `site.expected`); default its name. */
  readonly problemPath?: string;
  /** Drawn on one line with the fields after it of the same group (e.g. 예정 / 도착 of a fee route). */
  readonly group?: string;
}

const named = (problemField: string, path: string) => problemField === path || problemField.endsWith(`.${path}`) || problemField.replace(/^body\./, '') === path;

export const problemText = (p: ProblemBody): string => koreanOf(p.code) ?? p.detail ?? p.title;
/** A failed list request in Korean: the server's problem, or no connection. */
export const errorText = (error: unknown): string => (error instanceof RequestRefused ? problemText(error.problem) : '서버에 연결할 수 없습니다.');

export const FieldsDialog = ({ title, fields, intro, onSubmit, onClose }: { title: string; fields: readonly DialogField[]; intro?: ReactNode; onSubmit: (values: Record<string, string>) => Promise<void>; onClose: () => void }) => {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ''])));
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    const first = dialog.current?.querySelector<HTMLInputElement>('input, select, textarea');
    first?.focus();
    first?.select?.();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(values);
    } catch (error) {
      setProblem(error instanceof RequestRefused ? error.problem : { status: 0, code: 'NETWORK', title: '서버에 연결할 수 없습니다.' });
    } finally {
      setBusy(false);
    }
  };
  const errorFor = (f: DialogField) => problem?.errors?.find((e) => named(e.field, f.problemPath ?? f.name));
  const general = problem && !fields.some((f) => errorFor(f));
  const set = (name: string) => (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value });
  const input = (f: DialogField) => {
    const error = errorFor(f);
    const control =
      f.kind === 'memo' ? (
        <textarea name={f.name} aria-label={f.label} rows={3} value={values[f.name] ?? ''} onChange={set(f.name)} required={f.required} onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && (e.preventDefault(), e.currentTarget.form?.requestSubmit())} />
      ) : (
        <input name={f.name} aria-label={f.label} type={f.kind === 'number' ? 'number' : 'text'} min={f.kind === 'number' ? 0 : undefined} value={values[f.name] ?? ''} onChange={set(f.name)} required={f.required} aria-invalid={error !== undefined} />
      );
    return (
      <label key={f.name}>
        {f.group ? f.label.replace(`${f.group} `, '') : f.label}
        {control}
        {error && <span className="field-error" role="alert">{koreanOf(problem?.code ?? '') ?? error.message} <small>({problem?.code})</small></span>}
      </label>
    );
  };
  // Fields of one group side by side, under the group's name.
  const rows: ReactNode[] = [];
  for (let i = 0; i < fields.length; ) {
    const f = fields[i] as DialogField;
    const group = f.group;
    if (!group) {
      rows.push(input(f));
      i += 1;
      continue;
    }
    const members = fields.slice(i).filter((g, j, all) => g.group === group && all.slice(0, j).every((h) => h.group === group));
    rows.push(
      <fieldset key={group} className="dialog-group">
        <legend>{group}</legend>
        {members.map(input)}
      </fieldset>,
    );
    i += members.length;
  }
  return (
    <dialog ref={dialog} className="action-dialog" onCancel={(e) => { e.preventDefault(); onClose(); }} aria-labelledby="form-dialog-title">
      <form onSubmit={submit}>
        <h2 id="form-dialog-title">{title}</h2>
        {intro}
        {general && <p className="field-error" role="alert">{problemText(problem)} <small title={problem.detail}>({problem.code})</small></p>}
        {rows}
        <div className="buttons">
          <button type="submit" disabled={busy}>{busy ? '처리 중…' : '확인'}</button>
          <button type="button" onClick={onClose}>닫기</button>
        </div>
      </form>
    </dialog>
  );
};
