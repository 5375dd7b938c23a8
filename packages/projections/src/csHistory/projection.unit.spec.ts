import type { OrderEvent, OrderEventType, Recipient } from '@oms/domain';
import { NON_CS_EVENT_TYPES, ORDER_EVENT_TYPES, WORK_TYPE_LABELS } from '@oms/domain';
import { describe, expect, it } from 'vitest';
import type { CsHistoryRow } from './projection.js';
import { contentContextOf, contentOf, csHistoryProjection, csHistoryProjectionFor, detailOf, evolveCsHistory } from './projection.js';
import { expectedInboundProjection } from '../expectedInbound/projection.js';
import { orderListProjection } from '../orderList/projection.js';
import type { RecordedOrderEvent } from '../projection.js';
import { formatSeoul } from '@oms/domain';
import { foldRows, placeOrder, recorded, runCommands } from '../testing/orderHistory.js';

const NO = 100098;

const recordedEvent = (
  event: OrderEvent,
  options: { memo?: string; revision?: number; id?: string; actor?: string; occurredAt?: string } = {},
): RecordedOrderEvent =>
  ({
    id: options.id ?? '2f6c3b0e-1d2a-4c4b-9e7f-0a1b2c3d4e5f',
    streamId: `order-${event.data.no}`,
    streamRevision: options.revision ?? 3,
    type: event.type,
    data: event.data,
    metadata: {
      actor: options.actor ?? 'cs.kim',
      role: 'cs',
      occurredAt: options.occurredAt ?? '2026-11-26T10:15:30.123+09:00',
      schemaVersion: 1,
      ...(options.memo ? { memo: options.memo } : {}),
    },
    position: '0000000077',
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

  it('송장입력 names the carrier from the configured list, not the defaults', () => {
    const carriers = [{ code: 'cvs', name: 'CVS편의점택배', trackingUrl: 'https://example.com/{trackingNumber}' }];
    const e = recordedEvent({ type: 'InvoiceEntered', data: { no: NO, carrier: 'cvs', trackingNumber: '123456789012', replaces: { carrier: 'cj', trackingNumber: '111122223333' } } });
    expect(detailOf(e, contentContextOf(carriers))).toBe('CVS편의점택배 123456789012 (변경 전: cj 111122223333)');
    expect(csHistoryProjectionFor(carriers).evolve(null, e, e.id)?.content).toBe('[송장입력] CVS편의점택배 123456789012 (변경 전: cj 111122223333)');
    // The defaults know cj but not cvs.
    expect(contentOf(e)).toBe('[송장입력] cvs 123456789012 (변경 전: CJ대한통운 111122223333)');
    expect(csHistoryProjectionFor(carriers)).toMatchObject({ name: csHistoryProjection.name, version: csHistoryProjection.version, table: 'cs_history' });
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

  it('a copy: 주문복사 / 주문전체복사 on the new order names the source, on the source names the copy', () => {
    const history = recorded(
      runCommands([
        [101149, placeOrder(101149)],
        [101149, { type: 'CopyOrder', data: { copyNo: 101150, whole: false, lines: [{ lineId: 2 }] } }],
        [101149, { type: 'CopyOrder', data: { copyNo: 101151, whole: true, channel: 'G마켓' } }],
      ]),
    );
    expect(history.map((e) => [e.data.no, contentOf(e)])).toEqual([
      [101149, '[주문생성] 판매처: 11번가 법인, 주문번호: ord101149, 2개 상품 / 수량 3'],
      [101149, '[주문복사] <복사 주문 관리번호 : 101150>'],
      [101150, '[주문복사] <이전 주문 관리번호 : 101149> 판매처: 11번가 법인, 주문번호: OMS101150, 1개 상품 / 수량 1'],
      [101149, '[주문전체복사] <복사 주문 관리번호 : 101151> 판매처: G마켓'],
      [101151, '[주문전체복사] <이전 주문 관리번호 : 101149> 판매처: G마켓, 주문번호: OMS101151, 2개 상품 / 수량 3'],
    ]);
    expect(history.map((e) => evolveCsHistory(null, e)?.work_type_label)).toEqual(['주문생성', '주문복사', '주문복사', '주문전체복사', '주문전체복사']);
    expect(history.map((e) => evolveCsHistory(null, e)?.work_type)).toEqual(['OrderPlaced', 'OrderCopied', 'OrderPlaced', 'OrderCopied', 'OrderPlaced']);
  });

  it('합포추가 / 합포제외 / 합포삭제 name the orders and the package', () => {
    expect(content({ type: 'OrderMerged', data: { no: 101149, packageId: 101149, joined: 101150, members: [101149, 101150] } })).toBe(
      '[합포추가] 101150 합포 (합포번호 101149: 101149, 101150)',
    );
    expect(content({ type: 'OrderUnmerged', data: { no: 101150, packageId: 101149, left: 101151, members: [101149, 101150] } })).toBe(
      '[합포제외] 101151 제외 (합포번호 101149: 101149, 101150)',
    );
    expect(content({ type: 'OrderUnmerged', data: { no: 101150, packageId: 101150, left: 101149, members: [101150] } })).toBe('[합포제외] 101149 제외 (합포 해제: 101150)');
    expect(content({ type: 'PackageDissolved', data: { no: 101149, packageId: 101149, members: [101149, 101150] } })).toBe('[합포삭제] 합포번호 101149: 101149, 101150');
    expect(content({ type: 'MergeForbidden', data: { no: NO } })).toBe('[합포금지]');
    expect(content({ type: 'MergeAllowed', data: { no: NO } })).toBe('[합포금지해제]');
    expect(content({ type: 'InvoiceEntered', data: { no: NO, carrier: 'cj', trackingNumber: '123456789012', replaces: null, packageId: 101149 } })).toBe(
      '[송장입력] CJ대한통운 123456789012 (합포번호 101149)',
    );
  });

  it('배송정보변경 lists only the fields that changed, before → after', () => {
    const previous: Recipient = { name: '이영희', mobile: '010-9876-5432', zip: '06236', address: '서울특별시 강남구 테헤란로 123', memo: '문 앞에 놓아주세요' };
    expect(content({ type: 'DeliveryInfoChanged', data: { no: NO, previous, recipient: { ...previous, name: '박지성', address: '부산광역시 해운대구 센텀중앙로 79' } } })).toBe(
      '[배송정보변경] 수령자: 이영희 → 박지성, 주소: 서울특별시 강남구 테헤란로 123 → 부산광역시 해운대구 센텀중앙로 79',
    );
    expect(content({ type: 'DeliveryInfoChanged', data: { no: NO, previous, recipient: { ...previous, memo: undefined, phone: '02-555-0000' } } })).toBe(
      '[배송정보변경] 전화: 없음 → 02-555-0000, 배송메모: 문 앞에 놓아주세요 → 없음',
    );
  });

  it('취소 and 복귀, whole and per line, with the reason', () => {
    expect(content({ type: 'OrderCancelled', data: { no: NO, reason: 'cancel_quality', lines: [{ lineId: 1, quantity: 2 }] } })).toBe('[전체취소] 사유: 취소-상품품질');
    expect(content({ type: 'OrderRestored', data: { no: NO, lines: [{ lineId: 1, quantity: 2 }], status: 'received' } })).toBe('[전체정상복귀]');
    const item = { productCode: '41002', productName: '실리콘 주걱 세트', option: '그레이' };
    expect(content({ type: 'LineCancelled', data: { no: NO, lineId: 2, item, quantity: 1, reason: 'cancel_quality' } })).toBe('[개별취소] 2번 실리콘 주걱 세트(그레이) 1개 / 사유: 취소-상품품질');
    expect(content({ type: 'LineRestored', data: { no: NO, lineId: 2, item: { ...item, option: '' }, quantity: 1 } })).toBe('[개별정상복귀] 2번 실리콘 주걱 세트 1개');
  });

  it('상품변경 shows from → to with options (and the price when it changed); 상품추가 the new line', () => {
    const from = { productCode: 'P-100', productName: '카트야로 스텔 냄비', option: '20cm', unitPrice: 25000 };
    expect(content({ type: 'LineProductChanged', data: { no: NO, lineId: 1, from, to: { ...from, option: '24cm' } } })).toBe(
      '[상품변경] 1번 상품 카트야로 스텔 냄비(20cm) → 카트야로 스텔 냄비(24cm)',
    );
    expect(content({ type: 'LineProductChanged', data: { no: NO, lineId: 1, from, to: { productCode: 'P-300', productName: '유리 밀폐용기', option: '', unitPrice: 1212000 } } })).toBe(
      '[상품변경] 1번 상품 카트야로 스텔 냄비(20cm) → 유리 밀폐용기 / 단가: 25,000원 → 1,212,000원',
    );
    expect(content({ type: 'LineAdded', data: { no: NO, line: { lineId: 3, productCode: 'P-200', productName: '실리콘 주걱', option: '화이트', unitPrice: 5000, quantity: 2 } } })).toBe(
      '[상품추가] 3번 상품 실리콘 주걱(화이트) 2개 (단가 5,000원)',
    );
  });

  it('주문삭제, 우선순위, 반품예정 / 해제', () => {
    expect(content({ type: 'OrderDeleted', data: { no: NO } })).toBe('[주문삭제]');
    const priority = { no: NO, productCode: 'P-100', after: null, priority: 3 };
    expect(content({ type: 'PrioritySet', data: { ...priority, position: 'top' } })).toBe('[우선순위] 상품 P-100: 맨 위');
    expect(content({ type: 'PrioritySet', data: { ...priority, position: 'bottom' } })).toBe('[우선순위] 상품 P-100: 맨 아래');
    expect(content({ type: 'PrioritySet', data: { ...priority, position: 'after', after: 101149 } })).toBe('[우선순위] 상품 P-100: 101149 다음');
    expect(content({ type: 'ReturnExpectedMarked', data: { no: NO } })).toBe('[반품예정]');
    expect(content({ type: 'ReturnExpectedCleared', data: { no: NO } })).toBe('[반품예정해제]');
  });

  it('회수 (입고예정, 재회수), 반품입고 and 교환 list the lines', () => {
    const pickup = { no: NO, pickupId: 1, lines: [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 2 }], reason: 'return_defect' as const };
    expect(content({ type: 'ReturnPickupRequested', data: { ...pickup, registerInbound: true, inbound: [{ productCode: 'P-100', quantity: 1 }, { productCode: 'P-200', quantity: 2 }], repeated: false } })).toBe(
      '[회수] 1차 회수: 1번 x1, 2번 x2 / 사유: 반품-불량 / 입고예정 등록',
    );
    expect(content({ type: 'ReturnPickupRequested', data: { ...pickup, pickupId: 2, lines: [{ lineId: 1, quantity: 1 }], registerInbound: false, inbound: [], repeated: true } })).toBe(
      '[회수] 2차 회수(재회수): 1번 x1 / 사유: 반품-불량',
    );
    expect(content({ type: 'ReturnReceived', data: { no: NO, pickupId: 1, lines: [{ lineId: 1, quantity: 1 }], inbound: [] } })).toBe('[반품입고] 1차 회수: 1번 x1');
    expect(content({ type: 'ExchangeRequested', data: { no: NO, exchangeId: 1, exchangeType: 'defect', lines: [{ lineId: 2, quantity: 1 }] } })).toBe('[교환] 불량교환: 2번 x1');
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
      cancel_type: null,
      exchange_type: null,
    });
  });

  it('is idempotent: an existing entry (even one marked 완료) is returned unchanged', () => {
    const e = recordedEvent({ type: 'PaymentConfirmed', data: { no: NO } });
    const entry = evolveCsHistory(null, e)!;
    expect(evolveCsHistory(entry, e)).toBe(entry);
    const done = { ...entry, processed: true, processed_at: '2026-11-27T00:00:00.000Z', processed_by: 'cs.lee' };
    expect(evolveCsHistory(done, e)).toBe(done);
  });

  it('handles every order event type but the renumbering; the order list every one; expected_inbound 회수, 교환 and 반품입고 (explicit lists kept complete)', () => {
    const sorted = (types: readonly OrderEventType[]) => [...types].sort();
    expect(sorted(csHistoryProjection.handles)).toEqual(sorted(ORDER_EVENT_TYPES.filter((t) => t !== 'PriorityRenumbered')));
    expect(sorted(orderListProjection.handles)).toEqual(sorted(ORDER_EVENT_TYPES));
    expect(expectedInboundProjection.handles).toEqual(['ReturnPickupRequested', 'ExchangeRequested', 'ReturnReceived']);
    for (const type of ORDER_EVENT_TYPES) expect(WORK_TYPE_LABELS[type]).toBeTruthy();
  });

  it('bookkeeping events (NON_CS_EVENT_TYPES) open no entry', () => {
    const renumbered = recordedEvent({ type: 'PriorityRenumbered', data: { no: NO, productCode: 'P-100', priority: 2000 } });
    const completed = recordedEvent({ type: 'CsEntriesCompleted', data: { no: NO, entryIds: [] } });
    expect(NON_CS_EVENT_TYPES).toEqual(['PriorityRenumbered', 'CsEntriesCompleted']);
    for (const e of [renumbered, completed]) {
      expect(csHistoryProjection.keysOf(e)).toEqual([]);
      expect(evolveCsHistory(null, e)).toBeNull();
    }
  });

  it('toDb/fromDb round-trip, also from pg-style values', () => {
    const entry = evolveCsHistory(null, recordedEvent({ type: 'OrderReleased', data: { no: NO } }))!;
    const db = csHistoryProjection.toDb(entry);
    expect(csHistoryProjection.fromDb(db)).toEqual(entry);
    expect(csHistoryProjection.fromDb({ ...db, order_no: String(NO), stream_revision: '3', at: new Date(entry.at) })).toEqual(entry);
  });
});

