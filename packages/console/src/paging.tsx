/** What every list screen shares: its filters from a form, its pages (cursor or offset), and the bar above the table. */
import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { num } from './format';

/** The form's filled-in fields as query parameters (an empty field is no filter). */
export const filledIn = <T,>(form: Readonly<Record<string, string>>): T => Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])) as T;

/**
 * A list screen's filters: what is typed (`form`, `set(field)`) and what was last searched (`filters`,
 * the filled-in fields, taken on 검색 by `search`; `onSearch` resets the screen's pages and selection).
 */
export const useFilterForm = <F, E extends Readonly<Record<string, string>>>(empty: E, onSearch?: () => void) => {
  const [form, setForm] = useState<E>(empty);
  const [filters, setFilters] = useState<F>(() => filledIn<F>(empty));
  return {
    form,
    setForm,
    filters,
    set: (k: keyof E) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
    search: (e: FormEvent) => {
      e.preventDefault();
      onSearch?.();
      setFilters(filledIn<F>(form));
    },
  };
};

/** What PageBar needs of a screen's pages. */
interface PageMoves {
  readonly hasPrevious: boolean;
  readonly onPrevious: () => void;
  readonly onNext: (() => void) | null;
}

/** Keyset pages: the `next` cursors seen so far, so 이전 goes back through them. */
export const useCursorPages = () => {
  const [cursors, setCursors] = useState<string[]>([]);
  const next = (cursor: string) => setCursors([...cursors, cursor]);
  return {
    cursor: cursors.at(-1),
    reset: () => setCursors([]),
    /** PageBar's moves, given the page's `next` cursor (none: the last page). */
    moves: (after: string | null | undefined): PageMoves => ({ hasPrevious: cursors.length > 0, onPrevious: () => setCursors(cursors.slice(0, -1)), onNext: after ? () => next(after) : null }),
  };
};

/** Offset pages of `size` rows, for the lists the server counts exactly. */
export const useOffsetPages = (size: number) => {
  const [offset, setOffset] = useState(0);
  return {
    offset,
    limit: size,
    reset: () => setOffset(0),
    /** PageBar's moves, given the list's total (unknown yet: no 다음). */
    moves: (total: number | undefined): PageMoves => ({ hasPrevious: offset > 0, onPrevious: () => setOffset(Math.max(0, offset - size)), onNext: total !== undefined && offset + size < total ? () => setOffset(offset + size) : null }),
  };
};

interface Counted {
  readonly total: number;
  readonly totalEstimated?: boolean;
}

/** The count (약 … when the server estimated it), 이전 / 다음, and the screen's own buttons after them. */
export const PageBar = ({ page, fetching, hasPrevious, onPrevious, onNext, children }: PageMoves & { page: Counted | undefined; fetching: boolean; children?: ReactNode }) => (
  <div className="result-bar">
    <span aria-live="polite">{fetching ? '불러오는 중…' : page ? `${page.totalEstimated ? '약 ' : ''}${num(page.total)}건` : ''}</span>
    <button type="button" disabled={!hasPrevious} onClick={onPrevious}>이전</button>
    <button type="button" disabled={onNext === null} onClick={() => onNext?.()}>다음</button>
    {children}
  </div>
);
