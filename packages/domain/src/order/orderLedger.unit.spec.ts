/**
 * Properties of the quantity ledger and the order's lifecycle under random command sequences:
 * random orders (1–4 lines), then any of the decider's commands in any order with random, often
 * bad, arguments, applied through decide + evolve. A DomainError leaves the state as it was and
 * appends nothing; any other error is a failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandMetadata } from '../decider.js';
import { fold } from '../decider.js';
import { DomainError } from '../errors.js';
import type { LineLedger, OrderEvent, OrderEventType, OrderState, OrderStatus } from './order.js';
import { CANCEL_REASONS, csStateOf, evolveOrder, initialOrderState, ORDER_STATUSES, PAYMENT_METHODS } from './order.js';
import type { NewOrderLine, OrderCommand, PlaceOrder } from './orderDecider.js';
import { decideOrder, OrderDecider } from './orderDecider.js';

const NO = 7;
const START = Date.parse('2026-03-02T09:00:00.000Z');
const STEP_MS = 10 * 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// Generators. A step is a command without its metadata; time advances 10 minutes per step.

type Step = { readonly type: OrderCommand['type']; readonly build: (at: number) => OrderCommand['data'] };

const lineArb: fc.Arbitrary<NewOrderLine> = fc.record({
  productCode: fc.constantFrom('P-100', 'P-200', 'P-300'),
  productName: fc.constantFrom('머그컵', '티스푼'),
  option: fc.constantFrom('', '화이트', '블랙'),
  quantity: fc.integer({ min: 1, max: 9 }),
  unitPrice: fc.integer({ min: 0, max: 50_000 }),
});

const badLineArb: fc.Arbitrary<NewOrderLine> = fc.oneof(
  lineArb.map((l) => ({ ...l, quantity: 0 })),
  fc.tuple(lineArb, fc.constantFrom(-1, 1.5, Number.NaN)).map(([l, quantity]) => ({ ...l, quantity })),
  lineArb.map((l) => ({ ...l, productCode: ' ' })),
  lineArb.map((l) => ({ ...l, unitPrice: -100 })),
);

const placeDataArb = (lines: fc.Arbitrary<NewOrderLine[]>) =>
  fc.record({
    no: fc.constant(NO),
    channel: fc.constantFrom('스마트스토어', '11번가', ' G마켓 '),
    channelOrderNo: fc.option(fc.constantFrom('CH-1', '', ' CH-2 '), { nil: undefined }),
    paymentMethod: fc.constantFrom(...PAYMENT_METHODS),
    paid: fc.boolean(),
    buyer: fc.constant({ name: '김구매' }),
    recipient: fc.constant({ name: '이수령', address: '서울 강남구 테헤란로 1' }),
    shippingFee: fc.constantFrom(0, 3000),
    lines,
  });

const validPlaceArb = placeDataArb(fc.array(lineArb, { minLength: 1, maxLength: 4 }));
const anyPlaceArb = fc.oneof(
  { weight: 3, arbitrary: validPlaceArb },
  { weight: 1, arbitrary: placeDataArb(fc.constant([])) },
  { weight: 1, arbitrary: placeDataArb(fc.tuple(fc.array(lineArb, { maxLength: 3 }), badLineArb).map(([ls, bad]) => [...ls, bad])) },
  { weight: 1, arbitrary: validPlaceArb.map((d) => ({ ...d, channel: '  ' })) },
  { weight: 1, arbitrary: validPlaceArb.map((d) => ({ ...d, shippingFee: -1 })) },
);

const trackingNumberArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('123456789012', '987654321098', '12345678', '12345678901234567890') },
  { weight: 2, arbitrary: fc.stringMatching(/^[0-9]{8,20}$/) },
  { weight: 2, arbitrary: fc.constantFrom('1234567', '123456789012345678901', '1234-5678-9012', ' 123456789012', 'ABCD12345678', '', '１２３４５６７８') },
  { weight: 1, arbitrary: fc.string({ maxLength: 22 }) },
);
const carrierArb = fc.constantFrom('cj', 'cj', 'lotte', ' cj ', '', '  ');

/** An alarm relative to the command's own time: past, exactly now, future, or not a date at all. */
const alarmArb: fc.Arbitrary<((at: number) => string) | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }).map((offset) => (at: number) => iso(at + offset)) },
  { weight: 1, arbitrary: fc.constant((at: number) => iso(at)) },
  { weight: 1, arbitrary: fc.integer({ min: -86_400_000, max: 86_400_000 }).map((offset) => (at: number) => iso(at + offset).replace('Z', '+00:00')) },
  { weight: 1, arbitrary: fc.constantFrom('tomorrow', '', '2026-13-45T99:00:00Z', '2027-03-03', '2027-03-03T09:00:00', 'March 5 2027').map((s) => () => s) },
);

