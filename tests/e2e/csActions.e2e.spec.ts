/** Every CS action of the CS window over HTTP: its rule, its problem+json, its views. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('CS actions over HTTP on $name', (database) => {
  let t: TestApp;
  const suffix = uniqueSuffix();
  const product = { mug: `MUG-${suffix}`, spoon: `SPN-${suffix}`, pot: `POT-${suffix}` };

  beforeAll(async () => {
    t = await startTestApp(database);
    const add = async (code: string, name: string, option: string, salePrice: number) => {
      const res = await t.call(t.keys.cs, 'POST', '/products', { code, name, option, salePrice, supplyPrice: Math.round(salePrice / 2), supplier: '한빛상사', stock: 10 });
      expect(res.statusCode, res.body).toBe(201);
    };
    await add(product.mug, '도자기 머그컵', '화이트', 12000);
    await add(product.spoon, '티스푼 세트', '실버', 4000);
    await add(product.pot, '스텐 냄비', '20cm', 29400);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const order = (overrides: Record<string, unknown> = {}) =>
    sampleOrder({
      lines: [
        { productCode: product.pot, productName: '스텐 냄비', option: '20cm', quantity: 2, unitPrice: 29400 },
        { productCode: product.spoon, productName: '티스푼 세트', option: '실버', quantity: 3, unitPrice: 4000 },
      ],
      ...overrides,
    });
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.call(t.keys.cs, 'POST', '/orders', order(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { no: number }).no;
  };
  const get = async (no: number) => (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json();
  const events = async (no: number) => ((await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json().items as { type: string }[]).map((e) => e.type);
  const history = async (no: number) => (await t.call(t.keys.auditor, 'GET', `/orders/${no}/history`)).json().items as { entryId: string; workTypeLabel: string; content: string; processed: boolean; processedBy: string | null }[];
  const listRow = async (no: number) => {
    const list = (await t.call(t.keys.cs, 'GET', `/orders?q=${no}`)).json() as { items: { no: number }[] };
    return list.items.find((i) => i.no === no) as Record<string, unknown> | undefined;
  };
  const ok = async (key: string, method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => {
    const res = await t.call(key, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const refused = async (method: 'POST' | 'PUT' | 'DELETE', url: string, body: unknown, status: number, code: string, field?: string) => {
    const no = Number(url.split('/')[2]);
    const before = await events(no);
    const res = await t.call(t.keys.cs, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe(code);
    if (field) expect(problem.errors?.map((e: { field: string }) => e.field) ?? [problem.field]).toContain(field);
    expect(await events(no)).toEqual(before);
    return problem;
  };
  const shipped = async (overrides: Record<string, unknown> = {}) => {
    const no = await create(overrides);
    await ok(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await ok(t.keys.integration, 'POST', `/orders/${no}/shipment`);
    return no;
  };

  it('개별취소 and 개별정상복귀: quantities move on the line ledger, the CS state follows, too much is refused naming quantity', async () => {
    const no = await create();
    const cancelled = await ok(t.keys.cs, 'POST', `/orders/${no}/lines/2/cancel`, { quantity: 2, reason: 'cancel_quality', memo: '고객 요청' });
    expect(cancelled).toMatchObject({ no, revision: 1, events: ['LineCancelled'], warnings: [] });
    let o = await get(no);
    expect(o.csState).toBe('partially_cancelled');
    expect(o.lines[1]).toMatchObject({ ordered: 3, cancelled: 2, active: 1, restored: 0 });
    expect(await listRow(no)).toMatchObject({ csState: 'partially_cancelled', quantity: 3, totalAmount: 2 * 29400 + 4000 + 3000 });

    await refused('POST', `/orders/${no}/lines/2/cancel`, { quantity: 2, reason: 'cancel_quality' }, 422, 'CANCEL_EXCEEDS_ACTIVE', 'quantity');
    await refused('POST', `/orders/${no}/lines/2/restore`, { quantity: 3 }, 422, 'RESTORE_EXCEEDS_CANCELLED', 'quantity');
    await refused('POST', `/orders/${no}/lines/9/cancel`, { quantity: 1, reason: 'cancel_quality' }, 404, 'LINE_NOT_FOUND');
    await refused('POST', `/orders/${no}/lines/2/cancel`, { quantity: 0, reason: 'cancel_quality' }, 422, 'INVALID_INPUT', 'quantity');

    await ok(t.keys.cs, 'POST', `/orders/${no}/lines/2/restore`, { quantity: 2 });
    o = await get(no);
    expect(o.csState).toBe('normal');
    expect(o.lines[1]).toMatchObject({ ordered: 3, cancelled: 0, active: 3, restored: 2 });
    const labels = (await history(no)).map((h) => h.workTypeLabel);
    expect(labels).toEqual(['주문생성', '개별취소', '개별정상복귀']);
    expect((await history(no))[1]?.content).toContain('취소-상품품질');
  });

  it('전체취소 and 전체정상복귀: a cancelled order comes back to 접수; after 송장 a cancel must be a return', async () => {
    const no = await create();
    await ok(t.keys.cs, 'POST', `/orders/${no}/shipping-instruction`);
    await ok(t.keys.cs, 'POST', `/orders/${no}/cancel`, { reason: 'cancel_delay' });
    expect(await get(no)).toMatchObject({ csState: 'cancelled', status: 'preparing' });
    expect(await listRow(no)).toMatchObject({ csState: 'cancelled', quantity: 0 });
    await refused('POST', `/orders/${no}/cancel`, { reason: 'cancel_delay' }, 409, 'ORDER_CANCELLED');
    await ok(t.keys.cs, 'POST', `/orders/${no}/restore`, { memo: '고객 재주문 의사' });
    const restored = await get(no);
    expect(restored).toMatchObject({ csState: 'normal', status: 'received' });
    expect(restored.lines.map((l: { active: number }) => l.active)).toEqual([2, 3]);
    await refused('POST', `/orders/${no}/restore`, null, 409, 'ORDER_NOT_CANCELLED');

    const invoiced = await create();
    await ok(t.keys.cs, 'PUT', `/orders/${invoiced}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    const problem = await refused('POST', `/orders/${invoiced}/cancel`, { reason: 'cancel_delay' }, 409, 'RETURN_REQUIRED');
    expect(problem.detail).toContain('return');
    await refused('POST', `/orders/${invoiced}/cancel`, { reason: 'nope' }, 422, 'INVALID_INPUT', 'reason');
  });

  it('배송정보변경 until shipped, recorded with before and after', async () => {
    const no = await create();
    const recipient = { name: '박수령', mobile: '010-2222-3333', zip: '04524', address: '서울 중구 세종대로 110', memo: '경비실' };
    await ok(t.keys.cs, 'PUT', `/orders/${no}/delivery-info`, { recipient, memo: '주소 변경 요청' });
    expect((await get(no)).recipient).toEqual(recipient);
    expect(await listRow(no)).toMatchObject({ recipientName: '박수령', recipientAddress: '서울 중구 세종대로 110' });
    const entry = (await history(no)).at(-1);
    expect(entry?.workTypeLabel).toBe('배송정보변경');
    expect(entry?.content).toContain('서울 중구 세종대로 110');
    await refused('PUT', `/orders/${no}/delivery-info`, { recipient: { ...recipient, address: ' ' } }, 422, 'INVALID_INPUT', 'recipient.address');

    const gone = await shipped();
    await refused('PUT', `/orders/${gone}/delivery-info`, { recipient }, 409, 'ALREADY_SHIPPED');
  });

  it('상품변경 and 상품추가 come from the catalogue, before the invoice; the line keeps the code it was placed with', async () => {
    const no = await create();
    await ok(t.keys.cs, 'PUT', `/orders/${no}/lines/2/product`, { productCode: product.mug });
    const added = await ok(t.keys.cs, 'POST', `/orders/${no}/lines`, { productCode: product.spoon, quantity: 1, unitPrice: 3500 });
    expect(added.events).toEqual(['LineAdded']);
    const o = await get(no);
    expect(o.lines[1]).toMatchObject({ productCode: product.mug, placedProductCode: product.spoon, productName: '도자기 머그컵', option: '화이트', unitPrice: 12000, ordered: 3 });
    expect(o.lines[2]).toMatchObject({ lineId: 3, productCode: product.spoon, placedProductCode: product.spoon, unitPrice: 3500, ordered: 1 });
    await refused('PUT', `/orders/${no}/lines/1/product`, { productCode: `NOPE-${suffix}` }, 422, 'PRODUCT_NOT_FOUND', 'productCode');
    await refused('POST', `/orders/${no}/lines`, { productCode: product.mug, quantity: -1 }, 422, 'INVALID_INPUT', 'quantity');

    await ok(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
    await refused('PUT', `/orders/${no}/lines/1/product`, { productCode: product.mug }, 409, 'ORDER_STATUS_CONFLICT');
    await refused('POST', `/orders/${no}/lines`, { productCode: product.mug, quantity: 1 }, 409, 'ORDER_STATUS_CONFLICT');
  });

  it('주문복사 and 주문전체복사: a new order; both histories name each other', async () => {
    const source = await create();
    const copy = await ok(t.keys.cs, 'POST', `/orders/${source}/copy`, { lines: [{ lineId: 1, quantity: 1, productCode: product.mug }], memo: '교환 재발송' });
    expect(copy.events).toEqual(['OrderCopied']);
    const copyNo = copy.copyNo as number;
    expect(copy.others).toEqual([{ no: copyNo, revision: 0 }]);
    const c = await get(copyNo);
    expect(c).toMatchObject({ status: 'received', channel: '11번가 법인', channelOrderNo: `OMS${copyNo}`, copiedFrom: { no: source, whole: false } });
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]).toMatchObject({ productCode: product.mug, ordered: 1 });
    expect((await get(source)).copies).toEqual([copyNo]);
    expect((await history(copyNo))[0]?.content).toContain(`<이전 주문 관리번호 : ${source}>`);
    expect((await history(source)).at(-1)?.content).toContain(String(copyNo));

    const channel = `테스트몰-${suffix}`;
    expect((await t.call(t.keys.cs, 'POST', '/channels', { name: channel, group: '오픈마켓' })).statusCode).toBe(201);
    const whole = await ok(t.keys.cs, 'POST', `/orders/${source}/copy`, { whole: true, channel });
    const w = await get(whole.copyNo);
    expect(w).toMatchObject({ channel, copiedFrom: { no: source, whole: true } });
    expect(w.lines.map((l: { productCode: string; ordered: number }) => [l.productCode, l.ordered])).toEqual([
      [product.pot, 2],
      [product.spoon, 3],
    ]);
    await refused('POST', `/orders/${source}/copy`, { whole: true, channel: `없는몰-${suffix}` }, 422, 'CHANNEL_NOT_ACTIVE', 'channel');
    await refused('POST', `/orders/${source}/copy`, { channel }, 422, 'CHANNEL_NEEDS_WHOLE_COPY', 'channel');
  });

  it('주문삭제: a received order only; it leaves the CS window, its history stays for auditors', async () => {
    const no = await create();
    expect(await listRow(no)).toBeDefined();
    await ok(t.keys.cs, 'DELETE', `/orders/${no}`, { memo: '중복 주문' });
    expect(await listRow(no)).toBeUndefined();
    expect((await get(no)).deleted).toBe(true);
    expect((await history(no)).map((h) => h.workTypeLabel)).toEqual(['주문생성', '주문삭제']);
    await refused('PUT', `/orders/${no}/hold`, {}, 409, 'ORDER_DELETED');
    await ok(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: '삭제 후 메모' });
    expect(await listRow(no)).toBeUndefined();

    const preparing = await create();
    await ok(t.keys.cs, 'POST', `/orders/${preparing}/shipping-instruction`);
    await refused('DELETE', `/orders/${preparing}`, null, 409, 'ORDER_STATUS_CONFLICT');
  });

  it('합포: merged orders share one invoice and ship together; merging refuses shipped, cancelled, deleted and 합포금지 orders', async () => {
    const a = await create();
    const b = await create();
    const c = await create();
    const merged = await ok(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: b });
    expect(merged.others).toEqual([{ no: b, revision: 1 }]);
    await ok(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: c });
    expect((await get(c)).package).toEqual({ id: a, members: [a, b, c] });
    expect(await listRow(b)).toMatchObject({ packageId: a, packageMembers: [a, b, c] });
    const members = (await t.call(t.keys.cs, 'GET', `/orders?packageId=${a}`)).json();
    expect(members.items.map((i: { no: number }) => i.no).sort()).toEqual([a, b, c].sort());

    // One box, one address: a 배송정보변경 on one member moves the whole package.
    const recipient = { name: '박수령', mobile: '010-2222-3333', zip: '04524', address: '서울 중구 세종대로 110' };
    const moved = await ok(t.keys.cs, 'PUT', `/orders/${c}/delivery-info`, { recipient });
    expect(moved.others.map((o: { no: number }) => o.no)).toEqual([a, b]);
    for (const member of [a, b, c]) expect((await get(member)).recipient).toEqual(recipient);

    const tracking = freshTrackingNumber();
    await ok(t.keys.cs, 'PUT', `/orders/${b}/invoice`, { carrier: 'cj', trackingNumber: tracking });
    for (const member of [a, b, c]) expect((await get(member)).invoice?.trackingNumber).toBe(tracking);
    const other = await create();
    const taken = await refused('PUT', `/orders/${other}/invoice`, { carrier: 'cj', trackingNumber: tracking }, 409, 'VALUE_ALREADY_USED');
    expect(taken.detail).toContain(String(a));
    await refused('DELETE', `/orders/${c}/merge`, null, 409, 'PACKAGE_INVOICED');
    await ok(t.keys.integration, 'POST', `/orders/${c}/shipment`);
    for (const member of [a, b, c]) expect((await get(member)).status).toBe('shipped');

    const fresh = await create();
    await refused('POST', `/orders/${fresh}/merge`, { orderNo: a }, 409, 'ORDER_STATUS_CONFLICT');
    await refused('POST', `/orders/${fresh}/merge`, { orderNo: fresh }, 422, 'MERGE_WITH_ITSELF', 'orderNo');
    await refused('POST', `/orders/${fresh}/merge`, { orderNo: 99_999_999 }, 422, 'MERGE_ORDER_NOT_FOUND', 'orderNo');
    const cancelled = await create();
    await ok(t.keys.cs, 'POST', `/orders/${cancelled}/cancel`, { reason: 'cancel_delay' });
    await refused('POST', `/orders/${fresh}/merge`, { orderNo: cancelled }, 409, 'ORDER_CANCELLED');
    const deleted = await create();
    await ok(t.keys.cs, 'DELETE', `/orders/${deleted}`);
    await refused('POST', `/orders/${fresh}/merge`, { orderNo: deleted }, 409, 'ORDER_DELETED');
    const forbidden = await create();
    await ok(t.keys.cs, 'PUT', `/orders/${forbidden}/merge-block`, { forbidden: true });
    await refused('POST', `/orders/${fresh}/merge`, { orderNo: forbidden }, 409, 'MERGE_FORBIDDEN');
    expect(await listRow(forbidden)).toMatchObject({ mergeForbidden: true });
  });

  it('합포제외 and 합포삭제: the package shrinks or ends on every member, and CS 이력 says so on each', async () => {
    const [a, b, c] = [await create(), await create(), await create()];
    await ok(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: b });
    await ok(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: c });
    await ok(t.keys.cs, 'DELETE', `/orders/${a}/merge`);
    expect((await get(a)).package).toBeNull();
    expect((await get(b)).package).toEqual({ id: b, members: [b, c] });
    await ok(t.keys.cs, 'DELETE', `/orders/${c}/package`);
    expect((await get(b)).package).toBeNull();
    expect((await get(c)).package).toBeNull();
    expect((await history(b)).map((h) => h.workTypeLabel)).toEqual(['주문생성', '합포추가', '합포추가', '합포제외', '합포삭제']);
    await refused('DELETE', `/orders/${a}/merge`, null, 409, 'ORDER_NOT_MERGED');
    expect((await t.call(t.keys.cs, 'GET', `/orders?merged=true&q=${b}`)).json().total).toBe(0);
  });

  it('a merged order cancelled in full leaves its package in the same transaction', async () => {
    const [a, b, c] = [await create(), await create(), await create()];
    await ok(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: b });
    await ok(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: c });
    const cancelled = await ok(t.keys.cs, 'POST', `/orders/${b}/cancel`, { reason: 'cancel_delay' });
    expect(cancelled.events).toEqual(['OrderCancelled', 'OrderUnmerged']);
    expect(cancelled.others.map((o: { no: number }) => o.no)).toEqual([a, c]);
    expect((await get(b)).package).toBeNull();
    expect((await get(a)).package).toEqual({ id: a, members: [a, c] });
    expect((await history(c)).at(-1)?.workTypeLabel).toBe('합포제외');
    // Restored, it is an order of its own again, and can be merged back.
    await ok(t.keys.cs, 'POST', `/orders/${b}/restore`);
    await ok(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: b });
    expect((await get(b)).package).toEqual({ id: a, members: [a, c, b] });
  });

  it('two workers merging the same order into two packages at once: exactly one wins, the order is in one package', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b, x] = [await create(), await create(), await create()];
      const answers = await Promise.all([t.call(t.keys.cs, 'POST', `/orders/${a}/merge`, { orderNo: x }), t.call(t.keys.cs2, 'POST', `/orders/${b}/merge`, { orderNo: x })]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.statusCode === 409)?.json().code).toBe('ALREADY_MERGED');
      const pkg = (await get(x)).package;
      const winner = answers[0]?.statusCode === 200 ? a : b;
      const loser = winner === a ? b : a;
      expect(pkg).toEqual({ id: winner, members: [winner, x] });
      expect((await get(loser)).package).toBeNull();
      expect((await events(x)).filter((e) => e === 'OrderMerged')).toHaveLength(1);
    }
  });

  it('우선순위: top, bottom and after among the orders holding the same product; the per-product list follows', async () => {
    const code = `PRI-${suffix}`;
    expect((await t.call(t.keys.cs, 'POST', '/products', { code, name: '한정 상품', option: '', salePrice: 1000, supplyPrice: 500, stock: 1 })).statusCode).toBe(201);
    const line = { productCode: code, productName: '한정 상품', option: '', quantity: 1, unitPrice: 1000 };
    const [o1, o2, o3, o4] = [await create({ lines: [line] }), await create({ lines: [line] }), await create({ lines: [line] }), await create({ lines: [line] })];
    const ranking = async () => ((await t.call(t.keys.analyst, 'GET', `/products/${code}/priority`)).json().items as { no: number }[]).map((i) => i.no);
    expect(await ranking()).toEqual([o1, o2, o3, o4]);
    await ok(t.keys.cs, 'PUT', `/orders/${o4}/priority`, { productCode: code, position: 'top' });
    expect(await ranking()).toEqual([o4, o1, o2, o3]);
    await ok(t.keys.cs, 'PUT', `/orders/${o1}/priority`, { productCode: code, position: 'bottom' });
    expect(await ranking()).toEqual([o4, o2, o3, o1]);
    const after = await ok(t.keys.cs, 'PUT', `/orders/${o1}/priority`, { productCode: code, position: 'after', after: o4 });
    expect(await ranking()).toEqual([o4, o1, o2, o3]);
    expect(after.events).toEqual(['PrioritySet']);
    const list = (await t.call(t.keys.cs, 'GET', `/orders?productCode=${code}`)).json();
    expect(list.items.map((i: { no: number }) => i.no)).toEqual([o4, o1, o2, o3]);
    await refused('PUT', `/orders/${o2}/priority`, { productCode: product.mug, position: 'top' }, 422, 'PRODUCT_NOT_HELD', 'productCode');
    await refused('PUT', `/orders/${o2}/priority`, { productCode: code, position: 'after', after: o2 }, 422, 'AFTER_ITSELF', 'after');
    const other = await create();
    await refused('PUT', `/orders/${o2}/priority`, { productCode: code, position: 'after', after: other }, 422, 'AFTER_NOT_HOLDING', 'after');
    expect((await history(o1)).at(-1)?.workTypeLabel).toBe('우선순위');
  });

  it('two workers moving two orders of one product to the top at once: both land, one above the other, never tied', async () => {
    const code = `RACE-${suffix}`;
    expect((await t.call(t.keys.cs, 'POST', '/products', { code, name: '경쟁 상품', option: '', salePrice: 1000, supplyPrice: 500, stock: 1 })).statusCode).toBe(201);
    const line = { productCode: code, productName: '경쟁 상품', option: '', quantity: 1, unitPrice: 1000 };
    const orders = [await create({ lines: [line] }), await create({ lines: [line] }), await create({ lines: [line] })];
    for (let round = 0; round < 4; round++) {
      const [x, y] = round % 2 ? [orders[1], orders[2]] : [orders[2], orders[0]];
      const answers = await Promise.all([
        t.call(t.keys.cs, 'PUT', `/orders/${x}/priority`, { productCode: code, position: 'top' }),
        t.call(t.keys.cs2, 'PUT', `/orders/${y}/priority`, { productCode: code, position: 'top' }),
      ]);
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
      const list = (await t.call(t.keys.analyst, 'GET', `/products/${code}/priority`)).json().items as { no: number; priority: number }[];
      expect(list.slice(0, 2).map((i) => i.no).sort()).toEqual([x, y].sort());
      expect(list[0]?.priority).toBeGreaterThan(list[1]?.priority ?? Number.POSITIVE_INFINITY);
      expect(new Set(list.map((i) => i.priority)).size).toBe(list.length);
    }
  });

  it('회수, 반품입고, 반품예정 and 교환 on shipped quantities; a second pickup is allowed with a warning and no 입고예정', async () => {
    const no = await shipped();
    await refused('POST', `/orders/${no}/pickups`, { lines: [{ lineId: 1, quantity: 3 }], reason: 'return_defect' }, 422, 'PICKUP_EXCEEDS_SHIPPED', 'lines[0].quantity');
    const first = await ok(t.keys.cs, 'POST', `/orders/${no}/pickups`, { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_defect', memo: '파손' });
    expect(first.warnings).toEqual([]);
    const second = await ok(t.keys.cs, 'POST', `/orders/${no}/pickups`, { lines: [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }], reason: 'return_refund' });
    expect(second.warnings.map((w: { code: string }) => w.code)).toEqual(['PICKUP_REPEATED']);
    const raw = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json().items as { type: string; data: { registerInbound?: boolean; repeated?: boolean } }[];
    expect(raw.filter((e) => e.type === 'ReturnPickupRequested').map((e) => [e.data.registerInbound, e.data.repeated])).toEqual([
      [true, false],
      [false, true],
    ]);
    // 입고예정 only from the first pickup (the repeated one was answered with the inbound option off).
    expect((await t.call(t.keys.analyst, 'GET', `/products/${product.pot}`)).json()).toMatchObject({ stock: 10, expectedInbound: 1 });
    expect((await t.call(t.keys.analyst, 'GET', `/products/${product.spoon}`)).json()).toMatchObject({ expectedInbound: 0 });
    let o = await get(no);
    expect(o.csState).toBe('return');
    expect(o.lines[0]).toMatchObject({ shipped: 2, pickedUp: 2, returned: 0 });
    await refused('POST', `/orders/${no}/pickups`, { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_refund' }, 422, 'PICKUP_EXCEEDS_SHIPPED', 'lines[0].quantity');

    await ok(t.keys.integration, 'POST', `/orders/${no}/pickups/1/arrival`, { lines: [{ lineId: 1, quantity: 1 }] });
    await refused('POST', `/orders/${no}/pickups/1/arrival`, { lines: [{ lineId: 2, quantity: 2 }] }, 422, 'RETURN_EXCEEDS_PICKED_UP', 'lines[0].quantity');
    await refused('POST', `/orders/${no}/pickups/7/arrival`, { lines: [{ lineId: 1, quantity: 1 }] }, 404, 'PICKUP_NOT_FOUND');
    o = await get(no);
    expect(o.lines[0]).toMatchObject({ pickedUp: 2, returned: 1 });
    expect((await t.call(t.keys.analyst, 'GET', `/products/${product.pot}`)).json()).toMatchObject({ expectedInbound: 0 });

    await ok(t.keys.cs, 'PUT', `/orders/${no}/return-expected`, { expected: true });
    expect(await listRow(no)).toMatchObject({ returnExpected: true, csState: 'return' });
    const expected = (await t.call(t.keys.cs, 'GET', `/orders?returnExpected=true&q=${no}`)).json();
    expect(expected.total).toBe(1);
    await ok(t.keys.cs, 'POST', `/orders/${no}/exchanges`, { type: 'defect', lines: [{ lineId: 2, quantity: 1 }] });
    expect((await get(no)).csState).toBe('exchange');
    expect((await get(no)).lines[1]).toMatchObject({ shipped: 3, exchanged: 1 });
    // Each shipped unit is exchanged once at most: line 2 has 3 shipped, 1 exchanged, so 3 more is too many.
    await refused('POST', `/orders/${no}/exchanges`, { type: 'simple', lines: [{ lineId: 2, quantity: 3 }] }, 422, 'EXCHANGE_EXCEEDS_SHIPPED', 'lines[0].quantity');
    expect((await t.call(t.keys.cs, 'GET', `/orders?csState=exchange&q=${no}`)).json().total).toBe(1);
    await refused('POST', `/orders/${no}/exchanges`, { type: 'nope', lines: [{ lineId: 2, quantity: 1 }] }, 422, 'INVALID_INPUT', 'type');
    const labels = (await history(no)).map((h) => h.workTypeLabel);
    expect(labels.slice(-5)).toEqual(['회수', '회수', '반품입고', '반품예정', '교환']);
    expect((await history(no)).at(-1)?.content).toContain('불량교환');

    const unshipped = await create();
    await refused('POST', `/orders/${unshipped}/pickups`, { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_defect' }, 409, 'ORDER_STATUS_CONFLICT');
    await refused('PUT', `/orders/${unshipped}/return-expected`, { expected: true }, 409, 'ORDER_STATUS_CONFLICT');
  });

  it('CS 이력 entries start 미처리 and are marked 완료 one by one or in bulk, once', async () => {
    const no = await create();
    await ok(t.keys.cs, 'PUT', `/orders/${no}/hold`, {});
    await ok(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: '고객 통화' });
    const [placed, held, memo] = await history(no);
    expect([placed, held, memo].every((h) => h && !h.processed)).toBe(true);
    await ok(t.keys.cs, 'POST', `/orders/${no}/history/${held?.entryId}/complete`);
    let entries = await history(no);
    expect(entries.map((h) => h.processed)).toEqual([false, true, false]);
    expect(entries[1]?.processedBy).toBe('장유리');
    const bulk = await ok(t.keys.cs2, 'POST', `/orders/${no}/history/complete`, { entryIds: [placed?.entryId, held?.entryId, memo?.entryId] });
    expect(bulk.events).toEqual(['CsEntriesCompleted']);
    entries = await history(no);
    expect(entries.map((h) => h.processed)).toEqual([true, true, true]);
    expect(entries.map((h) => h.processedBy)).toEqual(['함정리', '장유리', '함정리']);
    expect(entries).toHaveLength(3);
    const again = await ok(t.keys.cs, 'POST', `/orders/${no}/history/complete`, { entryIds: [memo?.entryId] });
    expect(again.events).toEqual([]);
    const stranger = '00000000-0000-4000-8000-000000000000';
    await refused('POST', `/orders/${no}/history/${stranger}/complete`, null, 404, 'ENTRY_NOT_FOUND');
    await refused('POST', `/orders/${no}/history/complete`, { entryIds: [memo?.entryId, stranger] }, 422, 'ENTRY_NOT_FOUND', 'entryIds[1]');
  });

  it('If-Match and Idempotency-Key hold for the new actions too', async () => {
    const no = await create();
    const stale = await t.call(t.keys.cs, 'POST', `/orders/${no}/lines/1/cancel`, { quantity: 1, reason: 'cancel_lost' }, { 'if-match': 'W/"5"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('REVISION_CONFLICT');
    const key = `cancel-${uniqueSuffix()}`;
    const first = await t.call(t.keys.cs, 'POST', `/orders/${no}/lines/1/cancel`, { quantity: 1, reason: 'cancel_lost' }, { 'idempotency-key': key });
    const retry = await t.call(t.keys.cs, 'POST', `/orders/${no}/lines/1/cancel`, { quantity: 1, reason: 'cancel_lost' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await get(no)).lines[0]).toMatchObject({ cancelled: 1, active: 1 });
    const copyKey = `copy-${uniqueSuffix()}`;
    const copy1 = await t.call(t.keys.cs, 'POST', `/orders/${no}/copy`, {}, { 'idempotency-key': copyKey });
    const copy2 = await t.call(t.keys.cs, 'POST', `/orders/${no}/copy`, {}, { 'idempotency-key': copyKey });
    expect(copy2.json().copyNo).toBe(copy1.json().copyNo);
    expect((await get(no)).copies).toEqual([copy1.json().copyNo]);
  });
});
