/**
 * The CS actions of DOMAIN.md on one order, each rule as given (events) / when (command) / then
 * (events, or an error code + kind + field): 배송정보변경, 전체취소 / 입금전취소, 전체정상복귀, 개별취소,
 * 개별정상복귀, the derived CS 상태, 상품변경 / 상품추가, 주문삭제, 합포금지, 회수, 반품입고, 반품예정, 교환
 * and CS 완료.
 */
import { describe, expect, it } from 'vitest';
import type { CommandMetadata } from '../decider.js';
import { deciderSpec } from '../testing/deciderSpec.js';
import { warningsOf } from './order.js';
import type { CancelReason, CsState, ExchangeType, LineLedger, LineProduct, LineQuantity, OrderEvent, OrderState, OrderStatus, PlacedOrder, Recipient } from './order.js';
import { csStateOf, EXCHANGE_TYPES } from './order.js';
import type { OrderCommand, CsCommandOf } from './orderDecider.js';
type PlaceOrder = CsCommandOf<'PlaceOrder'>;
import { OrderDecider } from './orderDecider.js';

const spec = deciderSpec(OrderDecider, { assertEqual: (actual, expected) => expect(actual).toEqual(expected) });

const NO = 1001;
const AT = '2026-03-02T09:00:00.000Z';
const metadata: CommandMetadata = { actor: 'cs-kim', role: 'cs', at: AT };

const placedOrder = (state: OrderState): PlacedOrder => {
  if (state.kind !== 'placed') throw new Error('expected a placed order');
  return state;
};
const ledgerOf = (state: OrderState, lineId: number): LineLedger => {
  const line = placedOrder(state).lines.find((l) => l.lineId === lineId);
  if (!line) throw new Error(`no line ${lineId}`);
  return line.ledger;
};
const ledger = (l: Partial<LineLedger> & { ordered: number }): LineLedger => ({ cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0, ...l });

// ---------------------------------------------------------------------------------------------
// The order: line 1 머그컵 ×2 (P-100), line 2 티스푼 ×3 (P-200).

const RECIPIENT: Recipient = { name: '이수령', mobile: '010-8765-4321', zip: '06236', address: '서울 강남구 테헤란로 1', memo: '문 앞' };
const MUG: LineProduct = { productCode: 'P-100', productName: '머그컵', option: '화이트', unitPrice: 12000 };
const SPOON: LineProduct = { productCode: 'P-200', productName: '티스푼', option: '', unitPrice: 2000 };
const PLATE: LineProduct = { productCode: 'P-300', productName: '접시', option: '블랙', unitPrice: 8000 };

const placeData: PlaceOrder['data'] = {
  no: NO,
  channel: '스마트스토어',
  channelOrderNo: 'SS-20260302-0001',
  paymentMethod: 'card',
  paid: true,
  buyer: { name: '김구매', mobile: '010-1234-5678' },
  recipient: RECIPIENT,
  shippingFee: 3000,
  lines: [
    { ...MUG, quantity: 2 },
    { ...SPOON, quantity: 3 },
  ],
};

/** The product on a line of placeData (line 3 is the one 상품추가 tests add: a PLATE). */
const itemOfLine = (lineId: number): LineProduct => [MUG, SPOON, PLATE][lineId - 1] ?? MUG;
const item = ({ productCode, productName, option }: LineProduct) => ({ productCode, productName, option });

const cmd = {
  place: (): OrderCommand => ({ type: 'PlaceOrder', data: placeData, metadata }),
  confirmPayment: (): OrderCommand => ({ type: 'ConfirmPayment', data: {}, metadata }),
  cancel: (reason: CancelReason = 'cancel_delay'): OrderCommand => ({ type: 'CancelOrder', data: { reason }, metadata }),
  restore: (): OrderCommand => ({ type: 'RestoreOrder', data: {}, metadata }),
  print: (): OrderCommand => ({ type: 'PrintShippingInstruction', data: {}, metadata }),
  hold: (): OrderCommand => ({ type: 'HoldOrder', data: {}, metadata }),
  release: (): OrderCommand => ({ type: 'ReleaseHold', data: {}, metadata }),
  invoice: (trackingNumber = '123456789012'): OrderCommand => ({ type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber }, metadata }),
  ship: (): OrderCommand => ({ type: 'ShipOrder', data: {}, metadata }),
  deliver: (): OrderCommand => ({ type: 'MarkDelivered', data: {}, metadata }),
  confirmPurchase: (): OrderCommand => ({ type: 'ConfirmPurchase', data: {}, metadata }),
  memo: (text = '고객 통화'): OrderCommand => ({ type: 'AddCsMemo', data: { text }, metadata }),
  changeDelivery: (recipient: Recipient): OrderCommand => ({ type: 'ChangeDeliveryInfo', data: { recipient }, metadata }),
  cancelLine: (lineId: number, quantity: number, reason: CancelReason = 'cancel_quality'): OrderCommand => ({ type: 'CancelLine', data: { lineId, quantity, reason }, metadata }),
  restoreLine: (lineId: number, quantity: number): OrderCommand => ({ type: 'RestoreLine', data: { lineId, quantity }, metadata }),
  changeProduct: (lineId: number, product: LineProduct): OrderCommand => ({ type: 'ChangeLineProduct', data: { lineId, product }, metadata }),
  addLine: (product: LineProduct, quantity: number): OrderCommand => ({ type: 'AddLine', data: { product, quantity }, metadata }),
  delete: (): OrderCommand => ({ type: 'DeleteOrder', data: {}, metadata }),
  mergeForbidden: (forbidden: boolean): OrderCommand => ({ type: 'SetMergeForbidden', data: { forbidden }, metadata }),
  pickup: (lines: LineQuantity[], registerInbound?: boolean, reason: CancelReason = 'return_defect'): OrderCommand => ({
    type: 'RequestReturnPickup',
    data: registerInbound === undefined ? { lines, reason } : { lines, reason, registerInbound },
    metadata,
  }),
  receive: (pickupId: number, lines: LineQuantity[]): OrderCommand => ({ type: 'ReceiveReturn', data: { pickupId, lines }, metadata }),
  returnExpected: (expected: boolean): OrderCommand => ({ type: 'SetReturnExpected', data: { expected }, metadata }),
  exchange: (exchangeType: ExchangeType, lines: LineQuantity[]): OrderCommand => ({ type: 'RequestExchange', data: { exchangeType, lines }, metadata }),
  complete: (entryIds: string[]): OrderCommand => ({ type: 'CompleteCsEntries', data: { entryIds }, metadata }),
};

const placedEvent = (paid: boolean): OrderEvent => ({
  type: 'OrderPlaced',
  data: {
    no: NO,
    channel: '스마트스토어',
    channelOrderNo: 'SS-20260302-0001',
    channelOrderNoGenerated: false,
    paymentMethod: 'card',
    paid,
    buyer: placeData.buyer,
    recipient: RECIPIENT,
    shippingFee: 3000,
    lines: [
      { ...MUG, lineId: 1, quantity: 2 },
      { ...SPOON, lineId: 2, quantity: 3 },
    ],
  },
});

