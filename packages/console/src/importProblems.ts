/**
 * 판매처취소 upload's words: the format's fields by their Korean names, each outcome's label, and where
 * a refusal stands (row, column, the headers looked for). The refusals' own words are problems.ts's.
 */
import type { ProblemBody } from './api';
import { num } from './format';
import type { ProblemLike } from './problems';
import { problemText } from './problems';

/** The format's fields (PUT /channels/{name}/cancellation-format `columns`), as the seeds' headers call them. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  channelOrderNo: '주문번호',
  quantity: '취소수량',
  cancelledAt: '취소일',
  cancellationId: '클레임번호',
  channelLineNo: '상품주문번호',
  productCode: '상품코드',
  productName: '상품명',
  option: '옵션',
  kind: '구분',
  status: '처리상태',
  reason: '사유',
  channelReason: '판매처 사유',
  returnTrackingNumber: '회수 송장번호',
  withdrawnAt: '철회일',
};
export const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

export type Outcome = 'applied' | 'recorded' | 'duplicate' | 'refused';
export const OUTCOMES: readonly Outcome[] = ['applied', 'recorded', 'duplicate', 'refused'];
export const OUTCOME_LABELS: Readonly<Record<Outcome, { readonly label: string; readonly hint: string }>> = {
  applied: { label: '반영', hint: '이 주문에서 취소(또는 취소철회)합니다' },
  recorded: { label: '기록', hint: '기록만 합니다: 배송 후이거나 이미 취소되어 취소할 수량이 없습니다' },
  duplicate: { label: '중복', hint: '이미 받은 취소입니다: 바뀌는 것이 없습니다' },
  refused: { label: '거부', hint: '이 행은 반영하지 않습니다' },
};

/** Shared codes that read better said of an uploaded row (problems.ts has every other code's words). */
const ROW_WORDING: Readonly<Record<string, string>> = {
  ORDER_NOT_FOUND: '이 판매처의 주문번호에 해당하는 주문이 없습니다.',
  LINE_NOT_FOUND: '주문에 해당 상품 줄이 없습니다.',
  QUANTITY_EXCEEDS_ORDERED: '취소수량이 주문수량보다 많습니다 (판매처가 이미 취소한 수량 포함).',
};

/** An import's refusal (the file's or a row's) in Korean: problems.ts's problemText, with a row's wording. */
const importText = (p: ProblemLike): string => (p.code === undefined ? undefined : ROW_WORDING[p.code]) ?? problemText(p);

/** "3행 C열: 정수가 아닙니다." — a refused row's problem, where it is. */
export const rowProblem = (item: { code?: string | undefined; detail?: string | undefined; row?: number | undefined; column?: string | undefined }): string => {
  const where = [item.row === undefined ? '' : `${num(item.row)}행`, item.column ? `${item.column}열` : ''].filter((w) => w !== '').join(' ');
  const what = importText({ title: '거부되었습니다.', ...item });
  return where ? `${where}: ${what}` : what;
};

/** A refused upload in Korean: what is wrong, and for missing columns which headers were looked for. */
export const uploadProblem = (problem: ProblemBody & { maxBytes?: number; row?: number }, columns: Readonly<Record<string, string | readonly string[]>> | undefined): string => {
  const base = importText(problem);
  if (problem.code === 'FILE_TOO_LARGE' && problem.maxBytes) return `${base} (최대 ${(problem.maxBytes / 1024 / 1024).toFixed(0)}MB)`;
  if (problem.code === 'COLUMN_NOT_FOUND' && problem.errors?.length) {
    const missing = problem.errors.map((e) => {
      const names = columns?.[e.field];
      const headers = names === undefined ? '' : ` (${(typeof names === 'string' ? [names] : names).map((n) => `'${n}'`).join(' 또는 ')})`;
      return `${fieldLabel(e.field)}${headers}`;
    });
    return `${problem.row ? `${num(problem.row)}행 ` : ''}${base} 없는 열: ${missing.join(', ')}`;
  }
  if (problem.row !== undefined && problem.code !== 'COLUMN_NOT_FOUND') return `${num(problem.row)}행: ${base}`;
  return base;
};
