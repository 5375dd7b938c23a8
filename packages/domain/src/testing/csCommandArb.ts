/**
 * Test support (not exported from the package index): the one fast-check generator of CS commands,
 * shared by the domain's property test, the command handler's property test and the projections'
 * generated histories. Commands are drawn BY NAME: `COMMAND_DATA` has one generator per CsCommand
 * type (a new command type without one does not compile), and `csCommandArb` weights them by name.
 *
 * A drawn command is a draft: its data is built when it is sent, from what exists only then (the
 * order as it is, the scenario's order numbers, the tracking numbers already held), so a draft can ask
 * for exactly what a line has or one more, name another order of the scenario, or reuse a number.
 */
import fc from 'fast-check';
import type { CommandMetadata, CsCommand, LineLedger, LineProduct, LineQuantity, OrderLine, OrderState, Recipient } from '../index.js';
import { CANCEL_REASONS, EXCHANGE_TYPES, PAYMENT_METHODS } from '../index.js';

export type CsCommandType = CsCommand['type'];
export type CommandData<K extends CsCommandType> = Extract<CsCommand, { readonly type: K }>['data'];

/** What a draft's data may depend on: known only when the command is sent. */
export interface SendContext {
  /** The order the command is sent to, and when. */
  readonly no: number;
  readonly at: string;
  /** That order as it is now (`{ kind: 'none' }` when it does not exist or is not known). */
  readonly state: OrderState;
  /** The orders of the scenario, which 합포 and 우선순위 may name (the target among them). */
  readonly orders: readonly number[];
  /** A 관리번호 no order has: 주문복사's copy, or an unknown order to merge. */
  readonly freshOrderNo: number;
  /** Tracking numbers orders of the scenario already hold, and one nobody holds. */
  readonly usedTrackingNumbers: readonly string[];
  readonly freshTrackingNumber: string;
  /** The order's CS 이력 entry ids so far (CS 완료 picks among them). */
  readonly entryIds: readonly string[];
}

export type DataDraft<K extends CsCommandType> = (send: SendContext) => CommandData<K>;
export type CommandDraft = { readonly [K in CsCommandType]: { readonly type: K; readonly build: DataDraft<K> } }[CsCommandType];

export interface CommandArbOptions {
  /** The catalogue 주문생성, 상품변경, 상품추가, 주문복사 and 우선순위 pick products from. */
  readonly products: readonly [LineProduct, ...LineProduct[]];
  /**
   * Only inputs a CS worker would plausibly send, chosen without reading the order (histories are
   * generated before they run): no malformed or out-of-range values, no quantities relative to the
   * order. By default (false) both are drawn as well.
   */
  readonly realistic?: boolean;
}

/** An alternative; `odd` ones (malformed, out of range, oddly spaced) and `reads` ones (relative to the order) are left out when realistic. */
type Alt<T> = { readonly weight: number; readonly arbitrary: fc.Arbitrary<T>; readonly odd?: true; readonly reads?: true };
const alts = <T>(o: CommandArbOptions, ...list: Alt<T>[]): fc.Arbitrary<T> =>
  fc.oneof(...list.filter((a) => !o.realistic || (!a.odd && !a.reads)).map(({ weight, arbitrary }) => ({ weight, arbitrary })));
/** Data that reads nothing at send time. */
const always = <D>(data: D): fc.Arbitrary<() => D> => fc.constant(() => data);
const fixedData = <D>(arb: fc.Arbitrary<D>): fc.Arbitrary<() => D> => arb.map((d) => () => d);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number): string => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// Lines and quantities, possibly relative to what the order's lines have.

const linesOf = (state: OrderState): readonly OrderLine[] => (state.kind === 'placed' ? state.lines : []);
const lineIn = (state: OrderState, lineId: number): OrderLine | undefined => linesOf(state).find((l) => l.lineId === lineId);
/** What a line has available for a command; a line that does not exist counts as 1. */
type Available = (l: LineLedger) => number;
const availableOn = (state: OrderState, lineId: number, available: Available): number => {
  const line = lineIn(state, lineId);
  return line ? available(line.ledger) : 1;
};
const ACTIVE: Available = (l) => l.ordered - l.cancelled + l.restored;
const CANCELLED: Available = (l) => l.cancelled - l.restored;

