/**
 * 취소 and 정상복귀 on the quantity ledger: 전체취소 (입금전취소 before payment), 개별취소 of a line's
 * quantity, and their restores. From 송장 on a cancellation must be a return (회수). A merged order
 * cancelled in full leaves its package in the same append, so a package never holds a cancelled order.
 */
import { conflict, invalid } from '../../errors.js';
import { productLabel } from '../format.js';
import type { CancelReason, LineItem, LineQuantity, OrderState, OrderStatus } from '../model.js';
import { activeQuantity, addToLedger, BEFORE_SHIPMENT, CANCEL_REASON_LABELS, cancelledQuantity, csStateOf } from '../model.js';
import type { OrderEvent } from '../order.js';
import { activeLinesOf, inStatus, itemOf, lineOf, live, notCancelled, positiveQuantity, returnRequired } from '../rules.js';
import type { Across, EventsOf, EventTable, NoData, Sent } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';
import { leavePackage, packageMembers, stateOf } from './merge.js';

type No = { readonly no: number };
type Cancelled = No & { readonly reason: CancelReason; readonly lines: readonly LineQuantity[] };
type LineMove = No & { readonly lineId: number; readonly item: LineItem; readonly quantity: number };

export const cancelEvents = {
  OrderCancelledBeforePayment: orderEvent<Cancelled>({
    label: '입금전취소',
    describe: (d) => `사유: ${CANCEL_REASON_LABELS[d.reason]}`,
    evolve: (order, d) => ({ ...order, lines: addToLedger(order.lines, d.lines, 'cancelled') }),
  }),
  /** 전체취소 of a paid order: every active quantity, with one reason. */
  OrderCancelled: orderEvent<Cancelled>({
    label: '전체취소',
    describe: (d) => `사유: ${CANCEL_REASON_LABELS[d.reason]}`,
    evolve: (order, d) => ({ ...order, lines: addToLedger(order.lines, d.lines, 'cancelled') }),
  }),
  /** 전체정상복귀: every cancelled quantity comes back; the order returns to `status`. */
  OrderRestored: orderEvent<No & { readonly lines: readonly LineQuantity[]; readonly status: OrderStatus }>({
    label: '전체정상복귀',
    describe: () => '',
    evolve: (order, d) => ({ ...order, status: d.status, lines: addToLedger(order.lines, d.lines, 'restored') }),
  }),
  LineCancelled: orderEvent<LineMove & { readonly reason: CancelReason }>({
    label: '개별취소',
    describe: (d) => `${d.lineId}번 ${productLabel(d.item)} ${d.quantity}개 / 사유: ${CANCEL_REASON_LABELS[d.reason]}`,
    evolve: (order, d) => ({ ...order, lines: addToLedger(order.lines, [d], 'cancelled') }),
  }),
  LineRestored: orderEvent<LineMove>({
    label: '개별정상복귀',
    describe: (d) => `${d.lineId}번 ${productLabel(d.item)} ${d.quantity}개`,
    evolve: (order, d) => ({ ...order, lines: addToLedger(order.lines, [d], 'restored') }),
  }),
};
export type CancelEvent = EventsOf<typeof cancelEvents>;

/** The cancel's own events folded (to see whether the order is left with nothing active). */
const afterCancel = (state: OrderState, events: readonly OrderEvent[], table: EventTable): OrderState =>
  events.reduce((s, e) => (table[e.type]?.evolve(s, e.data) ?? s), state);

/**
 * A cancel that leaves a merged order with nothing active takes it out of its package in the same
 * append. `table` declares the decided events (a slice's own: this one's by default).
 */
export const leavingWhenCancelled = <D>(decide: (command: Sent<D>, state: OrderState) => readonly OrderEvent[], table: EventTable = cancelEvents): Across<D> => ({
  involved: (_no, _command, state) => packageMembers(state),
  decide: (no, command, states) => {
    const state = stateOf(states, no);
    const events = decide(command, state);
    const after = afterCancel(state, events, table);
    if (state.kind !== 'placed' || !state.package || after.kind !== 'placed' || csStateOf(after) !== 'cancelled') return new Map([[no, events]]);
    const leaving = leavePackage(no, state.package);
    return new Map([...leaving].map(([m, unmerged]) => [m, m === no ? [...events, ...unmerged] : unmerged]));
  },
});

