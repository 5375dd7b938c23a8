/**
 * given / when / then across orders (합포, 주문복사, 우선순위, and what a package's members get), and
 * the orders it runs on: orders 201–204, each holding line 1 머그컵 ×1 (P-100) and line 2 티스푼 ×2
 * (P-200) unless told otherwise.
 *
 * `given` takes each order's history; `when(no, command)` decides with the states of `no` and of
 * `ordersInvolved(no, command, state)` only, as the caller loads them, so a rule that reads an order
 * ordersInvolved does not name fails here.
 */
import { expect } from 'vitest';
import { fold } from '../../decider.js';
import type { DomainErrorKind } from '../../errors.js';
import { DomainError } from '../../errors.js';
import type { OrderStates } from '../crossOrderDecider.js';
import { decideAcrossOrders, ordersInvolved } from '../crossOrderDecider.js';
import type { CancelReason, LineProduct, LineQuantity, OrderEvent, OrderState, PriorityPosition, Recipient } from '../order.js';
import { evolveOrder } from '../order.js';
import type { CrossOrderCommand, CsCommand, OrderCommand } from '../orderDecider.js';
import { OrderDecider } from '../orderDecider.js';
import { metadata, MUG, SPOON } from './fixtures.js';

export const A = 201;
export const B = 202;
export const C = 203;
export const D = 204;
export const UNKNOWN = 299;

export type Histories = Readonly<Record<number, readonly OrderEvent[]>>;
type Expected = Readonly<Record<number, readonly OrderEvent[]>>;

/** given / when / then across orders; `then` returns every order's state after the events. */
export const given = (histories: Histories) => {
  const all = new Map(Object.entries(histories).map(([no, events]) => [Number(no), fold(OrderDecider, events)] as const));
  return {
    when: (no: number, command: CsCommand) => {
      const own = all.get(no) ?? { kind: 'none' as const };
      const loaded: OrderStates = new Map(
        [no, ...ordersInvolved(no, command, own)].filter((n) => all.has(n)).map((n) => [n, all.get(n) ?? { kind: 'none' as const }] as const),
      );
      const run = () => decideAcrossOrders(no, command, loaded);
      return {
        then: (expected: Expected): ReadonlyMap<number, OrderState> => {
          const actual = run();
          expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(Object.entries(expected)));
          const after = new Map(all);
          for (const [n, events] of actual) after.set(n, events.reduce(evolveOrder, after.get(n) ?? { kind: 'none' }));
          return after;
        },
        thenThrows: (code: string, kind: DomainErrorKind, field?: string): DomainError => {
          let result: unknown;
          try {
            result = run();
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expect({ code: error.code, kind: error.kind, ...(field === undefined ? {} : { field: error.field }) }).toEqual({ code, kind, ...(field === undefined ? {} : { field }) });
            return error;
          }
          throw new Error(`Expected DomainError ${code} (${kind}) but decide returned ${JSON.stringify(Object.fromEntries(result as Map<number, unknown>))}`);
        },
        /** Accepted, and no order gets an event. */
        thenNothing: (): void => {
          expect([...run().values()].flat()).toEqual([]);
        },
      };
    },
  };
};

export const BUYER = { name: '김구매', mobile: '010-1234-5678' };
export const RECIPIENT: Recipient = { name: '이수령', mobile: '010-8765-4321', zip: '06236', address: '서울 강남구 테헤란로 1' };

export const placed = (no: number, o: { paid?: boolean; lines?: { product: LineProduct; quantity: number }[] } = {}): OrderEvent => ({
  type: 'OrderPlaced',
  data: {
    copiedFrom: null,
    replacementOf: null,
    no,
    channel: '스마트스토어',
    channelOrderNo: `SS-${no}`,
    channelOrderNoGenerated: false,
    paymentMethod: 'card',
    paid: o.paid ?? true,
    buyer: BUYER,
    recipient: RECIPIENT,
    shippingFee: 3000,
    lines: (o.lines ?? [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }]).map((l, i) => ({ ...l.product, lineId: i + 1, quantity: l.quantity })),
  },
});