/** A quantity: a number, or exactly what is available for the command, or one more. */
type Qty = number | 'all' | 'over';
const resolve = (q: Qty, available: number): number => (q === 'all' ? available : q === 'over' ? available + 1 : q);
const qtyArb = (o: CommandArbOptions): fc.Arbitrary<Qty> =>
  alts<Qty>(
    o,
    { weight: 12, arbitrary: fc.integer({ min: 1, max: 3 }) },
    { weight: 3, arbitrary: fc.constant('all'), reads: true },
    { weight: 3, arbitrary: fc.constant('over'), reads: true },
    { weight: 4, arbitrary: fc.integer({ min: 4, max: 12 }), odd: true },
    { weight: 2, arbitrary: fc.constantFrom(0, -1, 1.5, Number.NaN), odd: true },
  );
/** Lines 1–3 (orders have 1–4 lines), or one no order of the scenario has. */
const lineIdArb = (o: CommandArbOptions): fc.Arbitrary<number> =>
  alts(o, { weight: 8, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 4, 5, 6), odd: true });

type QtyLine = { readonly lineId: number; readonly quantity: Qty };
/** Lines named (distinct, or not), none, or every line that has something available for the command. */
type QtyLines = { readonly named: readonly QtyLine[] } | { readonly available: Qty };
const qtyLinesArb = (o: CommandArbOptions): fc.Arbitrary<QtyLines> => {
  const line = fc.record({ lineId: lineIdArb(o), quantity: qtyArb(o) });
  return alts<QtyLines>(
    o,
    { weight: 3, arbitrary: fc.uniqueArray(line, { minLength: 1, maxLength: 2, selector: (l) => l.lineId }).map((named) => ({ named })) },
    { weight: 1, arbitrary: fc.array(line, { minLength: 2, maxLength: 3 }).map((named) => ({ named })), odd: true },
    { weight: 1, arbitrary: fc.constant({ named: [] }), odd: true },
    { weight: 4, arbitrary: qtyArb(o).map((available) => ({ available })), reads: true },
  );
};
const resolveLines = (state: OrderState, lines: QtyLines, available: Available): LineQuantity[] => {
  if ('named' in lines) return lines.named.map((l) => ({ lineId: l.lineId, quantity: resolve(l.quantity, availableOn(state, l.lineId, available)) }));
  return linesOf(state)
    .filter((l) => available(l.ledger) > 0)
    .map((l) => ({ lineId: l.lineId, quantity: resolve(lines.available, available(l.ledger)) }));
};

// ---------------------------------------------------------------------------------------------
// Values.

const reasonArb = fc.constantFrom(...CANCEL_REASONS);
const BLANK_PRODUCTS: readonly LineProduct[] = [
  { productCode: ' ', productName: '머그컵', option: '', unitPrice: 1000 },
  { productCode: '', productName: '머그컵', option: '', unitPrice: 1000 },
  { productCode: 'P-100', productName: ' ', option: '', unitPrice: 1000 },
  { productCode: 'P-100', productName: '머그컵', option: '', unitPrice: -1 },
  { productCode: 'P-100', productName: '머그컵', option: '', unitPrice: 1.5 },
];
const productArb = (o: CommandArbOptions): fc.Arbitrary<LineProduct> =>
  alts(
    o,
    { weight: 5, arbitrary: fc.constantFrom(...o.products) },
    // The decider trims: the same product, spaced.
    { weight: 1, arbitrary: fc.constantFrom(...o.products).map((p) => ({ ...p, productCode: ` ${p.productCode} `, option: ` ${p.option} ` })), odd: true },
    { weight: 1, arbitrary: fc.constantFrom(...BLANK_PRODUCTS), odd: true },
  );

