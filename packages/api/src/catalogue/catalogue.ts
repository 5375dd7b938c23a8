/**
 * 기준정보: the product catalogue (상품) and the sales channels (판매처). Plain reference tables,
 * edited through the API and read by analysts; not event-sourced — except 현재고, which is the fold
 * of the product's stock stream (countStockPlan, StockReturned) read from product_stock.
 */
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '@oms/adapters';
import { commentOn, toNumber } from '@oms/adapters';
import { countStockPlan } from '@oms/domain';
import { expectedInboundOfProduct, stockOfProduct } from '@oms/projections';
import type { OrderCommandContext } from '../orders/commandHandler.js';
import type { AppContext } from '../context.js';
import { ApiProblem } from '../problem.js';


export const catalogueMigrations: Record<string, Migration> = {
  '0210_catalogue': {
    up: async (db: Db) => {
      await sql`
        CREATE TABLE products (
          code text PRIMARY KEY,
          name text NOT NULL,
          option text NOT NULL DEFAULT '',
          sale_price bigint NOT NULL CHECK (sale_price >= 0),
          supply_price bigint NOT NULL CHECK (supply_price >= 0),
          supplier text,
          stock integer NOT NULL DEFAULT 0,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now()
        )`.execute(db);
      // Search is `lower(col) LIKE '%…%'` (pg_trgm is not assumed: PGlite may lack it), which scans;
      // these serve prefix lookups (`lower(col) LIKE 'abc%'`) and the supplier filter.
      await sql`CREATE INDEX products_code_lower_idx ON products (lower(code) text_pattern_ops)`.execute(db);
      await sql`CREATE INDEX products_name_lower_idx ON products (lower(name) text_pattern_ops)`.execute(db);
      await sql`CREATE INDEX products_option_lower_idx ON products (lower(option) text_pattern_ops)`.execute(db);
      await sql`CREATE INDEX products_supplier_idx ON products (supplier, code) WHERE supplier IS NOT NULL`.execute(db);
      await commentOn(db, 'products', '상품 기준정보: one row per 상품코드 (its 옵션 included), with prices, supplier and stock.', {
        code: '상품코드: unique, as order lines carry it (productCode).',
        name: '상품명.',
        option: '옵션 (empty when the product has none).',
        sale_price: '판매가 in KRW (원).',
        supply_price: '공급가/원가 in KRW (원).',
        supplier: '공급처 (null when unknown).',
        stock: '현재고: units on hand.',
        created_at: 'When the product was registered.',
        updated_at: 'When the product was last changed.',
      });

      await sql`
        CREATE TABLE channels (
          name text PRIMARY KEY,
          channel_group text,
          active boolean NOT NULL DEFAULT true,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now()
        )`.execute(db);
      await sql`CREATE INDEX channels_group_idx ON channels (channel_group, name)`.execute(db);
      await commentOn(db, 'channels', '판매처 기준정보: the sales channels orders come from (order_list.channel holds the name).', {
        name: '판매처명, e.g. 11번가 법인 (as on orders).',
        channel_group: '판매처 그룹, e.g. 오픈마켓 (null when ungrouped).',
        active: 'false: no longer sold through (kept for past orders).',
        created_at: 'When the channel was registered.',
        updated_at: 'When the channel was last changed.',
      });
    },
  },
  /**
   * 현재고 becomes the fold of each product's stock stream (product_stock): the hand-edited column is
   * carried over losslessly into stock_carry, which the server drains at start through countStockPlan
   * (drainStockCarry), and dropped.
   */
  '0230_stock_as_events': {
    up: async (db: Db) => {
      await sql`CREATE TABLE stock_carry (code text PRIMARY KEY, quantity integer NOT NULL)`.execute(db);
      await commentOn(db, 'stock_carry', '현재고 as the products.stock column held it before stock was a stream, waiting to be counted (StockCounted) at server start; a row goes once its count is appended. Empty after the first start.', {
        code: '상품코드.',
        quantity: 'products.stock as it was (non-zero only).',
      });
      await sql`INSERT INTO stock_carry (code, quantity) SELECT code, stock FROM products WHERE stock <> 0`.execute(db);
      await sql`ALTER TABLE products DROP COLUMN stock`.execute(db);
      await commentOn(db, 'products', '상품 기준정보: one row per 상품코드 (its 옵션 included), with prices and supplier. 현재고 is product_stock.quantity (join on code; no row: 0).', {});
    },
  },
};

