/**
 * Every row of an import (its preview or its result): the row number, the outcome, the claim number,
 * the order it touches with that order's lines as they stand (주문 / 유효 / 취소), and a refused row's
 * problem with its row and column. The summary above counts each outcome and filters by it; a large
 * file is shown a page of rows at a time, never cut.
 */
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { CANCEL_REASON_LABELS } from '@oms/domain';
import type { paths } from './openapi';
import { api, ok } from './api';
import { num } from './format';
import type { Outcome } from './importProblems';
import { FIELD_LABELS, OUTCOME_LABELS, OUTCOMES, rowProblem } from './importProblems';

export type ImportResult = paths['/channel-cancellations/import']['post']['responses'][200]['content']['application/json'];
type Item = ImportResult['items'][number];

const PAGE = 200;
/** Orders looked up for the 주문 column: the first this many a page touches (each is one GET /orders/{no}). */
const ORDERS_SHOWN = 60;

export const Summary = ({ summary, rows, preview, only, onOnly }: { summary: ImportResult['summary']; rows: number; preview: boolean; only: Outcome | null; onOnly: (o: Outcome | null) => void }) => (
  <div className="import-summary" role="group" aria-label={preview ? '미리보기 요약' : '적용 결과 요약'}>
    <button type="button" aria-pressed={only === null} onClick={() => onOnly(null)}>전체 {num(rows)}행</button>
    {OUTCOMES.map((o) => (
      <button key={o} type="button" className={`outcome-${o}`} aria-pressed={only === o} title={OUTCOME_LABELS[o].hint} onClick={() => onOnly(only === o ? null : o)}>
        {OUTCOME_LABELS[o].label}{preview && o === 'applied' ? ' 예정' : ''} {num(summary[o])}
      </button>
    ))}
  </div>
);

/** The format's fields in the order of FIELD_LABELS (the stored format comes back in jsonb's key order). */
const fieldOrder = (field: string): number => {
  const i = Object.keys(FIELD_LABELS).indexOf(field);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};

const reasonWord = (code: string): string => (CANCEL_REASON_LABELS as Readonly<Record<string, string>>)[code] ?? code;

export const ImportRows = ({ result, preview }: { result: { items: readonly Item[]; summary: ImportResult['summary']; rows: number }; preview: boolean }) => {
  const [only, setOnly] = useState<Outcome | null>(null);
  const [page, setPage] = useState(0);
  const shown = only ? result.items.filter((i) => i.outcome === only) : result.items;
  const pageItems = shown.slice(page * PAGE, (page + 1) * PAGE);
  const nos = [...new Set(pageItems.flatMap((i) => (i.no === undefined ? [] : [i.no])))].slice(0, ORDERS_SHOWN);
  const orders = useQueries({
    queries: nos.map((no) => ({ queryKey: ['order', no], queryFn: async () => ok(await api.GET('/orders/{no}', { params: { path: { no: String(no) } } })) })),
  });
  const orderOf = new Map(nos.map((no, k) => [no, orders[k]?.data]));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  return (
    <>
      <div className="result-bar">
        <Summary summary={result.summary} rows={result.rows} preview={preview} only={only} onOnly={(o) => { setOnly(o); setPage(0); }} />
        {pages > 1 && (
          <span className="import-pages">
            <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>이전</button>
            {num(page + 1)} / {num(pages)}
            <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>다음</button>
          </span>
        )}
      </div>
      <table className="orders import-rows" aria-label={preview ? '미리보기' : '적용 결과'}>
        <thead>
          <tr><th className="n">행</th><th>{preview ? '예상 결과' : '결과'}</th><th>클레임번호</th><th>관리번호</th><th>주문 ({preview ? '지금' : '적용 후'}): 상품 주문 / 유효 / 취소</th><th>내용</th></tr>
        </thead>
        <tbody>
          {pageItems.map((item, k) => {
            const order = item.no === undefined ? undefined : orderOf.get(item.no);
            return (
              <tr key={`${item.row ?? ''}-${item.cancellationId}-${k}`} className={`outcome-${item.outcome}`} data-row={item.row}>
                <td className="n">{item.row === undefined ? '' : num(item.row)}</td>
                <td><span className={`badge outcome-${item.outcome}`}>{OUTCOME_LABELS[item.outcome].label}{preview && item.outcome === 'applied' ? ' 예정' : ''}</span></td>
                <td>{item.cancellationId}</td>
                <td>{item.no === undefined ? '' : item.no}</td>
                <td className="order-lines">
                  {order && (
                    <>
                      <span className="muted">{order.channelOrderNo} · {order.statusLabel}</span>
                      {order.lines.map((l) => (
                        <span key={l.lineId} className="line">
                          {l.productName}{l.option ? ` ${l.option}` : ''} {num(l.ordered)} / {num(l.active)} / <span className={l.cancelled > 0 ? 'partial' : ''}>{num(l.cancelled)}</span>
                        </span>
                      ))}
                    </>
                  )}
                </td>
                <td className={item.outcome === 'refused' ? 'problem' : ''} title={item.detail}>
                  {item.outcome === 'refused' ? rowProblem(item) : OUTCOME_LABELS[item.outcome].hint}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length === 0 && <p className="empty">{result.items.length === 0 ? '파일에 데이터 행이 없습니다.' : '해당하는 행이 없습니다.'}</p>}
    </>
  );
};

/** The channel's cancellation column mapping in brief: which header fills which field. */
export const FormatBrief = ({ format, labelOf }: { format: paths['/channels/{name}/cancellation-format']['get']['responses'][200]['content']['application/json']; labelOf: (field: string) => string }) => (
  <section className="format-brief" aria-label="취소 포맷">
    <h3>취소 파일 열 매핑 <small>(제목 행 {num(format.headerRow)})</small></h3>
    <dl>
      {Object.entries(format.columns).sort(([a], [b]) => fieldOrder(a) - fieldOrder(b)).map(([field, names]) => (
        <div key={field}>
          <dt>{labelOf(field)}{['channelOrderNo', 'quantity', 'cancelledAt'].includes(field) ? ' *' : ''}</dt>
          <dd>{(typeof names === 'string' ? [names] : names).join(' / ')}</dd>
        </div>
      ))}
    </dl>
    <p className="hint">
      * 필수 열.
      {Object.keys(format.reasons).length > 0 && ` 사유 매핑 ${num(Object.keys(format.reasons).length)}개.`}
      {format.defaultReason && ` 그 밖의 사유는 ${reasonWord(format.defaultReason)}.`}
      {format.returnValues.length > 0 && ` 반품완료 값: ${format.returnValues.join(', ')}.`}
      {format.withdrawnValues.length > 0 && ` 취소철회 값: ${format.withdrawnValues.join(', ')}.`}
    </p>
  </section>
);