const recipientArb = (o: CommandArbOptions): fc.Arbitrary<Recipient> =>
  alts<Recipient>(
    o,
    {
      weight: 4,
      arbitrary: fc.record({
        name: fc.constantFrom('이영희', '박지성'),
        mobile: fc.option(fc.constantFrom('010-9876-5432', '010-2222-3333'), { nil: undefined }),
        zip: fc.option(fc.constantFrom('06236', '48058'), { nil: undefined }),
        address: fc.constantFrom('서울특별시 강남구 테헤란로 123', '부산광역시 해운대구 센텀중앙로 79'),
        memo: fc.option(fc.constantFrom('문 앞에 놓아주세요', '경비실'), { nil: undefined }),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ name: ' 이영희 ', address: '서울특별시 강남구 테헤란로 123 ' }), odd: true },
    { weight: 1, arbitrary: fc.constantFrom<Recipient>({ name: '  ', address: '부산' }, { name: '박지성', address: '' }), odd: true },
  );

/** A new tracking number, one an order of the scenario holds, fixed ones (the format's bounds), or malformed. */
const trackingNumberArb = (o: CommandArbOptions): fc.Arbitrary<(send: SendContext) => string> =>
  alts<(send: SendContext) => string>(
    o,
    { weight: 4, arbitrary: fc.constant((send) => send.freshTrackingNumber) },
    { weight: 2, arbitrary: fc.nat().map((p) => (send) => send.usedTrackingNumbers[p % Math.max(1, send.usedTrackingNumbers.length)] ?? send.freshTrackingNumber) },
    { weight: 2, arbitrary: fc.constantFrom('12345678', '12345678901234567890', '601234567890').map((n) => () => n) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{8,20}$/).map((n) => () => n), odd: true },
    {
      weight: 2,
      arbitrary: fc.constantFrom('1234567', '123456789012345678901', '1234-5678-9012', ' 123456789012', 'ABCD12345678', '', '１２３４５６７８').map((n) => () => n),
      odd: true,
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 22 }).map((n) => () => n), odd: true },
  );
const carrierArb = (o: CommandArbOptions): fc.Arbitrary<string> =>
  alts(o, { weight: 4, arbitrary: fc.constantFrom('cj', 'cj', 'lotte', 'hanjin') }, { weight: 1, arbitrary: fc.constantFrom(' cj ', '', '  '), odd: true });

/** An alarm relative to the command's time: none, in the future, past, exactly now, or not a date at all. */
const alarmArb = (o: CommandArbOptions): fc.Arbitrary<(at: number) => string | undefined> =>
  alts<(at: number) => string | undefined>(
    o,
    { weight: 3, arbitrary: fc.constant(() => undefined) },
    // A day or more ahead: a realistic history, generated before it runs, spans less than a day.
    { weight: 2, arbitrary: fc.integer({ min: DAY, max: 3 * DAY }).map((offset) => (at) => iso(at + offset)) },
    { weight: 1, arbitrary: fc.integer({ min: MINUTE, max: DAY }).map((offset) => (at) => iso(at + offset)), reads: true },
    { weight: 2, arbitrary: fc.integer({ min: -3 * DAY, max: 0 }).map((offset) => (at) => iso(at + offset)), odd: true },
    { weight: 1, arbitrary: fc.integer({ min: -DAY, max: DAY }).map((offset) => (at) => iso(at + offset).replace('Z', '+00:00')), odd: true },
    { weight: 1, arbitrary: fc.constantFrom('tomorrow', '', '2026-13-45T99:00:00Z', '2027-03-03', '2027-03-03T09:00:00', 'March 5 2027').map((s) => () => s), odd: true },
  );

/** Claim numbers 판매처취소 draws (CL1 … CL4); a withdrawal drawn without the order's claims may name CL5, which none has. */
const CLAIMS = 4;

/** One of the scenario's orders (the target itself included), by position. */
const someOrder = (pick: number, send: SendContext): number => send.orders[pick % Math.max(1, send.orders.length)] ?? send.no;

const placeLinesArb = (o: CommandArbOptions) =>
  fc.array(
    fc.record({ product: fc.constantFrom(...o.products), quantity: fc.integer({ min: 1, max: o.realistic ? 5 : 9 }) }).map(({ product, quantity }) => ({ ...product, quantity })),
    { minLength: 1, maxLength: 4 },
  );
