/** zod schemas: the single source of request validation, response shapes and the OpenAPI document. */
import { z } from 'zod';
import type { Carrier, FeeRoute } from '@oms/domain';
import {
  CANCEL_REASON_LABELS,
  CS_STATE_LABELS,
  CS_STATES,
  EXCHANGE_TYPE_LABELS,
  EXCHANGE_TYPES,
  FEE_ROUTES,
  ORDER_STATUSES,
  ORDER_STATUS_LABELS,
  PAYMENT_METHODS,
  PAYMENT_METHOD_LABELS,
  PRIORITY_POSITIONS,
  TRACKING_NUMBER_PATTERN,
} from '@oms/domain';
import { ORDER_LIST_SORTS } from '@oms/projections';
import { exportFormat } from './files/index.js';
import { ROLES } from './auth.js';
import { codeOrLabel, describeLabels } from './codeOrLabel.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().trim().regex(/^[0-9+][0-9 -]{5,19}$/, 'a phone number: digits, spaces or dashes').optional();

/**
 * Request bodies are strict objects: an unknown field (a typo such as `registerExpectedInbound`) is refused
 * with a 422 naming it, never dropped.
 */
export const memoField = z.string().trim().max(2000).optional().describe('CS memo recorded with the action (CS 메모)');

/** A 관리번호 in a body: a JSON number (a string such as "0x10" is not coerced). */
const orderNo = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A number in a path: plain decimal digits only (no sign, point, exponent, hex or whitespace: `0x10` is not order 16). */
const pathNumber = (max: number) =>
  z.string().regex(/^[1-9][0-9]{0,15}$/, 'plain decimal digits').transform(Number).pipe(z.number().int().positive().max(max));
export const orderNoParams = z.object({ no: pathNumber(Number.MAX_SAFE_INTEGER).describe('관리번호') });
export const lineParams = orderNoParams.extend({ lineId: pathNumber(10_000).describe('line number within the order') });
export const pickupParams = orderNoParams.extend({ pickupId: pathNumber(10_000).describe('회수 number within the order (1, 2, …)') });
export const entryParams = orderNoParams.extend({ entryId: z.uuid().transform((id) => id.toLowerCase()).describe('CS 이력 entry id') });

export const partySchema = z.strictObject({ name: text(100), phone, mobile: phone });
export const recipientSchema = partySchema.extend({
  zip: z.string().trim().regex(/^[0-9-]{3,10}$/, 'a postal code').optional(),
  address: text(500),
  memo: z.string().trim().max(500).optional().describe('배송 메모'),
});

export const placeOrderBody = z.strictObject({
  channel: text(100).describe('판매처'),
  channelOrderNo: text(100).optional().describe('판매처 주문번호; generated for orders made by hand'),
  paymentMethod: codeOrLabel(PAYMENT_METHOD_LABELS, '결제수단'),
  paid: z.boolean().describe('true → 접수, false → 입금대기'),
  buyer: partySchema,
  recipient: recipientSchema,
  shippingFee: z.number().int().min(0),
  lines: z
    .array(
      z.strictObject({
        productCode: text(64),
        productName: text(200),
        option: z.string().trim().max(200).default(''),
        quantity: z.number().int().min(1).max(100_000),
        unitPrice: z.number().int().min(0),
        channelLineNo: text(100).optional().describe('상품주문번호: the channel\'s number for the line, so its cancellations match exactly'),
      }),
    )
    .min(1),
  memo: memoField,
});

