/** zod schemas: the single source of request validation, response shapes and the OpenAPI document. */
import { z } from 'zod';
import { CANCEL_REASONS, CANCEL_REASON_LABELS, CS_STATES, ORDER_STATUSES, ORDER_STATUS_LABELS, PAYMENT_METHODS, PAYMENT_METHOD_LABELS } from '@oms/domain';
import { ROLES } from './auth.js';

const describeLabels = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k} (${v})`)
    .join(', ');

const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().trim().regex(/^[0-9+][0-9 -]{5,19}$/, 'a phone number: digits, spaces or dashes').optional();

export const memoField = z.string().trim().max(2000).optional().describe('CS memo recorded with the action (CS 메모)');

export const orderNoParams = z.object({ no: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('관리번호') });

export const partySchema = z.object({ name: text(100), phone, mobile: phone });
export const recipientSchema = partySchema.extend({
  zip: z.string().trim().regex(/^[0-9-]{3,10}$/, 'a postal code').optional(),
  address: text(500),
  memo: z.string().trim().max(500).optional().describe('배송 메모'),
});

export const placeOrderBody = z.object({
  channel: text(100).describe('판매처'),
  channelOrderNo: text(100).optional().describe('판매처 주문번호; generated for orders made by hand'),
  paymentMethod: z.enum(PAYMENT_METHODS).describe(describeLabels(PAYMENT_METHOD_LABELS)),
  paid: z.boolean().describe('true → 접수, false → 입금대기'),
  buyer: partySchema,
  recipient: recipientSchema,
  shippingFee: z.number().int().min(0),
  lines: z
    .array(
      z.object({
        productCode: text(64),
        productName: text(200),
        option: z.string().trim().max(200).default(''),
        quantity: z.number().int().min(1).max(100_000),
        unitPrice: z.number().int().min(0),
      }),
    )
    .min(1),
  memo: memoField,
});

/** Bodies that may be left out entirely (fastify hands an absent body over as null). */
export const memoOnlyBody = z.object({ memo: memoField }).nullish();
export const holdBody = z.object({ memo: memoField, alarmAt: z.iso.datetime({ offset: true }).optional().describe('알람: when the CS window should remind') }).nullish();
export const cancelBody = z.object({ reason: z.enum(CANCEL_REASONS).describe(describeLabels(CANCEL_REASON_LABELS)), memo: memoField });
export const csMemoBody = z.object({ text: text(2000), memo: memoField });
export const invoiceBody = (carrierCodes: readonly [string, ...string[]], carrierNames: string) =>
  z.object({
    carrier: z.enum(carrierCodes).describe(`택배사: ${carrierNames}`),
    trackingNumber: z.string().trim().regex(/^[0-9]{8,20}$/, 'digits only (8 to 20), no dashes or spaces'),
    memo: memoField,
  });

export const commandResult = z.object({ no: z.number(), revision: z.number(), events: z.array(z.string()) });
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
  revision: z.number(),
});

export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const orderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional().describe(describeLabels(ORDER_STATUS_LABELS)),
  held: booleanQuery.optional().describe('보류 only (true) or not held (false)'),
  channel: z.string().trim().min(1).optional().describe('판매처'),
  from: z.iso.date().optional().describe('접수일 from (inclusive, YYYY-MM-DD, Asia/Seoul)'),
  to: z.iso.date().optional().describe('접수일 to (inclusive, YYYY-MM-DD, Asia/Seoul)'),
  q: z.string().trim().min(1).max(100).optional().describe('검색어: names, phones, order numbers'),
  ...paging,
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
});

export const rawEvent = z.object({
  eventId: z.string(),
  revision: z.number(),
  type: z.string(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
  globalPosition: z.number(),
  transactionId: z.string(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

export const apiKeyBody = z.object({ worker: text(100).describe('the worker name recorded on every event'), role: z.enum(ROLES) });
export const apiKeyCreated = z.object({ keyId: z.string(), key: z.string().describe('shown once'), worker: z.string(), role: z.enum(ROLES) });