const BAD_LINES = [0, -1, 1.5, Number.NaN].map((quantity) => ({ productCode: 'P-100', productName: '머그컵', option: '', quantity, unitPrice: 1000 }));

const placeArb = (o: CommandArbOptions): fc.Arbitrary<DataDraft<'PlaceOrder'>> => {
  type Fields = Omit<CommandData<'PlaceOrder'>, 'no' | 'buyer' | 'recipient'>;
  const valid: fc.Arbitrary<Fields> = fc.record({
    channel: fc.constantFrom('스마트스토어', '11번가', 'G마켓'),
    channelOrderNo: fc.option(fc.constantFrom('CH-1', 'CH-2'), { nil: undefined }),
    paymentMethod: fc.constantFrom(...PAYMENT_METHODS),
    paid: fc.boolean(),
    shippingFee: fc.constantFrom(0, 3000),
    lines: placeLinesArb(o),
  });
  return alts<Fields>(
    o,
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: valid.map((d) => ({ ...d, lines: [] })), odd: true },
    { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom(...BAD_LINES, ...BLANK_PRODUCTS.map((p) => ({ ...p, quantity: 1 })))).map(([d, bad]) => ({ ...d, lines: [...d.lines, bad] })), odd: true },
    { weight: 1, arbitrary: valid.map((d) => ({ ...d, channel: '  ' })), odd: true },
    { weight: 1, arbitrary: valid.map((d) => ({ ...d, channel: ' G마켓 ', channelOrderNo: ' CH-2 ' })), odd: true },
    { weight: 1, arbitrary: valid.map((d) => ({ ...d, shippingFee: -1 })), odd: true },
  ).map((d) => (send: SendContext) => ({ no: send.no, buyer: { name: '김구매' }, recipient: { name: '이수령', address: '서울 강남구 테헤란로 1' }, ...d }));
};

/** Valid 주문생성 data (for a scenario's opening orders). */
export const validPlaceOrderArb = (o: CommandArbOptions): fc.Arbitrary<DataDraft<'PlaceOrder'>> => placeArb({ ...o, realistic: true });

// ---------------------------------------------------------------------------------------------
// One generator per command, by name.