const ev = {
  placedUnpaid: placedEvent(false),
  placedPaid: placedEvent(true),
  paymentConfirmed: { type: 'PaymentConfirmed', data: { no: NO } } as OrderEvent,
  printed: { type: 'ShippingInstructionPrinted', data: { no: NO } } as OrderEvent,
  reprinted: (printCount: number): OrderEvent => ({ type: 'ShippingInstructionReprinted', data: { no: NO, printCount } }),
  held: { type: 'OrderHeld', data: { no: NO, alarmAt: null } } as OrderEvent,
  invoiced: { type: 'InvoiceEntered', data: { no: NO, carrier: 'cj', trackingNumber: '123456789012', replaces: null } } as OrderEvent,
  shipped: (lines: LineQuantity[] = [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }]): OrderEvent => ({ type: 'OrderShipped', data: { no: NO, lines } }),
  delivered: { type: 'OrderDelivered', data: { no: NO } } as OrderEvent,
  purchaseConfirmed: { type: 'PurchaseConfirmed', data: { no: NO } } as OrderEvent,
  cancelledBeforePayment: (lines: LineQuantity[] = [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], reason: CancelReason = 'cancel_delay'): OrderEvent => ({
    type: 'OrderCancelledBeforePayment',
    data: { no: NO, reason, lines },
  }),
  cancelled: (lines: LineQuantity[] = [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], reason: CancelReason = 'cancel_delay'): OrderEvent => ({
    type: 'OrderCancelled',
    data: { no: NO, reason, lines },
  }),
  restored: (lines: LineQuantity[], status: OrderStatus): OrderEvent => ({ type: 'OrderRestored', data: { no: NO, lines, status } }),
  lineCancelled: (lineId: number, quantity: number, reason: CancelReason = 'cancel_quality', product: LineProduct = itemOfLine(lineId)): OrderEvent => ({
    type: 'LineCancelled',
    data: { no: NO, lineId, item: item(product), quantity, reason },
  }),
  lineRestored: (lineId: number, quantity: number, product: LineProduct = itemOfLine(lineId)): OrderEvent => ({
    type: 'LineRestored',
    data: { no: NO, lineId, item: item(product), quantity },
  }),
  productChanged: (lineId: number, from: LineProduct, to: LineProduct): OrderEvent => ({ type: 'LineProductChanged', data: { no: NO, lineId, from, to } }),
  lineAdded: (lineId: number, product: LineProduct, quantity: number): OrderEvent => ({ type: 'LineAdded', data: { no: NO, line: { ...product, lineId, quantity } } }),
  deleted: { type: 'OrderDeleted', data: { no: NO } } as OrderEvent,
  merged: { type: 'OrderMerged', data: { no: NO, packageId: NO, joined: 1002, members: [NO, 1002] } } as OrderEvent,
  mergeForbidden: { type: 'MergeForbidden', data: { no: NO } } as OrderEvent,
  mergeAllowed: { type: 'MergeAllowed', data: { no: NO } } as OrderEvent,
  pickup: (
    pickupId: number,
    lines: LineQuantity[],
    o: { repeated?: boolean; registerInbound?: boolean; inbound?: { productCode: string; quantity: number }[]; reason?: CancelReason } = {},
  ): OrderEvent => ({
    type: 'ReturnPickupRequested',
    data: {
      no: NO,
      pickupId,
      lines,
      reason: o.reason ?? 'return_defect',
      registerInbound: o.registerInbound ?? true,
      inbound: o.inbound ?? [],
      repeated: o.repeated ?? false,
    },
  }),
  returnReceived: (pickupId: number, lines: LineQuantity[], inbound: { productCode: string; quantity: number }[] = []): OrderEvent => ({
    type: 'ReturnReceived',
    data: { no: NO, pickupId, lines, inbound },
  }),
  returnExpectedMarked: { type: 'ReturnExpectedMarked', data: { no: NO } } as OrderEvent,
  returnExpectedCleared: { type: 'ReturnExpectedCleared', data: { no: NO } } as OrderEvent,
  exchange: (exchangeId: number, exchangeType: ExchangeType, lines: LineQuantity[]): OrderEvent => ({
    type: 'ExchangeRequested',
    data: { no: NO, exchangeId, exchangeType, lines },
  }),
  completed: (entryIds: string[]): OrderEvent => ({ type: 'CsEntriesCompleted', data: { no: NO, entryIds } }),
};

/** A history that leaves the order in each status (the main path, never held). */
const historyIn: Record<OrderStatus, readonly OrderEvent[]> = {
  awaiting_payment: [ev.placedUnpaid],
  received: [ev.placedUnpaid, ev.paymentConfirmed],
  preparing: [ev.placedPaid, ev.printed],
  invoiced: [ev.placedPaid, ev.printed, ev.invoiced],
  shipped: [ev.placedPaid, ev.printed, ev.invoiced, ev.shipped()],
  delivered: [ev.placedPaid, ev.printed, ev.invoiced, ev.shipped(), ev.delivered],
  purchase_confirmed: [ev.placedPaid, ev.printed, ev.invoiced, ev.shipped(), ev.delivered, ev.purchaseConfirmed],
};
const BEFORE_INVOICE = ['awaiting_payment', 'received', 'preparing'] as const;
const BEFORE_SHIPMENT = ['awaiting_payment', 'received', 'preparing', 'invoiced'] as const;
const FROM_INVOICE = ['invoiced', 'shipped', 'delivered', 'purchase_confirmed'] as const;
const FROM_SHIPMENT = ['shipped', 'delivered', 'purchase_confirmed'] as const;

// ---------------------------------------------------------------------------------------------

describe('배송정보변경 ChangeDeliveryInfo', () => {
  const moved: Recipient = { name: '박수령', phone: '02-555-0101', mobile: '010-2222-3333', zip: '48058', address: '부산 해운대구 센텀중앙로 79', memo: '경비실' };

  it.each(BEFORE_SHIPMENT)('changes the recipient in %s, keeping the previous one on record', (status) => {
    const state = placedOrder(
      spec.given(historyIn[status]).when(cmd.changeDelivery(moved)).then([{ type: 'DeliveryInfoChanged', data: { no: NO, recipient: moved, previous: RECIPIENT } }]),
    );
    expect(state.recipient).toEqual(moved);
    expect(state.status).toBe(status);
  });

  it('is allowed on a held order and on a cancelled one', () => {
    const expected: OrderEvent = { type: 'DeliveryInfoChanged', data: { no: NO, recipient: moved, previous: RECIPIENT } };
    spec.given([...historyIn.received, ev.held]).when(cmd.changeDelivery(moved)).then([expected]);
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.changeDelivery(moved)).then([expected]);
  });

  it('trims the name and the address', () => {
    spec
      .given(historyIn.received)
      .when(cmd.changeDelivery({ ...moved, name: '  박수령 ', address: ' 부산 해운대구 센텀중앙로 79\t' }))
      .then([{ type: 'DeliveryInfoChanged', data: { no: NO, recipient: moved, previous: RECIPIENT } }]);
  });

  it('a later change names the earlier one as previous', () => {
    const state = placedOrder(
      spec
        .given([...historyIn.received, { type: 'DeliveryInfoChanged', data: { no: NO, recipient: moved, previous: RECIPIENT } }])
        .when(cmd.changeDelivery(RECIPIENT))
        .then([{ type: 'DeliveryInfoChanged', data: { no: NO, recipient: { ...RECIPIENT, phone: undefined }, previous: moved } }]),
    );
    expect(state.recipient).toEqual(RECIPIENT);
  });

  it.each(FROM_SHIPMENT)('is refused once shipped (%s) with ALREADY_SHIPPED', (status) => {
    spec.given(historyIn[status]).when(cmd.changeDelivery(moved)).thenThrows('ALREADY_SHIPPED', 'conflict');
  });

  it('the same recipient again appends nothing (also with surrounding blanks, or an absent field given as undefined)', () => {
    spec.given(historyIn.received).when(cmd.changeDelivery(RECIPIENT)).thenNothing();
    spec.given(historyIn.received).when(cmd.changeDelivery({ ...RECIPIENT, name: ' 이수령 ', address: ` ${RECIPIENT.address} ` })).thenNothing();
    spec.given(historyIn.received).when(cmd.changeDelivery({ ...RECIPIENT, phone: undefined })).thenNothing();
  });

  it.each<[string, Recipient]>([
    ['recipient.name', { ...moved, name: '  ' }],
    ['recipient.name', { ...moved, name: '' }],
    ['recipient.address', { ...moved, address: '\t' }],
  ])('a blank %s is refused, naming the field', (field, recipient) => {
    spec.given(historyIn.received).when(cmd.changeDelivery(recipient)).thenThrows('FIELD_REQUIRED', 'invalid', field);
  });
});

