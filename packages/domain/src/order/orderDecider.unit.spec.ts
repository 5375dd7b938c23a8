/** Every rule of the order decider as given / when / then. */
import { describe, expect, it } from 'vitest';
import type { CommandMetadata } from '../decider.js';
import { deciderSpec } from '../testing/deciderSpec.js';
import type { OrderEvent, OrderStatus, PlacedOrder } from './order.js';
import { csStateOf } from './order.js';
import type { OrderCommand, CsCommandOf } from './orderDecider.js';
type PlaceOrder = CsCommandOf<'PlaceOrder'>;
import { generatedChannelOrderNo, OrderDecider } from './orderDecider.js';

const spec = deciderSpec(OrderDecider, { assertEqual: (actual, expected) => expect(actual).toEqual(expected) });

const NO = 1001;
const AT = '2026-03-02T09:00:00.000Z';
const metadata: CommandMetadata = { actor: 'cs-kim', role: 'cs', at: AT };

const placedOrder = (state: unknown): PlacedOrder => {
  const s = state as { kind: string };
  if (s.kind !== 'placed') throw new Error('expected a placed order');
  return state as PlacedOrder;
};

// ---------------------------------------------------------------------------------------------
// Commands.

const placeData = (overrides: Partial<PlaceOrder['data']> = {}): PlaceOrder['data'] => ({
  no: NO,
  channel: '스마트스토어',
  channelOrderNo: 'SS-20260302-0001',
  paymentMethod: 'card',
  paid: true,
  buyer: { name: '김구매', mobile: '010-1234-5678' },
  recipient: { name: '이수령', mobile: '010-8765-4321', zip: '06236', address: '서울 강남구 테헤란로 1', memo: '문 앞' },
  shippingFee: 3000,
  lines: [
    { productCode: 'P-100', productName: '머그컵', option: '화이트', quantity: 2, unitPrice: 12000 },
    { productCode: 'P-200', productName: '티스푼', option: '', quantity: 3, unitPrice: 2000 },
  ],
  ...overrides,
});

const cmd = {
  place: (overrides: Partial<PlaceOrder['data']> = {}): OrderCommand => ({ type: 'PlaceOrder', data: placeData(overrides), metadata }),
  confirmPayment: (): OrderCommand => ({ type: 'ConfirmPayment', data: {}, metadata }),
  cancel: (): OrderCommand => ({ type: 'CancelOrder', data: { reason: 'cancel_delay' }, metadata }),
  print: (): OrderCommand => ({ type: 'PrintShippingInstruction', data: {}, metadata }),
  hold: (alarmAt?: string): OrderCommand => ({ type: 'HoldOrder', data: alarmAt === undefined ? {} : { alarmAt }, metadata }),
  release: (): OrderCommand => ({ type: 'ReleaseHold', data: {}, metadata }),
  invoice: (trackingNumber = '123456789012', carrier = 'cj'): OrderCommand => ({ type: 'EnterInvoice', data: { carrier, trackingNumber }, metadata }),
  ship: (): OrderCommand => ({ type: 'ShipOrder', data: {}, metadata }),
  deliver: (): OrderCommand => ({ type: 'MarkDelivered', data: {}, metadata }),
  confirmPurchase: (): OrderCommand => ({ type: 'ConfirmPurchase', data: {}, metadata }),
  memo: (text: string): OrderCommand => ({ type: 'AddCsMemo', data: { text }, metadata }),
};

// ---------------------------------------------------------------------------------------------
// Events and histories.

const placedEvent = (paid: boolean): OrderEvent => {
  const d = placeData({ paid });
  return {
    type: 'OrderPlaced',
    data: {
      no: NO,
      channel: d.channel,
      channelOrderNo: 'SS-20260302-0001',
      channelOrderNoGenerated: false,
      paymentMethod: d.paymentMethod,
      paid,
      buyer: d.buyer,
      recipient: d.recipient,
      shippingFee: d.shippingFee,
      lines: d.lines.map((l, i) => ({ ...l, lineId: i + 1 })),
    },
  };
};

