/**
 * 기준정보 › 상품: search by 상품코드 / 상품명 / 옵션 and 공급처, 상품등록 and 수정 (현재고 is counted
 * on the product's stock stream by the server), and the selected product's 우선순위 list.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { ORDER_STATUS_LABELS } from '@oms/domain';
import type { paths } from './openapi';
import { api, ok } from './api';
import { dateTime, num } from './format';
import { FieldProblem, FormDialog, koreanProblem, problemOf } from './FormDialog';
import { filledIn, PageBar } from './paging';

type Query = NonNullable<paths['/products']['get']['parameters']['query']>;
type Filters = Omit<Query, 'limit' | 'offset'>;
type Product = paths['/products']['get']['responses'][200]['content']['application/json']['items'][number];
const EMPTY = { q: '', supplier: '' };
const PAGE = 50;

export const MasterProducts = ({ canEdit }: { canEdit: boolean }) => {
  const [form, setForm] = useState(EMPTY);
  const [filters, setFilters] = useState<Filters>({});
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['products', filters, offset],
    queryFn: async () => ok(await api.GET('/products', { params: { query: { ...filters, limit: PAGE, offset } } })),
    placeholderData: keepPreviousData,
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setFilters(filledIn<Filters>(form));
  };
  const page = list.data;
  return (
    <>
      <form className="search" onSubmit={search} aria-label="상품 검색">
        <label className="q">검색어<input aria-label="상품 검색어" value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} placeholder="상품코드, 상품명, 옵션" /></label>
        <label>공급처<input aria-label="공급처" value={form.supplier} onChange={(e) => setForm({ ...form, supplier: e.target.value })} size={10} /></label>
        <button type="submit">검색</button>
      </form>
      <div className="result">
        <PageBar page={page} fetching={list.isFetching} hasPrevious={offset > 0} onPrevious={() => setOffset(Math.max(0, offset - PAGE))} onNext={page && offset + PAGE < page.total ? () => setOffset(offset + PAGE) : null}>
          {canEdit && <button type="button" onClick={() => setEditing('new')}>상품등록</button>}
        </PageBar>
        <table className="orders">
          <thead>
            <tr><th>상품코드</th><th>상품명</th><th>옵션</th><th className="n">판매가</th><th className="n">공급가</th><th>공급처</th><th className="n">현재고</th><th className="n">입고예정</th><th>수정일</th>{canEdit && <th aria-label="수정" />}</tr>
          </thead>
          <tbody>
            {page?.items.map((p) => (
              <tr key={p.code} className={selected === p.code ? 'selected' : ''} onClick={() => setSelected(p.code)} onKeyDown={(e) => e.key === 'Enter' && setSelected(p.code)} tabIndex={0} aria-selected={selected === p.code}>
                <td>{p.code}</td><td>{p.name}</td><td>{p.option}</td><td className="n">{num(p.salePrice)}</td><td className="n">{num(p.supplyPrice)}</td><td>{p.supplier ?? ''}</td>
                <td className="n">{num(p.stock)}</td><td className="n">{num(p.expectedInbound)}</td><td>{dateTime(p.updatedAt)}</td>
                {canEdit && <td><button type="button" aria-label={`${p.code} 수정`} onClick={(e) => { e.stopPropagation(); setEditing(p); }}>수정</button></td>}
              </tr>
            ))}
          </tbody>
        </table>
        {list.isPending && <p className="loading">불러오는 중…</p>}
        {page && page.items.length === 0 && <p className="empty">상품이 없습니다.</p>}
        {list.isError && <p className="field-error" role="alert">{koreanProblem(problemOf(list.error))}</p>}
        {selected && <PriorityList code={selected} />}
      </div>
      {editing && <ProductDialog product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(code) => { setEditing(null); setSelected(code); }} />}
    </>
  );
};

/** 우선순위: the unshipped orders holding the product, in the order they ship. */
const PriorityList = ({ code }: { code: string }) => {
  const list = useQuery({ queryKey: ['priority', code], queryFn: async () => ok(await api.GET('/products/{code}/priority', { params: { path: { code } } })) });
  return (
    <section className="master-detail" aria-label={`${code} 우선순위`}>
      <h3>우선순위 — {code} <small>(미배송 주문, 배송 순서대로)</small></h3>
      {list.isPending && <p className="loading">불러오는 중…</p>}
      {list.isError && <p className="field-error" role="alert">{koreanProblem(problemOf(list.error))}</p>}
      {list.data && list.data.items.length === 0 && <p className="empty">이 상품을 기다리는 주문이 없습니다.</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="orders">
          <thead><tr><th className="n">순위</th><th>관리번호</th><th className="n">우선순위</th><th>상태</th><th className="n">수량</th><th>수령자</th><th>발주일</th></tr></thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.no}><td className="n">{num(r.rank)}</td><td>{r.no}</td><td className="n">{num(r.priority)}</td><td>{ORDER_STATUS_LABELS[r.status as keyof typeof ORDER_STATUS_LABELS] ?? r.status}</td><td className="n">{num(r.quantity)}</td><td>{r.recipientName}</td><td>{dateTime(r.placedAt)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

const FIELDS = [
  ['code', '상품코드'],
  ['name', '상품명'],
  ['option', '옵션'],
  ['salePrice', '판매가'],
  ['supplyPrice', '공급가'],
  ['supplier', '공급처'],
  ['stock', '현재고'],
] as const;
type FieldName = (typeof FIELDS)[number][0];
const NUMBERS: readonly FieldName[] = ['salePrice', 'supplyPrice', 'stock'];

const valuesOf = (p: Product | null): Record<FieldName, string> => ({
  code: p?.code ?? '', name: p?.name ?? '', option: p?.option ?? '', salePrice: p ? String(p.salePrice) : '', supplyPrice: p ? String(p.supplyPrice) : '', supplier: p?.supplier ?? '', stock: p ? String(p.stock) : '',
});

/** 상품등록 (POST) or 수정 (PUT with the fields changed only). */
const ProductDialog = ({ product, onClose, onSaved }: { product: Product | null; onClose: () => void; onSaved: (code: string) => void }) => {
  const client = useQueryClient();
  const initial = valuesOf(product);
  const [values, setValues] = useState(initial);
  const save = async () => {
    const v = Object.fromEntries(FIELDS.map(([k]) => [k, values[k].trim()])) as Record<FieldName, string>;
    if (product === null) {
      ok(await api.POST('/products', {
        body: { code: v.code, name: v.name, option: v.option, salePrice: Number(v.salePrice), supplyPrice: Number(v.supplyPrice), ...(v.supplier ? { supplier: v.supplier } : {}), ...(v.stock ? { stock: Number(v.stock) } : {}) },
      }));
    } else {
      const changed = FIELDS.map(([k]) => k).filter((k) => k !== 'code' && v[k] !== initial[k]);
      if (changed.length > 0) {
        const body = Object.fromEntries(changed.map((k) => [k, NUMBERS.includes(k) ? Number(v[k]) : k === 'supplier' && v[k] === '' ? null : v[k]]));
        ok(await api.PUT('/products/{code}', { params: { path: { code: product.code } }, body }));
      }
    }
    await Promise.all([client.invalidateQueries({ queryKey: ['products'] }), client.invalidateQueries({ queryKey: ['priority'] })]);
    onSaved(v.code);
  };
  return (
    <FormDialog title={product ? `상품수정 — ${product.code}` : '상품등록'} fields={FIELDS.map(([k]) => k)} submitLabel="저장" onClose={onClose} onSubmit={save}>
      {(problem) => FIELDS.map(([k, label]) => (
        <label key={k}>
          {label}
          <input
            aria-label={label}
            value={values[k]}
            onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            type={NUMBERS.includes(k) ? 'number' : 'text'}
            min={NUMBERS.includes(k) ? 0 : undefined}
            readOnly={k === 'code' && product !== null}
            required={['code', 'name', 'salePrice', 'supplyPrice'].includes(k)}
          />
          <FieldProblem problem={problem} field={k} />
        </label>
      ))}
    </FormDialog>
  );
};
