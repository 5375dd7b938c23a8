/**
 * Test support: the pieces the CS command generator (csCommandArb.ts) builds each command's data from
 * — quantities relative to the order, lines, products, recipients, tracking numbers, alarms, 주문생성 —
 * and the draft types they share.
 */
import fc from 'fast-check';
import type { CsCommand, LineLedger, LineProduct, LineQuantity, OrderLine, OrderState, Recipient } from '../index.js';
import { CANCEL_REASONS, PAYMENT_METHODS } from '../index.js';

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
export const alts = <T>(o: CommandArbOptions, ...list: Alt<T>[]): fc.Arbitrary<T> =>
  fc.oneof(...list.filter((a) => !o.realistic || (!a.odd && !a.reads)).map(({ weight, arbitrary }) => ({ weight, arbitrary })));
/** Data that reads nothing at send time. */
export const always = <D>(data: D): fc.Arbitrary<() => D> => fc.constant(() => data);
export const fixedData = <D>(arb: fc.Arbitrary<D>): fc.Arbitrary<() => D> => arb.map((d) => () => d);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number): string => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// Lines and quantities, possibly relative to what the order's lines have.

export const linesOf = (state: OrderState): readonly OrderLine[] => (state.kind === 'placed' ? state.lines : []);
export const lineIn = (state: OrderState, lineId: number): OrderLine | undefined => linesOf(state).find((l) => l.lineId === lineId);
/** What a line has available for a command; a line that does not exist counts as 1. */
type Available = (l: LineLedger) => number;
export const availableOn = (state: OrderState, lineId: number, available: Available): number => {
  const line = lineIn(state, lineId);
  return line ? available(line.ledger) : 1;
};
export const ACTIVE: Available = (l) => l.ordered - l.cancelled + l.restored;
export const CANCELLED: Available = (l) => l.cancelled - l.restored;

/** A quantity: a number, or exactly what is available for the command, or one more. */
type Qty = number | 'all' | 'over';
export const resolve = (q: Qty, available: number): number => (q === 'all' ? available : q === 'over' ? available + 1 : q);
export const qtyArb = (o: CommandArbOptions): fc.Arbitrary<Qty> =>
  alts<Qty>(
    o,
    { weight: 12, arbitrary: fc.integer({ min: 1, max: 3 }) },
    { weight: 3, arbitrary: fc.constant('all'), reads: true },
    { weight: 3, arbitrary: fc.constant('over'), reads: true },
    { weight: 4, arbitrary: fc.integer({ min: 4, max: 12 }), odd: true },
    { weight: 2, arbitrary: fc.constantFrom(0, -1, 1.5, Number.NaN), odd: true },
  );
/** Lines 1–3 (orders have 1–4 lines), or one no order of the scenario has. */
export const lineIdArb = (o: CommandArbOptions): fc.Arbitrary<number> =>
  alts(o, { weight: 8, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 4, 5, 6), odd: true });

type QtyLine = { readonly lineId: number; readonly quantity: Qty };
/** Lines named (distinct, or not), none, or every line that has something available for the command. */
type QtyLines = { readonly named: readonly QtyLine[] } | { readonly available: Qty };
export const qtyLinesArb = (o: CommandArbOptions): fc.Arbitrary<QtyLines> => {
  const line = fc.record({ lineId: lineIdArb(o), quantity: qtyArb(o) });
  return alts<QtyLines>(
    o,
    { weight: 3, arbitrary: fc.uniqueArray(line, { minLength: 1, maxLength: 2, selector: (l) => l.lineId }).map((named) => ({ named })) },
    { weight: 1, arbitrary: fc.array(line, { minLength: 2, maxLength: 3 }).map((named) => ({ named })), odd: true },
    { weight: 1, arbitrary: fc.constant({ named: [] }), odd: true },
    { weight: 4, arbitrary: qtyArb(o).map((available) => ({ available })), reads: true },
  );
};
export const resolveLines = (state: OrderState, lines: QtyLines, available: Available): LineQuantity[] => {
  if ('named' in lines) return lines.named.map((l) => ({ lineId: l.lineId, quantity: resolve(l.quantity, availableOn(state, l.lineId, available)) }));
  return linesOf(state)
    .filter((l) => available(l.ledger) > 0)
    .map((l) => ({ lineId: l.lineId, quantity: resolve(lines.available, available(l.ledger)) }));
};

// ---------------------------------------------------------------------------------------------
// Values.

export const reasonArb = fc.constantFrom(...CANCEL_REASONS);
const BLANK_PRODUCTS: readonly LineProduct[] = [
  { productCode: ' ', productName: '머그컵', option: '', unitPrice: 1000 },
  { productCode: '', productName: '머그컵', option: '', unitPrice: 1000 },
  { productCode: 'P-100', productName: ' ', option: '', unitPrice: 1000 },
  { productCode: 'P-100', productName: '머그컵', option: '', unitPrice: -1 },
  { productCode: 'P-100', productName: '머그컵', option: '', unitPrice: 1.5 },
];
export const productArb = (o: CommandArbOptions): fc.Arbitrary<LineProduct> =>
  alts(
    o,
    { weight: 5, arbitrary: fc.constantFrom(...o.products) },
    // The decider trims: the same product, spaced.
    { weight: 1, arbitrary: fc.constantFrom(...o.products).map((p) => ({ ...p, productCode: ` ${p.productCode} `, option: ` ${p.option} ` })), odd: true },
    { weight: 1, arbitrary: fc.constantFrom(...BLANK_PRODUCTS), odd: true },
  );

export const recipientArb = (o: CommandArbOptions): fc.Arbitrary<Recipient> =>
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
export const trackingNumberArb = (o: CommandArbOptions): fc.Arbitrary<(send: SendContext) => string> =>
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
export const carrierArb = (o: CommandArbOptions): fc.Arbitrary<string> =>
  alts(o, { weight: 4, arbitrary: fc.constantFrom('cj', 'cj', 'lotte', 'hanjin') }, { weight: 1, arbitrary: fc.constantFrom(' cj ', '', '  '), odd: true });

/** An alarm relative to the command's time: none, in the future, past, exactly now, or not a date at all. */
export const alarmArb = (o: CommandArbOptions): fc.Arbitrary<(at: number) => string | undefined> =>
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
export const CLAIMS = 4;

/** One of the scenario's orders (the target itself included), by position. */
export const someOrder = (pick: number, send: SendContext): number => send.orders[pick % Math.max(1, send.orders.length)] ?? send.no;

const placeLinesArb = (o: CommandArbOptions) =>
  fc.array(
    fc.record({ product: fc.constantFrom(...o.products), quantity: fc.integer({ min: 1, max: o.realistic ? 5 : 9 }) }).map(({ product, quantity }) => ({ ...product, quantity })),
    { minLength: 1, maxLength: 4 },
  );
const BAD_LINES = [0, -1, 1.5, Number.NaN].map((quantity) => ({ productCode: 'P-100', productName: '머그컵', option: '', quantity, unitPrice: 1000 }));

export const placeArb = (o: CommandArbOptions): fc.Arbitrary<DataDraft<'PlaceOrder'>> => {
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