const ev = {
  placedUnpaid: placedEvent(false),
  placedPaid: placedEvent(true),
  paymentConfirmed: { type: 'PaymentConfirmed', data: { no: NO } } as OrderEvent,
  cancelled: {
    type: 'OrderCancelledBeforePayment',
    data: { no: NO, reason: 'cancel_delay', lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }] },
  } as OrderEvent,
  printed: { type: 'ShippingInstructionPrinted', data: { no: NO } } as OrderEvent,
  reprinted: (printCount: number): OrderEvent => ({ type: 'ShippingInstructionReprinted', data: { no: NO, printCount } }),
  held: (alarmAt: string | null = null): OrderEvent => ({ type: 'OrderHeld', data: { no: NO, alarmAt } }),
  released: { type: 'OrderReleased', data: { no: NO } } as OrderEvent,
  invoiced: (trackingNumber = '123456789012', carrier = 'cj', replaces: { carrier: string; trackingNumber: string } | null = null): OrderEvent => ({
    type: 'InvoiceEntered',
    data: { no: NO, carrier, trackingNumber, replaces },
  }),
  shipped: { type: 'OrderShipped', data: { no: NO, lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }] } } as OrderEvent,
  delivered: { type: 'OrderDelivered', data: { no: NO } } as OrderEvent,
  purchaseConfirmed: { type: 'PurchaseConfirmed', data: { no: NO } } as OrderEvent,
};

/** A history that leaves the order in each status (the main path, never held). */
const historyIn: Record<OrderStatus, readonly OrderEvent[]> = {
  awaiting_payment: [ev.placedUnpaid],
  received: [ev.placedUnpaid, ev.paymentConfirmed],
  preparing: [ev.placedPaid, ev.printed],
  invoiced: [ev.placedPaid, ev.printed, ev.invoiced()],
  shipped: [ev.placedPaid, ev.printed, ev.invoiced(), ev.shipped],
  delivered: [ev.placedPaid, ev.printed, ev.invoiced(), ev.shipped, ev.delivered],
  purchase_confirmed: [ev.placedPaid, ev.printed, ev.invoiced(), ev.shipped, ev.delivered, ev.purchaseConfirmed],
};
const cancelledHistory: readonly OrderEvent[] = [ev.placedUnpaid, ev.cancelled];

const statusesExcept = (...allowed: OrderStatus[]): OrderStatus[] =>
  (Object.keys(historyIn) as OrderStatus[]).filter((s) => !allowed.includes(s));

// ---------------------------------------------------------------------------------------------

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

