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
import type { CommandMetadata, CsCommand } from '../index.js';
import { EXCHANGE_TYPES } from '../index.js';
import type { CommandArbOptions, CommandDraft, CsCommandType, DataDraft, SendContext } from './commandParts.js';
import {
  ACTIVE, alarmArb, always, alts, availableOn, CANCELLED, carrierArb, CLAIMS, fixedData, lineIdArb, lineIn, linesOf,
  placeArb, productArb, qtyArb, qtyLinesArb, reasonArb, recipientArb, resolve, resolveLines, someOrder, trackingNumberArb,
} from './commandParts.js';

export type { CommandArbOptions, CommandData, CommandDraft, CsCommandType, DataDraft, SendContext } from './commandParts.js';
export { validPlaceOrderArb } from './commandParts.js';

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
