/** 주문생성 (placement.ts) as given / when / then. */
import { describe, expect, it } from 'vitest';
import { csStateOf } from '../order.js';
import { generatedChannelOrderNo } from '../orderDecider.js';
import type { PlaceOrder } from '../testing/fixtures.js';
import { cmd, NO, placeData, placedEvent, placedOrder, spec } from '../testing/fixtures.js';
import { ev } from '../testing/mainPathEvents.js';

describe('주문생성 PlaceOrder', () => {
  it('a paid order is placed in 접수 with numbered lines', () => {
    const state = placedOrder(spec.given([]).when(cmd.place()).then([ev.placedPaid]));
    expect(state.status).toBe('received');
    expect(state.lines.map((l) => [l.lineId, l.ledger])).toEqual([
      [1, { ordered: 2, cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0 }],
      [2, { ordered: 3, cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0 }],
    ]);
    expect(csStateOf(state)).toBe('normal');
    expect(state.hold).toBeNull();
    expect(state.invoice).toBeNull();
  });

  it('an unpaid order is placed in 입금대기', () => {
    const state = placedOrder(spec.given([]).when(cmd.place({ paid: false })).then([ev.placedUnpaid]));
    expect(state.status).toBe('awaiting_payment');
  });

  it.each([undefined, '', '   '])('a hand-made order (channelOrderNo %j) gets a generated channel order number', (channelOrderNo) => {
    const expected = placedEvent(true);
    if (expected.type !== 'OrderPlaced') throw new Error('unreachable');
    spec
      .given([])
      .when(cmd.place({ channelOrderNo }))
      .then([{ ...expected, data: { ...expected.data, channelOrderNo: generatedChannelOrderNo(NO), channelOrderNoGenerated: true } }]);
    expect(generatedChannelOrderNo(NO)).toBe('OMS1001');
  });

  it('trims the channel and the channel order number', () => {
    const state = placedOrder(spec.given([]).when(cmd.place({ channel: ' 스마트스토어 ', channelOrderNo: ' SS-20260302-0001 ' })).then([ev.placedPaid]));
    expect(state.channel).toBe('스마트스토어');
    expect(state.channelOrderNo).toBe('SS-20260302-0001');
  });

  it('needs at least one line', () => {
    spec.given([]).when(cmd.place({ lines: [] })).thenThrows('ORDER_WITHOUT_LINES', 'invalid', 'lines');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses quantity %s: quantities are whole numbers ≥ 1', (quantity) => {
    const lines = placeData().lines.map((l, i) => (i === 1 ? { ...l, quantity } : l));
    spec.given([]).when(cmd.place({ lines })).thenThrows('INVALID_QUANTITY', 'invalid', 'lines[1].quantity');
  });

  it.each([-1, 0.5])('refuses unit price %s', (unitPrice) => {
    const lines = placeData().lines.map((l) => ({ ...l, unitPrice }));
    spec.given([]).when(cmd.place({ lines })).thenThrows('INVALID_AMOUNT', 'invalid', 'lines[0].unitPrice');
  });

  it('refuses a negative shipping fee', () => {
    spec.given([]).when(cmd.place({ shippingFee: -3000 })).thenThrows('INVALID_AMOUNT', 'invalid', 'shippingFee');
  });

  it('accepts a free line and free shipping', () => {
    const lines = placeData().lines.map((l) => ({ ...l, unitPrice: 0 }));
    const state = placedOrder(spec.given([]).when(cmd.place({ lines, shippingFee: 0 })).then([
      (() => {
        const e = placedEvent(true);
        if (e.type !== 'OrderPlaced') throw new Error('unreachable');
        return { ...e, data: { ...e.data, shippingFee: 0, lines: e.data.lines.map((l) => ({ ...l, unitPrice: 0 })) } };
      })(),
    ]));
    expect(state.shippingFee).toBe(0);
  });

  it.each<[string, Partial<PlaceOrder['data']>]>([
    ['channel', { channel: '  ' }],
    ['buyer.name', { buyer: { name: '' } }],
    ['recipient.name', { recipient: { name: ' ', address: '서울' } }],
    ['recipient.address', { recipient: { name: '이수령', address: '\t' } }],
    ['lines[0].productCode', { lines: [{ productCode: ' ', productName: '머그컵', option: '', quantity: 1, unitPrice: 1000 }] }],
  ])('refuses a blank %s, naming the field', (field, overrides) => {
    spec.given([]).when(cmd.place(overrides)).thenThrows('FIELD_REQUIRED', 'invalid', field);
  });

  it('refuses an order that already exists (re-sending the same order changes nothing)', () => {
    spec.given([ev.placedPaid]).when(cmd.place()).thenThrows('ORDER_ALREADY_EXISTS', 'conflict');
  });
});
