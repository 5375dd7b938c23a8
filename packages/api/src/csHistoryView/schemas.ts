/** The request and answer shapes of CS내역조회 (zod, strict: an unknown field is refused). */
import { z } from 'zod';
import { CANCEL_REASON_LABELS, CANCEL_TYPE_LABELS, codeOf, CS_STATE_LABELS, EXCHANGE_TYPE_LABELS, ORDER_STATUS_LABELS, WORK_TYPE_LABELS } from '@oms/domain';
import { codeOrLabel } from '../codeOrLabel.js';
import { exportFormat } from '../files/index.js';
import { keysetPaging, memoField } from '../schemas.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** 취소타입: the channel's cancel types and the 사유 codes (cs_history.cancel_type holds either; they do not overlap). */
export const CS_CANCEL_TYPE_LABELS: Readonly<Record<string, string>> = { ...CANCEL_TYPE_LABELS, ...CANCEL_REASON_LABELS };

/**
 * 작업: an event type (OrderHeld) or its label (보류설정) names the type, and the label too (so 주문복사 also
 * finds a copy's 주문생성, which the list shows as 주문복사); any other text is a label as the list shows it
 * (주문전체복사, 배송전 취소), matched exactly.
 */
const workType = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .transform((v) => {
    const code = codeOf(WORK_TYPE_LABELS, v);
    return code === undefined ? { code: '', label: v } : { code, label: WORK_TYPE_LABELS[code] };
  })
  .describe('작업: an event type code (OrderHeld) or the label the list shows (보류설정, 주문복사, 배송전 취소)');

// A query string says 'true' / '완료'; a JSON body (CS일괄완료) may say true.
const processed = z
  .union([z.boolean(), z.enum(['true', 'false', '완료', '미처리']).transform((v) => v === 'true' || v === '완료')])
  .describe('처리상태: true (완료) or false (미처리)');

export const csHistoryFilters = {
  from: when.optional().describe('등록일 from: YYYY-MM-DD (a day in Asia/Seoul) or an ISO instant'),
  to: when.optional().describe('등록일 to, inclusive: YYYY-MM-DD (the whole day) or an ISO instant'),
  worker: text(100).optional().describe('작업자'),
  channel: text(100).optional().describe('판매처'),
  supplier: text(100).optional().describe('공급처: orders with a line of one of its products'),
  status: codeOrLabel(ORDER_STATUS_LABELS, '주문상태').optional(),
  csState: codeOrLabel(CS_STATE_LABELS, 'C/S 상태').optional(),
  processed: processed.optional(),
  workType: workType.optional(),
  cancelType: codeOrLabel(CS_CANCEL_TYPE_LABELS, '취소타입').optional(),
  exchangeType: codeOrLabel(EXCHANGE_TYPE_LABELS, '교환타입').optional(),
  q: text(100).optional().describe('CS 내역, 메모, 관리번호, 주문번호, 수령자'),
};
export type CsHistoryFilters = z.output<z.ZodObject<typeof csHistoryFilters>>;

export const csHistoryQuery = z.strictObject({ ...csHistoryFilters, ...keysetPaging, format: exportFormat });

export const MAX_COMPLETE_ALL = 10_000;

export const completeBody = z.union([
  z.strictObject({ entryIds: z.array(z.uuid().transform((id) => id.toLowerCase())).min(1).max(1000).describe('CS선택완료: the entries to mark 완료'), memo: memoField }),
  z.strictObject({ all: z.literal(true).describe(`CS일괄완료: every entry the filters match (at most ${MAX_COMPLETE_ALL})`), ...csHistoryFilters, memo: memoField }),
]);

export const memosBody = z.strictObject({
  nos: z.array(z.number().int().positive()).min(1).max(1000).describe('CS선택중복: the orders (관리번호) to add the entry to'),
  text: text(2000).describe('the CS 내역 to add'),
  memo: memoField,
});

export const entryIdParams = z.object({ entryId: z.uuid().transform((id) => id.toLowerCase()) });

export const csHistoryRow = z.object({
  entryId: z.string(),
  no: z.number().describe('관리번호'),
  at: z.string().describe('등록일'),
  worker: z.string(),
  workType: z.string(),
  workTypeLabel: z.string().describe('작업'),
  content: z.string().describe('CS 내역'),
  memo: z.string().nullable(),
  processed: z.boolean().describe('처리상태: 완료 / 미처리'),
  processedAt: z.string().nullable(),
  processedBy: z.string().nullable(),
  channel: z.string().nullable().describe('판매처 (null: the order left the list)'),
  channelOrderNo: z.string().nullable(),
  recipientName: z.string().nullable(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  csState: z.string().nullable(),
  csStateLabel: z.string().nullable(),
  cancelType: z.string().nullable(),
  exchangeType: z.string().nullable(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

const outcome = z.enum(['applied', 'duplicate', 'refused']);
export const completeResult = z.object({
  items: z.array(z.object({ id: z.string(), no: z.number().optional(), outcome, code: z.string().optional(), detail: z.string().optional() })),
  summary: z.object({ applied: z.number(), duplicate: z.number(), refused: z.number() }),
});
export const memosResult = z.object({
  items: z.array(z.object({ no: z.number(), outcome: z.enum(['applied', 'refused']), entryId: z.string().optional(), code: z.string().optional(), detail: z.string().optional() })),
  summary: z.object({ applied: z.number(), refused: z.number() }),
});
