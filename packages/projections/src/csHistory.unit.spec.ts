import type { OrderEvent, OrderEventType } from '@oms/domain';
import { ORDER_EVENT_TYPES, WORK_TYPE_LABELS } from '@oms/domain';
import { describe, expect, it } from 'vitest';
import { contentOf, csHistoryProjection, evolveCsHistory } from './csHistory.js';
import { orderListProjection } from './orderList.js';
import type { RecordedOrderEvent } from './projection.js';
import { formatSeoul } from './values.js';
import { placeOrder, recorded, runCommands } from './testing/orderHistory.js';

const NO = 100098;

const recordedEvent = (event: OrderEvent, options: { memo?: string; revision?: number } = {}): RecordedOrderEvent =>
  ({
    id: '2f6c3b0e-1d2a-4c4b-9e7f-0a1b2c3d4e5f',
    streamId: `order-${NO}`,
    streamRevision: options.revision ?? 3,
    type: event.type,
    data: event.data,
    metadata: { actor: 'cs.kim', role: 'cs', occurredAt: '2026-11-26T10:15:30.123+09:00', schemaVersion: 1, ...(options.memo ? { memo: options.memo } : {}) },
    position: { transactionId: 77n, globalPosition: 12 },
    recordedAt: '2026-11-26T01:15:31.000Z',
  }) as RecordedOrderEvent;

const content = (event: OrderEvent, memo?: string): string => contentOf(recordedEvent(event, memo === undefined ? {} : { memo }));

describe('cs_history content (Korean, like the manuals)', () => {
  it('주문생성 names the channel, its order number, the lines and the quantity', () => {
    const [placed] = recorded(runCommands([[NO, placeOrder(NO)]]));
    expect(contentOf(placed!)).toBe(`[주문생성] 판매처: 11번가 법인, 주문번호: ord${NO}, 2개 상품 / 수량 3`);
  });

  it('보류설정 shows the alarm in Asia/Seoul; without an alarm just the label', () => {
    expect(content({ type: 'OrderHeld', data: { no: NO, alarmAt: '2026-11-27T01:00:00.000Z' } })).toBe('[보류설정] 알람: 2026-11-27 10:00');
    expect(content({ type: 'OrderHeld', data: { no: NO, alarmAt: null } })).toBe('[보류설정]');
    expect(content({ type: 'OrderReleased', data: { no: NO } })).toBe('[보류해제]');
  });

  it('송장입력 shows the carrier name and the number, and what a correction replaced', () => {
    expect(content({ type: 'InvoiceEntered', data: { no: NO, carrier: 'cj', trackingNumber: '123456789012', replaces: null } })).toBe(
      '[송장입력] CJ대한통운 123456789012',
    );
    expect(
      content({
        type: 'InvoiceEntered',
        data: { no: NO, carrier: '한진택배', trackingNumber: '555566667777', replaces: { carrier: 'cj', trackingNumber: '123456789012' } },
      }),
    ).toBe('[송장입력] 한진택배 555566667777 (변경 전: CJ대한통운 123456789012)');
    expect(content({ type: 'InvoiceEntered', data: { no: NO, carrier: '동네택배', trackingNumber: '12345678', replaces: null } })).toBe(
      '[송장입력] 동네택배 12345678',
    );
  });

  it('입금전취소 names the reason', () => {
    expect(content({ type: 'OrderCancelledBeforePayment', data: { no: NO, reason: 'cancel_delay', lines: [{ lineId: 1, quantity: 2 }] } })).toBe(
      '[입금전취소] 사유: 취소-배송지연',
    );
  });

  it('출고지시서 and its reprints', () => {
    expect(content({ type: 'ShippingInstructionPrinted', data: { no: NO } })).toBe('[출고지시서]');
    expect(content({ type: 'ShippingInstructionReprinted', data: { no: NO, printCount: 2 } })).toBe('[출고지시서 재출력] 2회');
  });

  it('the status steps', () => {
    expect(content({ type: 'PaymentConfirmed', data: { no: NO } })).toBe('[입금확인]');
    expect(content({ type: 'OrderShipped', data: { no: NO, lines: [{ lineId: 1, quantity: 2 }, { lineId: 2, quantity: 1 }] } })).toBe('[배송처리] 수량 3');
    expect(content({ type: 'OrderDelivered', data: { no: NO } })).toBe('[배송완료]');
    expect(content({ type: 'PurchaseConfirmed', data: { no: NO } })).toBe('[구매확정]');
  });

  it('CS메모 is the text; a command memo is appended', () => {
    expect(content({ type: 'CsMemoAdded', data: { no: NO, text: '고객이 부재 시 경비실에 맡겨달라고 함' } })).toBe('[CS메모] 고객이 부재 시 경비실에 맡겨달라고 함');
    expect(content({ type: 'OrderHeld', data: { no: NO, alarmAt: '2026-11-27T01:00:00.000Z' } }, '고객 요청')).toBe(
      '[보류설정] 알람: 2026-11-27 10:00 / 메모: 고객 요청',
    );
    expect(content({ type: 'PaymentConfirmed', data: { no: NO } }, '입금자명 다름')).toBe('[입금확인] 메모: 입금자명 다름');
    expect(content({ type: 'PaymentConfirmed', data: { no: NO } }, '   ')).toBe('[입금확인]');
  });

  it('formats Seoul time across midnight and the year end', () => {
    expect(formatSeoul('2026-12-31T15:00:00Z')).toBe('2027-01-01 00:00');
    expect(formatSeoul('2026-11-26T10:15:30.123+09:00')).toBe('2026-11-26 10:15');
  });
});

