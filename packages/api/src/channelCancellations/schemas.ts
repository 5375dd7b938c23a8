/** The request and answer shapes of 판매처취소, 취소결과조회 and 취소철회조회 (zod, strict bodies). */
import { z } from 'zod';
import { CANCEL_REASON_LABELS, CANCEL_TYPE_LABELS, CANCEL_TYPES, CHANNEL_CANCELLATION_KINDS, ORDER_STATUSES } from '@oms/domain';
import { keysetPaging } from '../schemas.js';
import { codeOrLabel } from '../codeOrLabel.js';
import { exportFormat } from '../files/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.iso.date().describe('YYYY-MM-DD, a day in Asia/Seoul');
const instant = z.iso.datetime({ offset: true }).describe('ISO-8601 date-time with an offset');
const yesNoAll = z.enum(['yes', 'no', 'all']);
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const page = { limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const KIND_LABELS = { cancel: '취소', return: '반품' } as const satisfies Record<(typeof CHANNEL_CANCELLATION_KINDS)[number], string>;

export const channelCancellationItem = z
  .strictObject({
    channel: text(100).describe('판매처, as on the order'),
    cancellationId: text(100).describe('클레임번호: the channel\'s claim number, unique per channel'),
    channelOrderNo: text(100).describe('판매처 주문번호'),
    channelLineNo: text(100).optional().describe('상품주문번호: names the line exactly'),
    productCode: text(64).optional().describe('else the line\'s 상품코드'),
    productName: text(200).optional().describe('else the line\'s 상품명 (with its option)'),
    option: z.string().trim().max(200).optional(),
    quantity: z.number().int().min(1).max(100_000).describe('취소수량'),
    kind: codeOrLabel(KIND_LABELS, '구분: cancel, or return (the channel completed a return / refund)'),
    cancelledAt: instant.describe('취소일'),
    reason: codeOrLabel(CANCEL_REASON_LABELS, '사유'),
    channelReason: z.string().trim().max(500).default('').describe('the channel\'s own reason text, kept as sent'),
    returnTrackingNumber: z.string().trim().max(40).optional().describe('회수 송장번호'),
  })
  .refine((i) => i.channelLineNo !== undefined || i.productCode !== undefined || i.productName !== undefined, {
    message: 'name the line: channelLineNo, productCode, or productName (with option)',
    path: ['channelLineNo'],
  });
export type ChannelCancellationItem = z.output<typeof channelCancellationItem>;

export const batchBody = z.strictObject({ items: z.array(channelCancellationItem).min(1).max(1000) });

export const OUTCOMES = ['applied', 'recorded', 'duplicate', 'refused'] as const;
export const itemOutcome = z.object({
  cancellationId: z.string(),
  outcome: z.enum(OUTCOMES).describe('applied: cancelled here (or withdrawn); recorded: kept, nothing to cancel; duplicate: already received, nothing changed; refused: see code'),
  no: z.number().optional().describe('관리번호'),
  code: z.string().optional(),
  detail: z.string().optional(),
  channelOrderNo: z.string().optional().describe('the row\'s 주문번호 (a cancellation)'),
  line: z.string().optional().describe('the line as the row names it: 상품주문번호, 상품코드 or name and option'),
  quantity: z.number().optional().describe('the quantity the channel cancels'),
  cancelledHere: z.number().optional().describe('applied / recorded: the quantity it cancels on our order (0: matched by an earlier cancel, or after shipping)'),
  cancelType: z.string().optional().describe('applied / recorded: its 취소타입 (접수-취소 … 배송-반품)'),
  row: z.number().optional().describe('the spreadsheet row (imports)'),
  column: z.string().optional().describe('the spreadsheet column (imports)'),
});
export const summary = z.object({ applied: z.number(), recorded: z.number(), duplicate: z.number(), refused: z.number() });
export const batchResult = z.object({ items: z.array(itemOutcome), summary });

export const claimParams = z.object({ channel: text(100), cancellationId: text(100) });
export const withdrawalBody = z.strictObject({ withdrawnAt: instant.describe('취소철회접수일: when the channel withdrew it') });
export const withdrawalResult = z.object({ cancellationId: z.string(), outcome: z.enum(['applied', 'duplicate']), no: z.number() });

const cancellationFilters = {
  from: day.optional().describe('취소일 from'),
  to: day.optional().describe('취소일 to'),
  channel: text(100).optional(),
  shipping: z.enum(['before', 'after', 'all']).default('after').describe('배송상태: before (접수-취소, 송장-취소), after (배송-취소, 배송-반품; the default), all'),
  confirmed: yesNoAll.default('no').describe('확인여부 (default no: what is still to be dealt with)'),
  partial: booleanQuery.optional().describe('only partial cancellations (취소수량 < 주문수량)'),
  q: z.string().trim().min(1).max(100).optional().describe('관리번호, 주문번호, 클레임번호, 상품, 주문자'),
};
export const cancellationsQuery = z.strictObject({ ...cancellationFilters, ...keysetPaging, format: exportFormat });
export const cancellationConfirmBody = z.union([
  z.strictObject({ ids: z.array(text(300)).min(1).max(1000).describe('row ids (선택 확인)') }),
  z.strictObject({ all: z.literal(true).describe('every row the filters match (전체 확인)'), ...cancellationFilters }),
]);

export const cancellationRow = z.object({
  id: z.string().describe('판매처/클레임번호'),
  no: z.number(),
  channel: z.string(),
  channelOrderNo: z.string(),
  cancellationId: z.string(),
  lineId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  option: z.string(),
  orderedQuantity: z.number().describe('주문수량'),
  cancelledQuantity: z.number().describe('취소수량 (the channel\'s)'),
  appliedQuantity: z.number().describe('what it cancelled here'),
  partial: z.boolean(),
  kind: z.enum(CHANNEL_CANCELLATION_KINDS),
  cancelType: z.enum(CANCEL_TYPES),
  cancelTypeLabel: z.enum(Object.values(CANCEL_TYPE_LABELS) as [string, ...string[]]),
  reason: z.string(),
  reasonLabel: z.string(),
  channelReason: z.string(),
  returnTrackingNumber: z.string().nullable(),
  cancelledAt: z.string(),
  receivedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  placedAt: z.string().nullable().describe('접수일'),
  buyerName: z.string().nullable(),
  status: z.enum(ORDER_STATUSES).nullable(),
  statusLabel: z.string().nullable(),
  shippedAt: z.string().nullable().describe('배송일'),
  trackingNumber: z.string().nullable(),
  confirmed: z.boolean(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  processed: z.boolean().describe('처리: a pickup (회수) answers this claim'),
  pickupNo: z.number().nullable().describe('관리번호 of that pickup'),
  pickupId: z.number().nullable().describe('its pickup number'),
});

export const withdrawalsQuery = z.strictObject({
  dateOf: z.enum(['cancelled', 'withdrawn']).default('cancelled').describe('the range is on 취소일 (cancelled) or 취소철회접수일 (withdrawn)'),
  from: day.optional(),
  to: day.optional(),
  channel: text(100).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('관리번호, 주문번호, 주문자'),
  confirmed: yesNoAll.default('no'),
  ...page,
  format: exportFormat,
});
export const withdrawalConfirmBody = z.strictObject({ ids: z.array(z.string().regex(/^[0-9]{1,16}-[0-9]{1,5}$/, '<관리번호>-<line>')).min(1).max(1000) });

export const withdrawalRow = z.object({
  id: z.string().describe('<관리번호>-<line>'),
  no: z.number(),
  channel: z.string(),
  channelOrderNo: z.string(),
  buyerName: z.string(),
  status: z.enum(ORDER_STATUSES),
  statusLabel: z.string(),
  placedAt: z.string(),
  shippedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  worker: z.string().nullable().describe('작업자: who cancelled the line here'),
  lineId: z.number(),
  productCode: z.string(),
  productName: z.string(),
  option: z.string(),
  ordered: z.number(),
  cancelledHere: z.number(),
  channelCancelled: z.number(),
  toRestore: z.number().describe('the quantity to restore'),
  confirmed: z.boolean(),
});

export const confirmResult = z.object({
  items: z.array(z.object({ id: z.string(), outcome: z.enum(['applied', 'duplicate', 'refused']), code: z.string().optional(), detail: z.string().optional() })),
  summary: z.object({ applied: z.number(), duplicate: z.number(), refused: z.number() }),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });
