/** 판매처취소 and 취소철회 (channelCancellation.ts): the manuals' scenarios on order 1001 (머그컵 ×2, 티스푼 ×3). */
import { describe, expect, it } from 'vitest';
import type { ChannelCancellation, ChannelLineRef } from './channelCancellation.js';
import type { OrderEvent, OrderStatus } from '../order.js';
import { evolveOrder, initialOrderState, toRestoreOf } from '../order.js';
import type { OrderCommand } from '../orderDecider.js';
import { decideOrder } from '../orderDecider.js';
import { decideAcrossOrders } from '../crossOrderDecider.js';
import { A, B, packageOf } from '../testing/acrossOrders.js';
import { ev, historyIn } from '../testing/events.js';
import { cmd, item, metadata, MUG, NO, placedOrder, spec } from '../testing/fixtures.js';

const claim = (o: Partial<ChannelCancellation> & { line?: ChannelLineRef } = {}): ChannelCancellation => ({
  channel: '스마트스토어',
  cancellationId: 'CL-1',
  channelOrderNo: 'SS-20260302-0001',
  line: { productCode: 'P-100' },
  quantity: 1,
  kind: 'cancel',
  cancelledAt: '2026-03-02T10:00:00+09:00',
  reason: 'return_refund',
  channelReason: '단순변심',
  ...o,
});
const receive = (c: ChannelCancellation = claim()): OrderCommand => ({ type: 'ReceiveChannelCancellation', data: { cancellation: c }, metadata });
const withdraw = (cancellationId = 'CL-1'): OrderCommand => ({ type: 'WithdrawChannelCancellation', data: { cancellationId, withdrawnAt: '2026-03-02T12:00:00+09:00' }, metadata });
const confirm = (lineId = 1): OrderCommand => ({ type: 'ConfirmCancelWithdrawal', data: { lineId }, metadata });

/** The event a claim of the default shape decides, with what it cancelled here. */
const received = (o: { cancelType: 'received_cancel' | 'invoiced_cancel' | 'shipped_cancel' | 'shipped_return'; cancelled: number; held: boolean; c?: ChannelCancellation }): OrderEvent => {
  const { line: _line, ...c } = o.c ?? claim();
  return { type: 'ChannelCancellationReceived', data: { ...c, no: NO, lineId: 1, item: item(MUG), orderedQuantity: 2, cancelType: o.cancelType, cancelled: o.cancelled, held: o.held } };
};

/** Runs commands on a history; the state after them. */
const run = (history: readonly OrderEvent[], ...commands: OrderCommand[]) => {
  let state = history.reduce(evolveOrder, initialOrderState());
  for (const c of commands) state = decideOrder(c, state).reduce(evolveOrder, state);
  return placedOrder(state);
};
const toRestore = (history: readonly OrderEvent[], ...commands: OrderCommand[]) => {
  const order = run(history, ...commands);
  return order.lines.map((l) => toRestoreOf(order, l));
};

describe('판매처취소 before shipping (배송전 취소)', () => {
  it.each<[OrderStatus, 'received_cancel' | 'invoiced_cancel']>([
    ['awaiting_payment', 'received_cancel'],
    ['received', 'received_cancel'],
    ['preparing', 'received_cancel'],
    ['invoiced', 'invoiced_cancel'],
  ])('in %s: exactly the channel\'s 1 of 2 is cancelled, the order is held (%s)', (status, cancelType) => {
    const after = spec.given(historyIn[status]).when(receive()).then([received({ cancelType, cancelled: 1, held: true })]);
    const order = placedOrder(after);
    expect(order.lines[0]?.ledger).toMatchObject({ ordered: 2, cancelled: 1 });
    expect(order.hold).toEqual({ alarmAt: null });
    expect(toRestore(historyIn[status], receive())).toEqual([0, 0]);
  });

  it('at 송장 the box must not leave: 배송처리 is refused while held', () => {
    spec.given([...historyIn.invoiced, received({ cancelType: 'invoiced_cancel', cancelled: 1, held: true })]).when(cmd.ship()).thenThrows('ORDER_HELD', 'conflict');
  });

  it('a worker already cancelled it by hand: nothing more is cancelled, the claim is recorded and matched', () => {
    const history = [...historyIn.received, ev.lineCancelled(1, 1)];
    spec.given(history).when(receive()).then([received({ cancelType: 'received_cancel', cancelled: 0, held: false })]);
    expect(toRestore(history, receive())).toEqual([0, 0]);
  });

  it('never beyond what is active: with 1 of 2 cancelled by hand, a channel claim of 2 cancels the 1 left', () => {
    const c = claim({ quantity: 2 });
    spec.given([...historyIn.received, ev.lineCancelled(1, 1)]).when(receive(c)).then([received({ cancelType: 'received_cancel', cancelled: 1, held: true, c })]);
  });

  it('a second claim on the line adds up to what the channel has cancelled', () => {
    const second = claim({ cancellationId: 'CL-2' });
    const order = run(historyIn.received, receive(), receive(second));
    expect(order.lines[0]?.ledger.cancelled).toBe(2);
  });
});