const noData = () => ({});
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: anyPlaceArb.map((d): Step => ({ type: 'PlaceOrder', build: () => d })) },
  { weight: 3, arbitrary: fc.constant<Step>({ type: 'ConfirmPayment', build: noData }) },
  { weight: 1, arbitrary: fc.constantFrom(...CANCEL_REASONS).map((reason): Step => ({ type: 'CancelOrder', build: () => ({ reason }) })) },
  { weight: 3, arbitrary: fc.constant<Step>({ type: 'PrintShippingInstruction', build: noData }) },
  {
    weight: 2,
    arbitrary: alarmArb.map((alarm): Step => ({ type: 'HoldOrder', build: (at) => (alarm === undefined ? {} : { alarmAt: alarm(at) }) })),
  },
  { weight: 2, arbitrary: fc.constant<Step>({ type: 'ReleaseHold', build: noData }) },
  {
    weight: 4,
    arbitrary: fc.record({ carrier: carrierArb, trackingNumber: trackingNumberArb }).map((d): Step => ({ type: 'EnterInvoice', build: () => d })),
  },
  { weight: 3, arbitrary: fc.constant<Step>({ type: 'ShipOrder', build: noData }) },
  { weight: 2, arbitrary: fc.constant<Step>({ type: 'MarkDelivered', build: noData }) },
  { weight: 2, arbitrary: fc.constant<Step>({ type: 'ConfirmPurchase', build: noData }) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '고객 통화', ' 부재중 ').map((text): Step => ({ type: 'AddCsMemo', build: () => ({ text }) })) },
);

/** Mostly a valid order first; sometimes none at all, so commands meet a non-existent order. */
const scenarioArb = fc.record({
  opening: fc.option(validPlaceArb, { freq: 9, nil: null }),
  steps: fc.array(stepArb, { maxLength: 40, size: 'max' }),
});

const toCommands = (scenario: { opening: PlaceOrder['data'] | null; steps: Step[] }): OrderCommand[] => {
  const { opening } = scenario;
  const steps: Step[] = opening ? [{ type: 'PlaceOrder', build: () => opening }, ...scenario.steps] : scenario.steps;
  return steps.map((step, i) => {
    const at = START + i * STEP_MS;
    const metadata: CommandMetadata = { actor: 'cs-kim', role: 'cs', at: iso(at) };
    return { type: step.type, data: step.build(at), metadata } as OrderCommand;
  });
};

// ---------------------------------------------------------------------------------------------
// Checks: plain throws, cheap enough for tens of thousands of steps.

const fail = (message: string, detail?: unknown): never => {
  throw new Error(detail === undefined ? message : `${message}: ${JSON.stringify(detail)}`);
};
const check = (condition: boolean, message: string, detail?: unknown): void => {
  if (!condition) fail(message, detail);
};

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

const statusIndex = (s: OrderStatus): number => ORDER_STATUSES.indexOf(s);
const active = (l: LineLedger): number => l.ordered - l.cancelled + l.restored;

/** Which events each command may append. */
const EVENTS_OF: Readonly<Record<OrderCommand['type'], readonly OrderEventType[]>> = {
  PlaceOrder: ['OrderPlaced'],
  ConfirmPayment: ['PaymentConfirmed'],
  CancelOrder: ['OrderCancelledBeforePayment'],
  PrintShippingInstruction: ['ShippingInstructionPrinted', 'ShippingInstructionReprinted'],
  HoldOrder: ['OrderHeld'],
  ReleaseHold: ['OrderReleased'],
  EnterInvoice: ['InvoiceEntered'],
  ShipOrder: ['OrderShipped'],
  MarkDelivered: ['OrderDelivered'],
  ConfirmPurchase: ['PurchaseConfirmed'],
  AddCsMemo: ['CsMemoAdded'],
};

