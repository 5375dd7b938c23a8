/**
 * Test support: the fast-check generator of realistic order histories (historyArb) — an opening order,
 * then follow-ups from the shared CS command generator, main-path runs and action/undo pairs — as steps
 * for runCommands (orderHistory.ts) to send through the domain's deciders.
 */
import type { LineProduct, PaymentMethod } from '@oms/domain';
import { CANCEL_REASONS, EXCHANGE_TYPES, initialOrderState, PAYMENT_METHODS } from '@oms/domain';
import type { CommandArbOptions, CsCommandType, SendContext } from '@oms/domain/testing';
import { buildSpec, csCommandArb } from '@oms/domain/testing';
import fc from 'fast-check';
import type { CommandSpec, StepSpec } from './orderHistory.js';
import { HISTORY_START, placeOrder } from './orderHistory.js';

/** The catalogue the generated 상품변경 / 상품추가 / 주문복사 pick from. */
const P100: LineProduct = { productCode: 'P-100', productName: '카트야로 스텔 냄비', option: '24cm', unitPrice: 27000 };
export const CATALOGUE: CommandArbOptions['products'] = [
  P100,
  { productCode: 'P-200', productName: '실리콘 주걱', option: '화이트', unitPrice: 5000 },
  { productCode: 'P-300', productName: '유리 밀폐용기', option: '', unitPrice: 12000 },
];
const PRODUCT_CODES = ['P-100', 'P-200', 'P-300'] as const;

const noData = {} as Record<string, never>;

const memoArb = fc.option(fc.constantFrom('고객 요청', '전화 확인 완료', '재고 확인 중'), { nil: undefined });
const lineIdArb = fc.integer({ min: 1, max: 3 });

/**
 * How often each follow-up command comes, by name. Its data comes from the shared CS command
 * generator, realistic (well-formed, not relative to the order: a history is generated before it
 * runs); 주문생성 is the opening, and CS 완료 is CompleteEarlierEntries (entry ids exist only once the
 * events do).
 */
const FOLLOW_UP_WEIGHTS: Readonly<Partial<Record<CsCommandType, number>>> = {
  PlaceOrder: 0,
  ConfirmPayment: 1,
  CancelOrder: 1,
  PrintShippingInstruction: 1,
  HoldOrder: 1,
  ReleaseHold: 3,
  EnterInvoice: 1,
  ShipOrder: 3,
  MarkDelivered: 2,
  ConfirmPurchase: 2,
  AddCsMemo: 1,
  ChangeDeliveryInfo: 1,
  RestoreOrder: 1,
  CancelLine: 2,
  RestoreLine: 2,
  ChangeLineProduct: 1,
  AddLine: 1,
  DeleteOrder: 1,
  SetMergeForbidden: 1,
  RequestReturnPickup: 3,
  ReceiveReturn: 2,
  SetReturnExpected: 1,
  RequestExchange: 1,
  RecordReturnFees: 2,
  CompleteReturn: 1,
  CompleteCsEntries: 0,
  MergeOrder: 2,
  UnmergeOrder: 1,
  ReceiveChannelCancellation: 3,
  WithdrawChannelCancellation: 2,
  ConfirmCancelWithdrawal: 3,
  DissolvePackage: 1,
  CopyOrder: 1,
  SetPriority: 2,
};

/** Any command for an existing order (the deciders decide whether it applies); `nos` are the orders it may name. */
const followUpArb = (nos: readonly number[], copyNos: readonly number[]): fc.Arbitrary<StepSpec> => {
  const commands = fc
    .tuple(
      csCommandArb({ products: CATALOGUE, realistic: true }, copyNos.length === 0 ? { ...FOLLOW_UP_WEIGHTS, CopyOrder: 0 } : FOLLOW_UP_WEIGHTS),
      copyNos.length === 0 ? fc.constant(0) : fc.constantFrom(...copyNos),
      fc.stringMatching(/^[0-9]{10,12}$/),
    )
    .map(([draft, copyNo, trackingNumber]): StepSpec => {
      // Built now, from what is known before the history runs; alarms are a day or more after HISTORY_START.
      const send: SendContext = { no: 0, at: HISTORY_START, state: initialOrderState(), orders: nos, freshOrderNo: copyNo, usedTrackingNumbers: [], freshTrackingNumber: trackingNumber, entryIds: [] };
      return buildSpec(draft, send);
    });
  return fc.oneof(
    { arbitrary: commands, weight: 39 },
    { arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).map((picks): StepSpec => ({ type: 'CompleteEarlierEntries', picks })), weight: 3 },
  );
};

