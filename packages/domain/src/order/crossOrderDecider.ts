/**
 * CS actions that span orders: 합포 (a package of merged orders: merge, unmerge, dissolve, and its
 * invoice, shipment and delivery address, which every member gets; a member cancelled in full leaves
 * it, so a package never holds a cancelled order), 주문복사 (a new order named after its source) and
 * 우선순위 (an order's place among the orders holding the same product).
 *
 * decide reads the states of every order involved and returns the events for each 관리번호. The
 * caller appends them all in ONE atomic multi-stream append, each stream at the revision it read:
 * two workers merging the same order at once cannot both win, because both append to its stream.
 */
import type { CommandMetadata } from '../decider.js';
import { DomainError, conflict, invalid } from '../errors.js';
import type { LineProduct, OrderEvent, OrderState, Package, PlacedOrder, PriorityPosition } from './order.js';
import { csStateOf, evolveOrder, holdsProduct } from './order.js';
import type { CancelLine, CancelOrder, ChangeDeliveryInfo, EnterInvoice, NewOrderLine, OrderCommand, ShipOrder } from './orderDecider.js';
import { decideOrder, inStatus, live, nonBlank, notCancelled, positiveQuantity } from './orderDecider.js';

type Command<T extends string, D> = { readonly type: T; readonly data: D; readonly metadata: CommandMetadata };

/** 합포추가: `orderNo` joins this order's package (formed on this order when it has none). */
export type MergeOrder = Command<'MergeOrder', { readonly orderNo: number }>;
/** 합포제외: this order leaves its package. */
export type UnmergeOrder = Command<'UnmergeOrder', Record<string, never>>;
/** 합포삭제: the package this order is in is dissolved. */
export type DissolvePackage = Command<'DissolvePackage', Record<string, never>>;
export interface CopiedLine {
  readonly lineId: number;
  readonly quantity?: number | undefined;
  /** 주문복사 may put another product on the line (looked up in the catalogue by the caller). */
  readonly product?: LineProduct | undefined;
}
/** 주문복사 (`whole: false`, lines may change product) / 주문전체복사 (`whole: true`, same lines, channel may change). */
export type CopyOrder = Command<
  'CopyOrder',
  { readonly copyNo: number; readonly whole: boolean; readonly channel?: string | undefined; readonly lines?: readonly CopiedLine[] | undefined }
>;
/**
 * 우선순위 among the orders holding `productCode`. `holders` are the orders the caller believes hold
 * it (from the CS window); each is read and checked, and every one whose number changes is appended to.
 */
export type SetPriority = Command<
  'SetPriority',
  { readonly productCode: string; readonly position: PriorityPosition; readonly after?: number | undefined; readonly holders: readonly number[] }
>;

export type CrossOrderCommand = MergeOrder | UnmergeOrder | DissolvePackage | CopyOrder | SetPriority;
/** Every command a CS worker can send to an order. */
export type CsCommand = OrderCommand | CrossOrderCommand;

export type OrderStates = ReadonlyMap<number, OrderState>;
export type EventsByOrder = ReadonlyMap<number, readonly OrderEvent[]>;

/** Room left between priorities when they are renumbered, so later moves rarely renumber again. */
export const PRIORITY_STEP = 1000;

// ---------------------------------------------------------------------------------------------

const stateOf = (states: OrderStates, no: number): OrderState => states.get(no) ?? { kind: 'none' };

const packageMembers = (state: OrderState): readonly number[] => (state.kind === 'placed' && state.package ? state.package.members : []);

/** The other orders a command on `no` reads and may append to. */
export const ordersInvolved = (no: number, command: CsCommand, state: OrderState): readonly number[] => {
  const others = (() => {
    switch (command.type) {
      case 'MergeOrder':
        return [command.data.orderNo, ...packageMembers(state)];
      case 'UnmergeOrder':
      case 'DissolvePackage':
      case 'EnterInvoice':
      case 'ShipOrder':
      case 'ChangeDeliveryInfo':
      case 'CancelOrder':
      case 'CancelLine':
        return packageMembers(state);
      case 'CopyOrder':
        return [command.data.copyNo];
      case 'SetPriority':
        return [...command.data.holders, ...(command.data.after === undefined ? [] : [command.data.after])];
      default:
        return [];
    }
  })();
  return [...new Set(others)].filter((n) => n !== no);
};

