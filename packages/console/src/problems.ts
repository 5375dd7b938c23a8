/**
 * The server's refusals in Korean, by their stable code (the detail in English stays beside it for
 * anything not listed here). Only words: the rule that refused is the server's.
 */
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
  INVALID_INPUT: '입력값을 확인하세요.',
  MACRO_NOT_FOUND: '매크로를 찾을 수 없습니다. 다른 작업자가 삭제했을 수 있습니다.',
  MACRO_TITLE_TAKEN: '같은 제목의 매크로가 팀에 이미 있습니다.',
  MACRO_PLACEHOLDER_UNKNOWN: '쓸 수 있는 자리표시는 {상품명}과 {옵션}뿐입니다.',
  MACRO_LIMIT_REACHED: '팀의 매크로가 너무 많습니다. 쓰지 않는 매크로를 삭제하세요.',
  REVISION_CONFLICT: '다른 작업자가 먼저 바꾸었습니다. 다시 불러온 뒤 진행하세요.',
  FORBIDDEN: '이 역할로는 할 수 없는 작업입니다.',
  UNAUTHENTICATED: '로그인이 필요합니다.',
  CSRF_TOKEN_MISSING: '세션 확인에 실패했습니다. 새로고침 후 다시 시도하세요.',
};

export const koreanOf = (code: string): string | undefined => KOREAN[code];
