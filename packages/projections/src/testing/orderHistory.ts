/**
 * Test support (not exported from the package): realistic order histories made by running commands
 * through the domain's OrderDecider, and an in-memory fold that applies events the way the runner does.
 */
import type { EventMetadata, GlobalPosition } from '@oms/adapters';
import type { OrderCommand, OrderEvent, OrderState, PaymentMethod } from '@oms/domain';
import { CANCEL_REASONS, DomainError, OrderDecider, orderStreamId, PAYMENT_METHODS } from '@oms/domain';
import fc from 'fast-check';
import type { AnyProjection, RecordedOrderEvent } from '../projection.js';

/** A command without its metadata; `memo` becomes the metadata's CS memo. */
export type CommandSpec = (OrderCommand extends infer C ? (C extends OrderCommand ? Omit<C, 'metadata'> : never) : never) & {
  readonly memo?: string | undefined;
};
type PlaceOrderData = Extract<OrderCommand, { type: 'PlaceOrder' }>['data'];

export interface HistoryEvent {
  readonly no: number;
  readonly event: OrderEvent;
  readonly metadata: EventMetadata;
}

const MINUTE = 60_000;

/**
 * Runs (order no, command) steps through the decider, each order from its own state; commands the
 * rules refuse are skipped. Command i happens at `start + i minutes`.
 */
export const runCommands = (steps: readonly (readonly [number, CommandSpec])[], start = '2026-11-26T01:00:00.000Z'): HistoryEvent[] => {
  const states = new Map<number, OrderState>();
  const out: HistoryEvent[] = [];
  steps.forEach(([no, spec], i) => {
    const at = new Date(Date.parse(start) + i * MINUTE).toISOString();
    const { memo, ...rest } = spec;
    const command = { ...rest, metadata: { actor: i % 2 === 0 ? 'cs.kim' : 'cs.lee', role: 'cs', at, memo } } as OrderCommand;
    if (command.type === 'HoldOrder' && command.data.alarmAt === 'tomorrow') {
      (command as { data: { alarmAt?: string } }).data = { alarmAt: new Date(Date.parse(at) + 24 * 60 * MINUTE).toISOString() };
    }
    const state = states.get(no) ?? OrderDecider.initialState();
    let events: readonly OrderEvent[];
    try {
      events = OrderDecider.decide(command, state);
    } catch (err) {
      if (err instanceof DomainError) return;
      throw err;
    }
    states.set(no, events.reduce(OrderDecider.evolve, state));
    const metadata: EventMetadata = { actor: command.metadata.actor, role: command.metadata.role, occurredAt: at, schemaVersion: 1, ...(memo ? { memo } : {}) };
    for (const event of events) out.push({ no, event, metadata });
  });
  return out;
};

/** Wraps history events in the store's envelope as readAll would return them (revisions per stream). */
export const recorded = (history: readonly HistoryEvent[], idOf: (no: number, revision: number) => string = fakeId): RecordedOrderEvent[] => {
  const revisions = new Map<number, number>();
  return history.map(({ no, event, metadata }, i) => {
    const revision = (revisions.get(no) ?? -1) + 1;
    revisions.set(no, revision);
    const position: GlobalPosition = { transactionId: BigInt(1000 + i), globalPosition: i + 1 };
    return {
      id: idOf(no, revision),
      streamId: orderStreamId(no),
      streamRevision: revision,
      type: event.type,
      data: event.data,
      metadata,
      position,
      recordedAt: new Date(Date.parse(metadata.occurredAt) + 1000).toISOString(),
    } as RecordedOrderEvent;
  });
};

export const fakeId = (no: number, revision: number): string =>
  `00000000-0000-4000-8000-${(no * 1000 + revision).toString(16).padStart(12, '0')}`;

/** Applies events to an in-memory table exactly like the runner: load by key, evolve, null = absent. */
export const foldRows = <Row>(projection: AnyProjection, events: readonly RecordedOrderEvent[], table = new Map<string, Row>()): Map<string, Row> => {
  for (const e of events) {
    if (!(projection.handles as readonly string[]).includes(e.type)) continue;
    const key = String(projection.keyOf(e));
    const next = projection.evolve(table.get(key) ?? null, e) as Row | null;
    if (next === null) table.delete(key);
    else table.set(key, next);
  }
  return table;
};

// ---------------------------------------------------------------------------------------------
// Commands.