describe('입금확인 ConfirmPayment', () => {
  it('moves 입금대기 to 접수', () => {
    const state = placedOrder(spec.given(historyIn.awaiting_payment).when(cmd.confirmPayment()).then([ev.paymentConfirmed]));
    expect(state.status).toBe('received');
  });

  it('is allowed while the order is held', () => {
    spec.given([ev.placedUnpaid, ev.held()]).when(cmd.confirmPayment()).then([ev.paymentConfirmed]);
  });

  it.each(statusesExcept('awaiting_payment'))('is refused in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.confirmPayment()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.confirmPayment()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('입금전취소 CancelOrder', () => {
  it('cancels every active quantity of an order in 입금대기', () => {
    const state = placedOrder(spec.given(historyIn.awaiting_payment).when(cmd.cancel()).then([ev.cancelled]));
    expect(state.lines.map((l) => l.ledger.cancelled)).toEqual([2, 3]);
    expect(csStateOf(state)).toBe('cancelled');
    expect(state.status).toBe('awaiting_payment');
  });

  it('is allowed while the order is held', () => {
    spec.given([ev.placedUnpaid, ev.held()]).when(cmd.cancel()).then([ev.cancelled]);
  });

  // Since 전체취소: a paid order before its invoice is cancelled (OrderCancelled, see orderCsActions.unit.spec.ts);
  // from 송장 on a cancellation must be a return (회수).
  it.each(['received', 'preparing'] as const)('a paid order in %s is cancelled in full (전체취소), not 입금전취소', (status) => {
    const state = placedOrder(
      spec
        .given(historyIn[status])
        .when(cmd.cancel())
        .then([{ type: 'OrderCancelled', data: { no: NO, reason: 'cancel_delay', lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }] } }]),
    );
    expect(csStateOf(state)).toBe('cancelled');
    expect(state.status).toBe(status);
  });

  it.each(['invoiced', 'shipped', 'delivered', 'purchase_confirmed'] as const)('is refused in %s with RETURN_REQUIRED', (status) => {
    spec.given(historyIn[status]).when(cmd.cancel()).thenThrows('RETURN_REQUIRED', 'conflict');
  });

  it('is refused for an order already cancelled', () => {
    spec.given(cancelledHistory).when(cmd.cancel()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('출고지시서 PrintShippingInstruction', () => {
  it('moves 접수 to 배송준비중 on the first print', () => {
    const state = placedOrder(spec.given(historyIn.received).when(cmd.print()).then([ev.printed]));
    expect(state.status).toBe('preparing');
    expect(state.shippingInstructionPrints).toBe(1);
  });

  it('records a reprint with an incrementing printCount and no status change', () => {
    const second = placedOrder(spec.given(historyIn.preparing).when(cmd.print()).then([ev.reprinted(2)]));
    expect(second.status).toBe('preparing');
    expect(second.shippingInstructionPrints).toBe(2);
    const third = placedOrder(spec.given([...historyIn.preparing, ev.reprinted(2)]).when(cmd.print()).then([ev.reprinted(3)]));
    expect(third.status).toBe('preparing');
    expect(third.shippingInstructionPrints).toBe(3);
  });

  it('a reprint after 송장 does not move the status back', () => {
    const state = placedOrder(spec.given(historyIn.invoiced).when(cmd.print()).then([ev.reprinted(2)]));
    expect(state.status).toBe('invoiced');
  });

  it('is refused in 입금대기', () => {
    spec.given(historyIn.awaiting_payment).when(cmd.print()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for an order invoiced without a print (the first print needs 접수)', () => {
    spec.given([ev.placedPaid, ev.invoiced()]).when(cmd.print()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.print()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('보류설정 HoldOrder', () => {
  it.each(['awaiting_payment', 'received', 'preparing', 'invoiced'] as const)('holds an order in %s without an alarm', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.hold()).then([ev.held(null)]));
    expect(state.hold).toEqual({ alarmAt: null });
    expect(state.status).toBe(status);
  });

  it.each(['2026-03-02T18:00:01+09:00', '2026-03-03T09:00:00Z', '2026-03-02T09:00:00.5Z'])('accepts the alarm %s, later than the command time', (alarmAt) => {
    spec.given(historyIn.received).when(cmd.hold(alarmAt)).then([ev.held(alarmAt)]);
  });

  it('holds with an alarm later than the command time', () => {
    const alarmAt = '2026-03-02T09:00:00.001Z';
    const state = placedOrder(spec.given(historyIn.received).when(cmd.hold(alarmAt)).then([ev.held(alarmAt)]));
    expect(state.hold).toEqual({ alarmAt });
  });

  it.each([AT, '2026-03-02T08:59:59.999Z', '2025-12-31T00:00:00.000Z', '2026-03-02T18:00:00.000+09:00'])('refuses an alarm at %s (not later than the command)', (alarmAt) => {
    spec.given(historyIn.received).when(cmd.hold(alarmAt)).thenThrows('ALARM_IN_PAST', 'invalid', 'alarmAt');
  });

  it.each([
    'tomorrow',
    '',
    '2026-13-45T99:00:00Z',
    // Not ISO-8601 date-times with an offset, though Date.parse reads them (the offset-less ones in the process's time zone).
    '2027-03-03',
    '2027-03-03T09:00:00',
    'March 5 2027',
    '2027',
  ])('refuses an alarm %j that is not an ISO-8601 date-time with an offset', (alarmAt) => {
    spec.given(historyIn.received).when(cmd.hold(alarmAt)).thenThrows('INVALID_ALARM_TIME', 'invalid', 'alarmAt');
  });

  it('refuses an order already held', () => {
    spec.given([...historyIn.received, ev.held()]).when(cmd.hold()).thenThrows('ORDER_ALREADY_HELD', 'conflict');
  });

  it.each(['shipped', 'delivered', 'purchase_confirmed'] as const)('is refused once shipped (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.hold()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.hold()).thenThrows('ORDER_CANCELLED', 'conflict');
  });

  it('can hold again after a release', () => {
    spec.given([...historyIn.received, ev.held(), ev.released]).when(cmd.hold()).then([ev.held()]);
  });
});

describe('보류해제 ReleaseHold', () => {
  it('releases a held order', () => {
    const state = placedOrder(spec.given([...historyIn.preparing, ev.held('2026-03-03T00:00:00.000Z')]).when(cmd.release()).then([ev.released]));
    expect(state.hold).toBeNull();
    expect(state.status).toBe('preparing');
  });

  it('releases a held order that was cancelled before payment', () => {
    spec.given([ev.placedUnpaid, ev.held(), ev.cancelled]).when(cmd.release()).then([ev.released]);
  });

  it.each(['received', 'invoiced', 'shipped'] as const)('refuses an order that is not held (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.release()).thenThrows('ORDER_NOT_HELD', 'conflict');
  });
});

describe('송장입력 EnterInvoice', () => {
  it.each(['received', 'preparing'] as const)('moves %s to 송장', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.invoice()).then([ev.invoiced()]));
    expect(state.status).toBe('invoiced');
    expect(state.invoice).toEqual({ carrier: 'cj', trackingNumber: '123456789012' });
  });

  it.each(['12345678', '12345678901234567890'])('accepts %s (8 to 20 digits)', (trackingNumber) => {
    spec.given(historyIn.preparing).when(cmd.invoice(trackingNumber)).then([ev.invoiced(trackingNumber)]);
  });

  it.each(['1234567', '123456789012345678901', '1234-5678-9012', '1234 5678 9012', ' 123456789012', 'ABCD12345678', '', '１２３４５６７８'])(
    'refuses tracking number %j (digits only, 8 to 20)',
    (trackingNumber) => {
      spec.given(historyIn.preparing).when(cmd.invoice(trackingNumber)).thenThrows('INVALID_TRACKING_NUMBER', 'invalid', 'trackingNumber');
    },
  );

  it('refuses a blank carrier', () => {
    spec.given(historyIn.preparing).when(cmd.invoice('123456789012', '  ')).thenThrows('FIELD_REQUIRED', 'invalid', 'carrier');
  });

  it('trims the carrier', () => {
    spec.given(historyIn.preparing).when(cmd.invoice('123456789012', ' cj ')).then([ev.invoiced('123456789012', 'cj')]);
  });

  it.each(['received', 'preparing', 'invoiced'] as const)('is refused while held (%s) with ORDER_HELD', (status) => {
    spec.given([...historyIn[status], ev.held()]).when(cmd.invoice('987654321098')).thenThrows('ORDER_HELD', 'conflict');
  });

  it('is allowed again after the hold is released', () => {
    spec.given([...historyIn.preparing, ev.held(), ev.released]).when(cmd.invoice()).then([ev.invoiced()]);
  });

  it('is refused in 입금대기', () => {
    spec.given(historyIn.awaiting_payment).when(cmd.invoice()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it.each(['shipped', 'delivered', 'purchase_confirmed'] as const)('is refused after shipping (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.invoice('987654321098')).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.invoice()).thenThrows('ORDER_CANCELLED', 'conflict');
  });

  it('the same invoice again appends nothing', () => {
    spec.given(historyIn.invoiced).when(cmd.invoice()).thenNothing();
    spec.given(historyIn.invoiced).when(cmd.invoice('123456789012', ' cj ')).thenNothing();
  });

  it('a correction is recorded with the number it replaces', () => {
    const state = placedOrder(
      spec.given(historyIn.invoiced).when(cmd.invoice('987654321098')).then([ev.invoiced('987654321098', 'cj', { carrier: 'cj', trackingNumber: '123456789012' })]),
    );
    expect(state.invoice).toEqual({ carrier: 'cj', trackingNumber: '987654321098' });
    expect(state.status).toBe('invoiced');
  });

  it('the same number with another carrier is a correction', () => {
    spec
      .given(historyIn.invoiced)
      .when(cmd.invoice('123456789012', 'lotte'))
      .then([ev.invoiced('123456789012', 'lotte', { carrier: 'cj', trackingNumber: '123456789012' })]);
  });
});

describe('배송처리 ShipOrder', () => {
  it('ships the active quantities of an invoiced order', () => {
    const state = placedOrder(spec.given(historyIn.invoiced).when(cmd.ship()).then([ev.shipped]));
    expect(state.status).toBe('shipped');
    expect(state.lines.map((l) => l.ledger.shipped)).toEqual([2, 3]);
  });

  it.each(statusesExcept('invoiced'))('is refused in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.ship()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused while held with ORDER_HELD', () => {
    spec.given([...historyIn.invoiced, ev.held()]).when(cmd.ship()).thenThrows('ORDER_HELD', 'conflict');
  });

  it('is refused for a cancelled order', () => {
    spec.given(cancelledHistory).when(cmd.ship()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('배송완료 MarkDelivered', () => {
  it('moves 배송 to 배송완료', () => {
    const state = placedOrder(spec.given(historyIn.shipped).when(cmd.deliver()).then([ev.delivered]));
    expect(state.status).toBe('delivered');
  });

  it.each(statusesExcept('shipped'))('is refused in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.deliver()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});

describe('구매확정 ConfirmPurchase', () => {
  it.each(['shipped', 'delivered'] as const)('confirms a purchase in %s', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.confirmPurchase()).then([ev.purchaseConfirmed]));
    expect(state.status).toBe('purchase_confirmed');
  });

  it.each(statusesExcept('shipped', 'delivered'))('is refused in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.confirmPurchase()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});

describe('CS 메모 AddCsMemo', () => {
  it.each(Object.keys(historyIn) as OrderStatus[])('adds a trimmed memo in %s without changing the order', (status) => {
    const before = OrderDecider.initialState();
    const given = historyIn[status];
    const folded = given.reduce(OrderDecider.evolve, before);
    const state = spec.given(given).when(cmd.memo('  고객 통화: 부재중  ')).then([{ type: 'CsMemoAdded', data: { no: NO, text: '고객 통화: 부재중' } }]);
    expect(state).toEqual(folded);
  });

  it('adds a memo to a cancelled or held order', () => {
    spec.given(cancelledHistory).when(cmd.memo('환불 안내')).then([{ type: 'CsMemoAdded', data: { no: NO, text: '환불 안내' } }]);
    spec.given([...historyIn.received, ev.held()]).when(cmd.memo('보류 사유')).then([{ type: 'CsMemoAdded', data: { no: NO, text: '보류 사유' } }]);
  });

  it.each(['', '   ', '\n\t'])('refuses a blank memo %j', (text) => {
    spec.given(historyIn.received).when(cmd.memo(text)).thenThrows('FIELD_REQUIRED', 'invalid', 'text');
  });
});

describe('a non-existent order', () => {
  it.each<[string, OrderCommand]>([
    ['입금확인', cmd.confirmPayment()],
    ['입금전취소', cmd.cancel()],
    ['출고지시서', cmd.print()],
    ['보류설정', cmd.hold()],
    ['보류설정 with alarm', cmd.hold('2026-03-03T09:00:00.000Z')],
    ['보류해제', cmd.release()],
    ['송장입력', cmd.invoice()],
    ['송장입력 with a bad number', cmd.invoice('x')],
    ['배송처리', cmd.ship()],
    ['배송완료', cmd.deliver()],
    ['구매확정', cmd.confirmPurchase()],
    ['CS 메모', cmd.memo('메모')],
    ['CS 메모 blank', cmd.memo(' ')],
  ])('%s → ORDER_NOT_FOUND', (_, command) => {
    spec.given([]).when(command).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });
});

describe('deciderSpec', () => {
  it('fails when the events differ, when nothing is thrown, and passes through non-domain errors', () => {
    const strict = deciderSpec(OrderDecider);
    expect(() => strict.given(historyIn.awaiting_payment).when(cmd.confirmPayment()).then([])).toThrow(/Expected/);
    expect(() => strict.given(historyIn.awaiting_payment).when(cmd.confirmPayment()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict')).toThrow(/Expected DomainError/);
    expect(() => strict.given(historyIn.received).when(cmd.confirmPayment()).thenThrows('ORDER_STATUS_CONFLICT', 'invalid')).toThrow(/Expected/);
    expect(() => strict.given(historyIn.invoiced).when(cmd.invoice('987654321098')).thenNothing()).toThrow(/Expected/);
    const broken = deciderSpec({ ...OrderDecider, decide: () => { throw new TypeError('boom'); } });
    expect(() => broken.given([]).when(cmd.place()).thenThrows('X', 'invalid')).toThrow(TypeError);
  });
});
