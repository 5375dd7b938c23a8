/** The request and answer shapes of 반품관리 and 교환예정관리 (zod, strict queries and bodies). */
import { z } from 'zod';
import { EXCHANGE_STATES, RETURN_LINE_STATES } from '@oms/projections';
import { exportFormat } from '../files/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).describe('YYYY-MM-DD (a day in Asia/Seoul) or an ISO-8601 date-time with an offset');
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const page = { limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const RETURN_STATE_LABELS = { requested: '요청', partially_arrived: '일부도착', arrived: '도착', completed: '완료' } as const satisfies Record<(typeof RETURN_LINE_STATES)[number], string>;
export const RETURN_KIND_LABELS = { return: '회수', exchange: '교환' } as const;
export const EXCHANGE_STATE_LABELS = { requested: '교환요청', goods_arrived: '회수도착', replacement_shipped: '교환출고' } as const satisfies Record<(typeof EXCHANGE_STATES)[number], string>;

export const returnsQuery = z.strictObject({
  dateField: z.enum(['requested', 'arrived']).default('requested').describe('the range is on 회수요청일 (requested, the default) or 도착일 (arrived)'),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  channel: text(100).optional().describe('판매처'),
  supplier: text(100).optional().describe('공급처 (the catalogue product\'s)'),
  recipient: text(100).optional().describe('수령자 contains'),
  state: z.enum(RETURN_LINE_STATES).optional().describe('requested (요청), partially_arrived (일부도착), arrived (도착), completed (완료)'),
  kind: z.enum(['return', 'exchange']).optional().describe('return (회수) or exchange (교환\'s pickup)'),
  completed: booleanQuery.optional().describe('완료처리 done or not'),
  q: z.string().trim().min(1).max(100).optional().describe('관리번호, 주문번호, 상품명'),
  worker: text(100).optional().describe('작업자: who requested the pickup'),
  ...page,
  format: exportFormat,
});

const fee = z.object({ expected: z.number(), arrived: z.number() });
export const returnRow = z.object({
  id: z.string().describe('<관리번호>-<pickupId>-<lineId>'),
  no: z.number(),
  pickupId: z.number(),
  lineId: z.number(),
  kind: z.enum(['return', 'exchange']),
  reason: z.string().nullable(),
  reasonLabel: z.string().nullable(),
  exchangeType: z.string().nullable(),
  exchangeTypeLabel: z.string().nullable(),
  replacementNo: z.number().nullable(),
  channel: z.string().nullable(),
  channelOrderNo: z.string().nullable(),
  recipientName: z.string().nullable(),
  productCode: z.string().nullable(),
  productName: z.string().nullable(),
  option: z.string().nullable(),
  supplier: z.string().nullable().describe('공급처'),
  pickedUp: z.number(),
  received: z.number(),
  damaged: z.number(),
  registerInbound: z.boolean(),
  state: z.enum(RETURN_LINE_STATES),
  stateLabel: z.string(),
  requestedAt: z.string().describe('회수요청일'),
  requestedBy: z.string(),
  shippedAt: z.string().nullable().describe('배송일'),
  arrivedAt: z.string().nullable().describe('도착일'),
  fees: z.object({ site: fee, enclosed: fee, transfer: fee }).nullable().describe('the pickup\'s fees, on its first line only (null on the others)'),
  outstanding: z.number().describe('미수 of the pickup on its first line, 0 on the others'),
  feeReason: z.string().nullable(),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  completionMemo: z.string().nullable(),
  claim: z.object({ channel: z.string(), cancellationId: z.string() }).nullable(),
});

export const completeBody = z.strictObject({
  ids: z.array(z.string().regex(/^[0-9]{1,16}-[0-9]{1,5}-[0-9]{1,5}$/, '<관리번호>-<pickupId>-<lineId>')).min(1).max(1000).describe('row ids; each completes its pickup (once)'),
  memo: z.string().trim().max(2000).optional().describe('CS memo: needed for a pickup with 미수 left or goods not arrived'),
});

export const exchangesQuery = z.strictObject({
  state: z.enum(EXCHANGE_STATES).optional().describe('requested (교환요청), goods_arrived (회수도착), replacement_shipped (교환출고)'),
  from: dayOrInstant.optional().describe('교환요청일 from'),
  to: dayOrInstant.optional().describe('교환요청일 to'),
  channel: text(100).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('관리번호 (either order), 주문번호, 수령자, 송장번호'),
  ...page,
  format: exportFormat,
});

export const exchangeRow = z.object({
  no: z.number().describe('관리번호 of the original order'),
  replacementNo: z.number().describe('관리번호 of the replacement order'),
  exchangeId: z.number(),
  exchangeType: z.string(),
  exchangeTypeLabel: z.string(),
  state: z.enum(EXCHANGE_STATES),
  stateLabel: z.string(),
  quantity: z.number(),
  received: z.number(),
  goodsArrived: z.boolean(),
  replacementShipped: z.boolean(),
  shippedQuantity: z.number().describe('units the replacement order has shipped (≤ quantity)'),
  requestedAt: z.string(),
  arrivedAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  channel: z.string().nullable(),
  channelOrderNo: z.string().nullable(),
  recipientName: z.string().nullable(),
});