export const COMMAND_DATA: { readonly [K in CsCommandType]: (o: CommandArbOptions) => fc.Arbitrary<DataDraft<K>> } = {
  PlaceOrder: placeArb,
  ConfirmPayment: () => always({}),
  CancelOrder: () => fixedData(reasonArb.map((reason) => ({ reason }))),
  PrintShippingInstruction: () => always({}),
  HoldOrder: (o) => alarmArb(o).map((alarm) => (send) => {
    const alarmAt = alarm(Date.parse(send.at));
    return alarmAt === undefined ? {} : { alarmAt };
  }),
  ReleaseHold: () => always({}),
  ChangeHoldAlarm: (o) => alarmArb(o).map((alarm) => (send) => ({ alarmAt: alarm(Date.parse(send.at)) ?? null })),
  EnterInvoice: (o) => fc.tuple(carrierArb(o), trackingNumberArb(o)).map(([carrier, tracking]) => (send) => ({ carrier, trackingNumber: tracking(send) })),
  ShipOrder: () => always({}),
  MarkDelivered: () => always({}),
  ConfirmPurchase: () => always({}),
  AddCsMemo: (o) =>
    fixedData(alts(o, { weight: 3, arbitrary: fc.constantFrom('고객 통화', '배송 문의', '주소 확인 요청') }, { weight: 1, arbitrary: fc.constantFrom('', '  ', ' 부재중 '), odd: true }).map((text) => ({ text }))),
  ChangeDeliveryInfo: (o) => fixedData(recipientArb(o).map((recipient) => ({ recipient }))),
  RestoreOrder: () => always({}),
  CancelLine: (o) =>
    fc.record({ lineId: lineIdArb(o), quantity: qtyArb(o), reason: reasonArb }).map((d) => (send) => ({ ...d, quantity: resolve(d.quantity, availableOn(send.state, d.lineId, ACTIVE)) })),
  RestoreLine: (o) => fc.record({ lineId: lineIdArb(o), quantity: qtyArb(o) }).map((d) => (send) => ({ ...d, quantity: resolve(d.quantity, availableOn(send.state, d.lineId, CANCELLED)) })),
  ChangeLineProduct: (o) =>
    fc.record({ lineId: lineIdArb(o), product: productArb(o), same: alts(o, { weight: 1, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true), reads: true }) }).map(
      ({ lineId, product, same }) =>
        (send) => {
          // The product the line already has: accepted, and nothing to append.
          const line = same ? lineIn(send.state, lineId) : undefined;
          return { lineId, product: line ? { productCode: line.productCode, productName: line.productName, option: line.option, unitPrice: line.unitPrice } : product };
        },
    ),
  AddLine: (o) =>
    fixedData(fc.record({ product: productArb(o), quantity: alts(o, { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 2, arbitrary: fc.constantFrom(5, 0, -1), odd: true }) })),
  DeleteOrder: () => always({}),
  SetMergeForbidden: () => fixedData(fc.boolean().map((forbidden) => ({ forbidden }))),
  RequestReturnPickup: (o) =>
    fc
      .record({ lines: qtyLinesArb(o), reason: reasonArb, registerInbound: fc.option(fc.boolean(), { nil: undefined }) })
      .map(({ lines, reason, registerInbound }) => (send) => ({
        lines: resolveLines(send.state, lines, (l) => l.shipped - l.pickedUp),
        reason,
        ...(registerInbound === undefined ? {} : { registerInbound }),
      })),
  ReceiveReturn: (o) =>
    fc
      .record({
        // The order's latest pickup, or a number that may not be one.
        pickupId: alts<number | 'latest'>(o, { weight: 3, arbitrary: fc.constant('latest'), reads: true }, { weight: 2, arbitrary: fc.constantFrom(1, 2) }, { weight: 1, arbitrary: fc.constantFrom(0, 3), odd: true }),
        lines: qtyLinesArb(o),
        // Of each line, how many arrive damaged: none, one, or (odd) more than arrived.
        damaged: alts<number | undefined>(o, { weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.constantFrom(-1, 9), odd: true }),
      })
      .map(({ pickupId, lines, damaged }) => (send) => ({
        pickupId: pickupId === 'latest' ? (send.state.kind === 'placed' ? send.state.pickups : 1) : pickupId,
        lines: resolveLines(send.state, lines, (l) => l.pickedUp - l.returned).map((l) => (damaged === undefined ? l : { ...l, damaged: Math.min(damaged, Math.max(l.quantity, damaged > 1 ? damaged : 0)) })),
      })),
  RecordReturnFees: (o) =>
    fc
      .record({
        pickupId: alts<number | 'latest'>(o, { weight: 4, arbitrary: fc.constant('latest'), reads: true }, { weight: 1, arbitrary: fc.constantFrom(1, 2) }, { weight: 1, arbitrary: fc.constant(0), odd: true }),
        route: fc.constantFrom('site' as const, 'enclosed' as const, 'transfer' as const),
        expected: fc.option(fc.constantFrom(0, 3000, 6000), { nil: undefined }),
        arrived: fc.option(alts(o, { weight: 4, arbitrary: fc.constantFrom(0, 3000, 6000, 9000) }, { weight: 1, arbitrary: fc.constant(-1), odd: true }), { nil: undefined }),
        reason: fc.option(fc.constant('고객 추가 입금'), { nil: undefined }),
      })
      .map(({ pickupId, route, expected, arrived, reason }) => (send) => ({
        pickupId: pickupId === 'latest' ? (send.state.kind === 'placed' ? send.state.pickups : 1) : pickupId,
        fees: { [route]: { ...(expected === undefined ? {} : { expected }), ...(arrived === undefined ? {} : { arrived }) } },
        ...(reason === undefined ? {} : { reason }),
      })),
  CompleteReturn: (o) =>
    alts<DataDraft<'CompleteReturn'>>(
      o,
      { weight: 4, arbitrary: fc.constant((send: SendContext) => ({ pickupId: send.state.kind === 'placed' ? Math.max(1, send.state.pickups) : 1 })), reads: true },
      { weight: 2, arbitrary: fixedData(fc.constantFrom(1, 2).map((pickupId) => ({ pickupId }))) },
    ),
  SetReturnExpected: () => fixedData(fc.boolean().map((expected) => ({ expected }))),
  RequestExchange: (o) =>
    fc
      .record({ exchangeType: fc.constantFrom(...EXCHANGE_TYPES), lines: qtyLinesArb(o), product: fc.option(productArb(o), { nil: undefined }), registerInbound: fc.option(fc.boolean(), { nil: undefined }) })
      .map(({ exchangeType, lines, product, registerInbound }) => (send) => ({
        exchangeType,
        // 상품교환 may ship another product (on its first line).
        lines: resolveLines(send.state, lines, (l) => l.shipped - l.pickedUp).map((l, i) => (i === 0 && exchangeType === 'product' && product ? { ...l, product } : l)),
        replacementNo: send.freshOrderNo,
        ...(registerInbound === undefined ? {} : { registerInbound }),
      })),
  CompleteCsEntries: (o) =>
    alts<DataDraft<'CompleteCsEntries'>>(
      o,
      // Entries of the order, by position among its entries so far (none yet: the request names none).
      { weight: 4, arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).map((picks) => (send) => ({ entryIds: send.entryIds.length === 0 ? [] : picks.map((p) => send.entryIds[p % send.entryIds.length] ?? '') })) },
      { weight: 1, arbitrary: always({ entryIds: [] }), odd: true },
    ),
  MergeOrder: (o) =>
    alts<DataDraft<'MergeOrder'>>(
      o,
      // Another order of the scenario, or the order itself.
      { weight: 4, arbitrary: fc.nat().map((pick) => (send) => ({ orderNo: someOrder(pick, send) })) },
      { weight: 1, arbitrary: fc.constant((send) => ({ orderNo: send.freshOrderNo })), odd: true },
    ),
  UnmergeOrder: () => always({}),
  DissolvePackage: () => always({}),
  CopyOrder: (o) =>
    fc
      .record({
        whole: fc.boolean(),
        channel: fc.option(fc.constant('G마켓'), { nil: undefined }),
        line: fc.record({ lineId: lineIdArb(o), quantity: fc.option(qtyArb(o), { nil: undefined }), product: fc.option(productArb(o), { nil: undefined }) }),
        // Mostly a new number; sometimes one of the scenario's orders, which exists.
        copyTo: alts<number | 'fresh'>(o, { weight: 5, arbitrary: fc.constant('fresh') }, { weight: 1, arbitrary: fc.nat(), odd: true }),
      })
      .map(({ whole, channel, line, copyTo }) => (send) => {
        const copyNo = copyTo === 'fresh' ? send.freshOrderNo : someOrder(copyTo, send);
        if (whole) return { copyNo, whole, ...(channel === undefined ? {} : { channel }) };
        const quantity = line.quantity === undefined ? undefined : resolve(line.quantity, availableOn(send.state, line.lineId, ACTIVE));
        return { copyNo, whole, lines: [{ lineId: line.lineId, ...(quantity === undefined ? {} : { quantity }), ...(line.product ? { product: line.product } : {}) }] };
      }),
  SetPriority: (o) =>
    fc
      .record({
        productCode: alts(o, { weight: 6, arbitrary: fc.constantFrom(...o.products).map((p) => p.productCode) }, { weight: 1, arbitrary: fc.constant('NO-SUCH-PRODUCT'), odd: true }),
        position: fc.constantFrom('top' as const, 'bottom' as const, 'after' as const),
        after: fc.nat(),
      })
      .map(({ productCode, position, after }) => (send) => ({
        productCode,
        position,
        holders: [...send.orders],
        ...(position === 'after' ? { after: someOrder(after, send) } : {}),
      })),
  ReceiveChannelCancellation: (o) =>
    fc
      .record({
        // A few claim numbers per order, so a withdrawal drawn before the history runs can name one.
        claim: fc.integer({ min: 1, max: CLAIMS }),
        product: productArb(o),
        byName: fc.boolean(),
        quantity: qtyArb(o),
        kind: fc.constantFrom('cancel' as const, 'return' as const),
        reason: reasonArb,
      })
      .map(({ claim, product, byName, quantity, kind, reason }) => (send) => {
        const channel = send.state.kind === 'placed' ? send.state.channel : '스마트스토어';
        const line = linesOf(send.state).find((l) => l.productCode === product.productCode);
        return {
          cancellation: {
            channel,
            cancellationId: `CL${claim}`,
            channelOrderNo: send.state.kind === 'placed' ? send.state.channelOrderNo : 'CH-1',
            line: byName ? { productName: product.productName, option: product.option } : { productCode: product.productCode },
            quantity: resolve(quantity, line ? line.ledger.ordered : 1),
            kind,
            cancelledAt: send.at,
            reason,
            channelReason: '고객 변심',
          },
        };
      }),
  WithdrawChannelCancellation: () =>
    fixedData(fc.nat()).map((pick) => (send) => {
      const claims = send.state.kind === 'placed' ? send.state.channelClaims : [];
      return { cancellationId: claims[pick() % Math.max(1, claims.length)]?.cancellationId ?? `CL${(pick() % (CLAIMS + 1)) + 1}`, withdrawnAt: send.at };
    }),
  ConfirmCancelWithdrawal: (o) => fixedData(lineIdArb(o).map((lineId) => ({ lineId }))),
};