describe('cs_history evolve', () => {
  it('every order event makes one open (미처리) entry', () => {
    const e = recordedEvent({ type: 'OrderHeld', data: { no: NO, alarmAt: null } }, { memo: '고객 요청', revision: 4 });
    expect(evolveCsHistory(null, e)).toEqual({
      entry_id: e.id,
      order_no: NO,
      stream_revision: 4,
      at: '2026-11-26T01:15:30.123Z',
      worker: 'cs.kim',
      role: 'cs',
      work_type: 'OrderHeld',
      work_type_label: '보류설정',
      content: '[보류설정] 메모: 고객 요청',
      memo: '고객 요청',
      processed: false,
      processed_at: null,
      processed_by: null,
    });
  });

  it('is idempotent: an existing entry (even one marked 완료) is returned unchanged', () => {
    const e = recordedEvent({ type: 'PaymentConfirmed', data: { no: NO } });
    const entry = evolveCsHistory(null, e)!;
    expect(evolveCsHistory(entry, e)).toBe(entry);
    const done = { ...entry, processed: true, processed_at: '2026-11-27T00:00:00.000Z', processed_by: 'cs.lee' };
    expect(evolveCsHistory(done, e)).toBe(done);
  });

  it('handles every order event type, and so does the order list (explicit lists kept complete)', () => {
    const sorted = (types: readonly OrderEventType[]) => [...types].sort();
    expect(sorted(csHistoryProjection.handles)).toEqual(sorted(ORDER_EVENT_TYPES));
    expect(sorted(orderListProjection.handles)).toEqual(sorted(ORDER_EVENT_TYPES));
    for (const type of ORDER_EVENT_TYPES) expect(WORK_TYPE_LABELS[type]).toBeTruthy();
  });

  it('toDb/fromDb round-trip, also from pg-style values', () => {
    const entry = evolveCsHistory(null, recordedEvent({ type: 'OrderReleased', data: { no: NO } }))!;
    const db = csHistoryProjection.toDb(entry);
    expect(csHistoryProjection.fromDb(db)).toEqual(entry);
    expect(csHistoryProjection.fromDb({ ...db, order_no: String(NO), stream_revision: '3', at: new Date(entry.at) })).toEqual(entry);
  });
});
