/**
 * A small modal form for the list screens (CS내역조회, 기준정보), the ActionDialog pattern: focus lands in
 * its first field, Enter submits, Esc closes; a refusal not tied to a field shows on top, in Korean.
 */
import type { FormEvent, ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { ProblemBody } from './api';
import { RequestRefused } from './api';
import { koreanOf } from './problems';

/** Codes of the routes these screens call that problems.ts does not list (yet). */
const MORE_KOREAN: Readonly<Record<string, string>> = {
  TOO_MANY_ENTRIES: '한 번에 완료할 수 있는 건수를 넘었습니다. 조건을 좁히세요.',
  ENTRY_NOT_FOUND: 'CS 내역을 찾을 수 없습니다.',
  PRODUCT_ALREADY_EXISTS: '이미 등록된 상품코드입니다.',
  PRODUCT_NOT_FOUND: '상품을 찾을 수 없습니다.',
  CHANNEL_ALREADY_EXISTS: '이미 등록된 판매처입니다.',
  CHANNEL_NOT_FOUND: '판매처를 찾을 수 없습니다.',
  CANCELLATION_FORMAT_MISSING: '저장된 취소 포맷이 없습니다.',
};

export const koreanProblem = (p: ProblemBody): string => MORE_KOREAN[p.code] ?? koreanOf(p.code) ?? p.title;

export const problemOf = (error: unknown): ProblemBody => (error instanceof RequestRefused ? error.problem : { status: 0, code: 'NETWORK', title: '서버에 연결할 수 없습니다.' });

/** The problem's messages for one field: `columns.quantity` names columns.quantity and columns.quantity[0]. */
export const fieldErrors = (problem: ProblemBody | null, field: string): string[] =>
  (problem?.errors ?? []).filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`)).map((e) => e.message);

/** A refusal beside its field: the Korean words, the server's message small. */
export const FieldProblem = ({ problem, field }: { problem: ProblemBody | null; field: string }) => {
  const messages = fieldErrors(problem, field);
  if (!problem || messages.length === 0) return null;
  return <span className="field-error" role="alert">{koreanProblem(problem)} <small>({messages.join('; ')})</small></span>;
};

export const GeneralProblem = ({ problem, fields }: { problem: ProblemBody | null; fields: readonly string[] }) => {
  if (!problem) return null;
  const shown = (problem.errors ?? []).some((e) => fields.some((f) => fieldErrors({ ...problem, errors: [e] }, f).length > 0));
  if (shown) return null;
  return <p className="field-error" role="alert">{koreanProblem(problem)} <small title={problem.detail}>({problem.code})</small></p>;
};

/**
 * The dialog: `onSubmit` sends; a throw keeps the dialog open with the problem (given to `children` so
 * each field can show its own), success closes it through the caller.
 */
export const FormDialog = ({ title, fields = [], submitLabel = '확인', onSubmit, onClose, children }: {
  title: string;
  /** The fields this form names: a problem naming one of them shows beside it, not on top. */
  fields?: readonly string[];
  submitLabel?: string;
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: (problem: ProblemBody | null) => ReactNode;
}) => {
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    dialog.current?.querySelector<HTMLElement>('input:not([readonly]), select, textarea, button[type="submit"]')?.focus();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
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
    <dialog ref={dialog} className="action-dialog" onCancel={(e) => { e.preventDefault(); onClose(); }} aria-labelledby="form-dialog-title">
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="form-dialog-title">{title}</h2>
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
