/**
 * The cross-stream rules as data: what a CS command's plan reads (and in which order), what it decides
 * per stream, and which reservations the decided events need. `run` does what the command handler
 * does with a plan, over histories in memory.
 */
import { describe, expect, it } from 'vitest';
import type { CommandMetadata } from './decider.js';
import type { EventsByStream, StreamEvent, StreamRead } from './crossStream.js';
import { orderCommandPlan, orderNoOfStream, reservationsOf, streamTypeOf } from './crossStream.js';
import type { CsCommand } from './order/orderDecider.js';
import type { OrderEvent } from './order/order.js';
import { orderStreamId } from './order/order.js';
import { productPriorityStreamId } from './priority/productPriority.js';
import { channelOrderStreamId, trackingNumberStreamId } from './reservation/reservation.js';

const metadata: CommandMetadata = { actor: 'cs-kim', role: 'cs', at: '2026-03-02T09:00:00.000Z' };
const LINE = { lineId: 1, productCode: 'P-100', productName: '머그컵', option: '화이트', unitPrice: 12000, quantity: 1 };
const placed = (no: number): OrderEvent => ({
  type: 'OrderPlaced',
  data: {
    copiedFrom: null,
    replacementOf: null,
    no,
    channel: '스마트스토어',
    channelOrderNo: `SS-${no}`,
    channelOrderNoGenerated: false,
    paymentMethod: 'card',
    paid: true,
    buyer: { name: '김구매' },
    recipient: { name: '이수령', address: '서울' },
    shippingFee: 0,
    lines: [LINE],
  },
});
const invoiced = (no: number, trackingNumber: string, replaces: string | null = null, packageId?: number): OrderEvent => ({
  type: 'InvoiceEntered',
  data: { no, carrier: 'cj', trackingNumber, replaces: replaces === null ? null : { carrier: 'cj', trackingNumber: replaces }, ...(packageId === undefined ? {} : { packageId }) },
});
const merged = (no: number, members: number[]): OrderEvent => ({ type: 'OrderMerged', data: { no, packageId: members[0] ?? no, joined: members[1] ?? no, members } });

/** What the handler does with a plan: read (primary, read, more), fold by stream type, decide. */
const run = (no: number, command: CsCommand, histories: Readonly<Record<string, readonly StreamEvent[]>>) => {
  const plan = orderCommandPlan(no, command);
  const order: string[] = [];
  const reads = new Map<string, StreamRead>();
  const read = (id: string) => {
    if (reads.has(id)) return;
    order.push(id);
    const type = streamTypeOf(id);
    const events = histories[id] ?? [];
    reads.set(id, { state: events.reduce<unknown>((s, e) => type.evolve(s, e), type.initialState()), revision: events.length - 1 });
  };
  read(plan.primary);
  plan.read.forEach(read);
  (plan.more?.(reads) ?? []).forEach(read);
  const decided = plan.decide(reads);
  return { plan, order, decided, reservations: plan.reservations?.(decided) ?? [] };
};

