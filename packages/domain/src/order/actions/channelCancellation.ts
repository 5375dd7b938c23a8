/**
 * 판매처취소: a channel's cancellation (or completed return) of a quantity on one line, recorded once
 * per claim (the claim's own stream guards that: channelClaim/). Before shipping it takes exactly the
 * quantity the channel cancelled — bringing the line's cancelled quantity up to it, never beyond what
 * is active, so a worker's earlier cancel is matched, not doubled — and holds the order (배송전 취소).
 * After shipping nothing is cancelled (배송후 취소): a worker arranges a 회수. 취소철회 (the channel
 * withdrew it) restores nothing by itself; what must be put back is derived (toRestoreOf in model.ts).
 */
import { conflict, invalid, notFound } from '../../errors.js';
import { productLabel } from '../format.js';
import type { CancelReason, LineItem, OrderLine, OrderState, PlacedOrder } from '../model.js';
import { activeQuantity, addToLedger, BEFORE_INVOICE, BEFORE_SHIPMENT, CANCEL_REASON_LABELS, cancelledQuantity, channelCancelledBeforeShipping, toRestoreOf } from '../model.js';
import type { OrderEvent } from '../order.js';
import { itemOf, lineOf, live, positiveQuantity } from '../rules.js';
import type { EventsOf, Sent } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';
import { leavingWhenCancelled } from './cancel.js';

export const CHANNEL_CANCELLATION_KINDS = ['cancel', 'return'] as const;
/** cancel: the customer cancelled; return: the channel completed a return / refund. */
export type ChannelCancellationKind = (typeof CHANNEL_CANCELLATION_KINDS)[number];

/** 취소타입: where the order stood when the channel's cancellation arrived. */
export const CANCEL_TYPES = ['received_cancel', 'invoiced_cancel', 'shipped_cancel', 'shipped_return'] as const;
export type CancelType = (typeof CANCEL_TYPES)[number];
export const CANCEL_TYPE_LABELS: Readonly<Record<CancelType, string>> = {
  received_cancel: '접수-취소',
  invoiced_cancel: '송장-취소',
  shipped_cancel: '배송-취소',
  shipped_return: '배송-반품',
};
export const BEFORE_SHIPPING_CANCEL_TYPES: readonly CancelType[] = ['received_cancel', 'invoiced_cancel'];

/** How a channel names the line: its 상품주문번호, else the product code, else the product's name and option. */
export type ChannelLineRef =
  | { readonly channelLineNo: string }
  | { readonly productCode: string }
  | { readonly productName: string; readonly option: string };

/** A channel's cancellation as it arrived (the fields the channel sent, normalised: codes, ISO instants). */
export interface ChannelCancellation {
  readonly channel: string;
  /** The channel's claim number: unique per channel. */
  readonly cancellationId: string;
  readonly channelOrderNo: string;
  readonly line: ChannelLineRef;
  readonly quantity: number;
  readonly kind: ChannelCancellationKind;
  readonly cancelledAt: string;
  readonly reason: CancelReason;
  /** The channel's own words, kept as sent. */
  readonly channelReason: string;
  readonly returnTrackingNumber?: string | undefined;
}

export type ChannelCancellationReceivedData = Omit<ChannelCancellation, 'line'> & {
  readonly no: number;
  readonly lineId: number;
  readonly item: LineItem;
  /** What the line had ordered (취소결과조회's 주문수량). */
  readonly orderedQuantity: number;
  readonly cancelType: CancelType;
  /** The quantity this cancellation cancelled here (0: matched by an earlier cancel, or after shipping). */
  readonly cancelled: number;
  /** true when it put the order on hold. */
  readonly held: boolean;
};

type Withdrawn = {
  readonly no: number;
  readonly channel: string;
  readonly cancellationId: string;
  readonly lineId: number;
  readonly item: LineItem;
  readonly quantity: number;
  readonly withdrawnAt: string;
};

const claimLabel = (d: { readonly channel: string; readonly cancellationId: string }) => `${d.channel} 클레임 ${d.cancellationId}`;

