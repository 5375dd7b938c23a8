/**
 * Inputs in users' words: payment method, cancel/return reason, carrier and exchange type are taken as
 * their code or their Korean label (as a person or a spreadsheet writes them); the code is what is
 * stored, and the OpenAPI document lists both forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_REASON_LABELS, EXCHANGE_TYPE_LABELS, PAYMENT_METHOD_LABELS } from '@oms/domain';
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';
import type { JsonSchema, OpenApiDocument } from '../support/openapiArb.js';

describe.each(testDatabases)('codes or Korean labels on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const ok = async (method: 'POST' | 'PUT', url: string, body: unknown, status = 200) => {
    const res = await t.call(t.keys.cs, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json();
  };
  const eventData = async (no: number, type: string) => {
    const items = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json().items as { type: string; data: Record<string, unknown> }[];
    return items.filter((e) => e.type === type).map((e) => e.data);
  };
  const place = async (overrides: Record<string, unknown> = {}) => (await ok('POST', '/orders', sampleOrder(overrides), 201)).no as number;

  it('an order placed, cancelled, invoiced and exchanged in Korean labels stores the codes', async () => {
    const no = await place({ paymentMethod: '신용카드' });
    await ok('POST', `/orders/${no}/lines/2/cancel`, { quantity: 1, reason: '취소-상품품질' });
    await ok('PUT', `/orders/${no}/invoice`, { carrier: 'CJ대한통운', trackingNumber: freshTrackingNumber() });
    await ok('POST', `/orders/${no}/shipment`, {});
    await ok('POST', `/orders/${no}/exchanges`, { type: '불량교환', lines: [{ lineId: 1, quantity: 1 }] });

    const order = (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json();
    expect(order).toMatchObject({ paymentMethod: 'card', invoice: { carrier: 'cj', carrierName: 'CJ대한통운' }, csState: 'exchange' });
    expect(await eventData(no, 'OrderPlaced')).toMatchObject([{ paymentMethod: 'card' }]);
    expect(await eventData(no, 'LineCancelled')).toMatchObject([{ reason: 'cancel_quality' }]);
    expect(await eventData(no, 'InvoiceEntered')).toMatchObject([{ carrier: 'cj' }]);
    expect(await eventData(no, 'ExchangeRequested')).toMatchObject([{ exchangeType: 'defect' }]);
    await t.context.runner.catchUp();
    const history = ((await t.call(t.keys.auditor, 'GET', `/orders/${no}/history`)).json().items as { content: string }[]).map((h) => h.content).join('\n');
    expect(history).toContain('취소-상품품질');
    expect(history).toContain('불량교환');
  });

  it('a code in another case and a label with other spacing are read too; codes still work', async () => {
    const no = await place({ paymentMethod: 'BANK_DEPOSIT', paid: false });
    await ok('POST', `/orders/${no}/cancel`, { reason: ' 반품-취소 (환불) ' });
    expect(await eventData(no, 'OrderCancelledBeforePayment')).toMatchObject([{ reason: 'return_refund' }]);
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json()).toMatchObject({ paymentMethod: 'bank_deposit' });

    const shipped = await place({ paymentMethod: 'card' });
    await ok('PUT', `/orders/${shipped}/invoice`, { carrier: 'hanjin', trackingNumber: freshTrackingNumber() });
    await ok('POST', `/orders/${shipped}/shipment`, {});
    await ok('POST', `/orders/${shipped}/pickups`, { lines: [{ lineId: 1, quantity: 1 }], reason: '반품 - 불량' });
    expect(await eventData(shipped, 'ReturnPickupRequested')).toMatchObject([{ reason: 'return_defect' }]);
  });

  it.each([
    ['payment method', 'paymentMethod', '현금', '신용카드'],
    ['reason', 'reason', '취소-변심', '취소-상품품질'],
    ['carrier', 'carrier', '대한통운', 'CJ대한통운'],
    ['exchange type', 'type', '교환', '불량교환'],
  ])('an unknown %s is a 422 naming the field and listing codes and labels', async (_, field, wrong, listed) => {
    const no = await place();
    const requests: Record<string, [string, string, unknown]> = {
      paymentMethod: ['POST', '/orders', sampleOrder({ paymentMethod: wrong })],
      reason: ['POST', `/orders/${no}/lines/1/cancel`, { quantity: 1, reason: wrong }],
      carrier: ['PUT', `/orders/${no}/invoice`, { carrier: wrong, trackingNumber: freshTrackingNumber() }],
      type: ['POST', `/orders/${no}/exchanges`, { type: wrong, lines: [{ lineId: 1, quantity: 1 }] }],
    };
    const [method, url, body] = requests[field] ?? ['', '', null];
    const res = await t.call(t.keys.cs, method as 'POST', url, body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json() as { code: string; field: string; errors: { field: string; message: string }[] };
    expect(problem).toMatchObject({ code: 'INVALID_INPUT', field });
    const message = problem.errors[0]?.message ?? '';
    expect(message).toContain(`"${listed}"`);
    expect(message).not.toContain(`"${wrong}"`);
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json()).toMatchObject({ revision: 0 });
  });

  it('the OpenAPI document lists every code and every label of the four', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDocument;
    const property = (path: string, method: string, name: string): (JsonSchema & { description?: string }) | undefined =>
      doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema?.properties?.[name];
    const both = (labels: Readonly<Record<string, string>>) => [...Object.keys(labels), ...Object.values(labels)];
    const carriers = Object.fromEntries(t.context.carriers.map((c) => [c.code, c.name]));
    const expected: [string, string, string, Readonly<Record<string, string>>][] = [
      ['/orders', 'post', 'paymentMethod', PAYMENT_METHOD_LABELS],
      ['/orders/{no}/cancel', 'post', 'reason', CANCEL_REASON_LABELS],
      ['/orders/{no}/lines/{lineId}/cancel', 'post', 'reason', CANCEL_REASON_LABELS],
      ['/orders/{no}/pickups', 'post', 'reason', CANCEL_REASON_LABELS],
      ['/orders/{no}/invoice', 'put', 'carrier', carriers],
      ['/orders/{no}/exchanges', 'post', 'type', EXCHANGE_TYPE_LABELS],
    ];
    for (const [path, method, name, labels] of expected) {
      const schema = property(path, method, name);
      expect(schema, `${method} ${path} ${name}`).toMatchObject({ type: 'string' });
      expect([...(schema?.enum ?? [])].sort(), `${method} ${path} ${name}`).toEqual(both(labels).sort());
      expect(schema?.description).toContain('the code or the label');
    }
  });
});
