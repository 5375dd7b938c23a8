/**
 * 반품통계: 회수 per 사유 and 교환 per 교환유형, per Seoul day (optionally per 판매처 or 상품코드),
 * from the return_stats read model. ?format=xlsx|csv exports every row of the range.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CANCEL_REASON_LABELS, CANCEL_REASONS, EXCHANGE_TYPE_LABELS, EXCHANGE_TYPES } from '@oms/domain';
import type { ReturnStatsDay } from '@oms/projections';
import { countReturnStats, returnStatsDays, returnStatsRowOf } from '@oms/projections';
import { ACCESS, requireRole } from '../auth.js';
import type { AppContext } from '../context.js';
import type { Cell, ExportDef } from '../files/index.js';
import { sendTable } from '../files/index.js';
import { errors, security } from '../routes/orderCommands.js';
import * as s from './schemas.js';

const rowOf = (groupBy: 'channel' | 'product' | undefined) => (d: ReturnStatsDay) => {
  const { group, ...counts } = d;
  if (groupBy === 'channel') return { ...counts, channel: group ?? '' };
  if (groupBy === 'product') return { ...counts, productCode: group ?? '' };
  return counts;
};

const GROUP_HEADERS = { channel: '판매처', product: '상품코드' } as const;

const exportOf = (groupBy: 'channel' | 'product' | undefined): ExportDef<ReturnStatsDay> => ({
  sheet: '반품통계',
  columns: [
    ['날짜', 12],
    ...(groupBy ? [[GROUP_HEADERS[groupBy], 16] as const] : []),
    ...CANCEL_REASONS.map((c) => [CANCEL_REASON_LABELS[c], 12] as const),
    ...EXCHANGE_TYPES.map((c) => [EXCHANGE_TYPE_LABELS[c], 10] as const),
    ['합계', 8],
  ],
  cells: (d): Cell[] => [d.date, ...(groupBy ? [d.group ?? ''] : []), ...CANCEL_REASONS.map((c) => d.reasons[c]), ...EXCHANGE_TYPES.map((c) => d.exchanges[c]), d.total],
});

export const returnStatsRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/views/return-stats', {
    onRequest: requireRole(ctx.apiKeys, ACCESS.readViews),
    schema: {
      summary: '반품통계: 회수 per 사유 and 교환 per 교환유형, per day (Seoul) of from..to, zero days included; groupBy=channel|product; ?format=xlsx|csv exports',
      tags: ['views'],
      security,
      querystring: s.returnStatsQuery,
      response: { 200: s.returnStatsPage, ...errors },
    },
    handler: async (request, reply) => {
      const { from, to, groupBy, limit, offset, format } = request.query;
      const channels = request.principal?.channels ?? undefined;
      const counts = await countReturnStats(ctx.db, { from, to, groupBy, channels });
      const rows = returnStatsDays({ from, to, groupBy }, counts);
      if (format !== 'json') return sendTable(reply, exportOf(groupBy), format, rows);
      // Grouped by product, one 회수 covers several rows: the range's sums count each fact once.
      const { group: _group, date: _date, ...sums } = returnStatsRowOf(from, null, groupBy ? await countReturnStats(ctx.db, { from, to, channels }) : counts);
      return { items: rows.slice(offset, offset + limit).map(rowOf(groupBy)), total: rows.length, sums };
    },
  });
};