export const placeOrder = (no: number, overrides: Partial<PlaceOrderData> = {}): CommandSpec => ({
  type: 'PlaceOrder',
  data: {
    no,
    channel: '11번가 법인',
    channelOrderNo: `ord${no}`,
    paymentMethod: 'card',
    paid: true,
    buyer: { name: '김민수', phone: '02-123-4567', mobile: '010-1234-5678' },
    recipient: { name: '이영희', mobile: '010-9876-5432', zip: '06236', address: '서울특별시 강남구 테헤란로 123', memo: '문 앞에 놓아주세요' },
    shippingFee: 3000,
    lines: [
      { productCode: 'P-100', productName: '카트야로 스텔 냄비', option: '20cm', quantity: 2, unitPrice: 25000 },
      { productCode: 'P-200', productName: '실리콘 주걱', option: '', quantity: 1, unitPrice: 5000 },
    ],
    ...overrides,
  },
});

const noData = {} as Record<string, never>;

const memoArb = fc.option(fc.constantFrom('고객 요청', '전화 확인 완료', '재고 확인 중'), { nil: undefined });

/** Any command for an existing order (the decider decides whether it applies). */
const followUpArb: fc.Arbitrary<CommandSpec> = fc.oneof(
  fc.constant<CommandSpec>({ type: 'ConfirmPayment', data: noData }),
  fc.constantFrom(...CANCEL_REASONS).map((reason): CommandSpec => ({ type: 'CancelOrder', data: { reason } })),
  fc.constant<CommandSpec>({ type: 'PrintShippingInstruction', data: noData }),
  fc.boolean().map((alarm): CommandSpec => ({ type: 'HoldOrder', data: alarm ? { alarmAt: 'tomorrow' } : {} })),
  { arbitrary: fc.constant<CommandSpec>({ type: 'ReleaseHold', data: noData }), weight: 3 },
  fc
    .tuple(fc.constantFrom('cj', 'lotte', 'CJ대한통운', 'hanjin'), fc.stringMatching(/^[0-9]{10,12}$/))
    .map(([carrier, trackingNumber]): CommandSpec => ({ type: 'EnterInvoice', data: { carrier, trackingNumber } })),
  { arbitrary: fc.constant<CommandSpec>({ type: 'ShipOrder', data: noData }), weight: 3 },
  { arbitrary: fc.constant<CommandSpec>({ type: 'MarkDelivered', data: noData }), weight: 2 },
  { arbitrary: fc.constant<CommandSpec>({ type: 'ConfirmPurchase', data: noData }), weight: 2 },
  fc.constantFrom('배송 문의', '주소 확인 요청', '포장 꼼꼼히').map((text): CommandSpec => ({ type: 'AddCsMemo', data: { text } })),
);

/** A run along the main path (a prefix of it), so histories reach 배송 and 구매확정 often enough. */
const happyPathArb: fc.Arbitrary<CommandSpec[]> = fc
  .tuple(fc.integer({ min: 2, max: 7 }), fc.stringMatching(/^[0-9]{12}$/))
  .map(([length, trackingNumber]) =>
    (
      [
        { type: 'ReleaseHold', data: noData },
        { type: 'ConfirmPayment', data: noData },
        { type: 'PrintShippingInstruction', data: noData },
        { type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber } },
        { type: 'ShipOrder', data: noData },
        { type: 'MarkDelivered', data: noData },
        { type: 'ConfirmPurchase', data: noData },
      ] satisfies CommandSpec[]
    ).slice(0, length),
  );

const placeArb = (no: number): fc.Arbitrary<CommandSpec> =>
  fc
    .record({
      paid: fc.boolean(),
      paymentMethod: fc.constantFrom<PaymentMethod>(...PAYMENT_METHODS),
      lines: fc.array(
        fc.record({
          productCode: fc.constantFrom('P-100', 'P-200', 'P-300'),
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
 * A random interleaved history of up to `orders` orders numbered from `firstNo`: every order is
 * placed first, then random follow-up commands (each with an optional CS memo) hit random orders.
 */
export const historyArb = (firstNo: number, orders = 3): fc.Arbitrary<(readonly [number, CommandSpec])[]> =>
  fc.integer({ min: 1, max: orders }).chain((count) => {
    const nos = Array.from({ length: count }, (_, i) => firstNo + i);
    return fc
      .tuple(
        fc.tuple(...nos.map(placeArb)),
        fc.array(fc.tuple(fc.constantFrom(...nos), fc.oneof({ arbitrary: followUpArb.map((c) => [c]), weight: 4 }, happyPathArb), memoArb), {
          maxLength: 30,
        }),
      )
      .map(([places, steps]) => [
        ...places.map((p, i) => [nos[i] ?? firstNo, p] as const),
        ...steps.flatMap(([no, cs, memo]) => cs.map((c) => [no, { ...c, memo }] as const)),
      ]);
  });
