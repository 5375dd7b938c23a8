/**
 * One dialog for every CS action: focus lands in its first field, Enter submits, Esc closes; the CS
 * 메모 box is always there. A refusal shows the server's detail beside the field it names (or on top).
 */
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { CommandResult, CsAction, Field } from './actions';
import { FieldInput, submitOnEnter } from './ActionFields';
import type { ProblemBody } from './api';
import { RequestRefused } from './api';
import { MacroPicker } from './MacroPicker';
import { koreanOf } from './problems';
import type { Order } from './types';
import './actions.css';

/** `lines[0].quantity` → `lines.quantity`: the field path without its indexes. */
const pathOf = (field: string) => field.replace(/\[\d+\]/g, '');
/** Does the server's error field name this form field (exactly, a part of it, or by its last segment)? */
const names = (f: Field, errorField: string) => {
  const p = pathOf(errorField);
  return p === f.name || p.startsWith(`${f.name}.`) || p.split('.').at(-1) === f.name;
};

export const ActionDialog = ({ action, order, onDone, onClose }: { action: CsAction; order: Order; onDone: (result: CommandResult) => void; onClose: () => void }) => {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(action.fields.flatMap((f) => (f.initial ? [[f.name, f.initial(order)]] : []))));
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
    dialog.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  const fields = action.fields.filter((f) => !f.shown || f.shown(values));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      // A field hidden again (위치지정's 관리번호 after choosing 최상) is not sent.
      const shown = new Set(fields.map((f) => f.name));
      const sent = Object.fromEntries(Object.entries(values).filter(([k]) => k === 'memo' || shown.has(k.split('#')[0] ?? k)));
      onDone(await action.send(order, sent));
    } catch (error) {
      if (error instanceof RequestRefused) setProblem(error.problem);
      else setProblem({ status: 0, code: 'NETWORK', title: '서버에 연결할 수 없습니다.' });
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (f: Field) => problem?.errors?.find((e) => names(f, e.field));
  const memoError = problem?.errors?.find((e) => e.field === 'memo');
  const general = problem && !(problem.errors ?? []).some((e) => e.field === 'memo' || fields.some((f) => names(f, e.field)));
  const said = (message: string) => (
    <span className="field-error" role="alert" title={message}>
      {(problem && koreanOf(problem.code)) ?? message} <small>({problem?.code === 'INVALID_INPUT' ? message : problem?.code})</small>
    </span>
  );
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const Aside = action.aside;
  return (
    <dialog ref={dialog} className={`action-dialog${Aside ? ' wide' : ''}`} onCancel={(e) => { e.preventDefault(); onClose(); }} aria-labelledby="action-title">
      <form onSubmit={submit}>
        <h2 id="action-title">{action.label} — 관리번호 {order.no}</h2>
        {action.note && <p className="note">{action.note}</p>}
        {general && <p className="field-error" role="alert">{koreanOf(problem.code) ?? problem.title} <small title={problem.detail}>({problem.code})</small></p>}
        <div className="action-body">
          <div className="action-fields">
            {fields.map((f) => {
              const error = errorOf(f);
              return <FieldInput key={f.name} field={f} order={order} values={values} set={set} error={error && said(error.message)} />;
            })}
          </div>
          {Aside && <Aside order={order} values={values} />}
        </div>
        <MacroPicker order={order} lineId={values.lineId ? Number(values.lineId) : undefined} onInsert={(text) => setValues((v) => ({ ...v, memo: v.memo ? `${v.memo}\n${text}` : text }))} />
        <label>
          CS 메모
          <textarea name="memo" aria-label="CS 메모" rows={3} value={values.memo ?? ''} onChange={(e) => set('memo', e.target.value)} onKeyDown={submitOnEnter} />
          {memoError && said(memoError.message)}
        </label>
        <div className="buttons">
          <button type="submit" disabled={busy}>{busy ? '처리 중…' : '확인'}</button>
          <button type="button" onClick={onClose}>닫기</button>
        </div>
      </form>
    </dialog>
  );
};