export const CS_COMMAND_TYPES = Object.keys(COMMAND_DATA) as readonly CsCommandType[];

/** How often each command is drawn, by name (a single order's commands as the domain's property test had them); one not named here weighs 1. */
export const DEFAULT_WEIGHTS: Readonly<Partial<Record<CsCommandType, number>>> = {
  PlaceOrder: 2,
  ConfirmPayment: 6,
  CancelOrder: 1,
  PrintShippingInstruction: 6,
  HoldOrder: 4,
  ReleaseHold: 4,
  EnterInvoice: 8,
  ShipOrder: 6,
  MarkDelivered: 3,
  ConfirmPurchase: 2,
  AddCsMemo: 2,
  ChangeDeliveryInfo: 2,
  RestoreOrder: 2,
  CancelLine: 6,
  RestoreLine: 4,
  ChangeLineProduct: 3,
  AddLine: 2,
  DeleteOrder: 1,
  SetMergeForbidden: 1,
  RequestReturnPickup: 6,
  ReceiveReturn: 8,
  SetReturnExpected: 2,
  RequestExchange: 3,
  RecordReturnFees: 3,
  CompleteReturn: 2,
  CompleteCsEntries: 1,
  MergeOrder: 4,
  UnmergeOrder: 1,
  DissolvePackage: 1,
  CopyOrder: 1,
  SetPriority: 1,
};

