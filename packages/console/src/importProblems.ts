/**
 * 판매처취소 upload's words: the format's fields by their Korean names, each outcome's label, and the
 * refusals an import can meet (the file as a whole, or one row) in Korean, beside the shared ones of
 * problems.ts. Only words: what refused is the server's (its English detail stays beside them).
 */
import type { ProblemBody } from './api';
import { num } from './format';
import { koreanOf } from './problems';

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

const KOREAN: Readonly<Record<string, string>> = {
  // The file as a whole.
  UNSUPPORTED_FILE: '.xlsx 또는 .csv 파일만 올릴 수 있습니다 (.xls는 엑셀에서 .xlsx로 다시 저장하세요).',
  UNREADABLE_FILE: '파일을 읽을 수 없습니다: 손상되었거나 암호가 걸렸거나, CSV가 UTF-8/EUC-KR 문서가 아닙니다.',
  TOO_MANY_ROWS: '행이 너무 많습니다: 한 번에 100,000행까지 올릴 수 있습니다.',
  TOO_MANY_COLUMNS: '열이 너무 많습니다: 1,000열까지 읽습니다.',
  COLUMN_NOT_FOUND: '제목 행에 필요한 열이 없습니다.',
  FILE_TOO_LARGE: '파일이 너무 큽니다.',
  FILE_MISSING: '파일을 선택하세요.',
  TOO_MANY_FILES: '파일은 한 번에 하나만 올릴 수 있습니다.',
  MALFORMED_MULTIPART: '업로드가 중간에 끊겼습니다. 다시 시도하세요.',
  FORM_TOO_LARGE: '업로드 양식이 너무 큽니다.',
  UNSUPPORTED_MEDIA_TYPE: '파일 업로드 형식이 아닙니다.',
  CANCELLATION_FORMAT_MISSING: '이 판매처는 취소 포맷(열 매핑)이 아직 없습니다. 기준정보에서 먼저 설정하세요.',
  CHANNEL_NOT_FOUND: '없는 판매처입니다.',
  CHANNEL_NOT_ALLOWED: '이 키로는 다룰 수 없는 판매처입니다.',
  // One row.
  CELL_EMPTY: '빈 칸입니다.',
  NOT_TEXT: '글자가 아닙니다.',
  NOT_INTEGER: '정수가 아닙니다.',
  NOT_DATE_TIME: '날짜·시각으로 읽을 수 없습니다.',
  REASON_NOT_MAPPED: '사유를 여섯 가지 취소사유 중 어느 것으로도 읽을 수 없습니다 (포맷의 사유 매핑 또는 기본 사유를 설정하세요).',
  ORDER_NOT_FOUND: '이 판매처의 주문번호에 해당하는 주문이 없습니다.',
  LINE_NOT_FOUND: '주문에 해당 상품 줄이 없습니다.',
  LINE_AMBIGUOUS: '주문에 같은 상품 줄이 여럿입니다: 상품주문번호나 상품코드로 지정하세요.',
  CANCELLATION_CONFLICT: '같은 클레임번호가 다른 내용으로 이미 들어와 있습니다.',
  CANCELLATION_NOT_FOUND: '철회할 취소가 들어온 적이 없습니다.',
  QUANTITY_EXCEEDS_ORDERED: '취소수량이 주문수량보다 많습니다 (판매처가 이미 취소한 수량 포함).',
};

export const importKoreanOf = (code: string | undefined): string | undefined => (code === undefined ? undefined : (KOREAN[code] ?? koreanOf(code)));

/** "3행 C열: 정수가 아닙니다." — a refused row's problem, where it is. */
export const rowProblem = (item: { code?: string | undefined; detail?: string | undefined; row?: number | undefined; column?: string | undefined }): string => {
  const where = [item.row === undefined ? '' : `${num(item.row)}행`, item.column ? `${item.column}열` : ''].filter((w) => w !== '').join(' ');
  const what = importKoreanOf(item.code) ?? item.detail ?? '거부되었습니다.';
  return where ? `${where}: ${what}` : what;
};

/** A refused upload in Korean: what is wrong, and for missing columns which headers were looked for. */
export const uploadProblem = (problem: ProblemBody & { maxBytes?: number; row?: number }, columns: Readonly<Record<string, string | readonly string[]>> | undefined): string => {
  const base = importKoreanOf(problem.code) ?? problem.detail ?? problem.title;
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