/** Bodies that may be left out entirely (fastify hands an absent body over as null). */
export const memoOnlyBody = z.strictObject({ memo: memoField }).nullish();
export const holdBody = z.strictObject({ memo: memoField, alarmAt: z.iso.datetime({ offset: true }).optional().describe('알람: when the CS window should remind') }).nullish();
export const holdAlarmBody = z.strictObject({ alarmAt: z.iso.datetime({ offset: true }).nullable().describe('the new 알람; null: no reminder'), memo: memoField });
/** 취소/반품 사유, in every body that takes one. */
const reason = codeOrLabel(CANCEL_REASON_LABELS, '사유');
export const cancelBody = z.strictObject({ reason, memo: memoField });
export const csMemoBody = z.strictObject({ text: text(2000), memo: memoField });
/** The configured carriers (OMS_CARRIERS_FILE): a code or a name. */
export const invoiceBody = (carriers: readonly Carrier[]) =>
  z.strictObject({
    carrier: codeOrLabel(Object.fromEntries(carriers.map((c) => [c.code, c.name])), '택배사'),
    trackingNumber: z.string().trim().regex(TRACKING_NUMBER_PATTERN, 'digits only (8 to 20), no dashes or spaces'),
    memo: memoField,
  });

const quantity = z.number().int().min(1).max(100_000);
const lineQuantities = z.array(z.strictObject({ lineId: z.number().int().positive(), quantity })).min(1).max(500);
const productCode = text(64).describe('상품코드 from the catalogue (GET /products)');
const feeAmount = z.number().int().min(0).max(100_000_000).describe('원');
const unitPrice = z.number().int().min(0).optional().describe('판매단가; the catalogue\'s sale price when left out');

export const deliveryInfoBody = z.strictObject({ recipient: recipientSchema, memo: memoField });
export const lineCancelBody = z.strictObject({ quantity, reason, memo: memoField });
export const lineRestoreBody = z.strictObject({ quantity, memo: memoField });
export const lineProductBody = z.strictObject({ productCode, unitPrice, memo: memoField });
export const addLineBody = z.strictObject({ productCode, quantity, unitPrice, memo: memoField });
export const copyBody = z
  .strictObject({
    whole: z.boolean().default(false).describe('true: 주문전체복사 (same lines, the channel may change); false: 주문복사 (lines may change product)'),
    channel: text(100).optional().describe('판매처 of the copy (주문전체복사 only); must be an active channel'),
    lines: z
      .array(z.strictObject({ lineId: z.number().int().positive(), quantity: quantity.optional(), productCode: productCode.optional(), unitPrice }))
      .min(1)
      .max(500)
      .optional()
      .describe('주문복사: the lines to copy, each optionally with another product; all lines when left out'),
    memo: memoField,
  })
  .nullish();
