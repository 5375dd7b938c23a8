import type { OrderEvent } from '@oms/domain';
import { evolveOrder, initialOrderState } from '@oms/domain';
import { describe, expect, it } from 'vitest';
import { evolveOrderList, orderListProjection, productSummaryOf } from './projection.js';
import type { OrderListRow } from './projection.js';
import type { RecordedOrderEvent } from '../projection.js';
import { CATALOGUE } from '../testing/historyArb.js';
import { foldRows, placeOrder, recorded, runCommands } from '../testing/orderHistory.js';
import type { StepSpec } from '../testing/orderHistory.js';

const NO = 100098;
const noData = {} as Record<string, never>;

/** given these commands on order NO → the recorded events. */
const given = (...specs: StepSpec[]): RecordedOrderEvent[] => recorded(runCommands(specs.map((s) => [NO, s] as const)));

/** Rows of every order after these (order no, command) steps (cross-order commands append to each order). */
const listAfter = (...steps: (readonly [number, StepSpec])[]): Map<string, OrderListRow> => foldRows<OrderListRow>(orderListProjection, recorded(runCommands(steps)));
const rowOf = (rows: Map<string, OrderListRow>, no: number): OrderListRow => {
  const row = rows.get(String(no));
  if (!row) throw new Error(`no row for ${no}`);
  return row;
};
const SHIPPED: StepSpec[] = [
  { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: '123456789012' } },
  { type: 'ShipOrder', data: {} },
];

const fold = (events: readonly RecordedOrderEvent[], start: OrderListRow | null = null): OrderListRow | null =>
  events.reduce<OrderListRow | null>((row, e) => evolveOrderList(row, e), start);

/** One more event on top of a row (hand-made, for shapes the decider does not produce yet). */
const then = (row: OrderListRow, event: OrderEvent): RecordedOrderEvent =>
  ({
    id: '00000000-0000-4000-8000-0000000000ff',
    streamId: `order-${NO}`,
    streamRevision: row.revision + 1,
    type: event.type,
    data: event.data,
    metadata: { actor: 'cs.kim', role: 'cs', occurredAt: '2026-11-27T00:00:00.000Z', schemaVersion: 1 },
    position: '0000009999',
    recordedAt: '2026-11-27T00:00:01.000Z',
  }) as RecordedOrderEvent;

const placed = (): OrderListRow => {
  const row = fold(given(placeOrder(NO)));
  if (!row) throw new Error('no row');
  return row;
};

