/**
 * 판매처취소 by file: the channel's format (포맷설정), the upload (일괄등록, with ?dryRun=true for the
 * preview), and the record of each import with its per-row results.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Role } from '@oms/domain';
import { toNumber } from '@oms/adapters';
import { ACCESS, channelAllowed, requireRole } from '../auth.js';
import { findChannel } from '../catalogue/catalogue.js';
import type { AppContext } from '../context.js';
import { readTable, readUploadedFile } from '../files/index.js';
import { assertChannelAllowed } from '../orders/commandHandler.js';
import { ApiProblem } from '../problem.js';
import { commandContext, errors, security } from '../routes/orderCommands.js';
import { entriesOfTable } from './fileRows.js';
import { cancellationFormat, cancellationFormatBody, findFormat, saveFormat } from './formats.js';
import { ingest, summaryOf } from './ingest.js';
import { itemOutcome, summary } from './schemas.js';

const channelParams = z.object({ name: z.string().trim().min(1).max(100) });
const importQuery = z.strictObject({
  channel: z.string().trim().min(1).max(100).describe('판매처 whose format reads the file'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('true: every row\'s outcome, nothing applied (the preview)'),
});
const importResult = z.object({
  id: z.string().nullable().describe('the import record (null for a dry run)'),
  channel: z.string(),
  fileName: z.string(),
  dryRun: z.boolean(),
  rows: z.number(),
  items: z.array(itemOutcome),
  summary,
});
const importRecord = importResult.omit({ dryRun: true }).extend({ id: z.string(), importedBy: z.string(), importedAt: z.string() });

const formatNotFound = (channel: string) =>
  new ApiProblem(409, 'CANCELLATION_FORMAT_MISSING', 'No cancellation format', `${channel} has no cancellation format yet: PUT /channels/{name}/cancellation-format first.`, [{ field: 'channel', message: 'no cancellation format saved' }]);

export const channelCancellationImportRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = (roles: readonly Role[]) => requireRole(ctx.apiKeys, roles);
  const tags = ['channel cancellations'];

  r.put('/channels/:name/cancellation-format', {
    onRequest: auth(ACCESS.manageCatalogue),
    schema: { summary: '판매처취소 포맷설정: how the channel\'s cancellation files read', tags, security, params: channelParams, body: cancellationFormatBody, response: { 200: cancellationFormat, ...errors } },
    handler: async (request) => {
      const { name } = request.params;
      if (!(await findChannel(ctx.db, name))) throw new ApiProblem(404, 'CHANNEL_NOT_FOUND', 'Not found', `No channel ${name} (POST /channels first).`);
      await saveFormat(ctx.db, name, request.body, request.principal?.worker ?? '');
      return request.body;
    },
  });

  r.get('/channels/:name/cancellation-format', {
    onRequest: auth(ACCESS.readViews),
    schema: { summary: 'The channel\'s cancellation format', tags, security, params: channelParams, response: { 200: cancellationFormat, ...errors } },
    handler: async (request) => {
      const format = await findFormat(ctx.db, request.params.name);
      if (!format) throw formatNotFound(request.params.name);
      return format;
    },
  });

  r.post('/channel-cancellations/import', {
    onRequest: auth(ACCESS.channelCancellations),
    config: { uploads: true },
    schema: {
      summary: '판매처취소 일괄등록: a channel\'s .xlsx or .csv (UTF-8, with or without BOM, or EUC-KR / CP949) in the form field `file`, read with its format',
      tags,
      security,
      querystring: importQuery,
      consumes: ['multipart/form-data'],
      response: { 200: importResult, ...errors },
    },
    handler: async (request) => {
      const { channel, dryRun } = request.query;
      const cc = commandContext(request, undefined);
      assertChannelAllowed(cc, channel);
      const format = await findFormat(ctx.db, channel);
      if (!format) throw formatNotFound(channel);
      const { fileName, bytes } = await readUploadedFile(request);
      const entries = entriesOfTable(await readTable(bytes, fileName), format, channel, cc.metadata.at);
      const items = await ingest(ctx, entries, cc, { dryRun });
      const counts = summaryOf(items);
      const id = dryRun ? null : randomUUID();
      if (id) {
        await sql`
          INSERT INTO channel_cancellation_imports (id, channel, file_name, imported_by, imported_at, rows, applied, recorded, duplicate, refused, results)
          VALUES (${id}::uuid, ${channel}, ${fileName}, ${cc.metadata.actor}, ${cc.metadata.at}, ${items.length}, ${counts.applied}, ${counts.recorded}, ${counts.duplicate}, ${counts.refused}, ${JSON.stringify(items)}::jsonb)`.execute(ctx.db);
      }
      return { id, channel, fileName, dryRun, rows: items.length, items, summary: counts };
    },
  });

  r.get('/channel-cancellations/imports/:id', {
    onRequest: auth(ACCESS.readViews),
    schema: { summary: 'An import: who, when, which file, its counts and every row\'s outcome', tags, security, params: z.object({ id: z.uuid() }), response: { 200: importRecord, ...errors } },
    handler: async (request) => {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM channel_cancellation_imports WHERE id = ${request.params.id}::uuid`.execute(ctx.db);
      const row = rows[0];
      const notFound = new ApiProblem(404, 'IMPORT_NOT_FOUND', 'Not found', 'No import has this id.');
      if (!row || !channelAllowed({ channels: request.principal?.channels ?? null }, String(row.channel))) throw notFound;
      return {
        id: String(row.id),
        channel: String(row.channel),
        fileName: String(row.file_name),
        importedBy: String(row.imported_by),
        importedAt: new Date(row.imported_at as string).toISOString(),
        rows: toNumber(row.rows),
        items: row.results as z.infer<typeof itemOutcome>[],
        summary: { applied: toNumber(row.applied), recorded: toNumber(row.recorded), duplicate: toNumber(row.duplicate), refused: toNumber(row.refused) },
      };
    },
  });
};