describe('판매처취소 after shipping (배송후 취소)', () => {
  it.each<[OrderStatus, 'cancel' | 'return', 'shipped_cancel' | 'shipped_return']>([
    ['shipped', 'cancel', 'shipped_cancel'],
    ['delivered', 'return', 'shipped_return'],
    ['purchase_confirmed', 'return', 'shipped_return'],
  ])('in %s (%s): nothing is cancelled, nothing held, typed %s', (status, kind, cancelType) => {
    const c = claim({ kind });
    const after = spec.given(historyIn[status]).when(receive(c)).then([received({ cancelType, cancelled: 0, held: false, c })]);
    expect(placedOrder(after).lines[0]?.ledger.cancelled).toBe(0);
    expect(placedOrder(after).hold).toBeNull();
  });
});

describe('취소철회조회: what must be put back, derived', () => {
  it('a worker cancelled all by hand, the channel cancelled 1 of 2 머그컵: 1 머그컵 and the 3 티스푼 to restore; 개별정상복귀 clears each', () => {
    const history = [...historyIn.received, ev.cancelled()];
    expect(toRestore(history, receive())).toEqual([1, 3]);
    expect(toRestore(history, receive(), cmd.restoreLine(1, 1))).toEqual([0, 3]);
    expect(toRestore(history, receive(), cmd.restoreLine(1, 1), cmd.restoreLine(2, 3))).toEqual([0, 0]);
  });

  it('a withdrawal lists what the claim cancelled; restoring clears it', () => {
    expect(toRestore(historyIn.received, receive(), withdraw())).toEqual([1, 0]);
    expect(toRestore(historyIn.received, receive(), withdraw(), cmd.restoreLine(1, 1))).toEqual([0, 0]);
  });

  it('a claim received after shipping never counts against what was cancelled here', () => {
    const shippedAfterHandCancel = [ev.placedPaid, ev.lineCancelled(1, 1), ev.printed, ev.invoiced, ev.shipped([{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 3 }])];
    expect(toRestore(shippedAfterHandCancel, receive())).toEqual([1, 0]);
  });

  it('an order without a channel cancellation lists nothing, whatever a worker cancelled', () => {
    expect(toRestore([...historyIn.received, ev.cancelled()])).toEqual([0, 0]);
  });

  it('a second withdrawal decides nothing; an unknown claim is CANCELLATION_NOT_FOUND', () => {
    const history = [...historyIn.received, received({ cancelType: 'received_cancel', cancelled: 1, held: true })];
    spec.given(history).when(withdraw()).then([
      { type: 'ChannelCancellationWithdrawn', data: { no: NO, channel: '스마트스토어', cancellationId: 'CL-1', lineId: 1, item: item(MUG), quantity: 1, withdrawnAt: '2026-03-02T12:00:00+09:00' } },
    ]);
    const withdrawn = run(history, withdraw());
    expect(withdrawn.channelClaims[0]?.withdrawnAt).toBe('2026-03-02T12:00:00+09:00');
    spec.given(history).when(withdraw('CL-9')).thenThrows('CANCELLATION_NOT_FOUND', 'not_found');
  });

  it('확인 acknowledges the figure without restoring; a different figure shows again', () => {
    const history = [...historyIn.received, ev.cancelled()];
    const confirmed = run(history, receive(), confirm());
    expect(confirmed.restoreConfirmed).toEqual([{ lineId: 1, quantity: 1 }]);
    expect(confirmed.lines[0]?.ledger.cancelled).toBe(2);
    expect(() => decideOrder(confirm(), confirmed)).not.toThrow();
    expect(decideOrder(confirm(), confirmed)).toEqual([]);
    spec.given(history).when(confirm(2)).thenThrows('NOTHING_TO_RESTORE', 'conflict');
  });
});