describe('입금전취소 / 전체취소 CancelOrder', () => {
  it('입금전취소: an order in 입금대기 gets OrderCancelledBeforePayment with every active quantity and the reason', () => {
    const state = placedOrder(spec.given(historyIn.awaiting_payment).when(cmd.cancel('cancel_lost')).then([ev.cancelledBeforePayment(undefined, 'cancel_lost')]));
    expect(csStateOf(state)).toBe('cancelled');
    expect(state.status).toBe('awaiting_payment');
  });

  it.each(['received', 'preparing'] as const)('전체취소: a paid order in %s gets OrderCancelled with every active quantity', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.cancel('cancel_quality')).then([ev.cancelled(undefined, 'cancel_quality')]));
    expect(state.lines.map((l) => l.ledger)).toEqual([ledger({ ordered: 2, cancelled: 2 }), ledger({ ordered: 3, cancelled: 3 })]);
    expect(csStateOf(state)).toBe('cancelled');
    expect(state.status).toBe(status);
  });

  it('전체취소 after a part was cancelled names only what is still active', () => {
    spec
      .given([...historyIn.received, ev.lineCancelled(1, 2), ev.lineCancelled(2, 1)])
      .when(cmd.cancel())
      .then([ev.cancelled([{ lineId: 2, quantity: 2 }])]);
  });

  it('전체취소 counts restored quantities as active', () => {
    spec
      .given([...historyIn.received, ev.lineCancelled(1, 2), ev.lineRestored(1, 1)])
      .when(cmd.cancel())
      .then([ev.cancelled([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }])]);
  });

  it('is allowed while the order is held', () => {
    spec.given([...historyIn.preparing, ev.held]).when(cmd.cancel()).then([ev.cancelled()]);
  });

  it.each(FROM_INVOICE)('is refused from 송장 on (%s) with RETURN_REQUIRED: it must be a return (회수)', (status) => {
    spec.given(historyIn[status]).when(cmd.cancel()).thenThrows('RETURN_REQUIRED', 'conflict');
  });

  it.each<[string, readonly OrderEvent[]]>([
    ['입금전취소', [...historyIn.awaiting_payment, ev.cancelledBeforePayment()]],
    ['전체취소', [...historyIn.received, ev.cancelled()]],
    ['every line cancelled one by one', [...historyIn.received, ev.lineCancelled(1, 2), ev.lineCancelled(2, 3)]],
  ])('an order already cancelled (%s) is refused with ORDER_CANCELLED', (_, given) => {
    spec.given(given).when(cmd.cancel()).thenThrows('ORDER_CANCELLED', 'conflict');
  });
});

describe('전체정상복귀 RestoreOrder', () => {
  it('brings every cancelled quantity of a 전체취소 back; the order is 접수 and 정상', () => {
    const state = placedOrder(
      spec
        .given([...historyIn.received, ev.cancelled()])
        .when(cmd.restore())
        .then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]),
    );
    expect(state.status).toBe('received');
    expect(csStateOf(state)).toBe('normal');
    expect(state.lines.map((l) => l.ledger)).toEqual([ledger({ ordered: 2, cancelled: 2, restored: 2 }), ledger({ ordered: 3, cancelled: 3, restored: 3 })]);
  });

  it('an order cancelled in 배송준비중 goes back to 접수; its next print in 접수 transitions again (not a reprint)', () => {
    const state = placedOrder(spec.given([...historyIn.preparing, ev.cancelled()]).when(cmd.restore()).then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]));
    expect(state.status).toBe('received');
    expect(state.shippingInstructionPrints).toBe(1);
    const printed = placedOrder(
      spec.given([...historyIn.preparing, ev.cancelled(), ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]).when(cmd.print()).then([ev.printed]),
    );
    expect(printed.status).toBe('preparing');
    expect(printed.shippingInstructionPrints).toBe(2);
  });

  it('an order cancelled before payment stays 입금대기', () => {
    const state = placedOrder(
      spec.given([...historyIn.awaiting_payment, ev.cancelledBeforePayment()]).when(cmd.restore()).then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'awaiting_payment')]),
    );
    expect(state.status).toBe('awaiting_payment');
    expect(csStateOf(state)).toBe('normal');
  });

  it('restores the net cancelled quantity of each line (cancelled − restored), lines with nothing cancelled left out', () => {
    spec
      .given([...historyIn.received, ev.lineCancelled(1, 2), ev.lineRestored(1, 1), ev.cancelled([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }])])
      .when(cmd.restore())
      .then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]);
    spec
      .given([...historyIn.received, ev.lineCancelled(1, 2), ev.cancelled([{ lineId: 2, quantity: 3 }]), ev.lineRestored(1, 2)])
      .when(cmd.restore())
      .thenThrows('ORDER_NOT_CANCELLED', 'conflict');
  });

  it('keeps the hold of a held order', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.held, ev.cancelled()]).when(cmd.restore()).then([ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')]));
    expect(state.hold).toEqual({ alarmAt: null });
  });

  it.each<[string, readonly OrderEvent[]]>([
    ['정상', historyIn.received],
    ['부분취소', [...historyIn.received, ev.lineCancelled(1, 1)]],
    ['shipped', historyIn.shipped],
  ])('refuses an order that is not cancelled (%s) with ORDER_NOT_CANCELLED', (_, given) => {
    spec.given(given).when(cmd.restore()).thenThrows('ORDER_NOT_CANCELLED', 'conflict');
  });
});

