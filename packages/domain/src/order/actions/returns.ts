/**
 * 회수 (return pickup of shipped quantities), 반품입고 (they arrive back, per pickup) and 반품예정.
 * A second pickup is allowed; the worker is warned and 입고예정 defaults to off for it.
 */
import { notFound } from '../../errors.js';
import { lineList } from '../format.js';
import type { CancelReason, LineQuantity, PlacedOrder } from '../model.js';
import { addToLedger, AFTER_SHIPMENT, CANCEL_REASON_LABELS, quantityOf } from '../model.js';
import { inStatus, lineOf, lineQuantities, live } from '../rules.js';
import type { EventsOf } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';

type No = { readonly no: number };
/** 입고예정 per product: what is expected back in stock (or has arrived). */
type Inbound = readonly { readonly productCode: string; readonly quantity: number }[];

export interface ReturnPickupRequestedData {
  readonly no: number;
  readonly pickupId: number;
  readonly lines: readonly LineQuantity[];
  readonly reason: CancelReason;
  /** 입고예정: the picked-up quantities are expected back in stock. */
  readonly registerInbound: boolean;
  /** What is expected in, per product (empty unless registerInbound). */
  readonly inbound: Inbound;
  /** The order already had a pickup (the worker was warned). */
  readonly repeated: boolean;
}

export const returnEvents = {
  ReturnPickupRequested: orderEvent<ReturnPickupRequestedData>({
    label: '회수',
    describe: (d) =>
      `${d.pickupId}차 회수${d.repeated ? '(재회수)' : ''}: ${lineList(d.lines)} / 사유: ${CANCEL_REASON_LABELS[d.reason]}${d.registerInbound ? ' / 입고예정 등록' : ''}`,
    warn: (d) =>
      d.repeated
        ? { code: 'PICKUP_REPEATED', message: `Order ${d.no} already had a pickup; this is pickup ${d.pickupId}${d.registerInbound ? '' : ', with no 입고예정 registered'}.` }
        : null,
    evolve: (order, d) => ({
      ...order,
      pickups: order.pickups + 1,
      awaitingReturn: [...order.awaitingReturn, { pickupId: d.pickupId, lines: d.lines, registerInbound: d.registerInbound }],
      lines: addToLedger(order.lines, d.lines, 'pickedUp'),
    }),
  }),
  /** 반품입고: picked-up quantities arrived back; `inbound` is the 입고예정 of the pickup that has now arrived. */
  ReturnReceived: orderEvent<No & { readonly pickupId: number; readonly lines: readonly LineQuantity[]; readonly inbound: Inbound }>({
    label: '반품입고',
    describe: (d) => `${d.pickupId}차 회수: ${lineList(d.lines)}`,
    evolve: (order, { pickupId, lines }) => ({
      ...order,
      awaitingReturn: order.awaitingReturn.map((p) =>
        p.pickupId === pickupId ? { ...p, lines: p.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity - quantityOf(lines, l.lineId) })) } : p,
      ),
      lines: addToLedger(order.lines, lines, 'returned'),
    }),
  }),
  ReturnExpectedMarked: orderEvent<No>({ label: '반품예정', describe: () => '', evolve: (order) => ({ ...order, returnExpected: true }) }),
  ReturnExpectedCleared: orderEvent<No>({ label: '반품예정해제', describe: () => '', evolve: (order) => ({ ...order, returnExpected: false }) }),
};
export type ReturnEvent = EventsOf<typeof returnEvents>;

/** 입고예정 quantities per product of these lines. */
const inboundOf = (order: PlacedOrder, lines: readonly LineQuantity[]): { productCode: string; quantity: number }[] => {
  const byProduct = new Map<string, number>();
  for (const l of lines) {
    const code = lineOf(order, l.lineId).productCode;
    byProduct.set(code, (byProduct.get(code) ?? 0) + l.quantity);
  }
  return [...byProduct].map(([productCode, quantity]) => ({ productCode, quantity }));
};

export const returnCommands = {
  /** 회수: shipped quantities not yet picked up. */
  RequestReturnPickup: orderCommand<{ readonly lines: readonly LineQuantity[]; readonly reason: CancelReason; readonly registerInbound?: boolean | undefined }>(
    ({ data }, state) => {
      const order = inStatus(live(state), AFTER_SHIPMENT, '회수');
      const lines = lineQuantities(order, data.lines, (l) => l.ledger.shipped - l.ledger.pickedUp, { code: 'PICKUP_EXCEEDS_SHIPPED', what: 'shipped and not yet picked up' });
      const repeated = order.pickups > 0;
      const registerInbound = data.registerInbound ?? !repeated;
      const inbound = registerInbound ? inboundOf(order, lines) : [];
      return [{ type: 'ReturnPickupRequested', data: { no: order.no, pickupId: order.pickups + 1, lines, reason: data.reason, registerInbound, inbound, repeated } }];
    },
  ),
  /** 반품입고: quantities of one pickup arrive back; never more than that pickup took and has not returned. */
  ReceiveReturn: orderCommand<{ readonly pickupId: number; readonly lines: readonly LineQuantity[] }>(({ data }, state) => {
    const order = live(state);
    const pickup = order.awaitingReturn.find((p) => p.pickupId === data.pickupId);
    if (!pickup) throw notFound('PICKUP_NOT_FOUND', `Order ${order.no} has no pickup ${data.pickupId}.`, { no: order.no, pickupId: data.pickupId });
    const awaiting = (lineId: number) => quantityOf(pickup.lines, lineId);
    const lines = lineQuantities(order, data.lines, (l) => awaiting(l.lineId), { code: 'RETURN_EXCEEDS_PICKED_UP', what: `picked up by pickup ${pickup.pickupId} and not yet returned` });
    return [{ type: 'ReturnReceived', data: { no: order.no, pickupId: pickup.pickupId, lines, inbound: pickup.registerInbound ? inboundOf(order, lines) : [] } }];
  }),
  /** 반품예정: only an order that has shipped something. */
  SetReturnExpected: orderCommand<{ readonly expected: boolean }>(({ data }, state) => {
    const order = live(state);
    if (order.returnExpected === data.expected) return [];
    if (data.expected) inStatus(order, AFTER_SHIPMENT, '반품예정');
    return [{ type: data.expected ? 'ReturnExpectedMarked' : 'ReturnExpectedCleared', data: { no: order.no } }];
  }),
};
