/** 0230_stock_as_events on a database that still has products.stock: every unit carried over, as counts, at the first start. */
import { migrateToLatest, openDatabase } from '@oms/adapters';
import { apiMigrations, buildApp, catalogueMigrations } from '@oms/api';
import { productStockStreamId } from '@oms/domain';
import { projectionMigrations } from '@oms/projections';
import { describe, expect, it } from 'vitest';
import { databaseUrl } from '../support/databases.js';

const before0230 = Object.fromEntries(Object.entries(catalogueMigrations).filter(([name]) => name < '0230'));
const fresh = [
  { name: 'pglite', open: () => openDatabase({}) },
  ...(databaseUrl ? [{ name: 'postgres', open: () => openDatabase({ databaseUrl, schema: `test_stock_carry_${process.pid}` }) }] : []),
];

describe.each(fresh)('현재고 carried over from products.stock on $name', ({ open }) => {
  it('stock_carry takes the non-zero stocks, the column goes, the first start counts each once, and a second start changes nothing', async () => {
    const database = await open();
    await migrateToLatest(database.db, projectionMigrations, apiMigrations, before0230);
    await database.db
      .insertInto('products')
      .values([
        { code: 'OLD-A', name: '냄비', sale_price: 1000, supply_price: 500, stock: 12 },
        { code: 'OLD-B', name: '주걱', sale_price: 1000, supply_price: 500, stock: 0 },
        { code: 'OLD-C', name: '컵', sale_price: 1000, supply_price: 500, stock: 3 },
      ])
      .execute();
    const first = await buildApp({ database, bootstrapAdminKey: 'carry-admin', projectionPollMs: 0 });
    const stock = async (code: string) => (await first.app.inject({ method: 'GET', url: `/products/${code}`, headers: { authorization: 'Bearer carry-admin' } })).json().stock;
    expect([await stock('OLD-A'), await stock('OLD-B'), await stock('OLD-C')]).toEqual([12, 0, 3]);
    expect(await database.db.selectFrom('stock_carry').selectAll().execute()).toEqual([]);
    const events = async (code: string) => (await first.context.store.readStream(productStockStreamId(code))).events.map((e) => [e.type, e.data]);
    expect(await events('OLD-A')).toEqual([['StockCounted', { productCode: 'OLD-A', quantity: 12, previous: 0 }]]);
    expect(await events('OLD-B')).toEqual([]);
    await first.app.close();

    const second = await buildApp({ database, bootstrapAdminKey: 'carry-admin', projectionPollMs: 0 });
    expect((await second.context.store.readStream(productStockStreamId('OLD-A'))).events).toHaveLength(1);
    await second.app.close();
    await database.close();
  });
});