describe('개별취소 CancelLine', () => {
  it.each(BEFORE_INVOICE)('cancels part of a line in %s; the order is 부분취소', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.cancelLine(1, 1, 'cancel_lost')).then([ev.lineCancelled(1, 1, 'cancel_lost')]));
    expect(ledgerOf(state, 1)).toEqual(ledger({ ordered: 2, cancelled: 1 }));
    expect(csStateOf(state)).toBe('partially_cancelled');
    expect(state.status).toBe(status);
  });

  it('may cancel exactly the active quantity of a line', () => {
    spec.given(historyIn.received).when(cmd.cancelLine(2, 3)).then([ev.lineCancelled(2, 3)]);
    spec.given([...historyIn.received, ev.lineCancelled(2, 1)]).when(cmd.cancelLine(2, 2)).then([ev.lineCancelled(2, 2)]);
    spec.given([...historyIn.received, ev.lineCancelled(2, 3), ev.lineRestored(2, 1)]).when(cmd.cancelLine(2, 1)).then([ev.lineCancelled(2, 1)]);
  });

  it.each<[string, readonly OrderEvent[], number]>([
    ['more than ordered', historyIn.received, 3],
    ['more than still active', [...historyIn.received, ev.lineCancelled(1, 1)], 2],
    ['a fully cancelled line', [...historyIn.received, ev.lineCancelled(1, 2)], 1],
  ])('refuses %s with CANCEL_EXCEEDS_ACTIVE on field quantity', (_, given, quantity) => {
    spec.given(given).when(cmd.cancelLine(1, quantity)).thenThrows('CANCEL_EXCEEDS_ACTIVE', 'invalid', 'quantity');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses quantity %s with INVALID_QUANTITY', (quantity) => {
    spec.given(historyIn.received).when(cmd.cancelLine(1, quantity)).thenThrows('INVALID_QUANTITY', 'invalid', 'quantity');
  });

  it('refuses a line the order does not have with LINE_NOT_FOUND', () => {
    spec.given(historyIn.received).when(cmd.cancelLine(3, 1)).thenThrows('LINE_NOT_FOUND', 'not_found');
  });

  it('cancelling the last active quantity before the invoice cancels the order (전체취소 state)', () => {
    const state = placedOrder(spec.given([...historyIn.preparing, ev.lineCancelled(1, 2)]).when(cmd.cancelLine(2, 3)).then([ev.lineCancelled(2, 3)]));
    expect(csStateOf(state)).toBe('cancelled');
  });

  it('at 송장 part of the order may still be cancelled', () => {
    const state = placedOrder(spec.given(historyIn.invoiced).when(cmd.cancelLine(1, 2)).then([ev.lineCancelled(1, 2)]));
    expect(state.status).toBe('invoiced');
    expect(csStateOf(state)).toBe('partially_cancelled');
  });

  it('at 송장 cancelling the last active quantity is refused with RETURN_REQUIRED', () => {
    spec.given([...historyIn.invoiced, ev.lineCancelled(1, 2)]).when(cmd.cancelLine(2, 3)).thenThrows('RETURN_REQUIRED', 'conflict');
    spec.given([...historyIn.invoiced, ev.lineCancelled(1, 2), ev.lineCancelled(2, 2)]).when(cmd.cancelLine(2, 1)).thenThrows('RETURN_REQUIRED', 'conflict');
  });

  it.each(FROM_SHIPMENT)('is refused after shipping (%s) with RETURN_REQUIRED', (status) => {
    spec.given(historyIn[status]).when(cmd.cancelLine(1, 1)).thenThrows('RETURN_REQUIRED', 'conflict');
  });

  it('is allowed while the order is held', () => {
    spec.given([...historyIn.received, ev.held]).when(cmd.cancelLine(1, 1)).then([ev.lineCancelled(1, 1)]);
  });
});

describe('개별정상복귀 RestoreLine', () => {
  it('restores part of a cancelled quantity; all of it makes the order 정상 again', () => {
    const partly = placedOrder(spec.given([...historyIn.received, ev.lineCancelled(1, 2)]).when(cmd.restoreLine(1, 1)).then([ev.lineRestored(1, 1)]));
    expect(ledgerOf(partly, 1)).toEqual(ledger({ ordered: 2, cancelled: 2, restored: 1 }));
    expect(csStateOf(partly)).toBe('partially_cancelled');
    const whole = placedOrder(spec.given([...historyIn.received, ev.lineCancelled(1, 2), ev.lineRestored(1, 1)]).when(cmd.restoreLine(1, 1)).then([ev.lineRestored(1, 1)]));
    expect(csStateOf(whole)).toBe('normal');
  });

  it('restoring one line of a cancelled order makes it 부분취소, not 전체취소', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.cancelled()]).when(cmd.restoreLine(2, 3)).then([ev.lineRestored(2, 3)]));
    expect(csStateOf(state)).toBe('partially_cancelled');
  });

  it.each(BEFORE_SHIPMENT)('is allowed in %s', (status) => {
    spec.given([...historyIn[status], ev.lineCancelled(1, 1)]).when(cmd.restoreLine(1, 1)).then([ev.lineRestored(1, 1)]);
  });

  it.each<[string, readonly OrderEvent[], number]>([
    ['nothing cancelled', historyIn.received, 1],
    ['more than cancelled', [...historyIn.received, ev.lineCancelled(1, 1)], 2],
    ['more than still cancelled', [...historyIn.received, ev.lineCancelled(1, 2), ev.lineRestored(1, 1)], 2],
  ])('refuses %s with RESTORE_EXCEEDS_CANCELLED on field quantity', (_, given, quantity) => {
    spec.given(given).when(cmd.restoreLine(1, quantity)).thenThrows('RESTORE_EXCEEDS_CANCELLED', 'invalid', 'quantity');
  });

  it.each([0, -2, 0.5])('refuses quantity %s with INVALID_QUANTITY', (quantity) => {
    spec.given([...historyIn.received, ev.lineCancelled(1, 2)]).when(cmd.restoreLine(1, quantity)).thenThrows('INVALID_QUANTITY', 'invalid', 'quantity');
  });

  it('refuses an unknown line with LINE_NOT_FOUND', () => {
    spec.given([...historyIn.received, ev.lineCancelled(1, 2)]).when(cmd.restoreLine(9, 1)).thenThrows('LINE_NOT_FOUND', 'not_found');
  });

  it.each(FROM_SHIPMENT)('is refused after shipping (%s)', (status) => {
    const shippedPartly = [ev.placedPaid, ev.lineCancelled(1, 1), ev.invoiced, ev.shipped([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }])];
    const after = { shipped: [], delivered: [ev.delivered], purchase_confirmed: [ev.delivered, ev.purchaseConfirmed] }[status];
    spec.given([...shippedPartly, ...after]).when(cmd.restoreLine(1, 1)).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});