describe('cs_history 완료 (CsEntriesCompleted)', () => {
  const ids = ['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000003'];
  const entries = (): CsHistoryRow[] =>
    ids.map((id, i) => evolveCsHistory(null, recordedEvent({ type: 'CsMemoAdded', data: { no: NO, text: `메모 ${i}` } }, { id, revision: i }))!);
  const completion = (entryIds: readonly string[], options: { no?: number; actor?: string; occurredAt?: string } = {}) =>
    recordedEvent(
      { type: 'CsEntriesCompleted', data: { no: options.no ?? NO, entryIds } },
      { id: 'bbbbbbbb-0000-4000-8000-000000000009', revision: 9, actor: options.actor ?? 'cs.lee', occurredAt: options.occurredAt ?? '2026-11-27T09:30:00+09:00' },
    );

  it('touches the rows of the entries it names, and only those', () => {
    expect(csHistoryProjection.keysOf(completion([ids[0]!, ids[2]!]))).toEqual([ids[0], ids[2]]);
  });

  it('marks each named entry 완료 with the time and the worker; the others stay open', () => {
    const [first, second, third] = entries();
    const e = completion([ids[0]!, ids[2]!]);
    expect(evolveCsHistory(first!, e)).toEqual({ ...first, processed: true, processed_at: '2026-11-27T00:30:00.000Z', processed_by: 'cs.lee' });
    expect(evolveCsHistory(third!, e)).toMatchObject({ processed: true, processed_by: 'cs.lee' });
    expect(evolveCsHistory(second!, e)).toBe(second);
  });

  it('is idempotent: an entry already 완료 is returned as it is (the first completion stays)', () => {
    const [first] = entries();
    const done = evolveCsHistory(first!, completion([ids[0]!]))!;
    expect(evolveCsHistory(done, completion([ids[0]!]))).toBe(done);
    expect(evolveCsHistory(done, completion([ids[0]!], { actor: 'cs.park', occurredAt: '2026-11-28T00:00:00Z' }))).toBe(done);
  });

  it('an entry of another order, an entry that does not exist and an id that is no uuid change nothing', () => {
    const [first] = entries();
    expect(evolveCsHistory(first!, completion([ids[0]!], { no: NO + 1 }))).toBe(first);
    expect(evolveCsHistory(null, completion([ids[0]!]))).toBeNull();
    const e = completion(['not-a-uuid', ids[1]!.toUpperCase()]);
    expect(csHistoryProjection.keysOf(e)).toEqual([ids[1]]);
  });

  it('through a whole history: the picked entries turn 완료, the rest stay 미처리, replay changes nothing', () => {
    const events = recorded(
      runCommands([
        [NO, placeOrder(NO)],
        [NO, { type: 'HoldOrder', data: {} }],
        [NO, { type: 'AddCsMemo', data: { text: '배송 문의' } }],
        [NO, { type: 'CompleteEarlierEntries', picks: [0, 2] }],
        [NO, { type: 'CompleteEarlierEntries', picks: [2] }],
        [NO, { type: 'ReleaseHold', data: {} }],
      ]),
    );
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderHeld', 'CsMemoAdded', 'CsEntriesCompleted', 'OrderReleased']);
    const rows = foldRows<CsHistoryRow>(csHistoryProjection, events);
    expect([...rows.values()].map((r) => [r.work_type, r.processed, r.processed_by, r.processed_at])).toEqual([
      ['OrderPlaced', true, 'cs.lee', '2026-11-26T01:03:00.000Z'],
      ['OrderHeld', false, null, null],
      ['CsMemoAdded', true, 'cs.lee', '2026-11-26T01:03:00.000Z'],
      ['OrderReleased', false, null, null],
    ]);
    expect(foldRows(csHistoryProjection, [...events, ...events], foldRows(csHistoryProjection, events))).toEqual(rows);
  });
});