/** A rule broken by another member of the package names that member. */
const asMember = <T>(member: number, primary: number, decide: () => T): T => {
  try {
    return decide();
  } catch (error) {
    if (member === primary || !(error instanceof DomainError)) throw error;
    throw new DomainError(error.code, error.kind, `합포 주문 ${member}: ${error.message}`, error.field, { ...error.details, member });
  }
};

/**
 * 송장입력 / 배송처리 / 배송정보변경 of a merged order: the package is one box, so every member gets the
 * same invoice, is shipped, or goes to the new address.
 */
const decideForPackage = (no: number, command: EnterInvoice | ShipOrder | ChangeDeliveryInfo, states: OrderStates): EventsByOrder => {
  const primary = stateOf(states, no);
  const members = packageMembers(primary);
  if (members.length === 0) return new Map([[no, decideOrder(command, primary)]]);
  return new Map(members.map((member) => [member, asMember(member, no, () => decideOrder(command, stateOf(states, member)))]));
};

/** 합포제외 of `no`: every member hears of it; the package keeps its number unless the order it was named after leaves. */
const leavePackage = (no: number, pkg: Package): Map<number, readonly OrderEvent[]> => {
  const members = pkg.members.filter((m) => m !== no);
  const packageId = pkg.id === no ? Math.min(...members) : pkg.id;
  return new Map(pkg.members.map((m) => [m, [{ type: 'OrderUnmerged', data: { no: m, packageId, left: no, members } }] as const]));
};

/** 전체취소 / 개별취소 of a merged order: cancelled in full, it leaves its package in the same append. */
const cancelInPackage = (no: number, command: CancelOrder | CancelLine, states: OrderStates): EventsByOrder => {
  const state = stateOf(states, no);
  const events = decideOrder(command, state);
  const after = events.reduce(evolveOrder, state);
  if (state.kind !== 'placed' || !state.package || after.kind !== 'placed' || csStateOf(after) !== 'cancelled') return new Map([[no, events]]);
  const leaving = leavePackage(no, state.package);
  return new Map([...leaving].map(([m, unmerged]) => [m, m === no ? [...events, ...unmerged] : unmerged]));
};

const mergeable = (order: PlacedOrder, action: string): PlacedOrder => {
  if (order.mergeForbidden) throw conflict('MERGE_FORBIDDEN', `Order ${order.no} is marked 합포금지: it may not be merged.`, { no: order.no });
  return inStatus(notCancelled(order), ['awaiting_payment', 'received', 'preparing'], action);
};

const mergeOrder = (no: number, { data }: MergeOrder, states: OrderStates): EventsByOrder => {
  if (data.orderNo === no) throw invalid('MERGE_WITH_ITSELF', 'An order cannot be merged with itself.', 'orderNo');
  const host = mergeable(live(stateOf(states, no)), '합포추가');
  const joiningState = stateOf(states, data.orderNo);
  if (joiningState.kind !== 'placed') throw invalid('MERGE_ORDER_NOT_FOUND', `Order ${data.orderNo} does not exist.`, 'orderNo');
  const joining = asMember(data.orderNo, no, () => mergeable(live(joiningState), '합포추가'));
  if (joining.package) {
    if (host.package && joining.package.id === host.package.id) return new Map();
    throw conflict('ALREADY_MERGED', `Order ${joining.no} is already in package ${joining.package.id}; 합포제외 it first.`, { no: joining.no, packageId: joining.package.id });
  }
  const packageId = host.package?.id ?? host.no;
  const members = [...(host.package?.members ?? [host.no]), joining.no];
  return new Map(members.map((m) => [m, [{ type: 'OrderMerged', data: { no: m, packageId, joined: joining.no, members } }] as const]));
};

