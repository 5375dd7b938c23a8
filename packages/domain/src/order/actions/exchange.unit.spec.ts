/** 교환 (exchange.ts) across the original and its replacement order, as given / when / then. */
import { describe, expect, it } from 'vitest';
import { decideOrder } from '../orderDecider.js';
import type { ExchangeType, LineProduct, OrderEvent } from '../order.js';
import { csStateOf, evolveOrder, EXCHANGE_TYPES } from '../order.js';
import type { CrossOrderCommand } from '../orderDecider.js';
import { A, BUYER, ev, given, placed, RECIPIENT } from '../testing/acrossOrders.js';
import { metadata, MUG, placedOrder, PLATE, SPOON } from '../testing/fixtures.js';

const R = 301;
const exchange = (exchangeType: ExchangeType, lines: { lineId: number; quantity: number; product?: LineProduct }[], registerInbound?: boolean): CrossOrderCommand => ({
  type: 'RequestExchange',
  data: { exchangeType, lines, replacementNo: R, ...(registerInbound === undefined ? {} : { registerInbound }) },
  metadata,
});
const shipped = (): OrderEvent[] => [placed(A), ev.invoiced(A), ev.shipped(A)];
const requested = (exchangeType: ExchangeType, lines: { lineId: number; quantity: number }[], o: { exchangeId?: number; pickupId?: number; registerInbound?: boolean; inbound?: { productCode: string; quantity: number }[] } = {}): OrderEvent => ({
  type: 'ExchangeRequested',
  data: { no: A, exchangeId: o.exchangeId ?? 1, exchangeType, lines, pickupId: o.pickupId ?? 1, replacementNo: R, registerInbound: o.registerInbound ?? true, inbound: o.inbound ?? [] },
});
const replacement = (exchangeType: ExchangeType, lines: { product: LineProduct; quantity: number }[]): OrderEvent => ({
  type: 'OrderPlaced',
  data: {
    copiedFrom: null,
    no: R,
    channel: '스마트스토어',
    channelOrderNo: `OMS${R}`,
    channelOrderNoGenerated: true,
    paymentMethod: 'card',
    paid: true,
    buyer: BUYER,
    recipient: RECIPIENT,
    shippingFee: 0,
    lines: lines.map((l, i) => ({ ...l.product, unitPrice: 0, lineId: i + 1, quantity: l.quantity })),
    replacementOf: { no: A, exchangeId: 1, exchangeType },
  },
});

