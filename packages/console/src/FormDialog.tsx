/**
 * The console's one modal form: a <dialog> opened with showModal, focus in its first field, Enter submits,
 * Esc closes; while it sends, its button says so. A refusal keeps it open: the server's problem in Korean
 * beside the field it names (FieldProblem, given to `children`), or on top when it names none of `fields`.
 * ActionDialog (CS창 toolbar) and FieldsDialog (반품관리 / 교환예정관리) are fields-as-data forms on it.
 */
import type { KeyboardEvent, ReactNode } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { ProblemBody } from './api';
import { koreanOf, problemOf, problemText } from './problems';

/** Enter in a textarea submits its form (Shift+Enter: a new line), as Enter does in an input. */
export const submitOnEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
};

/**
 * Does the server's error field name this form field? `body.lines[0].quantity` names `lines` and
 * `lines.quantity`; `site.expected` names `expected`'s field `site.expected`, and a last segment names
 * a field of that name (`recipient.name` → `name`).
 */
export const names = (errorField: string, field: string): boolean => {
  const p = errorField.replace(/^body\./, '').replace(/\[\d+\]/g, '');
  return p === field || p.startsWith(`${field}.`) || p.endsWith(`.${field}`);
};

/** The problem's messages for one field. */
export const fieldErrors = (problem: ProblemBody | null, field: string): string[] => (problem?.errors ?? []).filter((e) => names(e.field, field)).map((e) => e.message);

/** A refusal beside its field: the code's Korean words; small, the code (or, for a bare INVALID_INPUT, the server's message). */
export const FieldProblem = ({ problem, field }: { problem: ProblemBody | null; field: string }) => {
  const messages = fieldErrors(problem, field);
  if (!problem || messages.length === 0) return null;
  const message = messages.join('; ');
  return (
    <span className="field-error" role="alert" title={message}>
      {koreanOf(problem.code) ?? message} <small>({problem.code === 'INVALID_INPUT' ? message : problem.code})</small>
    </span>
  );
};

/** A refusal on top: shown unless one of `fields` already shows it beside itself. */
export const GeneralProblem = ({ problem, fields }: { problem: ProblemBody | null; fields: readonly string[] }) => {
  if (!problem) return null;
  if ((problem.errors ?? []).some((e) => fields.some((f) => names(e.field, f)))) return null;
  return <p className="field-error" role="alert">{problemText(problem)} <small title={problem.detail}>({problem.code})</small></p>;
};

/**
 * The dialog: `onSubmit` sends; a throw keeps the dialog open with the problem (given to `children` so
 * each field can show its own), success closes it through the caller.
 */
export const FormDialog = ({ title, intro, fields = [], submitLabel = '확인', wide = false, onSubmit, onClose, children }: {
  title: string;
  /** A sentence or two under the title (what the action does, the row it is about). */
  intro?: ReactNode;
  /** The fields this form names: a problem naming one of them shows beside it, not on top. */
  fields?: readonly string[];
  submitLabel?: string;
  wide?: boolean;
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: (problem: ProblemBody | null) => ReactNode;
}) => {
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
    const first = dialog.current?.querySelector<HTMLElement>('input:not([readonly]), select, textarea, button[type="submit"]');
    first?.focus();
    // A prefilled number (도착 수량) is typed over, not appended to.
    if (first instanceof HTMLInputElement && first.type === 'number') first.select();
  }, []);
  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} className={`action-dialog${wide ? ' wide' : ''}`} onCancel={(e) => { e.preventDefault(); onClose(); }} aria-labelledby={titleId}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2 id={titleId}>{title}</h2>
        {intro}
        <GeneralProblem problem={problem} fields={fields} />
        {children(problem)}
        <div className="buttons">
          <button type="submit" disabled={busy}>{busy ? '처리 중…' : submitLabel}</button>
          <button type="button" onClick={onClose}>닫기</button>
        </div>
      </form>
    </dialog>
  );
};