export const channelCancellationEvents = {
  ChannelCancellationReceived: orderEvent<ChannelCancellationReceivedData>({
    label: '판매처취소',
    labelOf: (d) => (BEFORE_SHIPPING_CANCEL_TYPES.includes(d.cancelType) ? '배송전 취소' : '배송후 취소'),
    describe: (d) =>
      `${claimLabel(d)} ${CANCEL_TYPE_LABELS[d.cancelType]}: ${d.lineId}번 ${productLabel(d.item)} ${d.quantity}개` +
      `${BEFORE_SHIPPING_CANCEL_TYPES.includes(d.cancelType) ? ` (취소 ${d.cancelled}개)` : ''} / 사유: ${CANCEL_REASON_LABELS[d.reason]}` +
      (d.channelReason.trim() === '' ? '' : ` (${d.channelReason.trim()})`),
    evolve: (order, d) => ({
      ...order,
      lines: addToLedger(order.lines, [{ lineId: d.lineId, quantity: d.cancelled }], 'cancelled'),
      hold: d.held ? { alarmAt: null } : order.hold,
      channelClaims: [
        ...order.channelClaims,
        { cancellationId: d.cancellationId, lineId: d.lineId, quantity: d.quantity, beforeShipping: BEFORE_SHIPPING_CANCEL_TYPES.includes(d.cancelType), cancelledAt: d.cancelledAt, withdrawnAt: null },
      ],
    }),
  }),
  ChannelCancellationWithdrawn: orderEvent<Withdrawn>({
    label: '취소철회',
    describe: (d) => `${claimLabel(d)}: ${d.lineId}번 ${productLabel(d.item)} ${d.quantity}개`,
    evolve: (order, d) => ({
      ...order,
      channelClaims: order.channelClaims.map((c) => (c.cancellationId === d.cancellationId ? { ...c, withdrawnAt: d.withdrawnAt } : c)),
    }),
  }),
  /** 취소철회조회 확인: the worker saw the line's figure and leaves it (nothing is restored). */
  CancelWithdrawalConfirmed: orderEvent<{ readonly no: number; readonly lineId: number; readonly item: LineItem; readonly toRestore: number }>({
    label: '취소철회 확인',
    describe: (d) => `${d.lineId}번 ${productLabel(d.item)} 복귀할 수량 ${d.toRestore}개`,
    evolve: (order, d) => ({
      ...order,
      restoreConfirmed: [...order.restoreConfirmed.filter((l) => l.lineId !== d.lineId), { lineId: d.lineId, quantity: d.toRestore }],
    }),
  }),
};
export type ChannelCancellationEvent = EventsOf<typeof channelCancellationEvents>;

/** The one line a channel's reference names; none or two are refused with the reason. */
export const lineOfChannelRef = (order: PlacedOrder, ref: ChannelLineRef): OrderLine => {
  const matches = order.lines.filter((l) =>
    'channelLineNo' in ref
      ? l.channelLineNo === ref.channelLineNo.trim()
      : 'productCode' in ref
        ? l.productCode === ref.productCode.trim() || l.placedProductCode === ref.productCode.trim()
        : l.productName.trim() === ref.productName.trim() && l.option.trim() === ref.option.trim(),
  );
  const [line, second] = matches;
  const named = 'channelLineNo' in ref ? `상품주문번호 ${ref.channelLineNo}` : 'productCode' in ref ? `상품코드 ${ref.productCode}` : `${ref.productName} ${ref.option}`.trim();
  if (!line) throw notFound('LINE_NOT_FOUND', `Order ${order.no} has no line for ${named}.`, { no: order.no });
  if (second) throw invalid('LINE_AMBIGUOUS', `Order ${order.no} has ${matches.length} lines for ${named}; name the line by 상품주문번호 or 상품코드.`, 'line', { no: order.no, lineIds: matches.map((l) => l.lineId) });
  return line;
};

/** What the channel has cancelled on a line and still stands, before or after shipping. */
const channelStanding = (order: PlacedOrder, lineId: number): number =>
  order.channelClaims.filter((c) => c.lineId === lineId && c.withdrawnAt === null).reduce((n, c) => n + c.quantity, 0);

const receive = ({ data }: Sent<{ readonly cancellation: ChannelCancellation }>, state: OrderState): OrderEvent[] => {
  const order = live(state);
  const { line: ref, ...c } = data.cancellation;
  if (order.channelClaims.some((x) => x.cancellationId === c.cancellationId)) {
    throw conflict('CANCELLATION_CONFLICT', `${claimLabel(c)} is already recorded on order ${order.no}.`, { no: order.no, cancellationId: c.cancellationId });
  }
  const line = lineOfChannelRef(order, ref);
  positiveQuantity(c.quantity, 'quantity');
  const standing = channelStanding(order, line.lineId);
  if (standing + c.quantity > line.ledger.ordered) {
    throw invalid('QUANTITY_EXCEEDS_ORDERED', `Line ${line.lineId} ordered ${line.ledger.ordered}; the channel has already cancelled ${standing}, so ${c.quantity} more cannot be.`, 'quantity', {
      no: order.no,
      lineId: line.lineId,
      ordered: line.ledger.ordered,
      channelCancelled: standing,
    });
  }
  const beforeShipping = (BEFORE_SHIPMENT as readonly string[]).includes(order.status);
  const cancelType: CancelType = beforeShipping
    ? (BEFORE_INVOICE as readonly string[]).includes(order.status) ? 'received_cancel' : 'invoiced_cancel'
    : c.kind === 'return' ? 'shipped_return' : 'shipped_cancel';
  // Up to what the channel has cancelled before shipping, this one included; never beyond what is active.
  const target = channelCancelledBeforeShipping(order, line.lineId) + c.quantity;
  const cancelled = beforeShipping ? Math.min(activeQuantity(line.ledger), Math.max(0, target - cancelledQuantity(line.ledger))) : 0;
  return [
    {
      type: 'ChannelCancellationReceived',
      data: { ...c, no: order.no, lineId: line.lineId, item: itemOf(line), orderedQuantity: line.ledger.ordered, cancelType, cancelled, held: cancelled > 0 && order.hold === null },
    },
  ];
};

