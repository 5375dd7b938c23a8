/**
 * 매크로 관리: the team's saved CS memo templates (GET/POST/PUT/DELETE /memo-macros). Each is a small
 * button above the CS 메모 box of every action dialog (MacroPicker.tsx); {상품명} and {옵션} are filled
 * in from the order's line there. Add and edit in a dialog (focus in 제목, Enter saves, Esc closes); a
 * refusal shows beside the field it names.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { ProblemBody } from './api';
import { api, ok, RequestRefused } from './api';
import { dateTime, num } from './format';
import type { MacroInput, MemoMacro } from './macros';
import { MACROS_KEY, PLACEHOLDERS, useMemoMacros } from './macros';
import { koreanOf } from './problems';
import type { ScreenProps } from './screens';
import { useSession } from './session';
import './memoMacros.css';

const FIELDS = ['title', 'body', 'position'] as const;
type Field = (typeof FIELDS)[number];

const problemOf = (error: unknown): ProblemBody => (error instanceof RequestRefused ? error.problem : { status: 0, code: 'NETWORK', title: '서버에 연결할 수 없습니다.' });
const fieldOf = (name: string) => name.split('.').at(-1) ?? name;
const say = (p: ProblemBody) => koreanOf(p.code) ?? p.title;

/** The dialog pattern of ActionDialog.tsx: modal, focus in the first field, Esc closes. */
const Modal = ({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    dialog.current?.querySelector<HTMLElement>('input, select, textarea, button[type="submit"]')?.focus();
  }, []);
  return (
    <dialog ref={dialog} className="action-dialog macro-dialog" aria-label={label} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      {children}
    </dialog>
  );
};

const MacroDialog = ({ macro, onClose, onSaved }: { macro: MemoMacro | null; onClose: () => void; onSaved: () => void }) => {
  const [title, setTitle] = useState(macro?.title ?? '');
  const [body, setBody] = useState(macro?.body ?? '');
  const [position, setPosition] = useState(macro ? String(macro.position) : '');
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [busy, setBusy] = useState(false);
  const bodyBox = useRef<HTMLTextAreaElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const input: MacroInput = { title, body, ...(position.trim() === '' ? {} : { position: Number(position) }) };
    try {
      if (macro) ok(await api.PUT('/memo-macros/{id}', { params: { path: { id: macro.id } }, body: input }));
      else ok(await api.POST('/memo-macros', { body: input }));
      onSaved();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  /** Puts a placeholder where the cursor is in 내용. */
  const insert = (placeholder: string) => {
    const box = bodyBox.current;
    const at = box?.selectionStart ?? body.length;
    const to = box?.selectionEnd ?? body.length;
    setBody(body.slice(0, at) + placeholder + body.slice(to));
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(at + placeholder.length, at + placeholder.length);
    });
  };
  const errorOf = (f: Field) => problem?.errors?.find((e) => fieldOf(e.field) === f);
  const general = problem && !(problem.errors ?? []).some((e) => (FIELDS as readonly string[]).includes(fieldOf(e.field)));
  const beside = (f: Field) => {
    const e = errorOf(f);
    return e && problem && <span className="field-error" role="alert">{koreanOf(problem.code) ?? e.message} <small title={problem.detail}>({problem.code})</small></span>;
  };
  const heading = macro ? `매크로 수정 — ${macro.title}` : '매크로 추가';
  return (
    <Modal label={heading} onClose={onClose}>
      <form onSubmit={submit}>
        <h2>{heading}</h2>
        {general && <p className="field-error" role="alert">{say(problem)} <small title={problem.detail}>({problem.code})</small></p>}
        <label>
          제목
          <input aria-label="제목" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={40} required aria-invalid={errorOf('title') !== undefined} />
          {beside('title')}
        </label>
        <label>
          내용
          <textarea
            ref={bodyBox}
            aria-label="내용"
            rows={4}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            maxLength={1000}
            required
            aria-invalid={errorOf('body') !== undefined}
            onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && (e.preventDefault(), e.currentTarget.form?.requestSubmit())}
          />
          {beside('body')}
        </label>
        <div className="placeholders">
          {PLACEHOLDERS.map((p) => <button key={p} type="button" onClick={() => insert(p)}>{p} 넣기</button>)}
          <span className="hint">주문 상품의 상품명·옵션으로 채워집니다. 줄바꿈은 Shift+Enter.</span>
        </div>
        <label>
          순서
          <input aria-label="순서" type="number" min={0} max={10000} value={position} onChange={(e) => setPosition(e.target.value)} placeholder={macro ? '' : '비우면 맨 뒤'} aria-invalid={errorOf('position') !== undefined} />
          {beside('position')}
        </label>
        <div className="buttons">
          <button type="submit" disabled={busy}>{busy ? '저장 중…' : '저장'}</button>
          <button type="button" onClick={onClose}>닫기</button>
        </div>
      </form>
    </Modal>
  );
};