/** A refusal must have a reason in the rules: the state or the command's own arguments. */
const refusalIsJustified = (command: OrderCommand, state: OrderState): boolean => {
  if (state.kind !== 'placed') return command.type !== 'PlaceOrder' || !validPlaceData(command.data);
  const cancelled = csStateOf(state) === 'cancelled';
  const held = state.hold !== null;
  const s = state.status;
  const upToInvoice = statusIndex(s) <= statusIndex('invoiced');
  switch (command.type) {
    case 'PlaceOrder':
      return true;
    case 'ConfirmPayment':
    case 'CancelOrder':
      return cancelled || s !== 'awaiting_payment';
    case 'PrintShippingInstruction':
      return cancelled || (state.shippingInstructionPrints === 0 && s !== 'received');
    case 'HoldOrder': {
      const alarmAt = command.data.alarmAt;
      const badAlarm = alarmAt !== undefined && !(/(Z|[+-]\d{2}:\d{2})$/.test(alarmAt) && Date.parse(alarmAt) > Date.parse(command.metadata.at));
      return cancelled || held || !upToInvoice || badAlarm;
    }
    case 'ReleaseHold':
      return !held;
    case 'EnterInvoice':
      return cancelled || held || s === 'awaiting_payment' || !upToInvoice || command.data.carrier.trim() === '' || !/^[0-9]{8,20}$/.test(command.data.trackingNumber);
    case 'ShipOrder':
      return cancelled || held || s !== 'invoiced';
    case 'MarkDelivered':
      return s !== 'shipped';
    case 'ConfirmPurchase':
      return s !== 'shipped' && s !== 'delivered';
    case 'AddCsMemo':
      return command.data.text.trim() === '';
  }
};

const validPlaceData = (d: PlaceOrder['data']): boolean =>
  d.lines.length > 0 &&
  d.lines.every((l) => Number.isInteger(l.quantity) && l.quantity >= 1 && Number.isInteger(l.unitPrice) && l.unitPrice >= 0 && l.productCode.trim() !== '') &&
  Number.isInteger(d.shippingFee) && d.shippingFee >= 0 &&
  [d.channel, d.buyer.name, d.recipient.name, d.recipient.address].every((x) => x.trim() !== '');

const checkLedger = (state: OrderState): void => {
  if (state.kind !== 'placed') return;
  check(state.lines.length >= 1 && state.lines.length <= 4, 'an order has 1 to 4 lines here', state.lines.length);
  let totalOrdered = 0;
  let totalActive = 0;
  for (const { ledger: l, lineId } of state.lines) {
    for (const [k, v] of Object.entries(l)) check(Number.isInteger(v) && v >= 0, `ledger.${k} of line ${lineId} is a whole number ≥ 0`, l);
    check(l.cancelled - l.restored <= l.ordered, 'cancelled − restored ≤ ordered', l);
    check(l.restored <= l.cancelled, 'restored ≤ cancelled', l);
    check(active(l) >= 0 && active(l) <= l.ordered, 'active stays within [0, ordered]', l);
    check(l.shipped <= active(l), 'shipped ≤ active', l);
    check(l.pickedUp <= l.shipped, 'pickedUp ≤ shipped', l);
    check(l.returned <= l.pickedUp, 'returned ≤ pickedUp', l);
    totalOrdered += l.ordered;
    totalActive += active(l);
  }
  // The CS state, computed independently from the ledger's totals.
  const expected = totalActive === 0 ? 'cancelled' : totalActive === totalOrdered ? 'normal' : 'partially_cancelled';
  check(csStateOf(state) === expected, `csState is ${expected}`, { csState: csStateOf(state), lines: state.lines.map((x) => x.ledger) });

  const s = statusIndex(state.status);
  check((state.invoice !== null) === s >= statusIndex('invoiced'), 'an order has an invoice exactly from 송장 on', state);
  check(state.hold === null || s <= statusIndex('invoiced'), 'a shipped order is never held', state);
  check(state.status !== 'preparing' || state.shippingInstructionPrints >= 1, '배송준비중 means the instruction was printed', state);
  const shipped = state.lines.reduce((n, l) => n + l.ledger.shipped, 0);
  check((shipped > 0) === s >= statusIndex('shipped'), 'quantities are shipped exactly from 배송 on', state);
};

