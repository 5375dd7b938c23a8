/**
 * 합포: orders merged into one package ship as one box with one tracking number. 합포추가 / 합포제외 /
 * 합포삭제 / 합포금지, and `packageWide` for the actions every member gets (송장입력, 배송처리,
 * 배송정보변경). Every member's stream is appended to in the same atomic append, each at the revision
 * that was read: two workers merging the same order at once cannot both win.
 */
import { conflict, invalid } from '../../errors.js';
import type { OrderState, Package, PlacedOrder } from '../model.js';
import type { OrderEvent } from '../order.js';
import { asMember, inStatus, live, notCancelled } from '../rules.js';
import type { Across, EventsOf, NoData, OrderStates, Sent } from '../slice.js';
import { crossOrderCommand, orderCommand, orderEvent } from '../slice.js';

type No = { readonly no: number };
type Membership = No & { readonly packageId: number; readonly members: readonly number[] };

const packageAfter = (no: number, packageId: number, members: readonly number[]): Package | null =>
  members.length > 1 && members.includes(no) ? { id: packageId, members } : null;

const packageList = (packageId: number, members: readonly number[]): string => `합포번호 ${packageId}: ${members.join(', ')}`;

export const mergeEvents = {
  /** 합포추가, appended to every member of the package (the joining order included). */
  OrderMerged: orderEvent<Membership & { readonly joined: number }>({
    label: '합포추가',
    describe: (d) => `${d.joined} 합포 (${packageList(d.packageId, d.members)})`,
    evolve: (order, d) => ({ ...order, package: packageAfter(order.no, d.packageId, d.members) }),
  }),
  /** 합포제외, appended to the leaving order and every remaining member; a package of one is no package. */
  OrderUnmerged: orderEvent<Membership & { readonly left: number }>({
    label: '합포제외',
    // A package of one is no package: the remaining order stands alone again.
    describe: (d) => (d.members.length > 1 ? `${d.left} 제외 (${packageList(d.packageId, d.members)})` : `${d.left} 제외 (합포 해제: ${d.members.join(', ')})`),
    evolve: (order, d) => ({ ...order, package: packageAfter(order.no, d.packageId, d.members) }),
  }),
  /** 합포삭제, appended to every former member. */
  PackageDissolved: orderEvent<Membership>({
    label: '합포삭제',
    describe: (d) => packageList(d.packageId, d.members),
    evolve: (order) => ({ ...order, package: null }),
  }),
  MergeForbidden: orderEvent<No>({ label: '합포금지', describe: () => '', evolve: (order) => ({ ...order, mergeForbidden: true }) }),
  MergeAllowed: orderEvent<No>({ label: '합포금지해제', describe: () => '', evolve: (order) => ({ ...order, mergeForbidden: false }) }),
};
export type MergeEvent = EventsOf<typeof mergeEvents>;

export const stateOf = (states: OrderStates, no: number): OrderState => states.get(no) ?? { kind: 'none' };

export const packageMembers = (state: OrderState): readonly number[] => (state.kind === 'placed' && state.package ? state.package.members : []);

/** An action every member of the package gets, each through the one-order rule (a member breaking it is named). */
export const packageWide = <D>(decide: (command: Sent<D>, state: OrderState) => readonly OrderEvent[]): Across<D> => ({
  involved: (_no, _command, state) => packageMembers(state),
  decide: (no, command, states) => {
    const primary = stateOf(states, no);
    const members = packageMembers(primary);
    if (members.length === 0) return new Map([[no, decide(command, primary)]]);
    return new Map(members.map((member) => [member, asMember(member, no, () => decide(command, stateOf(states, member)))]));
  },
});

/** 합포제외 of `no`: every member hears of it; the package keeps its number unless the order it was named after leaves. */
export const leavePackage = (no: number, pkg: Package): Map<number, readonly OrderEvent[]> => {
  const members = pkg.members.filter((m) => m !== no);
  const packageId = pkg.id === no ? Math.min(...members) : pkg.id;
  return new Map(pkg.members.map((m) => [m, [{ type: 'OrderUnmerged', data: { no: m, packageId, left: no, members } }] as const]));
};

const mergeable = (order: PlacedOrder, action: string): PlacedOrder => {
  if (order.mergeForbidden) throw conflict('MERGE_FORBIDDEN', `Order ${order.no} is marked 합포금지: it may not be merged.`, { no: order.no });
  return inStatus(notCancelled(order), ['awaiting_payment', 'received', 'preparing'], action);
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
  return pkg;
};

const wholePackage = (_no: number, _command: unknown, state: OrderState) => packageMembers(state);

export const mergeCommands = {
  /** 합포추가: `orderNo` joins this order's package (formed on this order when it has none). */
  MergeOrder: crossOrderCommand<{ readonly orderNo: number }>({
    involved: (_no, { data }, state) => [data.orderNo, ...packageMembers(state)],
    decide: (no, { data }, states) => {
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
    },
  }),
  /** 합포제외: this order leaves its package. */
  UnmergeOrder: crossOrderCommand<NoData>({
    involved: wholePackage,
    decide: (no, _command, states) => leavePackage(no, changeablePackage(no, states, '합포제외')),
  }),
  /** 합포삭제: the package this order is in is dissolved. */
  DissolvePackage: crossOrderCommand<NoData>({
    involved: wholePackage,
    decide: (no, _command, states) => {
      const pkg = changeablePackage(no, states, '합포삭제');
      return new Map(pkg.members.map((m) => [m, [{ type: 'PackageDissolved', data: { no: m, packageId: pkg.id, members: pkg.members } }] as const]));
    },
  }),
  /** 합포금지 / 합포금지해제. */
  SetMergeForbidden: orderCommand<{ readonly forbidden: boolean }>(({ data }, state) => {
    const order = live(state);
    if (order.mergeForbidden === data.forbidden) return [];
    if (data.forbidden && order.package) {
      throw conflict('ORDER_MERGED', `Order ${order.no} is merged (합포 ${order.package.id}); 합포제외 it before forbidding merges.`, { no: order.no, packageId: order.package.id });
    }
    return [{ type: data.forbidden ? 'MergeForbidden' : 'MergeAllowed', data: { no: order.no } }];
  }),
};