const DeleteDialog = ({ macro, onClose, onDeleted }: { macro: MemoMacro; onClose: () => void; onDeleted: () => void }) => {
  const [problem, setProblem] = useState<ProblemBody | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      ok(await api.DELETE('/memo-macros/{id}', { params: { path: { id: macro.id } } }));
      onDeleted();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal label="매크로 삭제" onClose={onClose}>
      <form onSubmit={submit}>
        <h2>매크로 삭제</h2>
        <p>‘{macro.title}’ 매크로를 삭제할까요? 팀 전체에서 사라집니다.</p>
        {problem && <p className="field-error" role="alert">{say(problem)} <small title={problem.detail}>({problem.code})</small></p>}
        <div className="buttons">
          <button type="submit" disabled={busy}>{busy ? '삭제 중…' : '삭제'}</button>
          <button type="button" onClick={onClose}>닫기</button>
        </div>
      </form>
    </Modal>
  );
};

type Open = { kind: 'edit'; macro: MemoMacro | null } | { kind: 'delete'; macro: MemoMacro } | null;

export const MemoMacros = ({ can }: ScreenProps) => {
  const allowed = can.memoMacros === true;
  const team = useSession().data?.team;
  const client = useQueryClient();
  const macros = useMemoMacros(allowed);
  const [open, setOpen] = useState<Open>(null);
  if (!allowed) return <div className="view"><p className="empty">이 역할로는 매크로를 볼 수 없습니다.</p></div>;
  const done = () => {
    setOpen(null);
    void client.invalidateQueries({ queryKey: MACROS_KEY });
  };
  const items = macros.data;
  return (
    <div className="view macros">
      <div className="result">
        <div className="result-bar">
          <span aria-live="polite">{macros.isFetching ? '불러오는 중…' : items ? `${num(items.length)}건` : ''}</span>
          <button type="button" onClick={() => setOpen({ kind: 'edit', macro: null })}>매크로 추가</button>
          <span className="team">팀: {team ?? ''} · 같은 팀 작업자가 함께 씁니다</span>
        </div>
        <table className="orders" aria-label="매크로 목록">
          <thead>
            <tr><th className="n">순서</th><th>제목</th><th>내용</th><th>수정한 사람</th><th>수정일</th><th aria-label="작업" /></tr>
          </thead>
          <tbody>
            {items?.map((m) => (
              <tr key={m.id} onDoubleClick={() => setOpen({ kind: 'edit', macro: m })}>
                <td className="n">{num(m.position)}</td><td>{m.title}</td><td className="macro-body">{m.body}</td><td>{m.updatedBy}</td><td>{dateTime(m.updatedAt)}</td>
                <td className="actions">
                  <button type="button" aria-label={`${m.title} 수정`} onClick={() => setOpen({ kind: 'edit', macro: m })}>수정</button>
                  <button type="button" aria-label={`${m.title} 삭제`} onClick={() => setOpen({ kind: 'delete', macro: m })}>삭제</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {macros.isPending && <p className="loading">불러오는 중…</p>}
        {items?.length === 0 && <p className="empty">저장된 매크로가 없습니다. ‘매크로 추가’로 자주 쓰는 CS 메모를 저장하세요.</p>}
        {macros.isError && <p className="field-error" role="alert">{say(problemOf(macros.error))}</p>}
      </div>
      {open?.kind === 'edit' && <MacroDialog macro={open.macro} onClose={() => setOpen(null)} onSaved={done} />}
      {open?.kind === 'delete' && <DeleteDialog macro={open.macro} onClose={() => setOpen(null)} onDeleted={done} />}
    </div>
  );
};