describe('cross-stream rules', () => {
  it('a 우선순위 move reads the product\'s stream before the holders, and moves it with the order', () => {
    const [a, b, c] = [301, 302, 303];
    const histories = { [orderStreamId(a)]: [placed(a)], [orderStreamId(b)]: [placed(b)], [orderStreamId(c)]: [placed(c)] };
    const { order, decided, reservations } = run(a, { type: 'SetPriority', data: { productCode: ' P-100 ', position: 'top', holders: [b, c] }, metadata }, histories);
    expect(order).toEqual([orderStreamId(a), productPriorityStreamId('P-100'), orderStreamId(b), orderStreamId(c)]);
    const set = { no: a, productCode: 'P-100', position: 'top', after: null, priority: 1 };
    expect(Object.fromEntries(decided)).toEqual({
      [orderStreamId(a)]: [{ type: 'PrioritySet', data: set }],
      [productPriorityStreamId('P-100')]: [{ type: 'ProductPriorityMoved', data: set }],
    });
    expect(reservations).toEqual([]);
  });

  it('a command on one order reads only it; a 합포추가 reads the joining order and the package, and decides the acted-on order first', () => {
    const [a, b, c] = [311, 312, 313];
    expect(run(a, { type: 'HoldOrder', data: {}, metadata }, { [orderStreamId(a)]: [placed(a)] }).order).toEqual([orderStreamId(a)]);
    const histories = { [orderStreamId(a)]: [placed(a)], [orderStreamId(b)]: [placed(b), merged(b, [b, c])], [orderStreamId(c)]: [placed(c), merged(c, [b, c])] };
    const { order, decided } = run(c, { type: 'MergeOrder', data: { orderNo: a }, metadata }, histories);
    expect(order).toEqual([orderStreamId(c), orderStreamId(a), orderStreamId(b)]);
    expect([...decided.keys()]).toEqual([orderStreamId(c), orderStreamId(a), orderStreamId(b)]);
  });

  it('a new order reserves its channel order, for that order', () => {
    const { productCode, productName, option, unitPrice, quantity } = LINE;
    const data = { no: 321, channel: '스마트스토어', channelOrderNo: 'SS-321', paymentMethod: 'card', paid: true, buyer: { name: '김구매' }, recipient: { name: '이수령', address: '서울' }, shippingFee: 0 } as const;
    const { decided, reservations } = run(321, { type: 'PlaceOrder', data: { ...data, lines: [{ productCode, productName, option, unitPrice, quantity }] }, metadata }, {});
    expect([...decided.keys()]).toEqual([orderStreamId(321)]);
    expect(reservations).toEqual([
      { streamId: channelOrderStreamId('스마트스토어', 'SS-321'), command: { type: 'Reserve', data: { value: '스마트스토어/SS-321', orderNo: 321, what: '판매처 주문번호' }, metadata } },
    ]);
  });

  it('an invoice reserves its number; a corrected one releases the number it replaces; the same number again releases nothing', () => {
    const decided = (...events: OrderEvent[]): EventsByStream => new Map([[orderStreamId(331), events]]);
    expect(reservationsOf(decided(invoiced(331, '111')), metadata)).toEqual([
      { streamId: trackingNumberStreamId('111'), command: { type: 'Reserve', data: { value: '111', orderNo: 331, what: '송장번호' }, metadata } },
    ]);
    expect(reservationsOf(decided(invoiced(331, '222', '111')), metadata)).toEqual([
      { streamId: trackingNumberStreamId('222'), command: { type: 'Reserve', data: { value: '222', orderNo: 331, what: '송장번호' }, metadata } },
      { streamId: trackingNumberStreamId('111'), command: { type: 'Release', data: { value: '111', orderNo: 331 }, metadata } },
    ]);
    expect(reservationsOf(decided(invoiced(331, '111', '111')), metadata)).toHaveLength(1);
  });

  it("a package's invoice reserves its number once, for the package, though every member carries it", () => {
    const decided: EventsByStream = new Map([
      [orderStreamId(341), [invoiced(341, '555', null, 341)]],
      [orderStreamId(342), [invoiced(342, '555', null, 341)]],
    ]);
    expect(reservationsOf(decided, metadata)).toEqual([
      { streamId: trackingNumberStreamId('555'), command: { type: 'Reserve', data: { value: '555', orderNo: 341, what: '송장번호' }, metadata } },
    ]);
  });

  it('names every stream type the order commands touch, and the 관리번호 of an order stream', () => {
    expect(streamTypeOf(orderStreamId(1)).initialState()).toEqual({ kind: 'none' });
    expect(streamTypeOf(trackingNumberStreamId('1')).decide).toBeDefined();
    expect(streamTypeOf(channelOrderStreamId('몰', '1')).decide).toBeDefined();
    expect(streamTypeOf(productPriorityStreamId('P-1')).revisionOnly).toBe(true);
    expect(() => streamTypeOf('something-else')).toThrow();
    expect(orderNoOfStream(orderStreamId(100042))).toBe(100042);
    expect(orderNoOfStream(productPriorityStreamId('7'))).toBeNull();
  });
});