describe('order_list evolve', () => {
  it('OrderPlaced opens the row: the folded state and the columns derived from it', () => {
    const [event] = given(placeOrder(NO));
    const { state, ...columns } = placed();
    expect(state).toEqual(evolveOrder(initialOrderState(), { type: event!.type, data: event!.data } as OrderEvent));
    expect(state).toMatchObject({ kind: 'placed', no: NO, status: 'received', deleted: false });
    expect(columns).toEqual({
      no: NO,
      placed_at: '2026-11-26T01:00:00.000Z',
      shipped_at: null,
      cancelled_by: [],
      to_restore: 0,
      restore_lines: [],
      channel: '11번가 법인',
      channel_order_no: `ord${NO}`,
      buyer_name: '김민수',
      buyer_phone: '02-123-4567',
      buyer_mobile: '010-1234-5678',
      recipient_name: '이영희',
      recipient_phone: null,
      recipient_mobile: '010-9876-5432',
      recipient_zip: '06236',
      recipient_address: '서울특별시 강남구 테헤란로 123',
      recipient_memo: '문 앞에 놓아주세요',
      product_summary: '카트야로 스텔 냄비 외 1건',
      ordered_quantity: 3,
      active_quantity: 3,
      payment_method: 'card',
      shipping_fee: 3000,
      total_amount: 2 * 25000 + 5000 + 3000,
      status: 'received',
      cs_state: 'normal',
      lines: [
        {
          lineId: 1,
          productCode: 'P-100',
          productName: '카트야로 스텔 냄비',
          option: '20cm',
          quantity: 2,
          unitPrice: 25000,
          ledger: { ordered: 2, cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0 },
          placedProductCode: 'P-100',
          exchanged: 0,
        },
        {
          lineId: 2,
          productCode: 'P-200',
          productName: '실리콘 주걱',
          option: '',
          quantity: 1,
          unitPrice: 5000,
          ledger: { ordered: 1, cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0 },
          placedProductCode: 'P-200',
          exchanged: 0,
        },
      ],
      held: false,
      hold_alarm_at: null,
      carrier: null,
      tracking_number: null,
      shipping_instruction_prints: 0,
      package_id: null,
      package_members: [],
      merge_forbidden: false,
      priorities: {},
      return_expected: false,
      pickups: 0,
      exchanges: 0,
      copied_from: null,
      copied_from_whole: null,
      copies: [],
      products_to_ship: ['P-100', 'P-200'],
      search_text: `${NO} ord${NO} 김민수 이영희 02-123-4567 021234567 010-1234-5678 01012345678 010-9876-5432 01098765432`,
      revision: 0,
      updated_at: '2026-11-26T01:00:01.000Z',
    });
  });

  it('an unpaid order is 입금대기 until PaymentConfirmed', () => {
    const events = given(placeOrder(NO, { paid: false, paymentMethod: 'virtual_account' }), { type: 'ConfirmPayment', data: noData });
    expect(fold(events.slice(0, 1))?.status).toBe('awaiting_payment');
    expect(fold(events)).toMatchObject({ status: 'received', payment_method: 'virtual_account', revision: 1, updated_at: '2026-11-26T01:01:01.000Z' });
  });

  it('입금전취소 cancels every line: cs_state cancelled, active 0, only the shipping fee left', () => {
    const row = fold(given(placeOrder(NO, { paid: false }), { type: 'CancelOrder', data: { reason: 'cancel_delay' } }));
    expect(row).toMatchObject({ cs_state: 'cancelled', ordered_quantity: 3, active_quantity: 0, total_amount: 3000, status: 'awaiting_payment' });
    expect(row?.lines.map((l) => l.ledger.cancelled)).toEqual([2, 1]);
  });

  it('cs_state comes from the ledgers: part of a line cancelled is partially_cancelled', () => {
    const row = evolveOrderList(placed(), then(placed(), { type: 'OrderCancelledBeforePayment', data: { no: NO, reason: 'cancel_lost', lines: [{ lineId: 1, quantity: 1 }] } }));
    expect(row).toMatchObject({ cs_state: 'partially_cancelled', active_quantity: 2, total_amount: 25000 + 5000 + 3000 });
  });

  it('출고지시서 moves to preparing; a reprint only counts', () => {
    const events = given(placeOrder(NO), { type: 'PrintShippingInstruction', data: noData }, { type: 'PrintShippingInstruction', data: noData });
    expect(fold(events.slice(0, 2))).toMatchObject({ status: 'preparing', shipping_instruction_prints: 1 });
    expect(fold(events)).toMatchObject({ status: 'preparing', shipping_instruction_prints: 2, revision: 2 });
  });

  it('보류설정 with an alarm, then 보류해제', () => {
    const held = fold([...given(placeOrder(NO))]);
    const withAlarm = evolveOrderList(held, then(held!, { type: 'OrderHeld', data: { no: NO, alarmAt: '2026-11-27T10:00:00+09:00' } }));
    expect(withAlarm).toMatchObject({ held: true, hold_alarm_at: '2026-11-27T01:00:00.000Z', revision: 1 });
    const released = evolveOrderList(withAlarm, then(withAlarm!, { type: 'OrderReleased', data: { no: NO } }));
    expect(released).toMatchObject({ held: false, hold_alarm_at: null, revision: 2 });
    const noAlarm = evolveOrderList(released, then(released!, { type: 'OrderHeld', data: { no: NO, alarmAt: null } }));
    expect(noAlarm).toMatchObject({ held: true, hold_alarm_at: null });
  });

  it('송장입력 → invoiced with carrier and tracking number; a correction replaces them; 배송 → 배송완료 → 구매확정', () => {
    const events = given(
      placeOrder(NO),
      { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: '123456789012' } },
      { type: 'EnterInvoice', data: { carrier: 'lotte', trackingNumber: '998877665544' } },
      { type: 'ShipOrder', data: noData },
      { type: 'MarkDelivered', data: noData },
      { type: 'ConfirmPurchase', data: noData },
    );
    expect(fold(events.slice(0, 2))).toMatchObject({ status: 'invoiced', carrier: 'cj', tracking_number: '123456789012' });
    expect(fold(events.slice(0, 3))).toMatchObject({ status: 'invoiced', carrier: 'lotte', tracking_number: '998877665544' });
    const shipped = fold(events.slice(0, 4));
    expect(shipped?.status).toBe('shipped');
    expect(shipped?.lines.map((l) => l.ledger.shipped)).toEqual([2, 1]);
    expect(fold(events.slice(0, 5))?.status).toBe('delivered');
    expect(fold(events)).toMatchObject({ status: 'purchase_confirmed', revision: 5, cs_state: 'normal', active_quantity: 3 });
  });

  it('a CS memo only moves the revision', () => {
    const row = placed();
    const after = evolveOrderList(row, then(row, { type: 'CsMemoAdded', data: { no: NO, text: '배송 문의' } }));
    expect(after).toEqual({ ...row, revision: 1, updated_at: '2026-11-27T00:00:01.000Z' });
  });

  it('is idempotent: an event at or below the row revision returns the very same row', () => {
    const events = given(placeOrder(NO), { type: 'HoldOrder', data: {} }, { type: 'ReleaseHold', data: noData });
    const row = fold(events);
    for (const e of events) expect(evolveOrderList(row, e)).toBe(row);
  });

  it('an event for an order it has no row for leaves no row', () => {
    const events = given(placeOrder(NO), { type: 'HoldOrder', data: {} });
    expect(evolveOrderList(null, events[1]!)).toBeNull();
  });

  it('search_text: lowercased names, phones with and without dashes, channel order no, 관리번호', () => {
    const row = fold(
      given(placeOrder(NO, { channelOrderNo: 'ORD-77A', buyer: { name: 'John KIM', mobile: '010 1111-2222' }, recipient: { name: '박지성', address: '부산' } })),
    );
    expect(row?.search_text).toBe(`${NO} ord-77a john kim 박지성 010 1111-2222 01011112222`);
    expect(row?.search_text).toContain('01011112222');
    expect(row?.search_text).not.toMatch(/[A-Z]/);
  });

  it('a hand-made order gets the generated channel order number', () => {
    expect(fold(given(placeOrder(NO, { channelOrderNo: undefined })))?.channel_order_no).toBe(`OMS${NO}`);
  });

  it('product summary: one line is just its name', () => {
    expect(productSummaryOf([{ productName: '실리콘 주걱' }])).toBe('실리콘 주걱');
    expect(productSummaryOf([{ productName: 'A' }, { productName: 'B' }, { productName: 'C' }])).toBe('A 외 2건');
  });

  it('toDb/fromDb round-trip, also from pg-style values (int8 as text, timestamptz as Date, jsonb parsed)', () => {
    const rows = listAfter(
      [NO, placeOrder(NO)],
      [NO + 1, placeOrder(NO + 1)],
      [NO, { type: 'HoldOrder', data: { alarmAt: '2026-12-01T00:00:00Z' } }],
      [NO, { type: 'MergeOrder', data: { orderNo: NO + 1 } }],
      [NO, { type: 'SetPriority', data: { productCode: 'P-100', position: 'top', holders: [NO + 1] } }],
      [NO, { type: 'CopyOrder', data: { copyNo: NO + 2, whole: true } }],
    );
    for (const row of [rowOf(rows, NO), rowOf(rows, NO + 2)]) {
      const db = orderListProjection.toDb(row);
      for (const column of ['state', 'lines', 'package_members', 'priorities', 'copies', 'products_to_ship']) expect(typeof db[column]).toBe('string');
      const asPg = {
        ...db,
        no: String(row.no),
        total_amount: String(row.total_amount),
        shipping_fee: String(row.shipping_fee),
        revision: String(row.revision),
        package_id: row.package_id === null ? null : String(row.package_id),
        copied_from: row.copied_from === null ? null : String(row.copied_from),
        placed_at: new Date(row.placed_at),
        updated_at: new Date(row.updated_at),
        hold_alarm_at: row.hold_alarm_at === null ? null : new Date(row.hold_alarm_at),
        lines: JSON.parse(db.lines as string) as unknown,
        package_members: JSON.parse(db.package_members as string) as unknown,
        priorities: JSON.parse(db.priorities as string) as unknown,
        copies: JSON.parse(db.copies as string) as unknown,
        state: JSON.parse(db.state as string) as unknown,
        products_to_ship: JSON.parse(db.products_to_ship as string) as unknown,
      };
      expect(orderListProjection.fromDb(asPg)).toEqual(row);
      expect(orderListProjection.fromDb(db)).toEqual(row);
    }
    expect(rowOf(rows, NO)).toMatchObject({ held: true, package_id: NO, package_members: [NO, NO + 1], copies: [NO + 2] });
    expect(rowOf(rows, NO + 2)).toMatchObject({ copied_from: NO, copied_from_whole: true, package_id: null });
  });
});

