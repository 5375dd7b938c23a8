/**
 * The server's refusals in Korean, by their stable code (the detail in English stays beside it for
 * anything not listed here). Only words: the rule that refused is the server's.
 */
import type { ProblemBody } from './api';
import { RequestRefused } from './api';

const KOREAN: Readonly<Record<string, string>> = {
  ORDER_HELD: '보류 중인 주문입니다. 보류를 해제한 뒤 진행하세요.',
  ORDER_NOT_HELD: '보류 중인 주문이 아닙니다.',
  ORDER_ALREADY_HELD: '이미 보류 중인 주문입니다.',
  ORDER_CANCELLED: '취소된 주문입니다.',
  ORDER_NOT_CANCELLED: '취소된 주문이 아닙니다.',
  ORDER_DELETED: '삭제된 주문입니다.',
  ORDER_NOT_FOUND: '주문을 찾을 수 없습니다.',
  ORDER_MERGED: '합포된 주문입니다.',
  ORDER_NOT_MERGED: '합포된 주문이 아닙니다.',
  ALREADY_SHIPPED: '이미 배송된 주문입니다.',
  ALREADY_MERGED: '이미 합포된 주문입니다.',
  MERGE_FORBIDDEN: '합포금지된 주문입니다.',
  MERGE_WITH_ITSELF: '같은 주문끼리는 합포할 수 없습니다.',
  PACKAGE_INVOICED: '송장이 입력된 합포입니다.',
  LINE_NOT_FOUND: '해당 상품 줄이 없습니다.',
  LINE_CANCELLED: '이미 취소된 상품입니다.',
  CANCEL_EXCEEDS_ACTIVE: '취소 수량이 남은(유효) 수량보다 많습니다.',
  RESTORE_EXCEEDS_CANCELLED: '복귀 수량이 취소된 수량보다 많습니다.',
  NOTHING_TO_RESTORE: '정상복귀할 것이 없습니다.',
  QUANTITY_EXCEEDS_ORDERED: '수량이 주문 수량보다 많습니다.',
  INVALID_QUANTITY: '수량이 올바르지 않습니다.',
  INVALID_TRACKING_NUMBER: '송장번호 형식이 올바르지 않습니다.',
  VALUE_ALREADY_USED: '다른 주문이 이미 쓰고 있는 값입니다.',
  INVALID_ALARM_TIME: '알람 시각이 올바르지 않습니다.',
  COMPLETION_NEEDS_MEMO: '미수나 미도착이 남아 있으면 메모가 필요합니다.',
  RETURN_COMPLETED: '완료처리된 회수입니다.',
  // The toolbar's other actions (합포, 상품, 복사, 우선순위, 회수, 교환).
  ORDER_STATUS_CONFLICT: '지금 주문상태에서는 할 수 없는 작업입니다.',
  RETURN_REQUIRED: '송장 이후에는 취소가 아니라 회수(반품)로 처리하세요.',
  MERGE_ORDER_NOT_FOUND: '합포할 관리번호의 주문이 없습니다.',
  PRODUCT_NOT_FOUND: '기준정보에 없는 상품코드입니다. 상품을 검색해 선택하세요.',
  REPLACEMENT_LINES_FIXED: '교환주문에는 상품을 추가할 수 없습니다.',
  CHANNEL_NOT_ACTIVE: '사용 중인 판매처가 아닙니다.',
  CHANNEL_NEEDS_WHOLE_COPY: '판매처를 바꾸려면 주문전체복사를 쓰세요.',
  WHOLE_COPY_KEEPS_LINES: '주문전체복사는 상품을 바꿀 수 없습니다. 주문복사를 쓰세요.',
  PRODUCT_NOT_HELD: '이 주문에 배송 전인 해당 상품이 없습니다.',
  AFTER_REQUIRED: '위치지정에는 다음으로 배송할 관리번호가 필요합니다.',
  AFTER_ITSELF: '자기 자신 다음으로는 지정할 수 없습니다.',
  AFTER_NOT_HOLDING: '지정한 주문에는 배송 전인 해당 상품이 없습니다.',
  PICKUP_EXCEEDS_SHIPPED: '회수 수량이 배송된(아직 회수되지 않은) 수량보다 많습니다.',
  PICKUP_REPEATED: '이미 회수한 적이 있는 주문입니다. 입고예정 등록 여부를 확인하세요.',
  EXCHANGE_EXCEEDS_SHIPPED: '교환 수량이 배송된(회수·교환되지 않은) 수량보다 많습니다.',
  PRODUCT_NEEDS_PRODUCT_EXCHANGE: '다른 상품으로 보내려면 교환 구분을 상품교환으로 하세요.',
  LINES_REQUIRED: '수량을 하나 이상 입력하세요.',
  DUPLICATE_LINE: '같은 상품이 두 번 들어 있습니다.',
  FIELD_REQUIRED: '필수 항목입니다.',
  INVALID_INPUT: '입력값을 확인하세요.',
  MACRO_NOT_FOUND: '매크로를 찾을 수 없습니다. 다른 작업자가 삭제했을 수 있습니다.',
  MACRO_TITLE_TAKEN: '같은 제목의 매크로가 팀에 이미 있습니다.',
  MACRO_PLACEHOLDER_UNKNOWN: '쓸 수 있는 자리표시는 {상품명}과 {옵션}뿐입니다.',
  MACRO_LIMIT_REACHED: '팀의 매크로가 너무 많습니다. 쓰지 않는 매크로를 삭제하세요.',
  REVISION_CONFLICT: '다른 작업자가 먼저 바꾸었습니다. 다시 불러온 뒤 진행하세요.',
  FORBIDDEN: '이 역할로는 할 수 없는 작업입니다.',
  UNAUTHENTICATED: '로그인이 필요합니다.',
  CSRF_TOKEN_MISSING: '세션 확인에 실패했습니다. 새로고침 후 다시 시도하세요.',
  NETWORK: '서버에 연결할 수 없습니다.',
  // An auditor's timeline: a point in the past, a stream's chain.
  REVISION_NOT_FOUND: '이 주문에 그 리비전은 없습니다.',
  STREAM_NOT_FOUND: '그런 스트림이 없습니다.',
  // CS내역조회 and 기준정보.
  TOO_MANY_ENTRIES: '한 번에 완료할 수 있는 건수를 넘었습니다. 조건을 좁히세요.',
  ENTRY_NOT_FOUND: 'CS 내역을 찾을 수 없습니다.',
  PRODUCT_ALREADY_EXISTS: '이미 등록된 상품코드입니다.',
  CHANNEL_ALREADY_EXISTS: '이미 등록된 판매처입니다.',
  CHANNEL_NOT_FOUND: '판매처를 찾을 수 없습니다.',
  CANCELLATION_FORMAT_MISSING: '이 판매처는 취소 포맷(열 매핑)이 아직 없습니다. 기준정보에서 먼저 설정하세요.',
  // 판매처취소 upload: the file as a whole.
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
  CHANNEL_NOT_ALLOWED: '이 키로는 다룰 수 없는 판매처입니다.',
  // …and one of its rows (importProblems.ts words a few shared codes for a row).
  CELL_EMPTY: '빈 칸입니다.',
  NOT_TEXT: '글자가 아닙니다.',
  NOT_INTEGER: '정수가 아닙니다.',
  NOT_DATE_TIME: '날짜·시각으로 읽을 수 없습니다.',
  REASON_NOT_MAPPED: '사유를 여섯 가지 취소사유 중 어느 것으로도 읽을 수 없습니다 (포맷의 사유 매핑 또는 기본 사유를 설정하세요).',
  LINE_AMBIGUOUS: '주문에 같은 상품 줄이 여럿입니다: 상품주문번호나 상품코드로 지정하세요.',
  CANCELLATION_CONFLICT: '같은 클레임번호가 다른 내용으로 이미 들어와 있습니다.',
  CANCELLATION_NOT_FOUND: '철회할 취소가 들어온 적이 없습니다.',
};

export const koreanOf = (code: string | undefined): string | undefined => (code === undefined ? undefined : KOREAN[code]);

/** A problem, or anything shaped like one (a bulk result's refused item: code and detail). */
export interface ProblemLike {
  readonly code?: string | undefined;
  readonly title?: string | undefined;
  readonly detail?: string | undefined;
}

const NETWORK: ProblemBody = { status: 0, code: 'NETWORK', title: '서버에 연결할 수 없습니다.' };

/** What a failed request threw, as a problem: the server's, or no connection at all. */
export const problemOf = (error: unknown): ProblemBody => (error instanceof RequestRefused ? error.problem : NETWORK);

/**
 * The one way a refusal reads in Korean: its code's words, else the server's detail, else its title.
 * Takes a problem, or what a request threw (a RequestRefused, or a network failure).
 */
export const problemText = (refusal: ProblemLike | unknown): string => {
  const p: ProblemLike = refusal instanceof RequestRefused ? refusal.problem : typeof refusal === 'object' && refusal !== null && !(refusal instanceof Error) ? (refusal as ProblemLike) : NETWORK;
  return koreanOf(p.code) ?? p.detail ?? p.title ?? p.code ?? '';
};