const checkStep = (before: OrderState, after: OrderState, command: OrderCommand, events: readonly OrderEvent[]): void => {
  for (const e of events) check(EVENTS_OF[command.type].includes(e.type), `${command.type} may not append ${e.type}`);
  if (events.length === 0) check(command.type === 'EnterInvoice', 'only re-entering the same invoice appends nothing', command);
  if (after.kind !== 'placed') return fail('a command succeeded but there is no order', { command, events });
  for (const e of events) check(e.data.no === after.no, 'every event names its order', e);
  if (before.kind !== 'placed') {
    check(command.type === 'PlaceOrder', 'only 주문생성 succeeds on a non-existent order', command);
    return;
  }
  check(statusIndex(after.status) >= statusIndex(before.status), 'status only moves forward', { from: before.status, to: after.status, command });
  check(after.status === before.status || ['ConfirmPayment', 'PrintShippingInstruction', 'EnterInvoice', 'ShipOrder', 'MarkDelivered', 'ConfirmPurchase'].includes(command.type), 'only a status command moves the status', command);
  if (before.hold !== null) {
    check(!events.some((e) => e.type === 'InvoiceEntered' || e.type === 'OrderShipped'), 'a held order never gains an invoice or ships', events);
    check(JSON.stringify(after.invoice) === JSON.stringify(before.invoice), 'a held order keeps its invoice', { before: before.invoice, after: after.invoice });
    check(after.lines.every((l, i) => l.ledger.shipped === before.lines[i]?.ledger.shipped), 'a held order ships nothing');
  }
  if (csStateOf(before) === 'cancelled') {
    check(events.every((e) => e.type === 'CsMemoAdded' || e.type === 'OrderReleased'), 'a cancelled order only takes memos and a release', events);
  }
  check(after.lines.every((l, i) => l.ledger.ordered === before.lines[i]?.ledger.ordered && l.lineId === before.lines[i]?.lineId), 'lines and ordered quantities never change');
  for (const e of events) {
    if (e.type === 'OrderShipped') {
      check(e.data.lines.length > 0, '배송처리 ships something', e);
      const unshipped = before.lines.map((l) => ({ lineId: l.lineId, quantity: active(l.ledger) - l.ledger.shipped })).filter((l) => l.quantity > 0);
      check(JSON.stringify(e.data.lines) === JSON.stringify(unshipped), '배송처리 ships exactly the unshipped active quantities', { event: e, unshipped });
    }
    if (e.type === 'OrderCancelledBeforePayment') {
      check(e.data.lines.every((q) => q.quantity > 0), '입금전취소 lists only quantities > 0', e);
    }
  }
};

// ---------------------------------------------------------------------------------------------

describe('order ledger and lifecycle under random command sequences', () => {
  it('keeps every invariant (decide + evolve, DomainError ⇒ nothing changes)', () => {
    const succeeded = new Map<string, number>();
    const refused = new Map<string, number>();
    const reached = new Set<string>();
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const commands = toCommands(scenario);
        let state = deepFreeze(initialOrderState());
        const appended: OrderEvent[] = [];
        for (const command of deepFreeze(commands)) {
          const before = state;
          const snapshot = JSON.stringify(before);
          let events: readonly OrderEvent[];
          try {
            events = deepFreeze(decideOrder(command, before));
          } catch (error) {
            // Anything but a DomainError (a TypeError from mutating frozen state, say) fails the property.
            if (!(error instanceof DomainError)) throw error;
            check(['not_found', 'invalid', 'conflict'].includes(error.kind), 'a DomainError has a known kind', error.kind);
            check(error.kind !== 'not_found' || before.kind === 'none', 'ORDER_NOT_FOUND only without an order', error.code);
            check(JSON.stringify(state) === snapshot, 'a refused command leaves the state unchanged');
            check(refusalIsJustified(command, before), `${command.type} refused with ${error.code} without a reason in the rules`, { command, state: before });
            bump(refused, `${command.type}:${error.code}`);
            continue;
          }
          state = events.reduce((s, e) => {
            const next = deepFreeze(evolveOrder(s, e));
            check(e.type === 'CsMemoAdded' || JSON.stringify(next) !== JSON.stringify(s), 'every event but a CS memo changes the order', e);
            return next;
          }, before);
          appended.push(...events);
          bump(succeeded, command.type);
          checkLedger(state);
          checkStep(before, state, command, events);
          if (state.kind === 'placed') {
            reached.add(state.status);
            if (state.hold) reached.add('held');
            reached.add(csStateOf(state));
          }
        }
        // The stream replays to the live state.
        check(JSON.stringify(fold(OrderDecider, appended)) === JSON.stringify(state), 'folding the appended events gives the live state');
        if (state.kind === 'none') check(appended.length === 0, 'nothing is appended without an order');
      }),
      { numRuns: 2500 },
    );

    // The generator is not vacuous: every command both succeeded and was refused, every status and
    // CS state was reached.
    for (const type of Object.keys(EVENTS_OF)) {
      expect(succeeded.get(type) ?? 0, `${type} succeeded`).toBeGreaterThan(20);
      expect([...refused.keys()].some((k) => k.startsWith(`${type}:`)), `${type} was refused`).toBe(true);
    }
    for (const s of [...ORDER_STATUSES, 'held', 'normal', 'cancelled']) expect(reached.has(s), `reached ${s}`).toBe(true);
    for (const code of ['ORDER_NOT_FOUND', 'ORDER_HELD', 'INVALID_TRACKING_NUMBER', 'ALARM_IN_PAST', 'INVALID_ALARM_TIME', 'CANCEL_ONLY_BEFORE_PAYMENT', 'ORDER_ALREADY_EXISTS']) {
      expect([...refused.keys()].some((k) => k.endsWith(`:${code}`)), `refused with ${code}`).toBe(true);
    }
  });
});
