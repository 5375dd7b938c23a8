/**
 * 판매처취소 over HTTP, the manuals' scenarios (seed 001 취소결과조회, seed 003 취소관리): a channel
 * cancels 1 of 2 before shipping, at 송장, after shipping; a worker cancels all by hand and the
 * channel cancels 1; a withdrawal; duplicates and conflicts; a mixed batch; the two views.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

type Outcome = { cancellationId: string; outcome: string; no?: number; code?: string; detail?: string };

describe.each(testDatabases)('channel cancellations on $name', (database) => {
  let t: TestApp;
  const suffix = uniqueSuffix();
  let seq = 0;
  const CHANNEL = '11번가 법인';

  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** An order with 2 냄비 (line 1, 상품주문번호 …-1) and 1 주걱 (line 2), in the status asked for. */
  const orderIn = async (status: 'received' | 'invoiced' | 'shipped' | 'delivered') => {
    const channelOrderNo = `CO-${suffix}-${seq++}`;
    const res = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channelOrderNo, lines: sampleOrder().lines.map((l, i) => ({ ...l, channelLineNo: `${channelOrderNo}-${i + 1}` })) }));
    expect(res.statusCode, res.body).toBe(201);
    const no = (res.json() as { no: number }).no;
    if (status !== 'received') {
      expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() })).statusCode).toBe(200);
    }
    if (status === 'shipped' || status === 'delivered') expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/shipment`)).statusCode).toBe(200);
    if (status === 'delivered') expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/delivery`)).statusCode).toBe(200);
    return { no, channelOrderNo };
  };

  const item = (channelOrderNo: string, o: Record<string, unknown> = {}) => ({
    channel: CHANNEL,
    cancellationId: `CL-${suffix}-${seq++}`,
    channelOrderNo,
    channelLineNo: `${channelOrderNo}-1`,
    quantity: 1,
    kind: 'cancel',
    cancelledAt: '2026-12-01T11:00:00+09:00',
    reason: '반품-취소(환불)',
    channelReason: '단순변심',
    ...o,
  });
  const send = async (...items: unknown[]) => {
    const res = await t.call(t.keys.integration, 'POST', '/channel-cancellations', { items });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Outcome[]; summary: Record<string, number> };
  };
  const order = async (no: number) => (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json() as { status: string; hold: unknown; lines: { lineId: number; cancelled: number; active: number; toRestore: number }[] };
  const events = async (no: number) => ((await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json().items as { type: string }[]).map((e) => e.type);
  const history = async (no: number) => (await t.call(t.keys.auditor, 'GET', `/orders/${no}/history`)).json().items as { workTypeLabel: string; content: string }[];
  const cancellations = async (query: string) => {
    const res = await t.call(t.keys.cs, 'GET', `/views/cancellations?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Record<string, unknown>[]; total: number };
  };
  const withdrawals = async (q: string, extra = '') => {
    const res = await t.call(t.keys.cs, 'GET', `/views/cancel-withdrawals?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Record<string, unknown>[]; total: number };
  };

  it('1 of 2 before shipping: exactly 1 is cancelled, the order is held, 배송전 취소 in CS 이력, nothing to restore', async () => {
    const { no, channelOrderNo } = await orderIn('received');
    const c = item(channelOrderNo);
    const answer = await send(c);
    // The row reads on its own: what it said and what it did here.
    expect(answer.items).toEqual([{ cancellationId: c.cancellationId, outcome: 'applied', no, channelOrderNo, line: `상품주문번호 ${channelOrderNo}-1`, quantity: 1, cancelledHere: 1, cancelType: 'received_cancel' }]);
    expect(answer.summary).toEqual({ applied: 1, recorded: 0, duplicate: 0, refused: 0 });
    const o = await order(no);
    expect(o.lines[0]).toMatchObject({ cancelled: 1, active: 1, toRestore: 0 });
    expect(o.hold).not.toBeNull();
    const entry = (await history(no)).find((h) => h.workTypeLabel === '배송전 취소');
    expect(entry?.content).toContain(c.cancellationId);
    expect(entry?.content).toContain('1개');
    expect((await withdrawals(channelOrderNo)).items).toEqual([]);
    const rows = await cancellations(`q=${channelOrderNo}&shipping=before`);
    expect(rows.items).toHaveLength(1);
    expect(rows.items[0]).toMatchObject({ no, cancellationId: c.cancellationId, orderedQuantity: 2, cancelledQuantity: 1, partial: true, cancelType: 'received_cancel', cancelTypeLabel: '접수-취소', reason: 'return_refund', channelReason: '단순변심', status: 'received', confirmed: false });
    // 주문자 is searched too (the order's buyer, 김경자 in sampleOrder).
    expect((await cancellations(`q=${encodeURIComponent('김경자')}&shipping=before&confirmed=all&limit=500`)).items.map((r) => r.cancellationId)).toContain(c.cancellationId);
    // 배송후 is the screen's default: a cancellation before shipping is not among them.
    expect((await cancellations(`q=${channelOrderNo}`)).total).toBe(0);
  });

  it('the same at 송장: cancelled and held, so 배송처리 is refused (the box must not leave)', async () => {
    const { no, channelOrderNo } = await orderIn('invoiced');
    expect((await send(item(channelOrderNo))).items[0]?.outcome).toBe('applied');
    expect((await order(no)).lines[0]?.cancelled).toBe(1);
    const ship = await t.call(t.keys.cs, 'POST', `/orders/${no}/shipment`);
    expect(ship.statusCode).toBe(409);
    expect(ship.json().code).toBe('ORDER_HELD');
    expect((await cancellations(`q=${channelOrderNo}&shipping=before`)).items[0]).toMatchObject({ cancelType: 'invoiced_cancel', cancelTypeLabel: '송장-취소' });
  });

  it('after shipping nothing is cancelled: 배송후 취소, listed by default as 배송-반품 or 배송-취소', async () => {
    const shipped = await orderIn('shipped');
    const delivered = await orderIn('delivered');
    const answer = await send(item(shipped.channelOrderNo), item(delivered.channelOrderNo, { kind: 'return' }));
    expect(answer.items.map((i) => i.outcome)).toEqual(['recorded', 'recorded']);
    expect((await order(shipped.no)).lines[0]?.cancelled).toBe(0);
    expect((await order(shipped.no)).hold).toBeNull();
    expect((await history(shipped.no)).some((h) => h.workTypeLabel === '배송후 취소')).toBe(true);
    const a = await cancellations(`q=${shipped.channelOrderNo}`);
    expect(a.items[0]).toMatchObject({ cancelType: 'shipped_cancel', cancelTypeLabel: '배송-취소', status: 'shipped' });
    expect(a.items[0]?.shippedAt).toEqual(expect.any(String));
    expect(a.items[0]?.trackingNumber).toEqual(expect.any(String));
    expect((await cancellations(`q=${delivered.channelOrderNo}`)).items[0]).toMatchObject({ cancelType: 'shipped_return', cancelTypeLabel: '배송-반품', kind: 'return' });
  });

  it('a worker cancelled all by hand, then the channel cancels 1: 취소철회조회 shows 1 to restore; 개별정상복귀 of 1 clears it', async () => {
    const { no, channelOrderNo } = await orderIn('received');
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/cancel`, { reason: 'cancel_delay' })).statusCode).toBe(200);
    expect((await send(item(channelOrderNo))).items[0]?.outcome).toBe('recorded');
    const listed = await withdrawals(channelOrderNo);
    const rows = listed.items;
    // The 냄비: 2 cancelled here, 1 by the channel; the 주걱 the channel never cancelled.
    expect(rows.map((r) => [r.lineId, r.toRestore])).toEqual([[1, 1], [2, 1]]);
    expect(listed.total).toBe(2);
    expect(rows[0]).toMatchObject({ no, channel: CHANNEL, channelOrderNo, cancelledHere: 2, channelCancelled: 1, worker: '장유리', confirmed: false, status: 'received' });
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/lines/1/restore`, { quantity: 1 })).statusCode).toBe(200);
    expect((await withdrawals(channelOrderNo)).items.map((r) => r.lineId)).toEqual([2]);
  });

  it('a withdrawal (취소철회) lists what the claim cancelled; a second one changes nothing; restoring clears it', async () => {
    const { no, channelOrderNo } = await orderIn('received');
    const c = item(channelOrderNo);
    await send(c);
    const url = `/channel-cancellations/${encodeURIComponent(CHANNEL)}/${encodeURIComponent(c.cancellationId)}/withdrawal`;
    const first = await t.call(t.keys.integration, 'POST', url, { withdrawnAt: '2026-12-01T15:00:00+09:00' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ cancellationId: c.cancellationId, outcome: 'applied', no });
    const before = await events(no);
    expect((await t.call(t.keys.integration, 'POST', url, { withdrawnAt: '2026-12-01T16:00:00+09:00' })).json().outcome).toBe('duplicate');
    expect(await events(no)).toEqual(before);
    const inRange = await withdrawals(channelOrderNo, '&dateOf=withdrawn&from=2026-12-01&to=2026-12-01');
    const rows = inRange.items;
    expect(rows).toHaveLength(1);
    expect(inRange.total).toBe(1);
    expect(await withdrawals(channelOrderNo, '&dateOf=withdrawn&from=2026-12-02')).toEqual({ items: [], total: 0 });
    expect(rows[0]).toMatchObject({ lineId: 1, toRestore: 1, withdrawnAt: '2026-12-01T06:00:00.000Z' });
    expect((await cancellations(`q=${channelOrderNo}&shipping=all`)).items[0]?.withdrawnAt).toBe('2026-12-01T06:00:00.000Z');
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/lines/1/restore`, { quantity: 1 })).statusCode).toBe(200);
    expect((await withdrawals(channelOrderNo)).items).toEqual([]);
    const unknown = await t.call(t.keys.integration, 'POST', `/channel-cancellations/${encodeURIComponent(CHANNEL)}/NO-SUCH/withdrawal`, { withdrawnAt: '2026-12-01T15:00:00+09:00' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CANCELLATION_NOT_FOUND');
  });

  it('the same claim again is a duplicate and changes nothing; with other content it is refused', async () => {
    const { no, channelOrderNo } = await orderIn('received');
    const c = item(channelOrderNo);
    await send(c);
    const before = await events(no);
    // The same instant written with another offset is the same content.
    // A duplicate decides nothing: it says what the row said, and nothing about cancelling here.
    expect((await send({ ...c, cancelledAt: '2026-12-01T02:00:00Z' })).items[0]).toEqual({ cancellationId: c.cancellationId, outcome: 'duplicate', no, channelOrderNo, line: `상품주문번호 ${channelOrderNo}-1`, quantity: 1 });
    const conflict = (await send({ ...c, quantity: 2 })).items[0];
    expect(conflict).toMatchObject({ cancellationId: c.cancellationId, outcome: 'refused', code: 'CANCELLATION_CONFLICT' });
    expect(await events(no)).toEqual(before);
    expect((await order(no)).lines[0]?.cancelled).toBe(1);
  });

  it('a mixed batch: bad rows are refused with their reason, the good ones apply, none half-applied', async () => {
    const a = await orderIn('received');
    const b = await orderIn('received');
    const beforeB = await events(b.no);
    const answer = await send(
      item(a.channelOrderNo),
      item('NO-SUCH-ORDER'),
      item(b.channelOrderNo, { channelLineNo: 'NO-SUCH-LINE' }),
      item(b.channelOrderNo, { channelLineNo: undefined, productCode: '41002', quantity: 5 }),
      item(a.channelOrderNo, { channelLineNo: `${a.channelOrderNo}-2` }),
    );
    expect(answer.items.map((i) => [i.outcome, i.code ?? null])).toEqual([
      ['applied', null],
      ['refused', 'ORDER_NOT_FOUND'],
      ['refused', 'LINE_NOT_FOUND'],
      ['refused', 'QUANTITY_EXCEEDS_ORDERED'],
      ['applied', null],
    ]);
    expect(answer.summary).toEqual({ applied: 2, recorded: 0, duplicate: 0, refused: 3 });
    expect(await events(b.no)).toEqual(beforeB);
    expect((await order(a.no)).lines.map((l) => l.cancelled)).toEqual([1, 1]);
  });

  it('two rows of one batch about one order see each other: two claims of 1 cancel the 냄비\'s 2', async () => {
    const { no, channelOrderNo } = await orderIn('received');
    const answer = await send(item(channelOrderNo), item(channelOrderNo));
    expect(answer.items.map((i) => i.outcome)).toEqual(['applied', 'applied']);
    expect((await order(no)).lines[0]?.cancelled).toBe(2);
    expect((await send(item(channelOrderNo))).items[0]?.code).toBe('QUANTITY_EXCEEDS_ORDERED');
  });

  it('the line by product name and option; two lines of that product are ambiguous', async () => {
    const channelOrderNo = `CO-${suffix}-${seq++}`;
    const line = sampleOrder().lines[0] as Record<string, unknown>;
    const res = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channelOrderNo, lines: [line, { ...line, option: '특대' }, { ...line }] }));
    const no = (res.json() as { no: number }).no;
    const byName = await send(item(channelOrderNo, { channelLineNo: undefined, productName: '카트야로 스텐 냄비 3종', option: '특대' }));
    expect(byName.items[0]?.outcome).toBe('applied');
    expect((await order(no)).lines.map((l) => l.cancelled)).toEqual([0, 1, 0]);
    expect((await send(item(channelOrderNo, { channelLineNo: undefined, productCode: '30247' }))).items[0]?.code).toBe('LINE_AMBIGUOUS');
  });

  it('bad input is a 422 naming the field, and nothing is applied', async () => {
    const { no, channelOrderNo } = await orderIn('received');
    const before = await events(no);
    for (const [bad, field] of [
      [{ quantity: 0 }, 'items[1].quantity'],
      [{ reason: '몰라요' }, 'items[1].reason'],
      [{ cancelledAt: '2026-12-01 11:00' }, 'items[1].cancelledAt'],
      [{ channelLineNo: undefined }, 'items[1].channelLineNo'],
      [{ surprise: true }, 'items[1]'],
    ] as const) {
      const res = await t.call(t.keys.integration, 'POST', '/channel-cancellations', { items: [item(channelOrderNo), item(channelOrderNo, bad)] });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json().errors)).toContain(field);
    }
    expect(await events(no)).toEqual(before);
    const tooMany = await t.call(t.keys.integration, 'POST', '/channel-cancellations', { items: Array.from({ length: 1001 }, () => item(channelOrderNo)) });
    expect(tooMany.statusCode).toBe(422);
  });

  it('확인, 확인취소 and 전체 확인 on 취소결과조회; 확인 of 취소철회조회 without restoring', async () => {
    const x = await orderIn('shipped');
    const y = await orderIn('shipped');
    const [cx, cy] = [item(x.channelOrderNo), item(y.channelOrderNo)];
    await send(cx, cy);
    const rowX = (await cancellations(`q=${x.channelOrderNo}`)).items[0] as { id: string };
    const confirm = await t.call(t.keys.cs, 'POST', '/views/cancellations/confirm', { ids: [rowX.id, 'no/such'] });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json().items).toEqual([{ id: rowX.id, outcome: 'applied' }, { id: 'no/such', outcome: 'refused', code: 'CANCELLATION_NOT_FOUND', detail: expect.any(String) }]);
    // Confirmed rows leave the default list (미확인); 확인여부 전체 shows them, with who and when.
    expect((await cancellations(`q=${x.channelOrderNo}`)).total).toBe(0);
    expect((await cancellations(`q=${x.channelOrderNo}&confirmed=all`)).items[0]).toMatchObject({ confirmed: true, confirmedBy: '장유리' });
    expect((await t.call(t.keys.cs, 'POST', '/views/cancellations/confirm', { ids: [rowX.id] })).json().items[0].outcome).toBe('duplicate');
    expect((await t.call(t.keys.cs, 'POST', '/views/cancellations/unconfirm', { ids: [rowX.id] })).json().items[0].outcome).toBe('applied');
    expect((await cancellations(`q=${x.channelOrderNo}`)).items[0]).toMatchObject({ confirmed: false, confirmedBy: null });
    // 전체 확인 with the filters: only the rows they match.
    const all = await t.call(t.keys.cs, 'POST', '/views/cancellations/confirm', { all: true, q: y.channelOrderNo, shipping: 'after' });
    expect(all.json().summary).toEqual({ applied: 1, duplicate: 0, refused: 0 });
    expect((await cancellations(`q=${y.channelOrderNo}&confirmed=yes`)).total).toBe(1);
    expect((await cancellations(`q=${x.channelOrderNo}&confirmed=no`)).total).toBe(1);

    const { no, channelOrderNo } = await orderIn('received');
    await t.call(t.keys.cs, 'POST', `/orders/${no}/cancel`, { reason: 'cancel_delay' });
    await send(item(channelOrderNo));
    const [first] = (await withdrawals(channelOrderNo)).items as { id: string }[];
    const ack = await t.call(t.keys.cs, 'POST', '/views/cancel-withdrawals/confirm', { ids: [first?.id] });
    expect(ack.json().items[0].outcome).toBe('applied');
    expect((await withdrawals(channelOrderNo)).items.map((r) => r.lineId)).toEqual([2]);
    expect(await withdrawals(channelOrderNo, '&confirmed=yes')).toMatchObject({ items: [{ lineId: 1, toRestore: 1, confirmed: true }], total: 1 });
    expect((await withdrawals(channelOrderNo, '&confirmed=all')).total).toBe(2);
    expect((await order(no)).lines[0]?.cancelled).toBe(2);
  });

  it('a key bound to channels sends only its own; another channel\'s claim is refused', async () => {
    const admin = 'test-bootstrap-admin-key';
    const created = await t.call(admin, 'POST', '/api-keys', { worker: 'G마켓 연동', role: 'integration', channels: ['G마켓'] });
    const bound = (created.json() as { key: string }).key;
    const { channelOrderNo } = await orderIn('received');
    const res = await t.call(bound, 'POST', '/channel-cancellations', { items: [item(channelOrderNo)] });
    expect(res.json().items[0]).toMatchObject({ outcome: 'refused', code: 'CHANNEL_NOT_ALLOWED' });
  });

  it('in a batch each claim is decided as alone: one reaching another channel\'s order (합포) does not refuse the others', async () => {
    const created = await t.call('test-bootstrap-admin-key', 'POST', '/api-keys', { worker: '11번가 전용 연동', role: 'integration', channels: [CHANNEL] });
    const bound = (created.json() as { key: string }).key;
    const plain = await orderIn('received');
    const merged = await orderIn('received');
    const other = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channel: 'G마켓', channelOrderNo: `GM-${suffix}-${seq++}` }));
    expect(other.statusCode, other.body).toBe(201);
    const merge = await t.call(t.keys.cs, 'POST', `/orders/${merged.no}/merge`, { orderNo: (other.json() as { no: number }).no });
    expect(merge.statusCode, merge.body).toBe(200);
    const res = await t.call(bound, 'POST', '/channel-cancellations', { items: [item(plain.channelOrderNo), item(merged.channelOrderNo)] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: Outcome) => [i.outcome, i.code ?? null])).toEqual([['applied', null], ['refused', 'ORDER_NOT_FOUND']]);
    expect((await order(plain.no)).lines[0]?.cancelled).toBe(1);
    expect((await order(merged.no)).lines[0]?.cancelled).toBe(0);
  });
});
