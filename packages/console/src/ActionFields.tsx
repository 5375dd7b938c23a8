/**
 * The fields of a toolbar action's dialog, by kind (actions/kinds.ts). Each input carries its label as
 * aria-label; the searches (상품, 관리번호, 판매처) only read the API, the command is the dialog's.
 */
import { useQuery } from '@tanstack/react-query';
import type { KeyboardEvent, ReactNode } from 'react';
import { useEffect, useId, useState } from 'react';
import type { Field, Values } from './actions';
import { api, ok, RequestRefused } from './api';
import { num } from './format';
import type { paths } from './openapi';
import { koreanOf } from './problems';
import type { Order } from './types';

type Product = paths['/products']['get']['responses'][200]['content']['application/json']['items'][number];

export interface FieldProps {
  readonly field: Field;
  readonly order: Order;
  readonly values: Values;
  readonly set: (name: string, value: string) => void;
  /** The server's complaint about this field, already in words. */
  readonly error?: ReactNode;
}

/** Enter submits (Shift+Enter: a new line), as in the CS 메모 box. */
export const submitOnEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
};

const useDebounced = (value: string, ms: number): string => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
};

const lineLabel = (l: Order['lines'][number]) => `${l.lineId}. ${l.productName}${l.option ? ` ${l.option}` : ''}`;
const productLabel = (p: Product) => `${p.code} ${p.name}${p.option ? ` / ${p.option}` : ''}`;

