/** 회수, 반품입고 and 반품예정 (returns.ts) as given / when / then. */
import { describe, expect, it } from 'vitest';
import type { LineQuantity, OrderEvent } from '../order.js';
import type { OrderCommand } from '../orderDecider.js';
import { csStateOf, warningsOf } from '../order.js';
import { OrderDecider } from '../orderDecider.js';
import { BEFORE_SHIPMENT, ev, FROM_SHIPMENT, historyIn } from '../testing/events.js';
import { cmd, ledger, ledgerOf, metadata, MUG, NO, placedOrder, PLATE, SPOON, spec } from '../testing/fixtures.js';

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

describe('the return to its end: conditions, fees, 완료처리, the claim it answers', () => {
  const picked = [...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 2 }], { inbound: [{ productCode: 'P-100', quantity: 2 }] })];
  const fees = (site: [number, number], enclosed: [number, number] = [0, 0], transfer: [number, number] = [0, 0]) => ({
    site: { expected: site[0], arrived: site[1] },
    enclosed: { expected: enclosed[0], arrived: enclosed[1] },
    transfer: { expected: transfer[0], arrived: transfer[1] },
  });

  it('damaged units arrive but are not restocked; the resellable ones are', () => {
    const state = placedOrder(
      spec
        .given(picked)
        .when(cmd.receive(1, [{ lineId: 1, quantity: 2, damaged: 1 }]))
        .then([ev.returnReceived(1, [{ lineId: 1, quantity: 2 }], [{ productCode: 'P-100', quantity: 2 }], { damaged: [{ lineId: 1, quantity: 1 }], restocked: [{ productCode: 'P-100', quantity: 1 }] })]),
    );
    expect(state.returnPickups[0]).toMatchObject({ received: [{ lineId: 1, quantity: 2 }], damaged: [{ lineId: 1, quantity: 1 }] });
    spec.given(picked).when(cmd.receive(1, [{ lineId: 1, quantity: 1, damaged: 2 }])).thenThrows('INVALID_DAMAGED', 'invalid', 'lines[0].damaged');
  });

  it('a pickup without 입고예정 restocks nothing', () => {
    const given = [...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 1 }], { registerInbound: false })];
    spec.given(given).when(cmd.receive(1, [{ lineId: 1, quantity: 1 }])).then([ev.returnReceived(1, [{ lineId: 1, quantity: 1 }], [], { restocked: [] })]);
  });

  it('fees: expected and arrived per route, routes not named keep theirs; the same figures again append nothing', () => {
    const first = fees([3000, 0], [0, 0], [0, 0]);
    const state = placedOrder(spec.given(picked).when(cmd.fees(1, { site: { expected: 3000 } })).then([ev.feesRecorded(1, first)]));
    expect(state.returnPickups[0]?.fees).toEqual(first);
    spec.given([...picked, ev.feesRecorded(1, first)]).when(cmd.fees(1, { enclosed: { expected: 6000, arrived: 5000 } })).then([ev.feesRecorded(1, fees([3000, 0], [6000, 5000]))]);
    spec.given([...picked, ev.feesRecorded(1, first)]).when(cmd.fees(1, { site: { expected: 3000 } })).then([]);
  });

  it('미수 below zero needs the reason; amounts are whole and ≥ 0', () => {
    spec.given(picked).when(cmd.fees(1, { transfer: { arrived: 1000 } })).thenThrows('FEE_OVERPAID_NEEDS_REASON', 'invalid', 'reason');
    spec.given(picked).when(cmd.fees(1, { transfer: { arrived: 1000 } }, '고객 추가 입금')).then([ev.feesRecorded(1, fees([0, 0], [0, 0], [0, 1000]), '고객 추가 입금')]);
    spec.given(picked).when(cmd.fees(1, { site: { expected: -1 } })).thenThrows('INVALID_AMOUNT', 'invalid', 'fees.site.expected');
    spec.given(picked).when(cmd.fees(2, { site: { expected: 1 } })).thenThrows('PICKUP_NOT_FOUND', 'not_found');
  });

  it('완료처리 with 미수 or goods not arrived needs a memo; with neither it needs none; twice appends nothing', () => {
    const arrived = [...picked, ev.returnReceived(1, [{ lineId: 1, quantity: 2 }], [{ productCode: 'P-100', quantity: 2 }])];
    spec.given(picked).when(cmd.completeReturn(1)).thenThrows('COMPLETION_NEEDS_MEMO', 'invalid', 'memo');
    spec.given([...arrived, ev.feesRecorded(1, fees([3000, 0]))]).when(cmd.completeReturn(1)).thenThrows('COMPLETION_NEEDS_MEMO', 'invalid', 'memo');
    spec.given([...arrived, ev.feesRecorded(1, fees([3000, 0]))]).when(cmd.completeReturn(1, '미수 고객 환불금에서 차감')).then([ev.returnCompleted(1, 3000, 0)]);
    spec.given(picked).when(cmd.completeReturn(1, '분실 처리')).then([ev.returnCompleted(1, 0, 2)]);
    spec.given(arrived).when(cmd.completeReturn(1)).then([ev.returnCompleted(1)]);
    spec.given([...arrived, ev.returnCompleted(1)]).when(cmd.completeReturn(1)).then([]);
  });

  it('a completed pickup takes no arrival and no fee change', () => {
    const completed = [...picked, ev.returnCompleted(1, 0, 2)];
    spec.given(completed).when(cmd.receive(1, [{ lineId: 1, quantity: 1 }])).thenThrows('RETURN_COMPLETED', 'conflict');
    spec.given(completed).when(cmd.fees(1, { site: { arrived: 3000 } })).thenThrows('RETURN_COMPLETED', 'conflict');
  });

  it('a pickup may answer a channel cancellation received after shipping, once', () => {
    const claim = (beforeShipping: boolean): OrderEvent => ({
      type: 'ChannelCancellationReceived',
      data: {
        no: NO,
        channel: '스마트스토어',
        cancellationId: 'CL-9',
        channelOrderNo: 'CH-1',
        lineId: 1,
        item: { productCode: 'P-100', productName: '머그컵', option: '' },
        orderedQuantity: 2,
        quantity: 1,
        cancelled: 0,
        kind: 'return',
        cancelType: beforeShipping ? 'invoiced_cancel' : 'shipped_return',
        reason: 'return_refund',
        channelReason: '단순변심',
        cancelledAt: '2026-03-05T10:00:00.000Z',
        held: false,
      },
    } as unknown as OrderEvent);
    const ref = { channel: '스마트스토어', cancellationId: 'CL-9' };
    const pickup = (claimRef = ref): OrderCommand => ({ type: 'RequestReturnPickup', data: { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_refund', claim: claimRef }, metadata });
    const state = placedOrder(spec.given([...historyIn.shipped, claim(false)]).when(pickup()).then([ev.pickup(1, [{ lineId: 1, quantity: 1 }], { reason: 'return_refund', inbound: [{ productCode: 'P-100', quantity: 1 }], claim: ref })]));
    expect(state.returnPickups[0]?.claim).toEqual(ref);
    spec.given([...historyIn.shipped, claim(false)]).when(pickup({ channel: '스마트스토어', cancellationId: 'CL-0' })).thenThrows('CANCELLATION_NOT_FOUND', 'invalid', 'claim.cancellationId');
    spec.given([...historyIn.shipped, claim(true)]).when(pickup()).thenThrows('CANCELLATION_BEFORE_SHIPPING', 'invalid', 'claim.cancellationId');
    spec.given([...historyIn.shipped, claim(false), ev.pickup(1, [{ lineId: 1, quantity: 1 }], { claim: ref })]).when(pickup()).thenThrows('CANCELLATION_ALREADY_ANSWERED', 'conflict');
  });
});