describe('which line a claim is about', () => {
  it('by 상품주문번호 when the connector sent it', () => {
    const placedWithLineNos: OrderEvent = { ...ev.placedPaid, data: { ...(ev.placedPaid.data as object), lines: [{ ...MUG, quantity: 2, lineId: 1, channelLineNo: 'PO-1' }, { ...MUG, quantity: 3, lineId: 2, channelLineNo: 'PO-2' }] } } as unknown as OrderEvent;
    const order = run([placedWithLineNos], receive(claim({ line: { channelLineNo: 'PO-2' } })));
    expect(order.lines.map((l) => l.ledger.cancelled)).toEqual([0, 1]);
    // The same product on two lines, named by its code: which one is not known.
    spec.given([placedWithLineNos]).when(receive(claim({ line: { productCode: 'P-100' } }))).thenThrows('LINE_AMBIGUOUS', 'invalid', 'line');
  });

  it('by product name and option', () => {
    expect(run(historyIn.received, receive(claim({ line: { productName: '티스푼', option: '' } }))).lines.map((l) => l.ledger.cancelled)).toEqual([0, 1]);
  });

  it('no such line, or more than the line ever ordered, is refused', () => {
    spec.given(historyIn.received).when(receive(claim({ line: { productCode: 'P-999' } }))).thenThrows('LINE_NOT_FOUND', 'not_found');
    spec.given(historyIn.received).when(receive(claim({ quantity: 3 }))).thenThrows('QUANTITY_EXCEEDS_ORDERED', 'invalid', 'quantity');
    spec.given([]).when(receive()).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });
});

describe('판매처취소 of a merged order (합포)', () => {
  it('cancelled in full by the channel, the order leaves its package in the same append; in part, it stays', () => {
    const pkg = packageOf([A, B]);
    const channelClaim = (no: number, productCode: string, quantity: number, id: string): OrderCommand => ({
      type: 'ReceiveChannelCancellation',
      data: { cancellation: claim({ cancellationId: id, channelOrderNo: `ord${no}`, line: { productCode }, quantity }) },
      metadata,
    });
    const after = decideAcrossOrdersOf(pkg, B, channelClaim(B, 'P-200', 1, 'CL-P'));
    expect([...after.keys()]).toEqual([B]);
    // 머그컵 ×1 and 티스푼 ×2: the channel cancels both lines, the last one empties the order.
    const first = decideAcrossOrdersOf(pkg, B, channelClaim(B, 'P-100', 1, 'CL-1'));
    const withMug = { ...pkg, [B]: [...(pkg[B] ?? []), ...(first.get(B) ?? [])] };
    const last = decideAcrossOrdersOf(withMug, B, channelClaim(B, 'P-200', 2, 'CL-2'));
    expect(last.get(B)?.map((e) => e.type)).toEqual(['ChannelCancellationReceived', 'OrderUnmerged']);
    expect(last.get(A)?.map((e) => e.type)).toEqual(['OrderUnmerged']);
  });
});

/** Decides a command across the orders of `histories`, as the command path loads them. */
const decideAcrossOrdersOf = (histories: Readonly<Record<number, readonly OrderEvent[]>>, no: number, command: OrderCommand) => {
  const states = new Map(Object.entries(histories).map(([n, events]) => [Number(n), events.reduce(evolveOrder, initialOrderState())] as const));
  return decideAcrossOrders(no, command, states);
};