describe('CS 상태 derivation (정상 / 부분취소 / 전체취소 / 교환 / 반품)', () => {
  const csAfter = (given: readonly OrderEvent[], command: OrderCommand, then: OrderEvent[]): CsState => csStateOf(placedOrder(spec.given(given).when(command).then(then)));

  it('정상 when nothing is cancelled, picked up or exchanged', () => {
    expect(csAfter([], cmd.place(), [ev.placedPaid])).toBe('normal');
    expect(csAfter(historyIn.invoiced, cmd.ship(), [ev.shipped()])).toBe('normal');
  });

  it('부분취소 while some quantity stays cancelled', () => {
    expect(csAfter(historyIn.received, cmd.cancelLine(2, 1), [ev.lineCancelled(2, 1)])).toBe('partially_cancelled');
  });

  it('전체취소 when nothing is active, however it was cancelled', () => {
    expect(csAfter(historyIn.awaiting_payment, cmd.cancel(), [ev.cancelledBeforePayment()])).toBe('cancelled');
    expect(csAfter(historyIn.received, cmd.cancel(), [ev.cancelled()])).toBe('cancelled');
    expect(csAfter([...historyIn.received, ev.lineCancelled(1, 2)], cmd.cancelLine(2, 3), [ev.lineCancelled(2, 3)])).toBe('cancelled');
  });

  it('정상 again once every cancelled quantity is restored', () => {
    expect(csAfter([...historyIn.received, ev.cancelled()], cmd.restore(), [ev.restored([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }], 'received')])).toBe('normal');
  });

  it('반품 once anything was picked up (also on a partly cancelled order)', () => {
    const inbound = [{ productCode: 'P-100', quantity: 1 }];
    expect(csAfter(historyIn.shipped, cmd.pickup([{ lineId: 1, quantity: 1 }]), [ev.pickup(1, [{ lineId: 1, quantity: 1 }], { inbound })])).toBe('return');
    const partly = [ev.placedPaid, ev.lineCancelled(2, 1), ev.invoiced, ev.shipped([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 2 }])];
    expect(csAfter(partly, cmd.pickup([{ lineId: 1, quantity: 1 }]), [ev.pickup(1, [{ lineId: 1, quantity: 1 }], { inbound })])).toBe('return');
  });

  it('교환 once an exchange was taken, before 반품', () => {
    expect(csAfter(historyIn.delivered, cmd.exchange('simple', [{ lineId: 2, quantity: 1 }]), [ev.exchange(1, 'simple', [{ lineId: 2, quantity: 1 }])])).toBe('exchange');
    const pickedUp = [...historyIn.delivered, ev.pickup(1, [{ lineId: 1, quantity: 1 }])];
    expect(csStateOf(placedOrder(pickedUp.reduce(OrderDecider.evolve, OrderDecider.initialState())))).toBe('return');
    expect(csAfter(pickedUp, cmd.exchange('defect', [{ lineId: 2, quantity: 1 }]), [ev.exchange(1, 'defect', [{ lineId: 2, quantity: 1 }])])).toBe('exchange');
  });
});

describe('상품변경 ChangeLineProduct', () => {
  it.each(BEFORE_INVOICE)('puts another product on a line in %s; the line keeps its placed product code', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.changeProduct(1, PLATE)).then([ev.productChanged(1, MUG, PLATE)]));
    const line = state.lines[0];
    expect(line).toMatchObject({ lineId: 1, ...PLATE, quantity: 2, placedProductCode: 'P-100' });
    expect(line?.ledger).toEqual(ledger({ ordered: 2 }));
  });

  it('a second change starts from the current product and still keeps the placed code', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.productChanged(1, MUG, PLATE)]).when(cmd.changeProduct(1, SPOON)).then([ev.productChanged(1, PLATE, SPOON)]));
    expect(state.lines[0]).toMatchObject({ productCode: 'P-200', placedProductCode: 'P-100' });
  });

  it('trims the product code, name and option', () => {
    spec
      .given(historyIn.received)
      .when(cmd.changeProduct(1, { productCode: ' P-300 ', productName: ' 접시 ', option: ' 블랙 ', unitPrice: 8000 }))
      .then([ev.productChanged(1, MUG, PLATE)]);
  });

  it('the same product appends nothing', () => {
    spec.given(historyIn.received).when(cmd.changeProduct(1, MUG)).thenNothing();
    spec.given(historyIn.received).when(cmd.changeProduct(1, { ...MUG, productCode: ' P-100 ' })).thenNothing();
  });

  it('another price or option of the same product is a change', () => {
    spec.given(historyIn.received).when(cmd.changeProduct(1, { ...MUG, option: '블랙' })).then([ev.productChanged(1, MUG, { ...MUG, option: '블랙' })]);
    spec.given(historyIn.received).when(cmd.changeProduct(1, { ...MUG, unitPrice: 9900 })).then([ev.productChanged(1, MUG, { ...MUG, unitPrice: 9900 })]);
  });

  it.each(FROM_INVOICE)('is refused from 송장 on (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.changeProduct(1, PLATE)).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused on a cancelled order (ORDER_CANCELLED) and on a cancelled line (LINE_CANCELLED)', () => {
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.changeProduct(1, PLATE)).thenThrows('ORDER_CANCELLED', 'conflict');
    spec.given([...historyIn.received, ev.lineCancelled(1, 2)]).when(cmd.changeProduct(1, PLATE)).thenThrows('LINE_CANCELLED', 'conflict');
  });

  it('refuses an unknown line with LINE_NOT_FOUND', () => {
    spec.given(historyIn.received).when(cmd.changeProduct(7, PLATE)).thenThrows('LINE_NOT_FOUND', 'not_found');
  });

  it.each<[string, string, LineProduct]>([
    ['FIELD_REQUIRED', 'product.productCode', { ...PLATE, productCode: '  ' }],
    ['FIELD_REQUIRED', 'product.productName', { ...PLATE, productName: '' }],
    ['INVALID_AMOUNT', 'product.unitPrice', { ...PLATE, unitPrice: -1 }],
    ['INVALID_AMOUNT', 'product.unitPrice', { ...PLATE, unitPrice: 0.5 }],
  ])('refuses a bad product with %s on %s', (code, field, product) => {
    spec.given(historyIn.received).when(cmd.changeProduct(1, product)).thenThrows(code, 'invalid', field);
  });
});

describe('상품추가 AddLine', () => {
  it.each(BEFORE_INVOICE)('adds a line in %s with the next line id and a fresh ledger', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.addLine(PLATE, 4)).then([ev.lineAdded(3, PLATE, 4)]));
    expect(state.lines).toHaveLength(3);
    expect(state.lines[2]).toMatchObject({ lineId: 3, ...PLATE, quantity: 4, placedProductCode: 'P-300', ledger: ledger({ ordered: 4 }) });
    expect(csStateOf(state)).toBe('normal');
  });

  it('numbers after the highest line id, and a changed line keeps its own', () => {
    spec
      .given([...historyIn.received, ev.lineAdded(3, PLATE, 1), ev.productChanged(1, MUG, PLATE)])
      .when(cmd.addLine(MUG, 1))
      .then([ev.lineAdded(4, MUG, 1)]);
  });

  it('a line added to a partly cancelled order keeps it 부분취소', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.lineCancelled(1, 1)]).when(cmd.addLine(PLATE, 1)).then([ev.lineAdded(3, PLATE, 1)]));
    expect(csStateOf(state)).toBe('partially_cancelled');
  });

  it.each(FROM_INVOICE)('is refused from 송장 on (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.addLine(PLATE, 1)).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused on a cancelled order', () => {
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.addLine(PLATE, 1)).thenThrows('ORDER_CANCELLED', 'conflict');
  });

  it.each([0, -1, 2.5])('refuses quantity %s on field quantity', (quantity) => {
    spec.given(historyIn.received).when(cmd.addLine(PLATE, quantity)).thenThrows('INVALID_QUANTITY', 'invalid', 'quantity');
  });

  it('refuses a blank product code, naming the field', () => {
    spec.given(historyIn.received).when(cmd.addLine({ ...PLATE, productCode: ' ' }, 1)).thenThrows('FIELD_REQUIRED', 'invalid', 'product.productCode');
  });
});

