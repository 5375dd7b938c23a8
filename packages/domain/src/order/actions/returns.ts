/**
 * 회수 (return pickup of shipped quantities) and the return to its end: 반품입고 (goods arrive back,
 * resellable or damaged), the return fee per route (사이트결제 / 동봉 / 계좌, expected and arrived),
 * 완료처리; and 반품예정. A second pickup is allowed; the worker is warned and 입고예정 defaults to off.
 * An exchange's pickup (exchange.ts) is a pickup like any other from its arrival on.
 */
import { conflict, invalid, notFound } from '../../errors.js';
import { lineList, won } from '../format.js';
import type { CancelReason, ChannelClaimRef, FeeRoute, LineQuantity, PlacedOrder, ReturnFees, ReturnPickup } from '../model.js';
import { addToLedger, AFTER_SHIPMENT, awaitingOf, CANCEL_REASON_LABELS, FEE_ROUTE_LABELS, FEE_ROUTES, NO_RETURN_FEES, outstandingOf, quantityOf } from '../model.js';
import { inStatus, lineOf, lineQuantities, live, nonNegativeInteger } from '../rules.js';
import type { EventsOf } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';

type No = { readonly no: number };
/** Quantities per product: 입고예정 (expected back in stock, or arrived) and 재입고 (back in stock). */
export type ProductQuantities = readonly { readonly productCode: string; readonly quantity: number }[];

export interface ReturnPickupRequestedData {
  readonly no: number;
  readonly pickupId: number;
  readonly lines: readonly LineQuantity[];
  readonly reason: CancelReason;
  /** 입고예정: the picked-up quantities are expected back in stock. */
  readonly registerInbound: boolean;
  /** What is expected in, per product (empty unless registerInbound). */
  readonly inbound: ProductQuantities;
  /** The order already had a pickup (the worker was warned). */
  readonly repeated: boolean;
  /** The channel cancellation (배송-반품 / 배송-취소) this pickup answers; absent on most. */
  readonly claim?: ChannelClaimRef | undefined;
  /** Expected return fees per route, when known at the request (absent: none expected yet). */
  readonly fees?: Partial<Record<FeeRoute, number>> | undefined;
}

export interface ReturnReceivedData {
  readonly no: number;
  readonly pickupId: number;
  /** Everything that arrived, per line … */
  readonly lines: readonly LineQuantity[];
  /** … and of it what arrived damaged (absent on arrivals recorded before conditions were: all resellable). */
  readonly damaged?: readonly LineQuantity[] | undefined;
  /** The arrived quantities per product of a pickup with 입고예정 (no longer expected). */
  readonly inbound: ProductQuantities;
  /** Of those, the resellable ones: back in stock (absent on arrivals recorded before stock was a fold: none moved). */
  readonly restocked?: ProductQuantities | undefined;
  /** The exchange this pickup takes goods back for, with its replacement order. */
  readonly exchange?: { readonly exchangeId: number; readonly replacementNo: number } | undefined;
}

const feesWith = (fees: ReturnFees, expected: Partial<Record<FeeRoute, number>> | undefined): ReturnFees =>
  Object.fromEntries(FEE_ROUTES.map((r) => [r, { ...fees[r], expected: expected?.[r] ?? fees[r].expected }])) as unknown as ReturnFees;

const updatePickup = (order: PlacedOrder, pickupId: number, change: (p: ReturnPickup) => ReturnPickup): PlacedOrder => ({
  ...order,
  returnPickups: order.returnPickups.map((p) => (p.pickupId === pickupId ? change(p) : p)),
});

const feeText = (fees: ReturnFees): string =>
  FEE_ROUTES.filter((r) => fees[r].expected !== 0 || fees[r].arrived !== 0)
    .map((r) => `${FEE_ROUTE_LABELS[r]} 예정 ${won(fees[r].expected)} / 도착 ${won(fees[r].arrived)}`)
    .join(', ');

/** The pickup an event about one opens: a plain 회수 here, an exchange's in exchange.ts. */
export const newPickup = (d: { pickupId: number; lines: readonly LineQuantity[]; registerInbound: boolean }, extra: Partial<ReturnPickup> = {}): ReturnPickup => ({
  pickupId: d.pickupId,
  lines: d.lines,
  received: [],
  damaged: [],
  registerInbound: d.registerInbound,
  exchangeId: null,
  claim: null,
  fees: NO_RETURN_FEES,
  feeReason: null,
  completed: false,
  ...extra,
});