/** A run along the main path (a prefix of it), so histories reach 배송, 회수, 반품입고 and 교환 often enough. */
const happyPathArb = (replacementNos: readonly number[]): fc.Arbitrary<StepSpec[]> =>
  fc
  .tuple(fc.integer({ min: 2, max: 12 }), fc.stringMatching(/^[0-9]{12}$/), fc.boolean(), fc.constantFrom(...EXCHANGE_TYPES), replacementNos.length === 0 ? fc.constant(null) : fc.constantFrom(...replacementNos))
  .map(([length, trackingNumber, registerInbound, exchangeType, replacementNo]) =>
    (
      [
        { type: 'ReleaseHold', data: noData },
        { type: 'ConfirmPayment', data: noData },
        { type: 'PrintShippingInstruction', data: noData },
        { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber } },
        { type: 'ShipOrder', data: noData },
        { type: 'MarkDelivered', data: noData },
        { type: 'SetReturnExpected', data: { expected: true } },
        { type: 'RequestReturnPickup', data: { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_defect', registerInbound } },
        { type: 'ReceiveReturn', data: { pickupId: 1, lines: [{ lineId: 1, quantity: 1, damaged: registerInbound ? 0 : 1 }] } },
        { type: 'RecordReturnFees', data: { pickupId: 1, fees: { enclosed: { expected: 6000, arrived: 6000 } } } },
        { type: 'CompleteReturn', data: { pickupId: 1 } },
        // The replacement takes one of the numbers left for copies (none left: no exchange on this path).
        ...(replacementNo === null ? [] : [{ type: 'RequestExchange', data: { exchangeType, lines: [{ lineId: 1, quantity: 1 }], replacementNo } } satisfies StepSpec]),
        { type: 'SetReturnExpected', data: { expected: false } },
        { type: 'ConfirmPurchase', data: noData },
      ] satisfies StepSpec[]
    ).slice(0, length),
  );

/** An action and its undoing, so the reverse events (복귀, 합포제외 / 합포삭제, 알람변경 and 해제, 재정렬) show up too. */
const undoArb = (nos: readonly number[]): fc.Arbitrary<StepSpec[]> =>
  fc.oneof(
    fc.constantFrom(...CANCEL_REASONS).map((reason): StepSpec[] => [
      { type: 'CancelOrder', data: { reason } },
      { type: 'RestoreOrder', data: noData },
    ]),
    fc.record({ lineId: lineIdArb, reason: fc.constantFrom(...CANCEL_REASONS) }).map(({ lineId, reason }): StepSpec[] => [
      { type: 'CancelLine', data: { lineId, quantity: 1, reason } },
      { type: 'RestoreLine', data: { lineId, quantity: 1 } },
    ]),
    fc.tuple(fc.constantFrom(...nos), fc.boolean()).map(([orderNo, dissolve]): StepSpec[] => [
      { type: 'MergeOrder', data: { orderNo } },
      dissolve ? { type: 'DissolvePackage', data: noData } : { type: 'UnmergeOrder', data: noData },
    ]),
    fc.integer({ min: 1, max: 3 }).map((days): StepSpec[] => [
      { type: 'HoldOrder', data: noData },
      { type: 'ChangeHoldAlarm', data: { alarmAt: new Date(Date.parse(HISTORY_START) + days * 86_400_000).toISOString() } },
      { type: 'ReleaseHold', data: noData },
    ]),
    fc.constant<StepSpec[]>([
      { type: 'SetMergeForbidden', data: { forbidden: true } },
      { type: 'SetMergeForbidden', data: { forbidden: false } },
    ]),
    fc.constantFrom(...nos).map((after): StepSpec[] => [
      { type: 'SetPriority', data: { productCode: 'P-100', position: 'after', after, holders: [...nos] } },
      { type: 'SetPriority', data: { productCode: 'P-100', position: 'top', holders: [...nos] } },
    ]),
    // 전체취소 by hand, the channel cancels 1 of line 1 (취소철회조회 lists the rest), withdraws it, a worker confirms the figure, then restores.
    fc.tuple(fc.constantFrom(...CANCEL_REASONS), fc.integer({ min: 1, max: 4 })).map(([reason, claim]): StepSpec[] => [
      { type: 'CancelOrder', data: { reason } },
      {
        type: 'ReceiveChannelCancellation',
        data: { cancellation: { channel: '스마트스토어', cancellationId: `CL${claim}`, channelOrderNo: 'CH-1', line: { productCode: 'P-100' }, quantity: 1, kind: 'cancel', cancelledAt: HISTORY_START, reason, channelReason: '단순변심' } },
      },
      { type: 'WithdrawChannelCancellation', data: { cancellationId: `CL${claim}`, withdrawnAt: HISTORY_START } },
      { type: 'ConfirmCancelWithdrawal', data: { lineId: 1 } },
      { type: 'RestoreOrder', data: noData },
    ]),
  );

const placeArb = (no: number): fc.Arbitrary<CommandSpec> =>
  fc
    .record({
      paid: fc.boolean(),
      paymentMethod: fc.constantFrom<PaymentMethod>(...PAYMENT_METHODS),
      lines: fc.array(
        fc.record({
          // P-100 on most orders: 우선순위 (and its renumbering) needs several orders holding one product.
          productCode: fc.oneof({ arbitrary: fc.constant('P-100'), weight: 2 }, fc.constantFrom(...PRODUCT_CODES)),
          productName: fc.constantFrom('카트야로 스텔 냄비', '실리콘 주걱', '유리 밀폐용기'),
          option: fc.constantFrom('', '20cm', '화이트'),
          quantity: fc.integer({ min: 1, max: 5 }),
          unitPrice: fc.integer({ min: 0, max: 100_000 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      shippingFee: fc.constantFrom(0, 2500, 3000),
    })
    .map((d) => placeOrder(no, d));

/**
 * A random interleaved history of up to `orders` orders numbered from `firstNo`: some are placed
 * first, the numbers left over are for 주문복사; then random follow-up commands (each with an optional
 * CS memo) hit random orders, copies included.
 */
/**
 * 우선순위 among orders that all hold P-100: every order gets a line of it, then one moves after
 * another (with three holders and no room between them, the others are renumbered).
 */
const priorityRoundArb = (nos: readonly number[]): fc.Arbitrary<(readonly [number, StepSpec])[]> =>
  fc.tuple(fc.constantFrom(...nos), fc.constantFrom(...nos)).map(([target, after]) => [
    ...nos.map((n) => [n, { type: 'AddLine', data: { product: P100, quantity: 1 } }] as const),
    [target, { type: 'SetPriority', data: { productCode: 'P-100', position: 'after', after, holders: [...nos] } }] as const,
  ]);

export const historyArb = (firstNo: number, orders = 3): fc.Arbitrary<(readonly [number, StepSpec])[]> =>
  fc.integer({ min: 1, max: orders }).chain((count) => {
    const all = Array.from({ length: orders }, (_, i) => firstNo + i);
    const nos = all.slice(0, count);
    const copyNos = all.slice(count);
    // Mostly the orders placed up front; a copy only exists once a 주문복사 made it.
    const targetArb = copyNos.length === 0 ? fc.constantFrom(...nos) : fc.oneof({ arbitrary: fc.constantFrom(...nos), weight: 3 }, fc.constantFrom(...copyNos));
    const onOneOrder = fc
      .tuple(targetArb, fc.oneof({ arbitrary: followUpArb(all, copyNos).map((c) => [c]), weight: 4 }, happyPathArb(copyNos), undoArb(all)), memoArb)
      .map(([no, cs, memo]) => cs.map((c) => [no, { ...c, memo }] as const));
    return fc
      .tuple(fc.tuple(...nos.map(placeArb)), fc.array(fc.oneof({ arbitrary: onOneOrder, weight: 12 }, priorityRoundArb(nos)), { maxLength: 30 }))
      .map(([places, steps]) => [...places.map((p, i) => [nos[i] ?? firstNo, p] as const), ...steps.flat()]);
  });
