/**
 * What the one-order specs share: order 1001 as placed — line 1 머그컵 ×2 (P-100), line 2 티스푼 ×3
 * (P-200) — the command builders `cmd` and `spec`, the given / when / then of the order decider.
 * The events of a history are in events.ts (and mainPathEvents.ts); across orders see acrossOrders.ts.
 */
import { expect } from 'vitest';
import type { CommandMetadata } from '../../decider.js';
import { deciderSpec } from '../../testing/deciderSpec.js';
import type { CancelReason, ExchangeType, LineLedger, LineProduct, LineQuantity, OrderEvent, OrderState, PlacedOrder, Recipient } from '../order.js';
import type { CsCommandOf, OrderCommand } from '../orderDecider.js';
import { OrderDecider } from '../orderDecider.js';

export type PlaceOrder = CsCommandOf<'PlaceOrder'>;

export const spec = deciderSpec(OrderDecider, { assertEqual: (actual, expected) => expect(actual).toEqual(expected) });

export const NO = 1001;
export const AT = '2026-03-02T09:00:00.000Z';
export const metadata: CommandMetadata = { actor: 'cs-kim', role: 'cs', at: AT };

export const placedOrder = (state: OrderState | undefined): PlacedOrder => {
  if (state?.kind !== 'placed') throw new Error('expected a placed order');
  return state;
};
export const ledgerOf = (state: OrderState, lineId: number): LineLedger => {
  const line = placedOrder(state).lines.find((l) => l.lineId === lineId);
  if (!line) throw new Error(`no line ${lineId}`);
  return line.ledger;
};
export const ledger = (l: Partial<LineLedger> & { ordered: number }): LineLedger => ({ cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0, ...l });

export const RECIPIENT: Recipient = { name: '이수령', mobile: '010-8765-4321', zip: '06236', address: '서울 강남구 테헤란로 1', memo: '문 앞' };
export const MUG: LineProduct = { productCode: 'P-100', productName: '머그컵', option: '화이트', unitPrice: 12000 };
export const SPOON: LineProduct = { productCode: 'P-200', productName: '티스푼', option: '', unitPrice: 2000 };
export const PLATE: LineProduct = { productCode: 'P-300', productName: '접시', option: '블랙', unitPrice: 8000 };

export const placeData = (overrides: Partial<PlaceOrder['data']> = {}): PlaceOrder['data'] => ({
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
  ...overrides,
});

/** The OrderPlaced that `cmd.place()` (paid or not) appends. */
export const placedEvent = (paid: boolean): OrderEvent => {
  const d = placeData({ paid });
  return {
    type: 'OrderPlaced',
    data: {
      copiedFrom: null,
      replacementOf: null,
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

/** The product on a line of placeData (line 3 is the one 상품추가 tests add: a PLATE). */
export const itemOfLine = (lineId: number): LineProduct => [MUG, SPOON, PLATE][lineId - 1] ?? MUG;
export const item = ({ productCode, productName, option }: LineProduct) => ({ productCode, productName, option });

export const cmd = {
  place: (overrides: Partial<PlaceOrder['data']> = {}): OrderCommand => ({ type: 'PlaceOrder', data: placeData(overrides), metadata }),
  confirmPayment: (): OrderCommand => ({ type: 'ConfirmPayment', data: {}, metadata }),
  cancel: (reason: CancelReason = 'cancel_delay'): OrderCommand => ({ type: 'CancelOrder', data: { reason }, metadata }),
  restore: (): OrderCommand => ({ type: 'RestoreOrder', data: {}, metadata }),
  print: (): OrderCommand => ({ type: 'PrintShippingInstruction', data: {}, metadata }),
  hold: (alarmAt?: string): OrderCommand => ({ type: 'HoldOrder', data: alarmAt === undefined ? {} : { alarmAt }, metadata }),
  release: (): OrderCommand => ({ type: 'ReleaseHold', data: {}, metadata }),
  invoice: (trackingNumber = '123456789012', carrier = 'cj'): OrderCommand => ({ type: 'EnterInvoice', data: { carrier, trackingNumber }, metadata }),
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
  receive: (pickupId: number, lines: (LineQuantity & { damaged?: number })[]): OrderCommand => ({ type: 'ReceiveReturn', data: { pickupId, lines }, metadata }),
  fees: (pickupId: number, fees: CsCommandOf<'RecordReturnFees'>['data']['fees'], reason?: string): OrderCommand => ({ type: 'RecordReturnFees', data: { pickupId, fees, ...(reason === undefined ? {} : { reason }) }, metadata }),
  completeReturn: (pickupId: number, memo?: string): OrderCommand => ({ type: 'CompleteReturn', data: { pickupId }, metadata: { ...metadata, memo } }),
  returnExpected: (expected: boolean): OrderCommand => ({ type: 'SetReturnExpected', data: { expected }, metadata }),
  exchange: (exchangeType: ExchangeType, lines: (LineQuantity & { product?: LineProduct })[], replacementNo = 2001, registerInbound?: boolean): CsCommandOf<'RequestExchange'> => ({
    type: 'RequestExchange',
    data: { exchangeType, lines, replacementNo, ...(registerInbound === undefined ? {} : { registerInbound }) },
    metadata,
  }),
  complete: (entryIds: string[]): OrderCommand => ({ type: 'CompleteCsEntries', data: { entryIds }, metadata }),
};
