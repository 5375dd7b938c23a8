import type { OrderEvent } from '@oms/domain';
import { describe, expect, it } from 'vitest';
import { evolveOrderList, orderListProjection, productSummaryOf } from './orderList.js';
import type { OrderListRow } from './orderList.js';
import type { RecordedOrderEvent } from './projection.js';
import { placeOrder, recorded, runCommands } from './testing/orderHistory.js';
import type { CommandSpec } from './testing/orderHistory.js';

const NO = 100098;
const noData = {} as Record<string, never>;

/** given these commands on order NO → the recorded events. */
const given = (...specs: CommandSpec[]): RecordedOrderEvent[] => recorded(runCommands(specs.map((s) => [NO, s] as const)));

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
    position: { transactionId: 9999n, globalPosition: 9999 },
    recordedAt: '2026-11-27T00:00:01.000Z',
  }) as RecordedOrderEvent;

const placed = (): OrderListRow => {
  const row = fold(given(placeOrder(NO)));
  if (!row) throw new Error('no row');
  return row;
};

describe('order_list evolve', () => {
  it('OrderPlaced opens the row with the derived columns', () => {
    expect(placed()).toEqual({
      no: NO,
      placed_at: '2026-11-26T01:00:00.000Z',
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
        },
        {
          lineId: 2,
          productCode: 'P-200',
          productName: '실리콘 주걱',
          option: '',
          quantity: 1,
          unitPrice: 5000,
          ledger: { ordered: 1, cancelled: 0, restored: 0, shipped: 0, pickedUp: 0, returned: 0 },
        },
      ],
      held: false,
      hold_alarm_at: null,
      carrier: null,
      tracking_number: null,
      shipping_instruction_prints: 0,
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

  it('toDb/fromDb round-trip, also from pg-style values (int8 as text, timestamptz as Date)', () => {
    const row = fold(given(placeOrder(NO), { type: 'HoldOrder', data: { alarmAt: '2026-12-01T00:00:00Z' } }))!;
    const db = orderListProjection.toDb(row);
    expect(typeof db.lines).toBe('string');
    const asPg = {
      ...db,
      no: String(row.no),
      total_amount: String(row.total_amount),
      shipping_fee: String(row.shipping_fee),
      revision: String(row.revision),
      placed_at: new Date(row.placed_at),
      updated_at: new Date(row.updated_at),
      hold_alarm_at: new Date(row.hold_alarm_at!),
      lines: JSON.parse(db.lines as string) as unknown,
    };
    expect(orderListProjection.fromDb(asPg)).toEqual(row);
    expect(orderListProjection.fromDb(db)).toEqual(row);
  });
});