export const ev = {
  printed: (no: number): OrderEvent => ({ type: 'ShippingInstructionPrinted', data: { no } }),
  held: (no: number): OrderEvent => ({ type: 'OrderHeld', data: { no, alarmAt: null } }),
  invoiced: (no: number, packageId?: number, trackingNumber = '123456789012'): OrderEvent => ({
    type: 'InvoiceEntered',
    data: { no, carrier: 'cj', trackingNumber, replaces: null, ...(packageId === undefined ? {} : { packageId }) },
  }),
  shipped: (no: number, lines: LineQuantity[] = [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 2 }]): OrderEvent => ({ type: 'OrderShipped', data: { no, lines } }),
  cancelled: (no: number): OrderEvent => ({ type: 'OrderCancelled', data: { no, reason: 'cancel_delay', lines: [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 2 }] } }),
  lineCancelled: (no: number, lineId: number, quantity: number, reason: CancelReason = 'cancel_quality'): OrderEvent => {
    const { productCode, productName, option } = lineId === 1 ? MUG : SPOON;
    return { type: 'LineCancelled', data: { no, lineId, item: { productCode, productName, option }, quantity, reason } };
  },
  deleted: (no: number): OrderEvent => ({ type: 'OrderDeleted', data: { no } }),
  mergeForbidden: (no: number): OrderEvent => ({ type: 'MergeForbidden', data: { no } }),
  merged: (no: number, packageId: number, joined: number, members: number[]): OrderEvent => ({ type: 'OrderMerged', data: { no, packageId, joined, members } }),
  unmerged: (no: number, packageId: number, left: number, members: number[]): OrderEvent => ({ type: 'OrderUnmerged', data: { no, packageId, left, members } }),
  dissolved: (no: number, packageId: number, members: number[]): OrderEvent => ({ type: 'PackageDissolved', data: { no, packageId, members } }),
  prioritySet: (no: number, priority: number, position: PriorityPosition = 'top', after: number | null = null, productCode = 'P-100'): OrderEvent => ({
    type: 'PrioritySet',
    data: { no, productCode, position, after, priority },
  }),
  renumbered: (no: number, priority: number, productCode = 'P-100'): OrderEvent => ({ type: 'PriorityRenumbered', data: { no, productCode, priority } }),
};

export const cmd = {
  merge: (orderNo: number): CrossOrderCommand => ({ type: 'MergeOrder', data: { orderNo }, metadata }),
  unmerge: (): CrossOrderCommand => ({ type: 'UnmergeOrder', data: {}, metadata }),
  dissolve: (): CrossOrderCommand => ({ type: 'DissolvePackage', data: {}, metadata }),
  copy: (data: Extract<CrossOrderCommand, { type: 'CopyOrder' }>['data']): CrossOrderCommand => ({ type: 'CopyOrder', data, metadata }),
  priority: (position: PriorityPosition, holders: number[], after?: number, productCode = 'P-100'): CrossOrderCommand => ({
    type: 'SetPriority',
    data: after === undefined ? { productCode, position, holders } : { productCode, position, holders, after },
    metadata,
  }),
  invoice: (trackingNumber = '123456789012'): OrderCommand => ({ type: 'EnterInvoice', data: { carrier: 'cj', trackingNumber }, metadata }),
  ship: (): OrderCommand => ({ type: 'ShipOrder', data: {}, metadata }),
  hold: (): OrderCommand => ({ type: 'HoldOrder', data: {}, metadata }),
  cancelLine: (): OrderCommand => ({ type: 'CancelLine', data: { lineId: 1, quantity: 1, reason: 'cancel_lost' }, metadata }),
  deliveryInfo: (recipient: Recipient): OrderCommand => ({ type: 'ChangeDeliveryInfo', data: { recipient }, metadata }),
  cancel: (): OrderCommand => ({ type: 'CancelOrder', data: { reason: 'cancel_delay' }, metadata }),
  memo: (): OrderCommand => ({ type: 'AddCsMemo', data: { text: '고객 통화' }, metadata }),
};

export const received = (no: number): OrderEvent[] => [placed(no)];
/** The orders merged one after the other on the first (the host). */
export const packageOf = (members: number[]): Histories => {
  const histories: Record<number, OrderEvent[]> = {};
  const host = members[0] ?? A;
  for (const m of members) histories[m] = [placed(m)];
  // Each join appends OrderMerged to every member so far, the joining order included.
  for (let k = 1; k < members.length; k++) {
    const sofar = members.slice(0, k + 1);
    for (const m of sofar) histories[m]?.push(ev.merged(m, host, members[k] ?? host, sofar));
  }
  return histories;
};
