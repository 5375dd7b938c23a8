import { DEFAULT_CARRIERS } from '@oms/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('order API over HTTP on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { no: number; revision: number };
  };
  const eventCount = async (no: number) => (await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json().total as number;

  it('walks the main path: create, hold, invoice refused while held, release, invoice, ship; CS 이력 names every step, worker and memo', async () => {
    const created = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder({ memo: '전화 주문' }));
    expect(created.statusCode).toBe(201);
    const { no, revision } = created.json();
    expect(created.headers.location).toBe(`/orders/${no}`);
    expect(revision).toBe(0);

    const hold = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '주소 확인 중', alarmAt: '2099-01-01T09:00:00+09:00' });
    expect(hold.statusCode, hold.body).toBe(200);
    expect(hold.json()).toEqual({ no, revision: 1, events: ['OrderHeld'], others: [], warnings: [] });
    expect(hold.headers.etag).toBe('W/"1"');

    const tracking = freshTrackingNumber();
    const refused = await t.call(t.keys.cs2, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: tracking });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 409, code: 'ORDER_HELD', type: '/problems/order-held' });
    expect(await eventCount(no)).toBe(2);

    expect((await t.call(t.keys.cs, 'DELETE', `/orders/${no}/hold`, { memo: '고객 통화 완료' })).statusCode).toBe(200);
    const invoice = await t.call(t.keys.cs2, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: tracking, memo: '오후 출고' });
    expect(invoice.statusCode, invoice.body).toBe(200);
    const shipped = await t.call(t.keys.integration, 'POST', `/orders/${no}/shipment`);
    expect(shipped.json()).toEqual({ no, revision: 4, events: ['OrderShipped'], others: [], warnings: [] });

    const order = (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json();
    expect(order).toMatchObject({
      no,
      status: 'shipped',
      statusLabel: '배송',
      csState: 'normal',
      hold: null,
      revision: 4,
      invoice: { carrier: 'cj', carrierName: 'CJ대한통운', trackingNumber: tracking },
    });
    expect(order.invoice.trackingUrl).toContain(tracking);
    expect(order.lines[0]).toMatchObject({ lineId: 1, productCode: '30247', option: '본품', ordered: 2, active: 2, cancelled: 0, shipped: 2 });

    const history = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/history`)).json();
    expect(history.total).toBe(5);
    expect(history.items.map((h: { workTypeLabel: string }) => h.workTypeLabel)).toEqual(['주문생성', '보류설정', '보류해제', '송장입력', '배송처리']);
    expect(history.items.map((h: { worker: string }) => h.worker)).toEqual(['장유리', '장유리', '장유리', '함정리', '11번가 연동']);
    expect(history.items[1].content).toContain('주소 확인 중');
    expect(history.items[2].memo).toBe('고객 통화 완료');
    expect(history.items[3].content).toContain(tracking);
    expect(history.items.every((h: { processed: boolean }) => h.processed === false)).toBe(true);

    const events = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json();
    expect(events.items[1].metadata).toMatchObject({ actor: '장유리', role: 'cs', memo: '주소 확인 중' });
    expect(events.items[4].metadata).toMatchObject({ actor: '11번가 연동', role: 'integration' });
  });

  it('answers bad input with 422 problem+json naming the field, and appends nothing', async () => {
    const { no } = await create();
    const bad = await t.call(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: '6012-3456-7890' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ code: 'INVALID_INPUT', field: 'trackingNumber' });
    const unknownCarrier = await t.call(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'dhl', trackingNumber: '123456789012' });
    expect(unknownCarrier.json()).toMatchObject({ status: 422, field: 'carrier' });
    const badOrder = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder({ lines: [{ productCode: 'A', productName: 'B', option: '', quantity: 0, unitPrice: 100 }] }));
    expect(badOrder.statusCode).toBe(422);
    expect(badOrder.json().field).toBe('lines[0].quantity');
    const pastAlarm = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { alarmAt: '2001-01-01T00:00:00Z' });
    expect(pastAlarm.json()).toMatchObject({ status: 422, code: 'ALARM_IN_PAST', field: 'alarmAt' });
    expect(await eventCount(no)).toBe(1);
    const notANumber = await t.call(t.keys.cs, 'GET', '/orders/12abc');
    expect(notANumber.json()).toMatchObject({ status: 422, field: 'no' });
    expect((await t.call(t.keys.cs, 'GET', '/orders/99999999999999999999')).json()).toMatchObject({ status: 422, field: 'no' });
    const missing = await t.call(t.keys.cs, 'POST', '/orders/999999999/payment');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORDER_NOT_FOUND');
  });

  it('honours If-Match: a stale revision is a 409 with the actual revision, and nothing is appended', async () => {
    const { no } = await create();
    await t.call(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: '고객 문의' });
    const stale = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, {}, { 'if-match': 'W/"0"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'REVISION_CONFLICT', actualRevision: 1 });
    const fresh = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, {}, { 'if-match': 'W/"1"' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe('W/"2"');
    expect(await eventCount(no)).toBe(3);
  });

  it('returns the first result for a retried Idempotency-Key and appends once; a reused key with another body is refused', async () => {
    const { no } = await create();
    const key = `retry-${uniqueSuffix()}`;
    const first = await t.call(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: '첫 요청' }, { 'idempotency-key': key });
    const again = await t.call(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: '첫 요청' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount(no)).toBe(2);
    const other = await t.call(t.keys.cs, 'POST', `/orders/${no}/memos`, { text: '다른 내용' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');

    const orderKey = `create-${uniqueSuffix()}`;
    const c1 = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder(), { 'idempotency-key': orderKey });
    const c2 = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder(), { 'idempotency-key': orderKey });
    expect(c1.statusCode).toBe(201);
    expect(c2.json()).toEqual(c1.json());
  });

  it('ingests a channel order once: a repeat answers the existing order', async () => {
    const channelOrderNo = `ord-${uniqueSuffix()}`;
    const a = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channel: 'G마켓', channelOrderNo }));
    const b = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channel: 'G마켓', channelOrderNo }));
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().no).toBe(a.json().no);
    const sameNoOtherChannel = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channel: '쿠팡', channelOrderNo }));
    expect(sameNoOtherChannel.statusCode).toBe(201);
    const byHand = (await t.call(t.keys.cs, 'GET', `/orders/${(await create()).no}`)).json();
    expect(byHand.channelOrderNo).toMatch(/^OMS\d+$/);
  });

  it('refuses a tracking number already used by another order, and frees a corrected one', async () => {
    const a = await create();
    const b = await create();
    const tracking = freshTrackingNumber();
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${a.no}/invoice`, { carrier: 'lotte', trackingNumber: tracking })).statusCode).toBe(200);
    const taken = await t.call(t.keys.cs, 'PUT', `/orders/${b.no}/invoice`, { carrier: 'lotte', trackingNumber: tracking });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'VALUE_ALREADY_USED', usedBy: a.no });
    expect(await eventCount(b.no)).toBe(1);
    // 송장 correction on order a releases the old number, which order b may then use.
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${a.no}/invoice`, { carrier: 'lotte', trackingNumber: freshTrackingNumber() })).statusCode).toBe(200);
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${b.no}/invoice`, { carrier: 'lotte', trackingNumber: tracking })).statusCode).toBe(200);
  });

  it('moves through payment, shipping instruction (reprint recorded), delivery and purchase confirmation; an invoiced order cannot be cancelled', async () => {
    const { no } = await create({ paid: false, paymentMethod: 'virtual_account' });
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json().status).toBe('awaiting_payment');
    expect((await t.call(t.keys.integration, 'POST', `/orders/${no}/payment`)).json().events).toEqual(['PaymentConfirmed']);
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/shipping-instruction`)).json().events).toEqual(['ShippingInstructionPrinted']);
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/shipping-instruction`)).json().events).toEqual(['ShippingInstructionReprinted']);
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json()).toMatchObject({ status: 'preparing', shippingInstructionPrints: 2 });
    await t.call(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'hanjin', trackingNumber: freshTrackingNumber() });
    const refusedCancel = await t.call(t.keys.cs, 'POST', `/orders/${no}/cancel`, { reason: 'cancel_delay' });
    expect(refusedCancel.statusCode).toBe(409);
    expect(refusedCancel.json().code).toBe('RETURN_REQUIRED');
    await t.call(t.keys.integration, 'POST', `/orders/${no}/shipment`);
    expect((await t.call(t.keys.integration, 'POST', `/orders/${no}/delivery`)).statusCode).toBe(200);
    expect((await t.call(t.keys.integration, 'POST', `/orders/${no}/purchase-confirmation`)).statusCode).toBe(200);
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json().statusLabel).toBe('구매확정');

    const unpaid = await create({ paid: false, paymentMethod: 'bank_deposit' });
    const cancelled = await t.call(t.keys.cs, 'POST', `/orders/${unpaid.no}/cancel`, { reason: 'cancel_delay', memo: '고객 변심' });
    expect(cancelled.json().events).toEqual(['OrderCancelledBeforePayment']);
    const view = (await t.call(t.keys.cs, 'GET', `/orders/${unpaid.no}`)).json();
    expect(view.csState).toBe('cancelled');
    expect(view.lines.map((l: { active: number }) => l.active)).toEqual([0, 0]);
    const history = (await t.call(t.keys.cs, 'GET', `/orders/${unpaid.no}/history`)).json();
    expect(history.items[1].content).toContain('취소-배송지연');
  });

  it('lists the CS window with filters and free-text search', async () => {
    const tag = uniqueSuffix();
    const channel = `판매처-${tag}`;
    const a = await create({ channel, buyer: { name: `홍길동${tag}`, mobile: '010-1111-2222' } });
    const b = await create({ channel, paid: false, paymentMethod: 'bank_deposit' });
    await t.call(t.keys.cs, 'PUT', `/orders/${b.no}/hold`, {});
    const all = (await t.call(t.keys.cs, 'GET', `/orders?channel=${encodeURIComponent(channel)}`)).json();
    expect(all.total).toBe(2);
    expect(all.items.map((i: { no: number }) => i.no)).toEqual([b.no, a.no]);
    const held = (await t.call(t.keys.cs, 'GET', `/orders?channel=${encodeURIComponent(channel)}&held=true`)).json();
    expect(held.items.map((i: { no: number }) => i.no)).toEqual([b.no]);
    expect(held.items[0]).toMatchObject({ held: true, status: 'awaiting_payment', statusLabel: '입금대기', quantity: 3 });
    const received = (await t.call(t.keys.cs, 'GET', `/orders?channel=${encodeURIComponent(channel)}&status=received`)).json();
    expect(received.items.map((i: { no: number }) => i.no)).toEqual([a.no]);
    const byName = (await t.call(t.keys.cs, 'GET', `/orders?q=${encodeURIComponent(`홍길동${tag}`)}`)).json();
    expect(byName.items.map((i: { no: number }) => i.no)).toEqual([a.no]);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const dated = (await t.call(t.keys.cs, 'GET', `/orders?channel=${encodeURIComponent(channel)}&from=${today}&to=${today}`)).json();
    expect(dated.total).toBe(2);
    const paged = (await t.call(t.keys.cs, 'GET', `/orders?channel=${encodeURIComponent(channel)}&limit=1&offset=1`)).json();
    expect(paged).toMatchObject({ total: 2, items: [{ no: a.no }] });
    expect((await t.call(t.keys.cs, 'GET', '/orders?status=unknown')).statusCode).toBe(422);
  });

  it('enforces keys and roles; /health needs none; OpenAPI and the docs UI are served', async () => {
    const { no } = await create();
    expect((await t.app.inject({ method: 'GET', url: '/orders' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/orders', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    expect((await t.call(t.keys.analyst, 'GET', `/orders/${no}/events`)).statusCode).toBe(403);
    expect((await t.call(t.keys.analyst, 'PUT', `/orders/${no}/hold`, {})).statusCode).toBe(403);
    expect((await t.call(t.keys.auditor, 'POST', '/orders', sampleOrder())).statusCode).toBe(403);
    expect((await t.call(t.keys.cs, 'POST', '/api-keys', { worker: 'x', role: 'admin' })).statusCode).toBe(403);
    expect((await t.call(t.keys.integration, 'PUT', `/orders/${no}/hold`, {})).statusCode).toBe(403);
    expect((await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).statusCode).toBe(200);
    expect(await eventCount(no)).toBe(1);
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok', database: database.name });
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/orders', '/orders/{no}', '/orders/{no}/invoice', '/orders/{no}/history', '/api-keys']));
    // Every carrier's code, then its name (either is accepted).
    expect(openapi.paths['/orders/{no}/invoice'].put.requestBody.content['application/json'].schema.properties.carrier.enum).toEqual([
      ...DEFAULT_CARRIERS.map((c) => c.code),
      ...DEFAULT_CARRIERS.map((c) => c.name),
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });
});