export const mergeBody = z.strictObject({ orderNo: orderNo.describe('관리번호 of the order joining this one\'s package'), memo: memoField });
export const mergeBlockBody = z.strictObject({ forbidden: z.boolean().describe('true: 합포금지; false: 합포금지해제'), memo: memoField });
export const priorityBody = z.strictObject({
  productCode,
  position: z.enum(PRIORITY_POSITIONS).describe('top (맨 위), bottom (맨 아래), after (the order named in `after`)'),
  after: orderNo.optional().describe('관리번호 this order follows (position "after")'),
  memo: memoField,
});
export const pickupBody = z.strictObject({
  lines: lineQuantities.describe('shipped lines and the quantities to pick up'),
  reason,
  registerInbound: z.boolean().optional().describe('입고예정 for these products; default: on for the first pickup, off for a repeated one'),
  claim: z.strictObject({ channel: z.string().min(1).max(100), cancellationId: z.string().min(1).max(200) }).optional().describe('the channel cancellation (배송-반품 / 배송-취소 row of 취소결과조회) this pickup answers'),
  fees: z.strictObject(Object.fromEntries(FEE_ROUTES.map((r) => [r, feeAmount.optional()])) as Record<FeeRoute, z.ZodOptional<typeof feeAmount>>).optional().describe('expected return fee per route (site 사이트결제, enclosed 동봉, transfer 계좌)'),
  memo: memoField,
});
const arrivedLine = z.strictObject({
  lineId: z.number().int().positive(),
  quantity,
  damaged: z.number().int().min(0).max(100_000).optional().describe('of them, arrived damaged (not resellable; not back in stock)'),
});
export const returnArrivalBody = z.strictObject({ lines: z.array(arrivedLine).min(1).max(500), memo: memoField });
const feeRoute = z.strictObject({ expected: feeAmount.optional().describe('예정'), arrived: feeAmount.optional().describe('도착') });
export const returnFeesBody = z.strictObject({
  site: feeRoute.optional().describe('사이트결제'),
  enclosed: feeRoute.optional().describe('동봉'),
  transfer: feeRoute.optional().describe('계좌'),
  reason: z.string().max(500).optional().describe('why more arrived than expected (미수 below 0)'),
  memo: memoField,
});
export const returnExpectedBody = z.strictObject({ expected: z.boolean().describe('true: 반품예정; false: 반품예정해제'), memo: memoField });
const exchangedLine = z.strictObject({
  lineId: z.number().int().positive(),
  quantity,
  productCode: productCode.optional().describe('상품교환: the catalogue product the replacement ships instead'),
});
export const exchangeBody = z.strictObject({
  type: codeOrLabel(EXCHANGE_TYPE_LABELS, '교환 구분'),
  lines: z.array(exchangedLine).min(1).max(500),
  registerInbound: z.boolean().optional().describe('입고예정 for the units taken back; default: on for the order\'s first pickup'),
  memo: memoField,
});
export const completeEntriesBody = z.strictObject({ entryIds: z.array(z.uuid().transform((id) => id.toLowerCase())).min(1).max(1000).describe('CS 이력 entries to mark 완료'), memo: memoField });