describe('교환 RequestExchange', () => {
  it.each(EXCHANGE_TYPES)('%s: a pickup takes the units back and a replacement order ships them; both name each other', (exchangeType) => {
    const after = given({ [A]: shipped() })
      .when(A, exchange(exchangeType, [{ lineId: 2, quantity: 1 }]))
      .then({
        [A]: [requested(exchangeType, [{ lineId: 2, quantity: 1 }], { inbound: [{ productCode: SPOON.productCode, quantity: 1 }] })],
        [R]: [replacement(exchangeType, [{ product: SPOON, quantity: 1 }])],
      });
    const original = placedOrder(after.get(A));
    expect(csStateOf(original)).toBe('exchange');
    expect(original.lines[1]?.ledger.pickedUp).toBe(1);
    expect(original.lines[1]?.exchanged).toBe(1);
    expect(original.returnPickups).toMatchObject([{ pickupId: 1, exchangeId: 1, lines: [{ lineId: 2, quantity: 1 }], registerInbound: true, completed: false }]);
    expect(original.exchangeList).toEqual([{ exchangeId: 1, exchangeType, lines: [{ lineId: 2, quantity: 1 }], pickupId: 1, replacementNo: R }]);
    const copy = placedOrder(after.get(R));
    expect(copy.replacementOf).toEqual({ no: A, exchangeId: 1, exchangeType });
    expect(copy.status).toBe('received');
  });

  it('상품교환 ships another product; other types may not', () => {
    given({ [A]: shipped() })
      .when(A, exchange('product', [{ lineId: 1, quantity: 1, product: PLATE }], false))
      .then({ [A]: [requested('product', [{ lineId: 1, quantity: 1 }], { registerInbound: false })], [R]: [replacement('product', [{ product: PLATE, quantity: 1 }])] });
    given({ [A]: shipped() }).when(A, exchange('defect', [{ lineId: 1, quantity: 1, product: PLATE }])).thenThrows('PRODUCT_NEEDS_PRODUCT_EXCHANGE', 'invalid', 'lines[0].productCode');
  });

  it('numbers exchanges and pickups on from what the order had; 입고예정 defaults to off after a first pickup', () => {
    const pickedUp: OrderEvent = { type: 'ReturnPickupRequested', data: { no: A, pickupId: 1, lines: [{ lineId: 1, quantity: 1 }], reason: 'return_refund', registerInbound: false, inbound: [], repeated: false } };
    given({ [A]: [...shipped(), pickedUp] })
      .when(A, exchange('simple', [{ lineId: 2, quantity: 2 }]))
      .then({ [A]: [requested('simple', [{ lineId: 2, quantity: 2 }], { pickupId: 2, registerInbound: false })], [R]: [replacement('simple', [{ product: SPOON, quantity: 2 }])] });
  });

  it.each<[string, number]>([
    ['more than shipped', 3],
    ['a unit already picked up (or exchanged: an exchange picks it up)', 2],
  ])('refuses %s with EXCHANGE_EXCEEDS_SHIPPED', (_, quantity) => {
    const history = quantity === 2 ? [...shipped(), requested('simple', [{ lineId: 2, quantity: 1 }])] : shipped();
    given({ [A]: history }).when(A, exchange('quality', [{ lineId: 2, quantity }])).thenThrows('EXCHANGE_EXCEEDS_SHIPPED', 'invalid', 'lines[0].quantity');
  });

  it('refuses before shipping, on a deleted order, and on an unknown one', () => {
    given({ [A]: [placed(A)] }).when(A, exchange('defect', [{ lineId: 1, quantity: 1 }])).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
    given({ [A]: [placed(A), { type: 'OrderDeleted', data: { no: A } }] }).when(A, exchange('defect', [{ lineId: 1, quantity: 1 }])).thenThrows('ORDER_DELETED', 'conflict');
    given({}).when(A, exchange('defect', [{ lineId: 1, quantity: 1 }])).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });

  it('refuses a replacement number that is taken', () => {
    given({ [A]: shipped(), [R]: [placed(R)] }).when(A, exchange('simple', [{ lineId: 1, quantity: 1 }])).thenThrows('ORDER_ALREADY_EXISTS', 'conflict');
  });

  it('the replacement goes through 송장입력 and 배송처리 like any order, and takes no 상품추가 (it ships what was exchanged)', () => {
    const after = given({ [A]: shipped() }).when(A, exchange('simple', [{ lineId: 1, quantity: 1 }])).then({
      [A]: [requested('simple', [{ lineId: 1, quantity: 1 }], { inbound: [{ productCode: MUG.productCode, quantity: 1 }] })],
      [R]: [replacement('simple', [{ product: MUG, quantity: 1 }])],
    });
    let state = after.get(R) ?? { kind: 'none' as const };
    expect(() => decideOrder({ type: 'AddLine', data: { product: PLATE, quantity: 1 }, metadata }, state)).toThrow(/상품추가 would ship more/);
    state = decideOrder({ type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: '555566667777' }, metadata }, state).reduce(evolveOrder, state);
    state = decideOrder({ type: 'ShipOrder', data: {}, metadata }, state).reduce(evolveOrder, state);
    expect(placedOrder(state).status).toBe('shipped');
    expect(placedOrder(state).lines[0]?.ledger.shipped).toBe(1);
  });

  it('an exchange recorded before exchanges took goods back still folds (no pickup, no replacement)', () => {
    const legacy: OrderEvent = { type: 'ExchangeRequested', data: { no: A, exchangeId: 1, exchangeType: 'simple', lines: [{ lineId: 1, quantity: 1 }] } };
    const after = given({ [A]: [...shipped(), legacy] }).when(A, exchange('simple', [{ lineId: 2, quantity: 1 }])).then({
      [A]: [{ type: 'ExchangeRequested', data: { no: A, exchangeId: 2, exchangeType: 'simple', lines: [{ lineId: 2, quantity: 1 }], pickupId: 1, replacementNo: R, registerInbound: true, inbound: [{ productCode: SPOON.productCode, quantity: 1 }] } }],
      [R]: [{ ...replacement('simple', [{ product: SPOON, quantity: 1 }]), data: { ...(replacement('simple', [{ product: SPOON, quantity: 1 }]).data as object), replacementOf: { no: A, exchangeId: 2, exchangeType: 'simple' } } } as OrderEvent],
    });
    const original = placedOrder(after.get(A));
    expect(original.exchangeList.map((x) => x.replacementNo)).toEqual([null, R]);
    expect(original.lines[0]?.ledger.pickedUp).toBe(0);
  });
});