export const FieldInput = (p: FieldProps) => {
  const { field: f, values, set, error } = p;
  const value = values[f.name] ?? '';
  const onChange = (e: { target: { value: string } }) => set(f.name, e.target.value);
  const invalid = error !== undefined;
  if (f.kind === 'lines') return <LineQuantities {...p} />;
  if (f.kind === 'product') return <ProductSearch {...p} />;
  if (f.kind === 'check') {
    return (
      <label className="check">
        <input type="checkbox" name={f.name} aria-label={f.label} checked={value === 'true'} onChange={(e) => set(f.name, e.target.checked ? 'true' : '')} />
        {f.label}
        {error}
      </label>
    );
  }
  let input: ReactNode;
  if (f.kind === 'select' || f.kind === 'line') {
    const options = f.kind === 'line' ? p.order.lines.map((l) => [String(l.lineId), `${lineLabel(l)} (유효 ${num(l.active)})`] as const) : typeof f.options === 'function' ? f.options(p.order) : (f.options ?? []);
    input = (
      <select name={f.name} aria-label={f.label} value={value} onChange={onChange} required={f.required} aria-invalid={invalid}>
        <option value="">{f.placeholder ?? '선택'}</option>
        {options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </select>
    );
  } else if (f.kind === 'channel') {
    input = <ChannelSelect {...p} />;
  } else if (f.kind === 'textarea') {
    input = <textarea name={f.name} aria-label={f.label} rows={2} value={value} onChange={onChange} onKeyDown={submitOnEnter} required={f.required} aria-invalid={invalid} />;
  } else {
    const type = f.kind === 'number' || f.kind === 'order' ? 'number' : f.kind === 'datetime' ? 'datetime-local' : 'text';
    input = <input name={f.name} aria-label={f.label} type={type} min={type === 'number' ? (f.min ?? 1) : undefined} placeholder={f.placeholder} value={value} onChange={onChange} required={f.required} aria-invalid={invalid} />;
  }
  return (
    <label>
      {f.label}
      {input}
      {f.kind === 'order' && <OrderGlance no={value} self={p.order.no} />}
      {error}
    </label>
  );
};

/** 합포추가's 관리번호: who the other order is, before it is sent (the server still decides). */
const OrderGlance = ({ no, self }: { no: string; self: number }) => {
  const settled = useDebounced(no.trim(), 300);
  const valid = /^[1-9][0-9]{0,15}$/.test(settled) && Number(settled) !== self;
  const other = useQuery({ queryKey: ['order', Number(settled)], enabled: valid, queryFn: async () => ok(await api.GET('/orders/{no}', { params: { path: { no: settled } } })) });
  if (!valid) return null;
  if (other.isError) return <small className="glance">{other.error instanceof RequestRefused ? (koreanOf(other.error.problem.code) ?? other.error.message) : other.error.message}</small>;
  const o = other.data;
  if (!o) return <small className="glance">확인 중…</small>;
  return <small className="glance">{o.recipient.name} · {o.channel} · {o.statusLabel} · {o.csStateLabel}{o.package ? ` · 합포 ${o.package.id}` : ''}{o.mergeForbidden ? ' · 합포금지' : ''}</small>;
};

const ChannelSelect = ({ field: f, order, values, set, error }: FieldProps) => {
  const channels = useQuery({ queryKey: ['channels', 'active'], queryFn: async () => ok(await api.GET('/channels', { params: { query: { active: 'true' } } })) });
  const names = [...new Set([order.channel, ...(channels.data?.items ?? []).map((c) => c.name)])];
  return (
    <select name={f.name} aria-label={f.label} value={values[f.name] ?? ''} onChange={(e) => set(f.name, e.target.value)} required={f.required} aria-invalid={error !== undefined}>
      {names.map((n) => <option key={n} value={n}>{n === order.channel ? `${n} (지금 판매처)` : n}</option>)}
    </select>
  );
};

/** 회수 / 교환: a quantity for each line that still has some to take. */
const LineQuantities = ({ field: f, order, values, set, error }: FieldProps) => {
  const lines = order.lines.filter((l) => !f.available || f.available(l) > 0);
  return (
    <fieldset className="line-quantities" aria-invalid={error !== undefined}>
      <legend>{f.label}</legend>
      {lines.length === 0 && <p className="empty">해당하는 상품이 없습니다.</p>}
      {lines.map((l) => (
        <label key={l.lineId}>
          <span>{lineLabel(l)}{f.available && <small> (가능 {num(f.available(l))})</small>}</span>
          <input type="number" min={0} name={`${f.name}#${l.lineId}`} aria-label={`${f.label} ${l.lineId}`} value={values[`${f.name}#${l.lineId}`] ?? ''} onChange={(e) => set(`${f.name}#${l.lineId}`, e.target.value)} />
        </label>
      ))}
      {error}
    </fieldset>
  );
};

/** 상품 검색 as you type (GET /products?q=…): pick one with a click, or ↑/↓ and Enter. */
const ProductSearch = ({ field: f, values, set, error }: FieldProps) => {
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Product | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const settled = useDebounced(q.trim(), 250);
  const searching = settled !== '' && picked === null;
  const found = useQuery({ queryKey: ['products', settled], enabled: searching, queryFn: async () => ok(await api.GET('/products', { params: { query: { q: settled, limit: 8 } } })) });
  const items = searching ? (found.data?.items ?? []) : [];
  const pick = (product: Product) => {
    setPicked(product);
    setQ(product.code);
    set(f.name, product.code);
  };
  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    if (items.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter') {
      // Enter picks the highlighted product; once one is picked, Enter submits as everywhere else.
      e.preventDefault();
      const product = items[Math.min(active, items.length - 1)];
      if (product) pick(product);
    }
  };
  return (
    <div className="product-search">
      <label>
        {f.label}
        <input
          role="combobox"
          aria-label={f.label}
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items.length > 0 ? `${listId}-${Math.min(active, items.length - 1)}` : undefined}
          aria-invalid={error !== undefined}
          placeholder="상품코드, 상품명, 옵션"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
            if (picked) setPicked(null);
            if (values[f.name]) set(f.name, '');
          }}
          onKeyDown={keys}
        />
      </label>
      {searching && found.isFetching && items.length === 0 && <small className="loading">검색 중…</small>}
      {searching && found.data && items.length === 0 && <small className="empty">검색된 상품이 없습니다.</small>}
      {items.length > 0 && (
        <ul id={listId} role="listbox" aria-label={`${f.label} 검색 결과`} className="product-results">
          {items.map((product, i) => (
            <li key={product.code} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(product)}>
              <b>{product.code}</b> {product.name} <span className="option">{product.option}</span> <span className="n">{num(product.salePrice)}원 · 재고 {num(product.stock)}</span>
            </li>
          ))}
        </ul>
      )}
      {picked && <p className="picked" aria-live="polite">선택: {productLabel(picked)} · 판매가 {num(picked.salePrice)}원</p>}
      {error}
    </div>
  );
};