describe('order_list and the CS actions', () => {
  it('주문삭제 takes the order off the list; its later events (a memo, CS 완료) do not bring it back', () => {
    const events = given(placeOrder(NO), { type: 'DeleteOrder', data: noData }, { type: 'AddCsMemo', data: { text: '삭제 후 메모' } }, { type: 'CompleteEarlierEntries', picks: [0, 1] });
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderDeleted', 'CsMemoAdded', 'CsEntriesCompleted']);
    const row = fold(events.slice(0, 1));
    expect(row).not.toBeNull();
    expect(evolveOrderList(row, events[1]!)).toBeNull();
    expect(fold(events)).toBeNull();
    // The runner's way: the key's row is deleted and stays absent.
    expect(foldRows(orderListProjection, events).size).toBe(0);
  });

  it('개별취소 / 개별정상복귀 and 전체취소 / 전체정상복귀 move the ledgers, the CS state and the amount', () => {
    const events = given(
      placeOrder(NO),
      { type: 'CancelLine', data: { lineId: 1, quantity: 1, reason: 'cancel_quality' } },
      { type: 'RestoreLine', data: { lineId: 1, quantity: 1 } },
      { type: 'CancelOrder', data: { reason: 'cancel_delay' } },
      { type: 'RestoreOrder', data: noData },
    );
    expect(fold(events.slice(0, 2))).toMatchObject({ cs_state: 'partially_cancelled', active_quantity: 2, total_amount: 25000 + 5000 + 3000 });
    expect(fold(events.slice(0, 3))).toMatchObject({ cs_state: 'normal', active_quantity: 3 });
    expect(fold(events.slice(0, 4))).toMatchObject({ cs_state: 'cancelled', active_quantity: 0, total_amount: 3000 });
    expect(fold(events)).toMatchObject({ cs_state: 'normal', active_quantity: 3, status: 'received', revision: 4 });
  });

  it('배송정보변경 updates the recipient columns and the search text', () => {
    const row = fold(
      given(placeOrder(NO), { type: 'ChangeDeliveryInfo', data: { recipient: { name: '박지성', mobile: '010-2222-3333', address: '부산광역시 해운대구 센텀중앙로 79' } } }),
    );
    expect(row).toMatchObject({ recipient_name: '박지성', recipient_mobile: '010-2222-3333', recipient_zip: null, recipient_memo: null, recipient_address: '부산광역시 해운대구 센텀중앙로 79' });
    expect(row?.search_text).toContain('박지성');
    expect(row?.search_text).toContain('01022223333');
    expect(row?.search_text).not.toContain('이영희');
  });

  it('상품변경 moves the product but keeps placedProductCode; 상품추가 adds a line', () => {
    const [pot, , box] = CATALOGUE;
    const row = fold(
      given(placeOrder(NO), { type: 'ChangeLineProduct', data: { lineId: 1, product: box! } }, { type: 'AddLine', data: { product: pot!, quantity: 2 } }),
    );
    expect(row?.lines.map((l) => [l.lineId, l.productCode, l.placedProductCode, l.productName, l.ledger.ordered])).toEqual([
      [1, 'P-300', 'P-100', '유리 밀폐용기', 2],
      [2, 'P-200', 'P-200', '실리콘 주걱', 1],
      [3, 'P-100', 'P-100', '카트야로 스텔 냄비', 2],
    ]);
    expect(row).toMatchObject({ product_summary: '유리 밀폐용기 외 2건', ordered_quantity: 5, total_amount: 2 * 12000 + 5000 + 2 * 27000 + 3000 });
  });

  it('합포추가 / 합포제외 / 합포삭제: every member carries the package; a package of one is none', () => {
    const [a, b, c] = [NO, NO + 1, NO + 2];
    const places = [a, b, c].map((n) => [n, placeOrder(n)] as const);
    const merged = listAfter(...places, [a, { type: 'MergeOrder', data: { orderNo: b } }], [a, { type: 'MergeOrder', data: { orderNo: c } }]);
    for (const n of [a, b, c]) expect(rowOf(merged, n)).toMatchObject({ package_id: a, package_members: [a, b, c] });

    const unmerged = listAfter(...places, [a, { type: 'MergeOrder', data: { orderNo: b } }], [a, { type: 'MergeOrder', data: { orderNo: c } }], [a, { type: 'UnmergeOrder', data: {} }]);
    expect(rowOf(unmerged, a)).toMatchObject({ package_id: null, package_members: [] });
    // The package was named after the order that left: it takes the lowest remaining 관리번호.
    for (const n of [b, c]) expect(rowOf(unmerged, n)).toMatchObject({ package_id: b, package_members: [b, c] });

    const dissolved = listAfter(...places, [a, { type: 'MergeOrder', data: { orderNo: b } }], [b, { type: 'DissolvePackage', data: {} }]);
    for (const n of [a, b]) expect(rowOf(dissolved, n)).toMatchObject({ package_id: null, package_members: [], revision: 2 });
    expect(rowOf(dissolved, c).revision).toBe(0);
  });

  it('합포금지 / 해제, 반품예정 / 해제 are flags', () => {
    const events = given(
      placeOrder(NO),
      { type: 'SetMergeForbidden', data: { forbidden: true } },
      { type: 'SetMergeForbidden', data: { forbidden: false } },
      ...SHIPPED,
      { type: 'SetReturnExpected', data: { expected: true } },
      { type: 'SetReturnExpected', data: { expected: false } },
    );
    expect(fold(events.slice(0, 2))?.merge_forbidden).toBe(true);
    expect(fold(events.slice(0, 3))?.merge_forbidden).toBe(false);
    expect(fold(events.slice(0, 6))).toMatchObject({ return_expected: true, status: 'shipped' });
    expect(fold(events)?.return_expected).toBe(false);
  });

  it('우선순위 per product: set on the order moved, renumbered on the others when there is no room', () => {
    const [a, b, c] = [NO, NO + 1, NO + 2];
    const rows = listAfter(
      [a, placeOrder(a)],
      [b, placeOrder(b)],
      [c, placeOrder(c)],
      [c, { type: 'SetPriority', data: { productCode: 'P-100', position: 'after', after: a, holders: [a, b] } }],
    );
    // a, b, c all at 0: c after a needs room before b, so the list is renumbered a, c, b.
    expect([a, c, b].map((n) => rowOf(rows, n).priorities)).toEqual([{ 'P-100': 3000 }, { 'P-100': 2000 }, { 'P-100': 1000 }]);
    const top = listAfter([a, placeOrder(a)], [b, placeOrder(b)], [b, { type: 'SetPriority', data: { productCode: 'P-200', position: 'top', holders: [a] } }]);
    expect(rowOf(top, b).priorities).toEqual({ 'P-200': 1 });
    expect(rowOf(top, a).priorities).toEqual({});
  });

  it('회수, 반품입고 and 교환: ledgers, counts and the CS state (교환 over 반품)', () => {
    const events = given(
      placeOrder(NO),
      ...SHIPPED,
      { type: 'RequestReturnPickup', data: { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_defect' } },
      { type: 'ReceiveReturn', data: { pickupId: 1, lines: [{ lineId: 1, quantity: 1 }] } },
      { type: 'RequestExchange', data: { exchangeType: 'defect', lines: [{ lineId: 2, quantity: 1 }], replacementNo: NO + 50 } },
    );
    expect(fold(events.slice(0, 4))).toMatchObject({ pickups: 1, cs_state: 'return' });
    const row = fold(events);
    expect(row).toMatchObject({ pickups: 2, exchanges: 1, cs_state: 'exchange', revision: 5 });
    expect(row?.lines[0]?.ledger).toEqual({ ordered: 2, cancelled: 0, restored: 0, shipped: 2, pickedUp: 1, returned: 1 });
    // The exchange picks its unit up.
    expect(row?.lines[1]?.ledger).toMatchObject({ shipped: 1, pickedUp: 1, returned: 0 });
  });

  it('주문복사 / 주문전체복사: the source lists its copies, each copy names its source', () => {
    const [source, copy, whole] = [NO, NO + 1, NO + 2];
    const rows = listAfter(
      [source, placeOrder(source)],
      [source, { type: 'CopyOrder', data: { copyNo: copy, whole: false, lines: [{ lineId: 2, quantity: 3 }] } }],
      [source, { type: 'CopyOrder', data: { copyNo: whole, whole: true, channel: 'G마켓' } }],
    );
    expect(rowOf(rows, source)).toMatchObject({ copies: [copy, whole], copied_from: null, copied_from_whole: null, revision: 2 });
    expect(rowOf(rows, copy)).toMatchObject({ copied_from: source, copied_from_whole: false, channel: '11번가 법인', channel_order_no: `OMS${copy}`, ordered_quantity: 3, copies: [] });
    expect(rowOf(rows, copy).lines.map((l) => l.productCode)).toEqual(['P-200']);
    expect(rowOf(rows, whole)).toMatchObject({ copied_from: source, copied_from_whole: true, channel: 'G마켓', ordered_quantity: 3 });
  });

  it('CS 완료 moves the revision and the state\'s completed entries; no column the list shows', () => {
    const events = given(placeOrder(NO), { type: 'AddCsMemo', data: { text: '배송 문의' } }, { type: 'CompleteEarlierEntries', picks: [1] });
    expect(events.at(-1)?.type).toBe('CsEntriesCompleted');
    const before = fold(events.slice(0, 2))!;
    const after = fold(events)!;
    expect(after).toEqual({ ...before, state: { ...before.state, completedEntries: [events[1]!.id] }, revision: 2, updated_at: events[2]!.recordedAt });
  });

  it('products_to_ship: the products a line still holds unshipped (the domain\'s holdsProduct)', () => {
    const events = given(placeOrder(NO), { type: 'CancelLine', data: { lineId: 2, quantity: 1, reason: 'cancel_quality' } }, ...SHIPPED);
    expect(fold(events.slice(0, 1))?.products_to_ship).toEqual(['P-100', 'P-200']);
    // Line 2 wholly cancelled: the order no longer holds P-200, though its line still names it.
    expect(fold(events.slice(0, 2))?.products_to_ship).toEqual(['P-100']);
    expect(fold(events)?.products_to_ship).toEqual([]);
  });
});