export const warning = z.object({ code: z.string(), message: z.string() });
export const commandResult = z.object({
  no: z.number(),
  revision: z.number(),
  events: z.array(z.string()),
  others: z.array(z.object({ no: z.number(), revision: z.number() })).describe('other orders appended to in the same transaction (합포 members, a copy, renumbered priorities)'),
  warnings: z.array(warning),
  copyNo: z.number().optional().describe('주문복사: the new order\'s 관리번호'),
  replacementNo: z.number().optional().describe('교환: the replacement order\'s 관리번호'),
});
export const createdOrder = z.object({ no: z.number(), revision: z.number() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string().optional(),
    field: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .loose();

const lineSchema = z.object({
  lineId: z.number(),
  productCode: z.string(),
  placedProductCode: z.string().describe('the product code the line was placed with'),
  productName: z.string(),
  option: z.string(),
  unitPrice: z.number(),
  ordered: z.number(),
  active: z.number(),
  cancelled: z.number(),
  restored: z.number(),
  shipped: z.number(),
  pickedUp: z.number(),
  returned: z.number(),
  exchanged: z.number().describe('shipped units taken for 교환 (each at most once)'),
  channelLineNo: z.string().nullable().describe('상품주문번호 the channel sent'),
  toRestore: z.number().describe('취소철회조회: cancelled here beyond what the channel cancelled before shipping (0 without a channel cancellation)'),
});

export const orderSchema = z.object({
  no: z.number(),
  channel: z.string(),
  channelOrderNo: z.string(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  status: z.enum(ORDER_STATUSES),
  statusLabel: z.string(),
  csState: z.enum(CS_STATES),
  csStateLabel: z.string(),
  hold: z.object({ alarmAt: z.string().nullable() }).nullable(),
  invoice: z.object({ carrier: z.string(), carrierName: z.string(), trackingNumber: z.string(), trackingUrl: z.string().nullable() }).nullable(),
  shippingInstructionPrints: z.number(),
  buyer: z.object({ name: z.string(), phone: z.string().optional(), mobile: z.string().optional() }),
  recipient: z.object({
    name: z.string(),
    phone: z.string().optional(),
    mobile: z.string().optional(),
    zip: z.string().optional(),
    address: z.string(),
    memo: z.string().optional(),
  }),
  shippingFee: z.number(),
  lines: z.array(lineSchema),
  deleted: z.boolean(),
  package: z.object({ id: z.number(), members: z.array(z.number()) }).nullable().describe('합포: the package and its members'),
  mergeForbidden: z.boolean(),
  priorities: z.record(z.string(), z.number()).describe('우선순위 per product code (higher ships first)'),
  returnExpected: z.boolean(),
  pickups: z.number(),
  returnPickups: z
    .array(
      z.object({
        pickupId: z.number(),
        state: z.enum(['requested', 'partially_arrived', 'arrived', 'completed']).describe('요청 / 일부도착 / 도착 / 완료'),
        lines: z.array(z.object({ lineId: z.number(), pickedUp: z.number(), received: z.number(), damaged: z.number() })),
        registerInbound: z.boolean(),
        exchangeId: z.number().nullable().describe('the exchange this pickup takes goods back for'),
        claim: z.object({ channel: z.string(), cancellationId: z.string() }).nullable().describe('the channel cancellation it answers'),
        fees: z.object(Object.fromEntries(FEE_ROUTES.map((r) => [r, z.object({ expected: z.number(), arrived: z.number() })])) as Record<FeeRoute, z.ZodObject<{ expected: z.ZodNumber; arrived: z.ZodNumber }>>),
        outstanding: z.number().describe('미수: Σ expected − Σ arrived'),
        feeReason: z.string().nullable(),
      }),
    )
    .describe('회수 (and exchanges\' pickups): requested → arrived → completed, with the return fee per route'),
  exchanges: z.number(),
  exchangeList: z.array(
    z.object({ exchangeId: z.number(), exchangeType: z.enum(EXCHANGE_TYPES), typeLabel: z.string(), lines: z.array(z.object({ lineId: z.number(), quantity: z.number() })), pickupId: z.number().nullable(), replacementNo: z.number().nullable() }),
  ),
  replacementOf: z.object({ no: z.number(), exchangeId: z.number(), exchangeType: z.enum(EXCHANGE_TYPES) }).nullable().describe('교환주문: the exchange this order ships'),
  copiedFrom: z.object({ no: z.number(), whole: z.boolean() }).nullable(),
  copies: z.array(z.number()),
  revision: z.number(),
});

export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/** paging, plus the keyset cursor of the lists that grow to millions of rows (paging.ts in the projections). */
export const keysetPaging = {
  ...paging,
  cursor: z.string().trim().min(1).max(500).optional().describe('the `next` of the page before: the page after it, however deep (offset is then ignored)'),
};

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const orderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional().describe(describeLabels(ORDER_STATUS_LABELS)),
  held: booleanQuery.optional().describe('보류 only (true) or not held (false)'),
  channel: z.string().trim().min(1).optional().describe('판매처'),
  from: z.iso.date().optional().describe('접수일 from (inclusive, YYYY-MM-DD, Asia/Seoul)'),
  to: z.iso.date().optional().describe('접수일 to (inclusive, YYYY-MM-DD, Asia/Seoul)'),
  q: z.string().trim().min(1).max(100).optional().describe('검색어: a whole 관리번호, 주문번호 or 송장번호 finds its orders; anything else is a substring of names, phones (with or without dashes, or their last digits) and numbers'),
  csState: z.enum(CS_STATES).optional().describe(describeLabels(CS_STATE_LABELS)),
  merged: booleanQuery.optional().describe('합포 orders only (true) or unmerged (false)'),
  packageId: pathNumber(Number.MAX_SAFE_INTEGER).optional().describe('the members of one package (합포번호)'),
  returnExpected: booleanQuery.optional().describe('반품예정 only (true) or not (false)'),
  productCode: z.string().trim().min(1).max(64).optional().describe('orders with a line of this product; sorted by its 우선순위 (higher first)'),
  format: exportFormat,
  sort: z.enum(ORDER_LIST_SORTS).optional().describe('정렬: 접수일 (placedAt) or 관리번호 (no), newest first (.desc, the default: placedAt.desc) or oldest (.asc); a cursor belongs to its sort'),
  ...keysetPaging,
});

export const orderListItem = z.object({
  no: z.number(),
  placedAt: z.string(),
  channel: z.string(),
  channelOrderNo: z.string(),
  buyerName: z.string(),
  buyerPhone: z.string().nullable(),
  buyerMobile: z.string().nullable(),
  recipientName: z.string(),
  recipientPhone: z.string().nullable(),
  recipientMobile: z.string().nullable(),
  recipientZip: z.string().nullable(),
  recipientAddress: z.string(),
  productSummary: z.string(),
  orderedQuantity: z.number(),
  quantity: z.number(),
  totalAmount: z.number(),
  status: z.enum(ORDER_STATUSES),
  statusLabel: z.string(),
  csState: z.enum(CS_STATES),
  csStateLabel: z.string(),
  held: z.boolean(),
  holdAlarmAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  packageId: z.number().nullable().describe('합포번호'),
  packageMembers: z.array(z.number()),
  mergeForbidden: z.boolean(),
  priorities: z.record(z.string(), z.number()),
  returnExpected: z.boolean(),
});

export const historyEntry = z.object({
  entryId: z.string(),
  revision: z.number(),
  at: z.string(),
  worker: z.string(),
  role: z.string(),
  workType: z.string(),
  workTypeLabel: z.string(),
  content: z.string(),
  memo: z.string().nullable(),
  processed: z.boolean(),
  processedAt: z.string().nullable(),
  processedBy: z.string().nullable(),
});

export const rawEvent = z.object({
  eventId: z.string(),
  revision: z.number(),
  type: z.string(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
  position: z.string().describe("the event's place in the whole log, as the event store encodes it: positions compare as text"),
  globalPosition: z.number().optional().describe('PostgreSQL event store only: the events table\'s global_position'),
  transactionId: z.string().optional().describe('PostgreSQL event store only: the appending transaction (xid8)'),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

/** A list paged by cursor, with a total that is exact up to a bound and an estimate above it. */
export const keysetListOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number(),
    totalEstimated: z.boolean().describe('true: more than 10,000 matched and total is the planner\'s estimate'),
    next: z.string().nullable().describe('send as cursor for the next page; null on the last page'),
  });

export const apiKeyBody = z
  .strictObject({
    worker: text(100).describe('the worker name recorded on every event'),
    role: z.enum(ROLES),
    expiresAt: z.iso
      .datetime({ offset: true })
      .refine((at) => Date.parse(at) > Date.now(), 'must be in the future')
      .optional()
      .describe('when the key stops working; never when left out'),
    channels: z.array(text(100)).min(1).max(100).optional().describe('integration keys only: the 판매처 whose orders the key may create, act on and see; every channel when left out'),
    team: text(40).optional().describe('the worker\'s team (its memo macros are shared by the team); 기본 when left out'),
  })
  .superRefine((b, issues) => {
    if (b.channels !== undefined && b.role !== 'integration') issues.addIssue({ code: 'custom', path: ['channels'], message: 'only an integration key can be bound to channels' });
  });
const keyFields = {
  keyId: z.string(),
  worker: z.string(),
  role: z.enum(ROLES),
  channels: z.array(z.string()).nullable().describe('null: every channel'),
  team: z.string().describe('the worker\'s team'),
  expiresAt: z.string().nullable(),
};
export const apiKeyCreated = z.object({ ...keyFields, key: z.string().describe('shown once') });
export const apiKeyInfo = z.object({
  ...keyFields,
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable().describe('to within a minute'),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export const apiKeyParams = z.object({ keyId: z.uuid().transform((id) => id.toLowerCase()).describe('the key\'s id (GET /api-keys)') });