/** A package whose invoice was entered ships as it is. */
const changeablePackage = (no: number, states: OrderStates, action: string) => {
  const order = live(stateOf(states, no));
  if (!order.package) throw conflict('ORDER_NOT_MERGED', `Order ${order.no} is not merged (합포); nothing to ${action}.`, { no: order.no });
  const pkg = order.package;
  for (const member of pkg.members) {
    const state = stateOf(states, member);
    if (state.kind === 'placed' && state.invoice) {
      throw conflict('PACKAGE_INVOICED', `Package ${pkg.id} already has an invoice (order ${member}); it ships as it is.`, { packageId: pkg.id, member });
    }
  }
  return { order, pkg };
};

const unmergeOrder = (no: number, states: OrderStates): EventsByOrder => leavePackage(no, changeablePackage(no, states, '합포제외').pkg);

const dissolvePackage = (no: number, states: OrderStates): EventsByOrder => {
  const { pkg } = changeablePackage(no, states, '합포삭제');
  return new Map(pkg.members.map((m) => [m, [{ type: 'PackageDissolved', data: { no: m, packageId: pkg.id, members: pkg.members } }] as const]));
};

const copyOrder = (no: number, { data, metadata }: CopyOrder, states: OrderStates): EventsByOrder => {
  const source = live(stateOf(states, no));
  if (!data.whole && data.channel !== undefined && data.channel.trim() !== source.channel) {
    throw invalid('CHANNEL_NEEDS_WHOLE_COPY', 'Only 주문전체복사 may move the copy to another channel.', 'channel');
  }
  if (data.whole && data.lines !== undefined) throw invalid('WHOLE_COPY_KEEPS_LINES', '주문전체복사 copies the lines as they are; use 주문복사 to change them.', 'lines');
  const channel = data.channel === undefined ? source.channel : nonBlank(data.channel, 'channel');
  const picked: readonly { readonly lineId: number; readonly quantity?: number | undefined; readonly product?: LineProduct | undefined }[] =
    data.lines ?? source.lines.map((l) => ({ lineId: l.lineId }));
  const lines: NewOrderLine[] = picked.map((p, i) => {
    const line = source.lines.find((l) => l.lineId === p.lineId);
    if (!line) throw invalid('LINE_NOT_FOUND', `Order ${no} has no line ${p.lineId}.`, `lines[${i}].lineId`);
    const product = p.product ?? line;
    return {
      productCode: product.productCode,
      productName: product.productName,
      option: product.option,
      unitPrice: product.unitPrice,
      quantity: p.quantity === undefined ? line.ledger.ordered : positiveQuantity(p.quantity, `lines[${i}].quantity`),
    };
  });
  const target = stateOf(states, data.copyNo);
  const copy = decideOrder(
    {
      type: 'PlaceOrder',
      data: {
        no: data.copyNo,
        channel,
        paymentMethod: source.paymentMethod,
        paid: source.status !== 'awaiting_payment',
        buyer: source.buyer,
        recipient: source.recipient,
        shippingFee: source.shippingFee,
        lines,
        copiedFrom: { no, whole: data.whole },
      },
      metadata,
    },
    target,
  );
  return new Map([
    [no, [{ type: 'OrderCopied', data: { no, copyNo: data.copyNo, whole: data.whole, channel } }]],
    [data.copyNo, copy],
  ]);
};

/** What the per-product list orders by: a 관리번호 and its 우선순위 per product (an order or a CS window row). */
type Prioritised = Pick<PlacedOrder, 'no' | 'priorities'>;

/** 우선순위 of an order for a product; 0 until one is set. */
export const priorityOf = (order: Prioritised, productCode: string): number => order.priorities[productCode] ?? 0;

/** The per-product list order: higher priority first, then the older order (lower 관리번호). */
export const byPriority = (productCode: string) => (a: Prioritised, b: Prioritised): number =>
  priorityOf(b, productCode) - priorityOf(a, productCode) || a.no - b.no;