/** A command drawn by name: `weights` (by name, over DEFAULT_WEIGHTS) decide how often; 0 leaves one out. */
export const csCommandArb = (o: CommandArbOptions, weights: Partial<Record<CsCommandType, number>> = {}): fc.Arbitrary<CommandDraft> => {
  const draftOf = <K extends CsCommandType>(type: K) => COMMAND_DATA[type](o).map((build) => ({ type, build }) as unknown as CommandDraft);
  const drawn = CS_COMMAND_TYPES.map((type) => ({ weight: weights[type] ?? DEFAULT_WEIGHTS[type] ?? 1, arbitrary: draftOf(type) })).filter((a) => a.weight > 0);
  return fc.oneof(...drawn);
};

/** A command without its metadata. */
export type CommandSpec = CsCommand extends infer C ? (C extends CsCommand ? Omit<C, 'metadata'> : never) : never;

/** The draft's command, its data built now. */
export const buildSpec = (draft: CommandDraft, send: SendContext): CommandSpec => ({ type: draft.type, data: (draft.build as (s: SendContext) => unknown)(send) }) as CommandSpec;
export const buildCommand = (draft: CommandDraft, send: SendContext, metadata: CommandMetadata): CsCommand => ({ ...buildSpec(draft, send), metadata }) as CsCommand;