const withdraw = ({ data }: Sent<{ readonly cancellationId: string; readonly withdrawnAt: string }>, state: OrderState): OrderEvent[] => {
  const order = live(state);
  const claim = order.channelClaims.find((c) => c.cancellationId === data.cancellationId);
  if (!claim) throw notFound('CANCELLATION_NOT_FOUND', `Order ${order.no} has no channel cancellation ${data.cancellationId}.`, { no: order.no });
  if (claim.withdrawnAt !== null) return [];
  const line = lineOf(order, claim.lineId);
  return [
    {
      type: 'ChannelCancellationWithdrawn',
      data: { no: order.no, channel: order.channel, cancellationId: claim.cancellationId, lineId: line.lineId, item: itemOf(line), quantity: claim.quantity, withdrawnAt: data.withdrawnAt },
    },
  ];
};

/** The acknowledged figure, while it is still the line's figure. */
export const restoreConfirmedOf = (order: PlacedOrder, line: OrderLine): boolean => {
  const confirmed = order.restoreConfirmed.find((l) => l.lineId === line.lineId);
  return confirmed !== undefined && confirmed.quantity === toRestoreOf(order, line);
};

export const channelCancellationCommands = {
  ReceiveChannelCancellation: orderCommand(receive, leavingWhenCancelled(receive, channelCancellationEvents)),
  WithdrawChannelCancellation: orderCommand(withdraw),
  ConfirmCancelWithdrawal: orderCommand<{ readonly lineId: number }>(({ data }, state) => {
    const order = live(state);
    const line = lineOf(order, data.lineId);
    const toRestore = toRestoreOf(order, line);
    if (toRestore === 0) throw conflict('NOTHING_TO_RESTORE', `Line ${line.lineId} of order ${order.no} has nothing to restore.`, { no: order.no, lineId: line.lineId });
    if (restoreConfirmedOf(order, line)) return [];
    return [{ type: 'CancelWithdrawalConfirmed', data: { no: order.no, lineId: line.lineId, item: itemOf(line), toRestore } }];
  }),
};


/** A line of 취소철회조회: what must be put back on it, and the dates a worker reads it by. */
export interface LineToRestore {
  readonly lineId: number;
  readonly item: LineItem;
  readonly ordered: number;
  /** Cancelled here (net of restores) … */
  readonly cancelledHere: number;
  /** … beyond what the channel cancelled before shipping and still stands. */
  readonly channelCancelled: number;
  readonly toRestore: number;
  readonly confirmed: boolean;
  /** 취소일: the channel's latest cancellation on the line (on the order, when none names the line). */
  readonly cancelledAt: string | null;
  /** 취소철회접수일: the channel's latest withdrawal on the line; null when none. */
  readonly withdrawnAt: string | null;
}

const latest = (dates: readonly (string | null)[]): string | null =>
  dates.reduce<string | null>((max, d) => (d !== null && (max === null || Date.parse(d) > Date.parse(max)) ? d : max), null);

/** 취소철회조회's lines of an order: every line with something to restore (none without a channel cancellation). */
export const linesToRestoreOf = (order: PlacedOrder): LineToRestore[] =>
  order.lines
    .filter((line) => toRestoreOf(order, line) > 0)
    .map((line) => {
      const claims = order.channelClaims.filter((c) => c.lineId === line.lineId);
      return {
        lineId: line.lineId,
        item: itemOf(line),
        ordered: line.ledger.ordered,
        cancelledHere: cancelledQuantity(line.ledger),
        channelCancelled: channelCancelledBeforeShipping(order, line.lineId),
        toRestore: toRestoreOf(order, line),
        confirmed: restoreConfirmedOf(order, line),
        cancelledAt: latest((claims.length > 0 ? claims : order.channelClaims).map((c) => c.cancelledAt)),
        withdrawnAt: latest(claims.map((c) => c.withdrawnAt)),
      };
    });