export const returnEvents = {
  ReturnPickupRequested: orderEvent<ReturnPickupRequestedData>({
    label: '회수',
    describe: (d) =>
      `${d.pickupId}차 회수${d.repeated ? '(재회수)' : ''}: ${lineList(d.lines)} / 사유: ${CANCEL_REASON_LABELS[d.reason]}${d.registerInbound ? ' / 입고예정 등록' : ''}${d.claim ? ` / 판매처취소 ${d.claim.cancellationId}` : ''}`,
    warn: (d) =>
      d.repeated
        ? { code: 'PICKUP_REPEATED', message: `Order ${d.no} already had a pickup; this is pickup ${d.pickupId}${d.registerInbound ? '' : ', with no 입고예정 registered'}.` }
        : null,
    evolve: (order, d) => ({
      ...order,
      pickups: order.pickups + 1,
      returnPickups: [...order.returnPickups, newPickup(d, { claim: d.claim ?? null, fees: feesWith(NO_RETURN_FEES, d.fees) })],
      lines: addToLedger(order.lines, d.lines, 'pickedUp'),
    }),
  }),
  /** 반품입고: picked-up quantities arrived back, resellable or damaged. */
  ReturnReceived: orderEvent<ReturnReceivedData>({
    label: '반품입고',
    describe: (d) => `${d.pickupId}차 회수: ${lineList(d.lines)}${d.damaged && d.damaged.length > 0 ? ` / 불량: ${lineList(d.damaged)}` : ''}`,
    evolve: (order, d) => ({
      ...updatePickup(order, d.pickupId, (p) => ({ ...p, received: [...p.received, ...d.lines], damaged: [...p.damaged, ...(d.damaged ?? [])] })),
      lines: addToLedger(order.lines, d.lines, 'returned'),
    }),
  }),
  /** 반품 배송비: the pickup's fees per route as they now stand (the routes' values after the change). */
  ReturnFeesRecorded: orderEvent<No & { readonly pickupId: number; readonly fees: ReturnFees; readonly reason: string | null }>({
    label: '반품비',
    describe: (d) => `${d.pickupId}차 회수: ${feeText(d.fees) || '0원'} / 미수 ${won(outstandingOf(d.fees))}${d.reason ? ` / 사유: ${d.reason}` : ''}`,
    evolve: (order, d) => updatePickup(order, d.pickupId, (p) => ({ ...p, fees: d.fees, feeReason: d.reason })),
  }),
  /** 완료처리: the return is closed; what had not arrived is no longer awaited. */
  ReturnCompleted: orderEvent<No & { readonly pickupId: number; readonly outstanding: number; readonly notArrived: number }>({
    label: '반품완료',
    describe: (d) => `${d.pickupId}차 회수 완료${d.outstanding !== 0 ? ` / 미수 ${won(d.outstanding)}` : ''}${d.notArrived > 0 ? ` / 미도착 ${d.notArrived}개` : ''}`,
    evolve: (order, d) => updatePickup(order, d.pickupId, (p) => ({ ...p, completed: true })),
  }),
  ReturnExpectedMarked: orderEvent<No>({ label: '반품예정', describe: () => '', evolve: (order) => ({ ...order, returnExpected: true }) }),
  ReturnExpectedCleared: orderEvent<No>({ label: '반품예정해제', describe: () => '', evolve: (order) => ({ ...order, returnExpected: false }) }),
};
export type ReturnEvent = EventsOf<typeof returnEvents>;

/** Quantities per product of these lines, under the product each line has now. */
export const perProduct = (order: PlacedOrder, lines: readonly LineQuantity[]): { productCode: string; quantity: number }[] => {
  const byProduct = new Map<string, number>();
  for (const l of lines) {
    if (l.quantity === 0) continue;
    const code = lineOf(order, l.lineId).productCode;
    byProduct.set(code, (byProduct.get(code) ?? 0) + l.quantity);
  }
  return [...byProduct].map(([productCode, quantity]) => ({ productCode, quantity }));
};

