/** 기준정보 over HTTP: the product catalogue and the sales channels. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS, requireRole } from '../auth.js';
import { countStock, createChannel, createProduct, findProduct, listChannels, listProducts, productExists, productNotFound, updateChannel, updateProduct } from '../catalogue/catalogue.js';
import type { AppContext } from '../context.js';
import type { OrderCommandContext } from '../orders/commandHandler.js';
import * as s from '../schemas.js';
import { commandContext } from './orderCommands.js';
import { CHANNELS_EXPORT, PRODUCTS_EXPORT } from '../catalogue/exports.js';
import { exportFormat, sendTable } from '../files/index.js';

const MAX_EXPORT_ROWS = 100_000;

const errors = { 401: s.problemSchema, 403: s.problemSchema, 404: s.problemSchema, 409: s.problemSchema, 422: s.problemSchema };
const security = [{ bearerAuth: [] }];
const tags = ['catalogue'];

const text = (max: number) => z.string().trim().min(1).max(max);
const won = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const atLeastOneField = [(body: object) => Object.values(body).some((v) => v !== undefined), { message: 'give at least one field to change' }] as const;
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

const productFields = {
  name: text(100).describe('상품명'),
  option: z.string().trim().max(200).describe('옵션'),
  salePrice: won.describe('판매가 (원)'),
  supplyPrice: won.describe('공급가/원가 (원)'),
  supplier: text(100).nullable().describe('공급처 (null: unknown)'),
  stock: z.number().int().min(0).max(2_147_483_647).describe('현재고: counted at this number (a StockCounted event on the product\'s stock stream; no event when it already stands there)'),
};

const productCodeParams = z.object({ code: text(100).describe('상품코드') });
const productBody = z.strictObject({
  code: text(100).describe('상품코드'),
  ...productFields,
  option: productFields.option.default(''),
  supplier: productFields.supplier.optional(),
  stock: productFields.stock.optional().describe('현재고 counted at registration (absent: 0, no count)'),
});
const productPatchBody = z
  .object(productFields)
  .partial()
  .refine(...atLeastOneField);
const productListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe('검색어: 상품코드, 상품명 or 옵션 (contains, case-insensitive)'),
  supplier: z.string().trim().min(1).max(100).optional().describe('공급처'),
  ...s.paging,
  format: exportFormat,
});
const productSchema = z.object({
  code: z.string(),
  name: z.string(),
  option: z.string(),
  salePrice: z.number(),
  supplyPrice: z.number(),
  supplier: z.string().nullable(),
  stock: z.number().describe('현재고: the fold of the product\'s stock stream (product_stock; 0 when never counted nor returned)'),
  expectedInbound: z.number().describe('입고예정: picked up (회수) with 입고예정, not yet in stock'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const channelGroup = text(100).nullable().describe('판매처 그룹 (null: none)');
const channelNameParams = z.object({ name: text(100).describe('판매처명') });
const channelBody = z.strictObject({ name: text(100).describe('판매처명'), group: channelGroup.optional(), active: z.boolean().default(true) });
const channelPatchBody = z
  .object({ group: channelGroup.optional(), active: z.boolean().optional() })
  .refine(...atLeastOneField);
const channelListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe('검색어: 판매처명 (contains, case-insensitive)'),
  group: z.string().trim().min(1).max(100).optional().describe('판매처 그룹'),
  active: booleanQuery.optional().describe('in use (true) or retired (false)'),
  format: exportFormat,
});
const channelSchema = z.object({ name: z.string(), group: z.string().nullable(), active: z.boolean(), createdAt: z.string(), updatedAt: z.string() });

/**
 * The command context of a 재고 수정: the caller, its Idempotency-Key; not If-Match (products carry no
 * ETag; the stock stream's revision is nobody's to pin).
 */
const stockContext = (request: FastifyRequest): OrderCommandContext => ({ ...commandContext(request, undefined), ifMatch: undefined });

export const catalogueRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requireRole(ctx.apiKeys, ACCESS.readViews);
  const write = requireRole(ctx.apiKeys, ACCESS.manageCatalogue);

  r.get('/products', {
    onRequest: read,
    schema: { summary: '상품 검색: by 상품코드, 상품명 or 옵션, and 공급처 (paged); ?format=xlsx|csv exports every match (up to 100,000)', tags, security, querystring: productListQuery, response: { 200: s.listOf(productSchema), ...errors } },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      if (format === 'json') return listProducts(ctx.db, query);
      return sendTable(reply, PRODUCTS_EXPORT, format, (await listProducts(ctx.db, { ...query, limit: MAX_EXPORT_ROWS, offset: 0 })).items);
    },
  });

  r.get('/products/:code', {
    onRequest: read,
    schema: { summary: '상품 조회: one product by 상품코드', tags, security, params: productCodeParams, response: { 200: productSchema, ...errors } },
    handler: async (request) => {
      const product = await findProduct(ctx.db, request.params.code);
      if (!product) throw productNotFound(request.params.code);
      return product;
    },
  });

  r.post('/products', {
    onRequest: write,
    schema: { summary: '상품등록: a new 상품코드 with its prices, 공급처 and 현재고', tags, security, body: productBody, response: { 201: productSchema, ...errors } },
    handler: async (request, reply) => {
      const { stock, ...fields } = request.body;
      // The count first: a refused count (Idempotency-Key reused) leaves no product behind.
      if (stock !== undefined && stock !== 0) {
        const cc = stockContext(request);
        if (await findProduct(ctx.db, fields.code)) throw productExists(fields.code);
        await countStock(ctx, fields.code, stock, cc);
      }
      const created = await createProduct(ctx.db, fields);
      reply.code(201).header('Location', `/products/${encodeURIComponent(created.code)}`);
      return created;
    },
  });

  r.put('/products/:code', {
    onRequest: write,
    schema: { summary: '상품수정: change any of 상품명, 옵션, 판매가, 공급가, 공급처, 현재고', tags, security, params: productCodeParams, body: productPatchBody, response: { 200: productSchema, ...errors } },
    handler: async (request) => {
      const { stock, ...fields } = request.body;
      const { code } = request.params;
      // The count first, so that a refused count changes nothing; a missing product is refused before either.
      if (stock !== undefined) {
        const cc = stockContext(request);
        if (!(await findProduct(ctx.db, code))) throw productNotFound(code);
        await countStock(ctx, code, stock, cc);
      }
      return updateProduct(ctx.db, code, fields);
    },
  });

  r.get('/channels', {
    onRequest: read,
    schema: { summary: '판매처 목록: by name, 그룹 and in use; ?format=xlsx|csv exports', tags, security, querystring: channelListQuery, response: { 200: s.listOf(channelSchema), ...errors } },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const channels = await listChannels(ctx.db, query);
      return format === 'json' ? channels : sendTable(reply, CHANNELS_EXPORT, format, channels.items);
    },
  });

  r.post('/channels', {
    onRequest: write,
    schema: { summary: '판매처등록', tags, security, body: channelBody, response: { 201: channelSchema, ...errors } },
    handler: async (request, reply) => {
      const channel = await createChannel(ctx.db, request.body);
      reply.code(201);
      return channel;
    },
  });

  r.put('/channels/:name', {
    onRequest: write,
    schema: { summary: '판매처수정: its 그룹, or whether it is in use', tags, security, params: channelNameParams, body: channelPatchBody, response: { 200: channelSchema, ...errors } },
    handler: async (request) => updateChannel(ctx.db, request.params.name, request.body),
  });
};
