/** What every list screen shares: its filters from a form, its cursor pages, and the bar above the table. */
import type { ReactNode } from 'react';
import { useState } from 'react';
import { num } from './format';

/** The form's filled-in fields as query parameters (an empty field is no filter). */
export const filledIn = <T,>(form: Readonly<Record<string, string>>): T => Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])) as T;

/** Keyset pages: the `next` cursors seen so far, so 이전 goes back through them. */
export const useCursorPages = () => {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    hasPrevious: cursors.length > 0,
    previous: () => setCursors(cursors.slice(0, -1)),
    next: (cursor: string) => setCursors([...cursors, cursor]),
    reset: () => setCursors([]),
  };
};

interface Counted {
  readonly total: number;
  readonly totalEstimated?: boolean;
}

/** The count (약 … when the server estimated it), 이전 / 다음, and the screen's own buttons after them. */
export const PageBar = ({ page, fetching, hasPrevious, onPrevious, onNext, children }: { page: Counted | undefined; fetching: boolean; hasPrevious: boolean; onPrevious: () => void; onNext: (() => void) | null; children?: ReactNode }) => (
  <div className="result-bar">
    <span aria-live="polite">{fetching ? '불러오는 중…' : page ? `${page.totalEstimated ? '약 ' : ''}${num(page.total)}건` : ''}</span>
    <button type="button" disabled={!hasPrevious} onClick={onPrevious}>이전</button>
    <button type="button" disabled={onNext === null} onClick={() => onNext?.()}>다음</button>
    {children}
  </div>
);