describe('주문삭제 DeleteOrder', () => {
  it('deletes a received order: a tombstone, the order and its history stay', () => {
    const state = placedOrder(spec.given(historyIn.received).when(cmd.delete()).then([ev.deleted]));
    expect(state.deleted).toBe(true);
    expect(state.status).toBe('received');
    expect(state.lines).toHaveLength(2);
  });

  it('deletes a held or cancelled received order', () => {
    spec.given([...historyIn.received, ev.held]).when(cmd.delete()).then([ev.deleted]);
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.delete()).then([ev.deleted]);
  });

  it.each(['awaiting_payment', 'preparing', 'invoiced', 'shipped', 'delivered', 'purchase_confirmed'] as const)('is refused in %s (a received order only)', (status) => {
    spec.given(historyIn[status]).when(cmd.delete()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a merged order with ORDER_MERGED', () => {
    spec.given([...historyIn.received, ev.merged]).when(cmd.delete()).thenThrows('ORDER_MERGED', 'conflict');
  });

  const deleted = [...historyIn.received, ev.deleted];

  it.each<[string, OrderCommand]>([
    ['입금확인', cmd.confirmPayment()],
    ['전체취소', cmd.cancel()],
    ['전체정상복귀', cmd.restore()],
    ['출고지시서', cmd.print()],
    ['보류설정', cmd.hold()],
    ['보류해제', cmd.release()],
    ['송장입력', cmd.invoice()],
    ['배송처리', cmd.ship()],
    ['배송완료', cmd.deliver()],
    ['구매확정', cmd.confirmPurchase()],
    ['배송정보변경', cmd.changeDelivery({ name: '박수령', address: '부산' })],
    ['개별취소', cmd.cancelLine(1, 1)],
    ['개별정상복귀', cmd.restoreLine(1, 1)],
    ['상품변경', cmd.changeProduct(1, PLATE)],
    ['상품추가', cmd.addLine(PLATE, 1)],
    ['주문삭제', cmd.delete()],
    ['합포금지', cmd.mergeForbidden(true)],
    ['회수', cmd.pickup([{ lineId: 1, quantity: 1 }])],
    ['반품입고', cmd.receive(1, [{ lineId: 1, quantity: 1 }])],
    ['반품예정', cmd.returnExpected(true)],
    ['교환', cmd.exchange('simple', [{ lineId: 1, quantity: 1 }])],
  ])('after 주문삭제, %s is refused with ORDER_DELETED', (_, command) => {
    spec.given(deleted).when(command).thenThrows('ORDER_DELETED', 'conflict');
  });

  it('after 주문삭제 a CS memo and CS 완료 are still recorded', () => {
    spec.given(deleted).when(cmd.memo('삭제 사유 확인')).then([{ type: 'CsMemoAdded', data: { no: NO, text: '삭제 사유 확인' } }]);
    spec.given(deleted).when(cmd.complete(['e-1'])).then([ev.completed(['e-1'])]);
  });

  it('after 주문삭제 re-sending the order changes nothing (ORDER_ALREADY_EXISTS)', () => {
    spec.given(deleted).when(cmd.place()).thenThrows('ORDER_ALREADY_EXISTS', 'conflict');
  });
});

describe('합포금지 SetMergeForbidden', () => {
  it('forbids and allows merging', () => {
    const forbidden = placedOrder(spec.given(historyIn.received).when(cmd.mergeForbidden(true)).then([ev.mergeForbidden]));
    expect(forbidden.mergeForbidden).toBe(true);
    const allowed = placedOrder(spec.given([...historyIn.received, ev.mergeForbidden]).when(cmd.mergeForbidden(false)).then([ev.mergeAllowed]));
    expect(allowed.mergeForbidden).toBe(false);
  });

  it('setting what is already set appends nothing', () => {
    spec.given([...historyIn.received, ev.mergeForbidden]).when(cmd.mergeForbidden(true)).thenNothing();
    spec.given(historyIn.received).when(cmd.mergeForbidden(false)).thenNothing();
  });

  it('a merged order cannot be marked 합포금지 (ORDER_MERGED)', () => {
    spec.given([...historyIn.received, ev.merged]).when(cmd.mergeForbidden(true)).thenThrows('ORDER_MERGED', 'conflict');
  });

  it('is allowed in any status, also after shipping', () => {
    spec.given(historyIn.shipped).when(cmd.mergeForbidden(true)).then([ev.mergeForbidden]);
  });
});