/** 입금전취소 in 입금대기, 전체취소 in 접수 / 배송준비중; from 송장 on it must be a return. */
const cancelOrder = ({ data }: Sent<{ readonly reason: CancelReason }>, state: OrderState): OrderEvent[] => {
  const order = notCancelled(live(state));
  const lines = activeLinesOf(order, (l) => activeQuantity(l.ledger));
  if (order.status === 'awaiting_payment') return [{ type: 'OrderCancelledBeforePayment', data: { no: order.no, reason: data.reason, lines } }];
  if (order.status !== 'received' && order.status !== 'preparing') throw returnRequired(order, '전체취소');
  return [{ type: 'OrderCancelled', data: { no: order.no, reason: data.reason, lines } }];
};

/** 개별취소: quantity ≤ active. At 송장 a cancel that would leave nothing active is a return. */
const cancelLine = ({ data }: Sent<{ readonly lineId: number; readonly quantity: number; readonly reason: CancelReason }>, state: OrderState): OrderEvent[] => {
  const order = live(state);
  if (!(BEFORE_SHIPMENT as readonly OrderStatus[]).includes(order.status)) throw returnRequired(order, '개별취소');
  const line = lineOf(order, data.lineId);
  positiveQuantity(data.quantity, 'quantity');
  const active = activeQuantity(line.ledger);
  if (data.quantity > active) {
    throw invalid('CANCEL_EXCEEDS_ACTIVE', `Line ${line.lineId} has ${active} active; ${data.quantity} cannot be cancelled.`, 'quantity', { lineId: line.lineId, active });
  }
  const remaining = order.lines.reduce((n, l) => n + activeQuantity(l.ledger), 0) - data.quantity;
  if (order.status === 'invoiced' && remaining === 0) throw returnRequired(order, 'Cancelling the last active quantity');
  return [{ type: 'LineCancelled', data: { no: order.no, lineId: line.lineId, item: itemOf(line), quantity: data.quantity, reason: data.reason } }];
};

export const cancelCommands = {
  CancelOrder: orderCommand(cancelOrder, leavingWhenCancelled(cancelOrder)),
  /** 전체정상복귀: only a cancelled order; every cancelled quantity comes back. */
  RestoreOrder: orderCommand<NoData>((_, state) => {
    const order = live(state);
    if (csStateOf(order) !== 'cancelled') throw conflict('ORDER_NOT_CANCELLED', `Order ${order.no} is not cancelled (전체취소); nothing to restore.`, { no: order.no });
    const lines = activeLinesOf(order, (l) => cancelledQuantity(l.ledger));
    // An order cancelled before payment still waits for it; one a channel cancelled at 송장 keeps its invoice, so 송장.
    const status = order.status === 'awaiting_payment' ? 'awaiting_payment' : order.invoice ? 'invoiced' : 'received';
    return [{ type: 'OrderRestored', data: { no: order.no, lines, status } }];
  }),
  CancelLine: orderCommand(cancelLine, leavingWhenCancelled(cancelLine)),
  /** 개별정상복귀: quantity ≤ cancelled, before shipment. */
  RestoreLine: orderCommand<{ readonly lineId: number; readonly quantity: number }>(({ data }, state) => {
    const order = inStatus(live(state), BEFORE_SHIPMENT, '개별정상복귀');
    const line = lineOf(order, data.lineId);
    positiveQuantity(data.quantity, 'quantity');
    const cancelled = cancelledQuantity(line.ledger);
    if (data.quantity > cancelled) {
      throw invalid('RESTORE_EXCEEDS_CANCELLED', `Line ${line.lineId} has ${cancelled} cancelled; ${data.quantity} cannot be restored.`, 'quantity', { lineId: line.lineId, cancelled });
    }
    return [{ type: 'LineRestored', data: { no: order.no, lineId: line.lineId, item: itemOf(line), quantity: data.quantity } }];
  }),
};
