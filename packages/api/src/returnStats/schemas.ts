/** The request and answer shapes of 반품통계 (zod, strict query). */
import { z } from 'zod';
import { CANCEL_REASONS, EXCHANGE_TYPES } from '@oms/domain';
import { exportFormat } from '../files/index.js';

export const MAX_RANGE_DAYS = 366;
const day = z.iso.date().describe('YYYY-MM-DD, a day in Asia/Seoul');
const daysIn = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export const returnStatsQuery = z
  .strictObject({
    from: day.describe('first day (Seoul), inclusive'),
    to: day.describe('last day (Seoul), inclusive; at most 366 days from `from`'),
    groupBy: z.enum(['channel', 'product']).optional().describe('channel: a row per (day, 판매처); product: a row per (day, 상품코드), a 회수/교환 counted once for each distinct product it covers'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    format: exportFormat,
  })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (daysIn(q.from, q.to) > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the range may span at most ${MAX_RANGE_DAYS} days` });
  });

const counts = <K extends string>(codes: readonly K[]) => z.object(Object.fromEntries(codes.map((c) => [c, z.number()])) as Record<K, z.ZodNumber>);
const countsShape = {
  reasons: counts(CANCEL_REASONS).describe('회수 per 사유 (ReturnPickupRequested.reason)'),
  exchanges: counts(EXCHANGE_TYPES).describe('교환 per 교환유형 (ExchangeRequested.exchangeType)'),
  totalReasons: z.number(),
  totalExchanges: z.number(),
  total: z.number().describe('totalReasons + totalExchanges'),
};

export const returnStatsRow = z.object({
  date: z.string().describe('YYYY-MM-DD (Seoul)'),
  channel: z.string().optional().describe('판매처 (groupBy=channel)'),
  productCode: z.string().optional().describe('상품코드 (groupBy=product)'),
  ...countsShape,
});

export const returnStatsPage = z.object({
  items: z.array(returnStatsRow).describe('ungrouped: one row per day of the range, zero days included; grouped: one row per (day, group) with a count'),
  total: z.number().describe('how many rows in all (ungrouped: the days of the range)'),
  sums: z.object(countsShape).describe('the counts over the whole range (each 회수 / 교환 once, whatever the grouping)'),
});