describe('회수 RequestReturnPickup', () => {
  it('picks up shipped quantities; 입고예정 is registered per product by default; the order is 반품', () => {
    const state = placedOrder(
      spec
        .given(historyIn.shipped)
        .when(cmd.pickup([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }]))
        .then([
          ev.pickup(1, [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }], {
            inbound: [
              { productCode: 'P-100', quantity: 1 },
              { productCode: 'P-200', quantity: 3 },
            ],
          }),
        ]),
    );
    expect(state.pickups).toBe(1);
    expect(ledgerOf(state, 1)).toEqual(ledger({ ordered: 2, shipped: 2, pickedUp: 1 }));
    expect(ledgerOf(state, 2)).toEqual(ledger({ ordered: 3, shipped: 3, pickedUp: 3 }));
    expect(csStateOf(state)).toBe('return');
    expect(state.status).toBe('shipped');
  });

  it('a first pickup carries no warning', () => {
    const events = OrderDecider.decide(cmd.pickup([{ lineId: 1, quantity: 1 }]), historyIn.delivered.reduce(OrderDecider.evolve, OrderDecider.initialState()));
    expect(warningsOf(events)).toEqual([]);
  });

  it('the inbound is per product: two lines of one product are summed, under the product the line has now', () => {
    const given = [ev.placedPaid, ev.productChanged(2, SPOON, MUG), ev.lineAdded(3, PLATE, 1), ev.invoiced, ev.shipped([{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 3 }, { lineId: 3, quantity: 1 }])];
    spec
      .given(given)
      .when(cmd.pickup([{ lineId: 1, quantity: 2 }, { lineId: 3, quantity: 1 }, { lineId: 2, quantity: 1 }]))
      .then([
        ev.pickup(1, [{ lineId: 1, quantity: 2 }, { lineId: 3, quantity: 1 }, { lineId: 2, quantity: 1 }], {
          inbound: [
            { productCode: 'P-100', quantity: 3 },
            { productCode: 'P-300', quantity: 1 },
          ],
        }),
      ]);
  });

  it('without 입고예정 nothing is expected in', () => {
    spec.given(historyIn.shipped).when(cmd.pickup([{ lineId: 1, quantity: 2 }], false)).then([ev.pickup(1, [{ lineId: 1, quantity: 2 }], { registerInbound: false })]);
  });

  it('a repeated pickup is allowed with a warning (warningsOf), and 입고예정 then defaults to off', () => {
    const given = [...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 1 }], { inbound: [{ productCode: 'P-100', quantity: 1 }] })];
    const state = placedOrder(
      spec.given(given).when(cmd.pickup([{ lineId: 1, quantity: 1 }])).then([ev.pickup(2, [{ lineId: 1, quantity: 1 }], { repeated: true, registerInbound: false })]),
    );
    expect(state.pickups).toBe(2);
    expect(ledgerOf(state, 1).pickedUp).toBe(2);
    const events = OrderDecider.decide(cmd.pickup([{ lineId: 2, quantity: 1 }]), given.reduce(OrderDecider.evolve, OrderDecider.initialState()));
    expect(warningsOf(events)).toEqual([{ code: 'PICKUP_REPEATED', message: expect.stringContaining('no 입고예정') }]);
  });

  it('a repeated pickup may still register 입고예정 explicitly (the warning then says nothing of 입고예정)', () => {
    const given = [...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 1 }], { inbound: [{ productCode: 'P-100', quantity: 1 }] })];
    spec
      .given(given)
      .when(cmd.pickup([{ lineId: 2, quantity: 2 }], true))
      .then([ev.pickup(2, [{ lineId: 2, quantity: 2 }], { repeated: true, inbound: [{ productCode: 'P-200', quantity: 2 }] })]);
    const events = OrderDecider.decide(cmd.pickup([{ lineId: 2, quantity: 2 }], true), given.reduce(OrderDecider.evolve, OrderDecider.initialState()));
    const [warning] = warningsOf(events);
    expect(warning?.code).toBe('PICKUP_REPEATED');
    expect(warning?.message).not.toContain('입고예정');
  });

  it.each<[string, readonly OrderEvent[], number]>([
    ['more than shipped', historyIn.shipped, 3],
    ['more than shipped and not yet picked up', [...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 1 }])], 2],
    ['a line of which less was shipped (partly cancelled before shipping)', [ev.placedPaid, ev.lineCancelled(1, 1), ev.invoiced, ev.shipped([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }])], 2],
  ])('refuses %s with PICKUP_EXCEEDS_SHIPPED on the line quantity', (_, given, quantity) => {
    spec.given(given).when(cmd.pickup([{ lineId: 1, quantity }])).thenThrows('PICKUP_EXCEEDS_SHIPPED', 'invalid', 'lines[0].quantity');
  });

  it('names the offending entry of the lines', () => {
    spec.given(historyIn.shipped).when(cmd.pickup([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 4 }])).thenThrows('PICKUP_EXCEEDS_SHIPPED', 'invalid', 'lines[1].quantity');
  });

  it.each<[string, string, LineQuantity[]]>([
    ['LINES_REQUIRED', 'lines', []],
    ['DUPLICATE_LINE', 'lines[1].lineId', [{ lineId: 1, quantity: 1 }, { lineId: 1, quantity: 1 }]],
    ['LINE_NOT_FOUND', 'lines[0].lineId', [{ lineId: 3, quantity: 1 }]],
    ['INVALID_QUANTITY', 'lines[0].quantity', [{ lineId: 1, quantity: 0 }]],
    ['INVALID_QUANTITY', 'lines[1].quantity', [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1.5 }]],
  ])('refuses bad lines with %s on %s', (code, field, lines) => {
    spec.given(historyIn.shipped).when(cmd.pickup(lines)).thenThrows(code, 'invalid', field);
  });

  it.each(BEFORE_SHIPMENT)('is refused before shipping (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.pickup([{ lineId: 1, quantity: 1 }])).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it.each(FROM_SHIPMENT)('is allowed in %s', (status) => {
    spec.given(historyIn[status]).when(cmd.pickup([{ lineId: 2, quantity: 1 }], false)).then([ev.pickup(1, [{ lineId: 2, quantity: 1 }], { registerInbound: false })]);
  });
});

describe('반품입고 ReceiveReturn', () => {
  const pickedUp = [...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 1 }])];

  it('records picked-up quantities arriving back, with the 입고예정 of a pickup that registered it', () => {
    const state = placedOrder(
      spec.given(pickedUp).when(cmd.receive(1, [{ lineId: 1, quantity: 2 }])).then([ev.returnReceived(1, [{ lineId: 1, quantity: 2 }], [{ productCode: 'P-100', quantity: 2 }])]),
    );
    expect(ledgerOf(state, 1)).toEqual(ledger({ ordered: 2, shipped: 2, pickedUp: 2, returned: 2 }));
    expect(csStateOf(state)).toBe('return');
  });

  it('may arrive in parts, never more than picked up in all', () => {
    const given = [...pickedUp, ev.returnReceived(1, [{ lineId: 1, quantity: 1 }])];
    spec
      .given(given)
      .when(cmd.receive(1, [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }]))
      .then([ev.returnReceived(1, [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }], [{ productCode: 'P-100', quantity: 1 }, { productCode: 'P-200', quantity: 1 }])]);
    spec.given(given).when(cmd.receive(1, [{ lineId: 1, quantity: 2 }])).thenThrows('RETURN_EXCEEDS_PICKED_UP', 'invalid', 'lines[0].quantity');
  });

  it.each<[string, LineQuantity[], string]>([
    ['more than picked up', [{ lineId: 2, quantity: 2 }], 'lines[0].quantity'],
    ['more than picked up, on the second entry', [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 2 }], 'lines[1].quantity'],
  ])('refuses %s with RETURN_EXCEEDS_PICKED_UP', (_, lines, field) => {
    spec.given(pickedUp).when(cmd.receive(1, lines)).thenThrows('RETURN_EXCEEDS_PICKED_UP', 'invalid', field);
  });

  it('refuses a shipped line that was never picked up with RETURN_EXCEEDS_PICKED_UP', () => {
    spec.given([...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 1 }])]).when(cmd.receive(1, [{ lineId: 2, quantity: 1 }])).thenThrows('RETURN_EXCEEDS_PICKED_UP', 'invalid', 'lines[0].quantity');
  });

  // 반품관리 follows each pickup from requested to arrived: what arrives for a pickup is what that pickup took.
  const twoPickups = (first: LineQuantity[], second: LineQuantity[]): OrderEvent[] => [
    ...historyIn.shipped,
    ev.pickup(1, first),
    ev.pickup(2, second, { repeated: true, registerInbound: false }),
  ];
  it.each<[string, OrderEvent[], number, LineQuantity[]]>([
    ['more of a line than pickup 1 took (the rest came with pickup 2)', twoPickups([{ lineId: 1, quantity: 1 }], [{ lineId: 1, quantity: 1 }]), 1, [{ lineId: 1, quantity: 2 }]],
    ['for pickup 1, a line only pickup 2 took', twoPickups([{ lineId: 1, quantity: 1 }], [{ lineId: 2, quantity: 1 }]), 1, [{ lineId: 2, quantity: 1 }]],
    ['for pickup 2, a line only pickup 1 took', twoPickups([{ lineId: 1, quantity: 2 }], [{ lineId: 2, quantity: 1 }]), 2, [{ lineId: 1, quantity: 1 }]],
  ])('refuses %s with RETURN_EXCEEDS_PICKED_UP', (_, given, pickupId, lines) => {
    spec.given(given).when(cmd.receive(pickupId, lines)).thenThrows('RETURN_EXCEEDS_PICKED_UP', 'invalid', 'lines[0].quantity');
  });

  it('accepts, for one pickup, what that pickup took while another pickup is open', () => {
    spec
      .given(twoPickups([{ lineId: 1, quantity: 1 }], [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }]))
      .when(cmd.receive(2, [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }]))
      .then([ev.returnReceived(2, [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }])]);
  });

  it.each([0, 2, -1, 1.5])('refuses pickup %s that the order does not have with PICKUP_NOT_FOUND', (pickupId) => {
    spec.given(pickedUp).when(cmd.receive(pickupId, [{ lineId: 1, quantity: 1 }])).thenThrows('PICKUP_NOT_FOUND', 'not_found');
  });

  it('refuses any receipt on an order without a pickup', () => {
    spec.given(historyIn.delivered).when(cmd.receive(1, [{ lineId: 1, quantity: 1 }])).thenThrows('PICKUP_NOT_FOUND', 'not_found');
  });

  it('refuses bad lines', () => {
    spec.given(pickedUp).when(cmd.receive(1, [])).thenThrows('LINES_REQUIRED', 'invalid', 'lines');
    spec.given(pickedUp).when(cmd.receive(1, [{ lineId: 5, quantity: 1 }])).thenThrows('LINE_NOT_FOUND', 'invalid', 'lines[0].lineId');
    spec.given(pickedUp).when(cmd.receive(1, [{ lineId: 1, quantity: -1 }])).thenThrows('INVALID_QUANTITY', 'invalid', 'lines[0].quantity');
  });
});