export const pickupOf = (order: PlacedOrder, pickupId: number): ReturnPickup => {
  const pickup = order.returnPickups.find((p) => p.pickupId === pickupId);
  if (!pickup) throw notFound('PICKUP_NOT_FOUND', `Order ${order.no} has no pickup ${pickupId}.`, { no: order.no, pickupId });
  return pickup;
};

const openPickup = (order: PlacedOrder, pickupId: number): ReturnPickup => {
  const pickup = pickupOf(order, pickupId);
  if (pickup.completed) throw conflict('RETURN_COMPLETED', `Pickup ${pickupId} of order ${order.no} was completed (완료처리).`, { no: order.no, pickupId });
  return pickup;
};

/** The channel cancellation a pickup answers: one of this order's, received after shipping, not answered before. */
const claimAnswered = (order: PlacedOrder, ref: ChannelClaimRef): ChannelClaimRef => {
  const claim = order.channelClaims.find((c) => c.cancellationId === ref.cancellationId);
  if (!claim || ref.channel !== order.channel) {
    throw invalid('CANCELLATION_NOT_FOUND', `Order ${order.no} has no channel cancellation ${ref.channel}/${ref.cancellationId}.`, 'claim.cancellationId');
  }
  if (claim.beforeShipping) throw invalid('CANCELLATION_BEFORE_SHIPPING', `${ref.cancellationId} was received before shipping (it cancelled here); only 배송-반품 / 배송-취소 rows take a pickup.`, 'claim.cancellationId');
  if (order.returnPickups.some((p) => p.claim?.cancellationId === ref.cancellationId)) {
    throw conflict('CANCELLATION_ALREADY_ANSWERED', `${ref.cancellationId} already has a pickup.`, { no: order.no, cancellationId: ref.cancellationId });
  }
  return { channel: order.channel, cancellationId: claim.cancellationId };
};

const feeAmounts = (fees: Partial<Record<FeeRoute, number>> | undefined, field: string): Partial<Record<FeeRoute, number>> | undefined => {
  if (fees === undefined) return undefined;
  for (const r of FEE_ROUTES) if (fees[r] !== undefined) nonNegativeInteger(fees[r], `${field}.${r}`);
  return fees;
};

/** A line as it arrives: how many, and of them how many damaged. */
export interface ArrivedLine extends LineQuantity {
  readonly damaged?: number | undefined;
}