export interface Product {
  readonly code: string;
  readonly name: string;
  readonly option: string;
  readonly salePrice: number;
  readonly supplyPrice: number;
  readonly supplier: string | null;
  readonly stock: number;
  /** 입고예정: quantities picked up (회수) with 입고예정, from the expected_inbound read model. */
  readonly expectedInbound: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Channel {
  readonly name: string;
  readonly group: string | null;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewProduct {
  readonly code: string;
  readonly name: string;
  readonly option?: string | undefined;
  readonly salePrice: number;
  readonly supplyPrice: number;
  readonly supplier?: string | null | undefined;
  /** 현재고 to count (not a column: countStock appends it to the product's stock stream). */
  readonly stock?: number | undefined;
}

export type ProductPatch = Partial<Omit<NewProduct, 'code'>>;

export interface NewChannel {
  readonly name: string;
  readonly group?: string | null | undefined;
  readonly active?: boolean | undefined;
}

export type ChannelPatch = Partial<Omit<NewChannel, 'name'>>;

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

type Row = Record<string, unknown>;

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const nullableText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const toProduct = (r: Row): Product => ({
  code: String(r.code),
  name: String(r.name),
  option: String(r.option),
  salePrice: toNumber(r.sale_price),
  supplyPrice: toNumber(r.supply_price),
  supplier: nullableText(r.supplier),
  stock: toNumber(r.stock),
  expectedInbound: toNumber(r.expected_inbound),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toChannel = (r: Row): Channel => ({
  name: String(r.name),
  group: nullableText(r.channel_group),
  active: Boolean(r.active),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** `%q%` for LIKE, with q's own `%`, `_` and `\` matched literally. */
const containsPattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const productExists = (code: string): ApiProblem =>
  new ApiProblem(409, 'PRODUCT_ALREADY_EXISTS', 'Product already exists', `상품코드 ${code} is already registered.`, [{ field: 'code', message: 'already used by another product' }]);

export const productNotFound = (code: string): ApiProblem => new ApiProblem(404, 'PRODUCT_NOT_FOUND', 'Not found', `Product ${code} does not exist.`);

/** 입고예정 of the product, from the expected_inbound read model's query (written by the projection runner). */
const expectedInbound = expectedInboundOfProduct;
/** 현재고, from the product_stock read model (0 when the product's stock was never counted nor returned). */
const stock = stockOfProduct;

export const findProduct = async (db: Db, code: string): Promise<Product | null> => {
  const row = await db.selectFrom('products').selectAll().select(expectedInbound).select(stock).where('code', '=', code).executeTakeFirst();
  return row ? toProduct(row) : null;
};

export const listProducts = async (db: Db, filter: { q?: string | undefined; supplier?: string | undefined; limit: number; offset: number }): Promise<Page<Product>> => {
  let query = db.selectFrom('products');
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or(['code', 'name', 'option'].map((column) => eb(eb.fn('lower', [eb.ref(column)]), 'like', eb.fn('lower', [eb.val(pattern)])))),
    );
  }
  if (filter.supplier) query = query.where('supplier', '=', filter.supplier);
  const [rows, count] = await Promise.all([
    query.selectAll().select(expectedInbound).select(stock).orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toProduct), total: toNumber(count.total) };
};

export const createProduct = async (db: Db, input: NewProduct): Promise<Product> => {
  const row = await db
    .insertInto('products')
    .values({
      code: input.code,
      name: input.name,
      option: input.option ?? '',
      sale_price: input.salePrice,
      supply_price: input.supplyPrice,
      supplier: input.supplier ?? null,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .returning(expectedInbound)
    .returning(stock)
    .executeTakeFirst();
  if (!row) throw productExists(input.code);
  return toProduct(row);
};

export const updateProduct = async (db: Db, code: string, patch: ProductPatch): Promise<Product> => {
  const row = await db
    .updateTable('products')
    .set({
      name: patch.name,
      option: patch.option,
      sale_price: patch.salePrice,
      supply_price: patch.supplyPrice,
      supplier: patch.supplier,
      updated_at: sql`now()`,
    })
    .where('code', '=', code)
    .returningAll()
    .returning(expectedInbound)
    .returning(stock)
    .executeTakeFirst();
  if (!row) throw productNotFound(code);
  return toProduct(row);
};

/**
 * 재고 수정: counts the product's stock at `quantity` through the one command path, and waits for
 * product_stock to show it.
 */
export const countStock = async (ctx: AppContext, code: string, quantity: number, cc: OrderCommandContext): Promise<void> => {
  const outcome = await ctx.orders.runPlan(countStockPlan(code, quantity, cc.metadata), cc);
  if (outcome.position) await ctx.runner.waitFor(outcome.position);
};

/**
 * At server start: the stock carried over from the old products.stock column (0230_stock_as_events)
 * is counted, one product at a time; a row is deleted once its count is appended. After a crash in
 * between, the rerun counts the same number again, which countStockPlan answers with no event.
 */
export const drainStockCarry = async (ctx: AppContext): Promise<number> => {
  const rows = await ctx.db.selectFrom('stock_carry').select(['code', 'quantity']).orderBy('code').execute();
  for (const row of rows) {
    const at = new Date().toISOString();
    const cc: OrderCommandContext = {
      metadata: { actor: 'system', role: 'admin', at, memo: '현재고 이관 (products.stock)' },
      keyId: 'system',
      requestId: `stock-carry-${String(row.code)}`,
      requestHash: `stock-carry ${String(row.code)} ${toNumber(row.quantity)}`,
      channels: null,
    };
    await countStock(ctx, String(row.code), toNumber(row.quantity), cc);
    await ctx.db.deleteFrom('stock_carry').where('code', '=', row.code).execute();
  }
  return rows.length;
};

export const findChannel = async (db: Db, name: string): Promise<Channel | null> => {
  const row = await db.selectFrom('channels').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toChannel(row) : null;
};

export const listChannels = async (db: Db, filter: { q?: string | undefined; group?: string | undefined; active?: boolean | undefined } = {}): Promise<Page<Channel>> => {
  const { q } = filter;
  let query = db.selectFrom('channels').selectAll();
  if (q) query = query.where((eb) => eb(eb.fn('lower', [eb.ref('name')]), 'like', eb.fn('lower', [eb.val(containsPattern(q))])));
  if (filter.group) query = query.where('channel_group', '=', filter.group);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  const items = (await query.orderBy('name').execute()).map(toChannel);
  return { items, total: items.length };
};

export const createChannel = async (db: Db, input: NewChannel): Promise<Channel> => {
  const row = await db
    .insertInto('channels')
    .values({ name: input.name, channel_group: input.group ?? null, active: input.active ?? true })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new ApiProblem(409, 'CHANNEL_ALREADY_EXISTS', 'Channel already exists', `판매처 ${input.name} is already registered.`, [
      { field: 'name', message: 'already used by another channel' },
    ]);
  }
  return toChannel(row);
};

export const updateChannel = async (db: Db, name: string, patch: ChannelPatch): Promise<Channel> => {
  const row = await db
    .updateTable('channels')
    .set({ channel_group: patch.group, active: patch.active, updated_at: sql`now()` })
    .where('name', '=', name)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ApiProblem(404, 'CHANNEL_NOT_FOUND', 'Not found', `Channel ${name} does not exist.`);
  return toChannel(row);
};
