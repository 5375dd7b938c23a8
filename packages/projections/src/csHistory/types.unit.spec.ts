/** cs_history's 취소타입 / 교환타입 (0150_cs_history_types): what each entry carries, replay and rebuild. */
import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '@oms/domain';
import type { CsHistoryRow } from './projection.js';
import { cancelTypeOf, csHistoryProjection, evolveCsHistory, exchangeTypeOf } from './projection.js';
import type { RecordedOrderEvent } from '../projection.js';
import type { StepSpec } from '../testing/orderHistory.js';
import { foldRows, placeOrder, recorded, runCommands } from '../testing/orderHistory.js';

const NO = 100400;
const REPLACEMENT = 100401;
const SHIPPED: StepSpec[] = [
  { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber: '123456789012' } },
  { type: 'ShipOrder', data: {} },
];

const asRecorded = (event: OrderEvent): RecordedOrderEvent =>
  ({
    id: '0f6c3b0e-1d2a-4c4b-9e7f-0a1b2c3d4e5f',
    streamId: `order-${event.data.no}`,
    streamRevision: 2,
    type: event.type,
    data: event.data,
    metadata: { actor: 'cs.kim', role: 'cs', occurredAt: '2026-11-26T10:15:30.123+09:00', schemaVersion: 1 },
    position: '0000000010',
    recordedAt: '2026-11-26T01:15:31.000Z',
  }) as RecordedOrderEvent;

describe('cs_history 취소타입 and 교환타입', () => {
  it('a worker\'s cancel carries its 사유 code; other entries none', () => {
    const row = (event: OrderEvent) => evolveCsHistory(null, asRecorded(event));
    expect(row({ type: 'OrderCancelled', data: { no: NO, reason: 'cancel_delay', lines: [{ lineId: 1, quantity: 2 }] } })).toMatchObject({ cancel_type: 'cancel_delay', exchange_type: null });
    expect(row({ type: 'OrderCancelledBeforePayment', data: { no: NO, reason: 'cancel_lost', lines: [{ lineId: 1, quantity: 1 }] } })?.cancel_type).toBe('cancel_lost');
    expect(row({ type: 'OrderHeld', data: { no: NO, alarmAt: null } })).toMatchObject({ cancel_type: null, exchange_type: null });
    expect(row({ type: 'CsMemoAdded', data: { no: NO, text: '문의' } })).toMatchObject({ cancel_type: null, exchange_type: null });
  });

  it('through histories: 개별취소, 회수 with its reason, and an exchange on both orders', () => {
    const events = recorded(
      runCommands([
        [NO, placeOrder(NO)],
        [NO, { type: 'CancelLine', data: { lineId: 2, quantity: 1, reason: 'cancel_quality' } }],
        ...SHIPPED.map((s) => [NO, s] as const),
        [NO, { type: 'RequestReturnPickup', data: { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_defect' } }],
        [NO, { type: 'RequestExchange', data: { exchangeType: 'wrong_delivery', lines: [{ lineId: 1, quantity: 1 }], replacementNo: REPLACEMENT } }],
      ]),
    );
    const byType = (no: number, type: string) => events.filter((e) => e.data.no === no && e.type === type);
    expect(byType(NO, 'LineCancelled').map(cancelTypeOf)).toEqual(['cancel_quality']);
    expect(byType(NO, 'ReturnPickupRequested').map(cancelTypeOf)).toEqual(['return_defect']);
    expect(byType(NO, 'ExchangeRequested').map(exchangeTypeOf)).toEqual(['wrong_delivery']);
    expect(byType(REPLACEMENT, 'OrderPlaced').map(exchangeTypeOf)).toEqual(['wrong_delivery']);
    expect(byType(NO, 'OrderPlaced').map(exchangeTypeOf)).toEqual([null]);

    const rows = foldRows<CsHistoryRow>(csHistoryProjection, events);
    const typed = [...rows.values()].filter((r) => r.cancel_type !== null || r.exchange_type !== null);
    expect(typed.map((r) => [r.order_no, r.work_type, r.cancel_type, r.exchange_type]).sort()).toEqual(
      [
        [NO, 'LineCancelled', 'cancel_quality', null],
        [NO, 'ReturnPickupRequested', 'return_defect', null],
        [NO, 'ExchangeRequested', null, 'wrong_delivery'],
        [REPLACEMENT, 'OrderPlaced', null, 'wrong_delivery'],
      ].sort(),
    );
    // Replay changes nothing; a rebuild (from nothing, through the database's form) is the same table.
    expect(foldRows(csHistoryProjection, events, foldRows(csHistoryProjection, events))).toEqual(rows);
    const throughDb = new Map([...rows].map(([k, r]) => [k, csHistoryProjection.fromDb(csHistoryProjection.toDb(r))]));
    expect(throughDb).toEqual(rows);
  });

  it('a 판매처취소 carries the channel\'s cancel type', () => {
    const e = asRecorded({
      type: 'ChannelCancellationReceived',
      data: {
        no: NO, channel: '11번가 법인', cancellationId: 'CL-1', channelOrderNo: 'ord1', quantity: 1, kind: 'cancel', cancelledAt: '2026-11-26T01:00:00.000Z',
        reason: 'return_refund', channelReason: '', lineId: 1, item: { productCode: 'P', productName: '냄비', option: '' }, orderedQuantity: 2, cancelType: 'shipped_cancel', cancelled: 0, held: false,
      },
    } as unknown as OrderEvent);
    expect(evolveCsHistory(null, e)).toMatchObject({ cancel_type: 'shipped_cancel', exchange_type: null });
  });

  it('is version 4 (the new columns rebuild the table)', () => {
    expect(csHistoryProjection.version).toBe(4);
  });
});