const setPriority = (no: number, { data }: SetPriority, states: OrderStates): EventsByOrder => {
  const code = nonBlank(data.productCode, 'productCode');
  const order = live(stateOf(states, no));
  if (!holdsProduct(order, code)) throw invalid('PRODUCT_NOT_HELD', `Order ${no} holds no unshipped quantity of product ${code}.`, 'productCode');
  const holding = (n: number): PlacedOrder | null => {
    const s = stateOf(states, n);
    return s.kind === 'placed' && holdsProduct(s, code) ? s : null;
  };
  const others = [...new Set([...data.holders, ...(data.after === undefined ? [] : [data.after])])]
    .filter((n) => n !== no)
    .map(holding)
    .filter((o): o is PlacedOrder => o !== null)
    .sort(byPriority(code));
  const set = (priority: number): Map<number, readonly OrderEvent[]> =>
    new Map([[no, [{ type: 'PrioritySet', data: { no, productCode: code, position: data.position, after: data.after ?? null, priority } }]]]);
  const first = others[0];
  const last = others[others.length - 1];
  switch (data.position) {
    case 'top':
      return set(first ? priorityOf(first, code) + 1 : priorityOf(order, code));
    case 'bottom':
      return set(last ? priorityOf(last, code) - 1 : priorityOf(order, code));
    case 'after': {
      if (data.after === undefined) throw invalid('AFTER_REQUIRED', 'position "after" needs the 관리번호 to follow.', 'after');
      if (data.after === no) throw invalid('AFTER_ITSELF', 'An order cannot follow itself.', 'after');
      const i = others.findIndex((o) => o.no === data.after);
      const anchor = others[i];
      if (!anchor) throw invalid('AFTER_NOT_HOLDING', `Order ${data.after} holds no unshipped quantity of product ${code}.`, 'after');
      const next = others[i + 1];
      const room = next ? priorityOf(anchor, code) - priorityOf(next, code) : Number.POSITIVE_INFINITY;
      if (room >= 2) return set(priorityOf(anchor, code) - 1);
      // No whole number fits between the anchor and the next order: renumber the list with room.
      const list = [...others.slice(0, i + 1), order, ...others.slice(i + 1)];
      const numbered = list.map((o, k) => ({ o, priority: (list.length - k) * PRIORITY_STEP }));
      const mine = numbered.find((x) => x.o.no === no)?.priority ?? 0;
      const renumbered = set(mine);
      for (const { o, priority } of numbered) {
        if (o.no !== no && priorityOf(o, code) !== priority) {
          renumbered.set(o.no, [{ type: 'PriorityRenumbered', data: { no: o.no, productCode: code, priority } }]);
        }
      }
      return renumbered;
    }
    default: {
      const unhandled: never = data.position;
      throw invalid('INVALID_POSITION', `Unknown position ${String(unhandled)}.`, 'position');
    }
  }
};

/** Events per 관리번호 for a command on order `no`, given the states of `no` and of `ordersInvolved`. */
export const decideAcrossOrders = (no: number, command: CsCommand, states: OrderStates): EventsByOrder => {
  switch (command.type) {
    case 'MergeOrder':
      return mergeOrder(no, command, states);
    case 'UnmergeOrder':
      return unmergeOrder(no, states);
    case 'DissolvePackage':
      return dissolvePackage(no, states);
    case 'CopyOrder':
      return copyOrder(no, command, states);
    case 'SetPriority':
      return setPriority(no, command, states);
    case 'EnterInvoice':
    case 'ShipOrder':
    case 'ChangeDeliveryInfo':
      return decideForPackage(no, command, states);
    case 'CancelOrder':
    case 'CancelLine':
      return cancelInPackage(no, command, states);
    default:
      return new Map([[no, decideOrder(command, stateOf(states, no))]]);
  }
};

/** What a worker should be told although the command succeeded. */
export interface CommandWarning {
  readonly code: string;
  readonly message: string;
}
export const warningsOf = (events: readonly OrderEvent[]): readonly CommandWarning[] =>
  events.flatMap((e): CommandWarning[] =>
    e.type === 'ReturnPickupRequested' && e.data.repeated
      ? [{ code: 'PICKUP_REPEATED', message: `Order ${e.data.no} already had a pickup; this is pickup ${e.data.pickupId}${e.data.registerInbound ? '' : ', with no 입고예정 registered'}.` }]
      : [],
  );


