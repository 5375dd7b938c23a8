import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, startTestApp } from '../support/app.js';

describe.each(testDatabases)('catalogue API over HTTP on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const product = (overrides: Record<string, unknown> = {}) => ({
    code: `P-${uniqueSuffix()}`,
    name: '카트야로 스텐 냄비 3종',
    option: '본품',
    salePrice: 29400,
    supplyPrice: 18000,
    supplier: '카트야로',
    stock: 12,
    ...overrides,
  });
  const createProduct = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.call(t.keys.cs, 'POST', '/products', product(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { code: string; name: string; option: string; supplier: string | null };
  };
  const search = async (query: Record<string, string>) => {
    const res = await t.call(t.keys.analyst, 'GET', `/products?${new URLSearchParams(query)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { code: string }[]; total: number };
  };
  const productRows = async (code: string) => (await t.context.db.selectFrom('products').selectAll().where('code', '=', code).execute()).length;

  it('creates a product, answers it by code with its values, and a Location to it', async () => {
    const body = product({ code: `Ab/1 ${uniqueSuffix()}` });
    const created = await t.call(t.keys.cs, 'POST', '/products', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe(`/products/${encodeURIComponent(body.code)}`);
    const got = await t.call(t.keys.analyst, 'GET', created.headers.location as string);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({ ...body, expectedInbound: 0, createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(got.json()).toEqual(created.json());
    expect(Date.parse(got.json().createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const minimal = await t.call(t.keys.cs, 'POST', '/products', { code: `  M-${uniqueSuffix()}  `, name: ' 실리콘 주걱 ', salePrice: 0, supplyPrice: 0 });
    expect(minimal.statusCode, minimal.body).toBe(201);
    expect(minimal.json()).toMatchObject({ name: '실리콘 주걱', option: '', supplier: null, stock: 0, salePrice: 0 });
    expect(minimal.json().code).toMatch(/^M-\S+$/);
  });

  it('searches by name, option and code: substring, case-insensitive, % and _ matched literally, with a total', async () => {
    const sfx = uniqueSuffix();
    const supplier = `공급처-${sfx}`;
    const pot = await createProduct({ code: `POT-${sfx}-01`, name: 'Stainless 냄비', option: 'Gray XL', supplier });
    const shirt = await createProduct({ code: `TEE-${sfx}-02`, name: '면 100% 티셔츠', option: 'a_b', supplier });
    const shirt2 = await createProduct({ code: `TEE-${sfx}-03`, name: '면 100 티셔츠', option: 'axb', supplier });
    await createProduct({ code: `OTHER-${sfx}`, name: 'Stainless 냄비', option: 'Gray XL' });

    expect((await search({ q: 'stainless', supplier })).items.map((p) => p.code)).toEqual([pot.code]);
    expect((await search({ q: 'gRAY x', supplier })).items.map((p) => p.code)).toEqual([pot.code]);
    expect((await search({ q: `pot-${sfx}` })).items.map((p) => p.code)).toEqual([pot.code]);
    expect((await search({ q: `-${sfx}-0` })).items.map((p) => p.code)).toEqual([pot.code, shirt.code, shirt2.code]);
    expect((await search({ q: '100%', supplier })).items.map((p) => p.code)).toEqual([shirt.code]);
    expect((await search({ q: 'a_b', supplier })).items.map((p) => p.code)).toEqual([shirt.code]);
    expect((await search({ q: '티셔츠', supplier })).items.map((p) => p.code)).toEqual([shirt.code, shirt2.code]);
    expect((await search({ q: 'stainless' })).items.map((p) => p.code)).toEqual(expect.arrayContaining([pot.code, `OTHER-${sfx}`]));

    const page = await search({ supplier, limit: '2', offset: '1' });
    expect(page.total).toBe(3);
    expect(page.items.map((p) => p.code)).toEqual([shirt.code, shirt2.code]);
    expect((await search({ q: 'no such product', supplier })).total).toBe(0);
  });

  it('downloads the products a search matches as .xlsx, and the channels as .csv, with Korean headers', async () => {
    const supplier = `내보내기-${uniqueSuffix()}`;
    const a = await createProduct({ supplier });
    const b = await createProduct({ supplier });
    const xlsx = await t.call(t.keys.analyst, 'GET', `/products?${new URLSearchParams({ supplier, format: 'xlsx' })}`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['상품코드', '상품명', '옵션']);
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value].sort()).toEqual([a.code, b.code].sort());
    expect(sheet.rowCount).toBe(3);
    const csv = await t.call(t.keys.analyst, 'GET', '/channels?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('판매처');
    expect(csv.headers['content-disposition']).toContain('.csv');
  });

  it('refuses a duplicate code with 409 problem+json naming code, and keeps the first product', async () => {
    const first = await createProduct();
    const dup = await t.call(t.keys.cs, 'POST', '/products', product({ code: first.code, name: '다른 상품' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(dup.json()).toMatchObject({ status: 409, code: 'PRODUCT_ALREADY_EXISTS', type: '/problems/product-already-exists', field: 'code' });
    expect(dup.json().errors).toEqual([{ field: 'code', message: expect.any(String) }]);
    expect((await t.call(t.keys.cs, 'GET', `/products/${encodeURIComponent(first.code)}`)).json().name).toBe(first.name);
    expect(await productRows(first.code)).toBe(1);
  });

  it('lets exactly one of concurrent creates of the same code win', async () => {
    const body = product();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => t.call(t.keys.cs, 'POST', '/products', { ...body, name: `동시 ${i}` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const winner = results.find((r) => r.statusCode === 201)?.json().name;
    expect((await t.call(t.keys.cs, 'GET', `/products/${body.code}`)).json().name).toBe(winner);
  });

  it('answers bad input with 422 naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '   ' }, 'name'],
      [{ code: '' }, 'code'],
      [{ salePrice: -1 }, 'salePrice'],
      [{ supplyPrice: 100.5 }, 'supplyPrice'],
      [{ stock: 1.5 }, 'stock'],
      [{ stock: -3 }, 'stock'],
      [{ salePrice: '1000' }, 'salePrice'],
    ];
    for (const [overrides, field] of cases) {
      const body = product(overrides);
      const res = await t.call(t.keys.cs, 'POST', '/products', body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'INVALID_INPUT', field });
      if (typeof body.code === 'string' && body.code) expect(await productRows(body.code)).toBe(0);
    }
    const { code } = await createProduct();
    const badPatch = await t.call(t.keys.cs, 'PUT', `/products/${code}`, { stock: 2.5 });
    expect(badPatch.json()).toMatchObject({ status: 422, field: 'stock' });
    expect((await t.call(t.keys.cs, 'PUT', `/products/${code}`, {})).statusCode).toBe(422);
    expect((await t.call(t.keys.cs, 'GET', `/products/${code}`)).json().stock).toBe(12);
  });

  it('updates only the fields sent, and 404s an unknown code', async () => {
    const created = await createProduct();
    const before = (await t.call(t.keys.cs, 'GET', `/products/${created.code}`)).json();
    const updated = await t.call(t.keys.cs, 'PUT', `/products/${created.code}`, { salePrice: 31000, stock: 0, supplier: null, option: ' 리필 ' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toEqual({ ...before, salePrice: 31000, stock: 0, supplier: null, option: '리필', updatedAt: expect.any(String) });
    expect(Date.parse(updated.json().updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
    expect((await t.call(t.keys.cs, 'GET', `/products/${created.code}`)).json()).toEqual(updated.json());

    const missing = await t.call(t.keys.cs, 'GET', '/products/NO-SUCH-CODE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PRODUCT_NOT_FOUND', type: '/problems/product-not-found' });
    const missingPut = await t.call(t.keys.cs, 'PUT', '/products/NO-SUCH-CODE', { stock: 1 });
    expect(missingPut.statusCode).toBe(404);
    expect(missingPut.json().code).toBe('PRODUCT_NOT_FOUND');
    expect(await productRows('NO-SUCH-CODE')).toBe(0);
  });

  it('lets every role read, only admin and cs write', async () => {
    const { code } = await createProduct();
    for (const key of [t.keys.analyst, t.keys.auditor, t.keys.integration]) {
      expect((await t.call(key, 'GET', `/products/${code}`)).statusCode).toBe(200);
      expect((await t.call(key, 'GET', '/channels')).statusCode).toBe(200);
    }
    const refused = await t.call(t.keys.analyst, 'POST', '/products', product());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
    expect((await t.call(t.keys.analyst, 'PUT', `/products/${code}`, { stock: 99 })).statusCode).toBe(403);
    expect((await t.call(t.keys.integration, 'POST', '/channels', { name: `x-${uniqueSuffix()}` })).statusCode).toBe(403);
    expect((await t.call(t.keys.auditor, 'PUT', '/channels/anything', { active: false })).statusCode).toBe(403);
    expect((await t.call(t.keys.cs, 'GET', `/products/${code}`)).json().stock).toBe(12);
    const anonymous = await t.app.inject({ method: 'GET', url: '/products' });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.call(ADMIN_KEY, 'PUT', `/products/${code}`, { stock: 13 })).json().stock).toBe(13);
  });

  it('manages channels: create, list filtered by q, group and active, update, duplicate refused', async () => {
    const sfx = uniqueSuffix();
    const group = `오픈마켓-${sfx}`;
    const names = { eleven: `11번가 법인 ${sfx}`, gmarket: `G마켓 ${sfx}`, store: `스마트스토어 ${sfx}` };
    const created = await t.call(t.keys.cs, 'POST', '/channels', { name: ` ${names.eleven} `, group });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ name: names.eleven, group, active: true, createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect((await t.call(t.keys.cs, 'POST', '/channels', { name: names.gmarket, group, active: false })).statusCode).toBe(201);
    expect((await t.call(t.keys.cs, 'POST', '/channels', { name: names.store })).json()).toMatchObject({ group: null, active: true });

    const list = async (query: Record<string, string>) => {
      const res = await t.call(t.keys.analyst, 'GET', `/channels?${new URLSearchParams(query)}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { name: string }[]; total: number };
      expect(body.total).toBe(body.items.length);
      return body.items.map((c) => c.name);
    };
    expect(await list({ group })).toEqual([names.eleven, names.gmarket]);
    expect(await list({ group, active: 'true' })).toEqual([names.eleven]);
    expect(await list({ group, active: 'false' })).toEqual([names.gmarket]);
    expect(await list({ q: `g마켓 ${sfx}` })).toEqual([names.gmarket]);
    expect(await list({ q: sfx })).toEqual([names.eleven, names.gmarket, names.store]);
    expect((await t.call(t.keys.analyst, 'GET', '/channels?active=yes')).json()).toMatchObject({ status: 422, field: 'active' });

    const updated = await t.call(t.keys.cs, 'PUT', `/channels/${encodeURIComponent(names.eleven)}`, { active: false, group: null });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ name: names.eleven, group: null, active: false });
    expect(await list({ group })).toEqual([names.gmarket]);
    expect(await list({ q: sfx, active: 'false' })).toEqual([names.eleven, names.gmarket]);
    expect((await t.call(t.keys.cs, 'PUT', `/channels/${encodeURIComponent(names.store)}`, { group })).json()).toMatchObject({ group, active: true });

    const dup = await t.call(t.keys.cs, 'POST', '/channels', { name: names.gmarket, group: '다른 그룹' });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(dup.json()).toMatchObject({ code: 'CHANNEL_ALREADY_EXISTS', field: 'name' });
    expect(await list({ group: '다른 그룹' })).toEqual([]);

    const missing = await t.call(t.keys.cs, 'PUT', `/channels/${encodeURIComponent(`없는 판매처 ${sfx}`)}`, { active: true });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('CHANNEL_NOT_FOUND');
    const blank = await t.call(t.keys.cs, 'POST', '/channels', { name: '  ' });
    expect(blank.json()).toMatchObject({ status: 422, field: 'name' });
  });
});