export const returnCommands = {
  /** 회수: shipped quantities not yet picked up. */
  RequestReturnPickup: orderCommand<{
    readonly lines: readonly LineQuantity[];
    readonly reason: CancelReason;
    readonly registerInbound?: boolean | undefined;
    readonly claim?: ChannelClaimRef | undefined;
    readonly fees?: Partial<Record<FeeRoute, number>> | undefined;
  }>(({ data }, state) => {
    const order = inStatus(live(state), AFTER_SHIPMENT, '회수');
    const lines = lineQuantities(order, data.lines, (l) => l.ledger.shipped - l.ledger.pickedUp, { code: 'PICKUP_EXCEEDS_SHIPPED', what: 'shipped and not yet picked up' });
    const repeated = order.pickups > 0;
    const registerInbound = data.registerInbound ?? !repeated;
    const inbound = registerInbound ? perProduct(order, lines) : [];
    const claim = data.claim && claimAnswered(order, data.claim);
    const fees = feeAmounts(data.fees, 'fees');
    return [
      {
        type: 'ReturnPickupRequested',
        data: { no: order.no, pickupId: order.pickups + 1, lines, reason: data.reason, registerInbound, inbound, repeated, ...(claim ? { claim } : {}), ...(fees ? { fees } : {}) },
      },
    ];
  }),
  /** 반품입고: quantities of one pickup arrive back (never more than it awaits); `damaged` of them are not resellable. */
  ReceiveReturn: orderCommand<{ readonly pickupId: number; readonly lines: readonly ArrivedLine[] }>(({ data }, state) => {
    const order = live(state);
    const pickup = openPickup(order, data.pickupId);
    const lines = lineQuantities(order, data.lines, (l) => awaitingOf(pickup, l.lineId), { code: 'RETURN_EXCEEDS_PICKED_UP', what: `picked up by pickup ${pickup.pickupId} and not yet returned` });
    const damaged = data.lines.map((l, i) => {
      const n = l.damaged ?? 0;
      if (!Number.isInteger(n) || n < 0 || n > l.quantity) throw invalid('INVALID_DAMAGED', `lines[${i}].damaged must be a whole number from 0 to ${l.quantity}.`, `lines[${i}].damaged`);
      return { lineId: l.lineId, quantity: n };
    }).filter((l) => l.quantity > 0);
    const resellable = lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity - quantityOf(damaged, l.lineId) }));
    const exchange = order.exchangeList.find((x) => x.pickupId === pickup.pickupId && x.replacementNo !== null);
    return [
      {
        type: 'ReturnReceived',
        data: {
          no: order.no,
          pickupId: pickup.pickupId,
          lines,
          damaged,
          inbound: pickup.registerInbound ? perProduct(order, lines) : [],
          restocked: pickup.registerInbound ? perProduct(order, resellable) : [],
          ...(exchange?.replacementNo ? { exchange: { exchangeId: exchange.exchangeId, replacementNo: exchange.replacementNo } } : {}),
        },
      },
    ];
  }),
  /**
   * 반품 배송비: set what is expected and what has arrived per route (routes not named keep theirs).
   * 미수 below zero (more arrived than expected) needs the reason.
   */
  RecordReturnFees: orderCommand<{
    readonly pickupId: number;
    readonly fees: Partial<Record<FeeRoute, { readonly expected?: number | undefined; readonly arrived?: number | undefined }>>;
    readonly reason?: string | undefined;
  }>(({ data }, state) => {
    const order = live(state);
    const pickup = openPickup(order, data.pickupId);
    const fees = Object.fromEntries(
      FEE_ROUTES.map((r) => {
        const given = data.fees[r];
        return [
          r,
          {
            expected: given?.expected === undefined ? pickup.fees[r].expected : nonNegativeInteger(given.expected, `fees.${r}.expected`),
            arrived: given?.arrived === undefined ? pickup.fees[r].arrived : nonNegativeInteger(given.arrived, `fees.${r}.arrived`),
          },
        ];
      }),
    ) as unknown as ReturnFees;
    const reason = data.reason?.trim() ? data.reason.trim() : null;
    if (outstandingOf(fees) < 0 && reason === null) {
      throw invalid('FEE_OVERPAID_NEEDS_REASON', `미수 would be ${outstandingOf(fees)}: more arrived than expected; say why in reason.`, 'reason', { outstanding: outstandingOf(fees) });
    }
    const unchanged = FEE_ROUTES.every((r) => fees[r].expected === pickup.fees[r].expected && fees[r].arrived === pickup.fees[r].arrived) && reason === pickup.feeReason;
    return unchanged ? [] : [{ type: 'ReturnFeesRecorded', data: { no: order.no, pickupId: pickup.pickupId, fees, reason } }];
  }),
  /** 완료처리: with 미수 left or goods not arrived, only with a CS memo saying why. Completing twice changes nothing. */
  CompleteReturn: orderCommand<{ readonly pickupId: number }>(({ data, metadata }, state) => {
    const order = live(state);
    const pickup = pickupOf(order, data.pickupId);
    if (pickup.completed) return [];
    const outstanding = outstandingOf(pickup.fees);
    const notArrived = pickup.lines.reduce((n, l) => n + awaitingOf(pickup, l.lineId), 0);
    if ((outstanding > 0 || notArrived > 0) && !metadata.memo?.trim()) {
      const why = [outstanding > 0 ? `미수 ${won(outstanding)}` : '', notArrived > 0 ? `${notArrived}개 미도착` : ''].filter(Boolean).join(', ');
      throw invalid('COMPLETION_NEEDS_MEMO', `Pickup ${pickup.pickupId} has ${why}: completing it needs a CS memo.`, 'memo', { outstanding, notArrived });
    }
    return [{ type: 'ReturnCompleted', data: { no: order.no, pickupId: pickup.pickupId, outstanding, notArrived } }];
  }),
  /** 반품예정: only an order that has shipped something. */
  SetReturnExpected: orderCommand<{ readonly expected: boolean }>(({ data }, state) => {
    const order = live(state);
    if (order.returnExpected === data.expected) return [];
    if (data.expected) inStatus(order, AFTER_SHIPMENT, '반품예정');
    return [{ type: data.expected ? 'ReturnExpectedMarked' : 'ReturnExpectedCleared', data: { no: order.no } }];
  }),
};