describe('반품예정 SetReturnExpected', () => {
  it.each(FROM_SHIPMENT)('marks a shipped order (%s) and clears the mark', (status) => {
    const marked = placedOrder(spec.given(historyIn[status]).when(cmd.returnExpected(true)).then([ev.returnExpectedMarked]));
    expect(marked.returnExpected).toBe(true);
    const cleared = placedOrder(spec.given([...historyIn[status], ev.returnExpectedMarked]).when(cmd.returnExpected(false)).then([ev.returnExpectedCleared]));
    expect(cleared.returnExpected).toBe(false);
  });

  it('setting what is already set appends nothing', () => {
    spec.given([...historyIn.shipped, ev.returnExpectedMarked]).when(cmd.returnExpected(true)).thenNothing();
    spec.given(historyIn.shipped).when(cmd.returnExpected(false)).thenNothing();
    spec.given(historyIn.received).when(cmd.returnExpected(false)).thenNothing();
  });

  it.each(BEFORE_SHIPMENT)('is refused before shipping (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.returnExpected(true)).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});

describe('교환 RequestExchange', () => {
  it.each(EXCHANGE_TYPES)('takes an exchange of type %s on shipped quantities; the order is 교환', (exchangeType) => {
    const state = placedOrder(spec.given(historyIn.delivered).when(cmd.exchange(exchangeType, [{ lineId: 1, quantity: 2 }])).then([ev.exchange(1, exchangeType, [{ lineId: 1, quantity: 2 }])]));
    expect(state.exchanges).toBe(1);
    expect(state.lines[0]?.exchanged).toBe(2);
    expect(csStateOf(state)).toBe('exchange');
    expect(ledgerOf(state, 1)).toEqual(ledger({ ordered: 2, shipped: 2 }));
  });

  it('numbers the exchanges of an order', () => {
    spec
      .given([...historyIn.shipped, ev.exchange(1, 'simple', [{ lineId: 1, quantity: 1 }])])
      .when(cmd.exchange('wrong_delivery', [{ lineId: 2, quantity: 3 }]))
      .then([ev.exchange(2, 'wrong_delivery', [{ lineId: 2, quantity: 3 }])]);
  });

  it.each<[string, readonly OrderEvent[], number]>([
    ['more than shipped', historyIn.shipped, 3],
    ['more than shipped and not returned', [...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 1 }]), ev.returnReceived(1, [{ lineId: 1, quantity: 1 }])], 2],
    ['a unit exchanged before (each shipped unit once)', [...historyIn.shipped, ev.exchange(1, 'simple', [{ lineId: 1, quantity: 2 }])], 1],
  ])('refuses %s with EXCHANGE_EXCEEDS_SHIPPED', (_, given, quantity) => {
    spec.given(given).when(cmd.exchange('quality', [{ lineId: 1, quantity }])).thenThrows('EXCHANGE_EXCEEDS_SHIPPED', 'invalid', 'lines[0].quantity');
  });

  it('refuses bad lines', () => {
    spec.given(historyIn.shipped).when(cmd.exchange('product', [])).thenThrows('LINES_REQUIRED', 'invalid', 'lines');
    spec.given(historyIn.shipped).when(cmd.exchange('product', [{ lineId: 2, quantity: 1 }, { lineId: 2, quantity: 1 }])).thenThrows('DUPLICATE_LINE', 'invalid', 'lines[1].lineId');
  });

  it.each(BEFORE_SHIPMENT)('is refused before shipping (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.exchange('defect', [{ lineId: 1, quantity: 1 }])).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});

describe('CS 완료 CompleteCsEntries', () => {
  it('marks entries 완료', () => {
    const state = placedOrder(spec.given(historyIn.received).when(cmd.complete(['e-1', 'e-2'])).then([ev.completed(['e-1', 'e-2'])]));
    expect(state.completedEntries).toEqual(['e-1', 'e-2']);
  });

  it('is idempotent: entries already 완료 are left out, all of them ⇒ nothing', () => {
    const given = [...historyIn.received, ev.completed(['e-1', 'e-2'])];
    spec.given(given).when(cmd.complete(['e-2', 'e-1'])).thenNothing();
    spec.given(given).when(cmd.complete(['e-2', 'e-3'])).then([ev.completed(['e-3'])]);
  });

  it('names an entry once, however often it is given', () => {
    spec.given(historyIn.received).when(cmd.complete(['e-4', 'e-4', 'e-5'])).then([ev.completed(['e-4', 'e-5'])]);
  });

  it('needs at least one entry', () => {
    spec.given(historyIn.received).when(cmd.complete([])).thenThrows('ENTRIES_REQUIRED', 'invalid', 'entryIds');
  });

  it('is allowed on a cancelled order', () => {
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.complete(['e-1'])).then([ev.completed(['e-1'])]);
  });
});

describe('a non-existent order', () => {
  it.each<[string, OrderCommand]>([
    ['배송정보변경', cmd.changeDelivery(RECIPIENT)],
    ['전체정상복귀', cmd.restore()],
    ['개별취소', cmd.cancelLine(1, 1)],
    ['개별정상복귀', cmd.restoreLine(1, 1)],
    ['상품변경', cmd.changeProduct(1, PLATE)],
    ['상품추가', cmd.addLine(PLATE, 1)],
    ['주문삭제', cmd.delete()],
    ['합포금지', cmd.mergeForbidden(true)],
    ['회수', cmd.pickup([{ lineId: 1, quantity: 1 }])],
    ['반품입고', cmd.receive(1, [{ lineId: 1, quantity: 1 }])],
    ['반품예정', cmd.returnExpected(true)],
    ['교환', cmd.exchange('simple', [{ lineId: 1, quantity: 1 }])],
    ['CS 완료', cmd.complete(['e-1'])],
  ])('%s → ORDER_NOT_FOUND', (_, command) => {
    spec.given([]).when(command).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });
});
