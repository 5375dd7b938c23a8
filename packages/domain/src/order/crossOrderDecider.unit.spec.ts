/**
 * CS actions across orders as given / when / then: 합포 (merge, unmerge, dissolve, and the invoice
 * and shipment of a package), 주문복사 / 주문전체복사 and 우선순위.
 *
 * `given` takes each order's history; `when(no, command)` decides with the states of `no` and of
 * `ordersInvolved(no, command, state)` only, as the caller loads them, so a rule that reads an order
 * ordersInvolved does not name fails here.
 */
import { describe, expect, it } from 'vitest';
import type { CommandMetadata } from '../decider.js';
import { fold } from '../decider.js';
import type { DomainErrorKind } from '../errors.js';
import { DomainError } from '../errors.js';
import type { OrderStates } from './crossOrderDecider.js';
import type { CrossOrderCommand, CsCommand } from './orderDecider.js';
import { byPriority, decideAcrossOrders, ordersInvolved, PRIORITY_STEP } from './crossOrderDecider.js';
import type { CancelReason, LineProduct, LineQuantity, OrderEvent, OrderState, PlacedOrder, PriorityPosition, Recipient } from './order.js';
import { evolveOrder } from './order.js';
import type { OrderCommand } from './orderDecider.js';
import { OrderDecider } from './orderDecider.js';

const AT = '2026-03-02T09:00:00.000Z';
const metadata: CommandMetadata = { actor: 'cs-kim', role: 'cs', at: AT };

const A = 201;
const B = 202;
const C = 203;
const D = 204;
const UNKNOWN = 299;

type Histories = Readonly<Record<number, readonly OrderEvent[]>>;
type Expected = Readonly<Record<number, readonly OrderEvent[]>>;

const placedOrder = (state: OrderState | undefined): PlacedOrder => {
  if (state?.kind !== 'placed') throw new Error('expected a placed order');
  return state;
};

/** given / when / then across orders; `then` returns every order's state after the events. */
const given = (histories: Histories) => {
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

// ---------------------------------------------------------------------------------------------
// Orders: each holds line 1 머그컵 ×1 (P-100) and line 2 티스푼 ×2 (P-200) unless told otherwise.

const MUG: LineProduct = { productCode: 'P-100', productName: '머그컵', option: '화이트', unitPrice: 12000 };
const SPOON: LineProduct = { productCode: 'P-200', productName: '티스푼', option: '', unitPrice: 2000 };
const PLATE: LineProduct = { productCode: 'P-300', productName: '접시', option: '블랙', unitPrice: 8000 };
const BUYER = { name: '김구매', mobile: '010-1234-5678' };
const RECIPIENT = { name: '이수령', mobile: '010-8765-4321', zip: '06236', address: '서울 강남구 테헤란로 1' };

const placed = (no: number, o: { paid?: boolean; lines?: { product: LineProduct; quantity: number }[] } = {}): OrderEvent => ({
  type: 'OrderPlaced',
  data: {
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

const ev = {
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

const cmd = {
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

const received = (no: number): OrderEvent[] => [placed(no)];
/** The orders merged one after the other on the first (the host). */
const packageOf = (members: number[]): Histories => {
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

// ---------------------------------------------------------------------------------------------

describe('ordersInvolved', () => {
  const state = (histories: Histories, no: number): OrderState => fold(OrderDecider, histories[no] ?? []);
  const pkg = packageOf([A, B, C]);

  it('합포추가: the joining order and the members of this order’s package', () => {
    expect(ordersInvolved(A, cmd.merge(B), state({ [A]: received(A) }, A))).toEqual([B]);
    expect(ordersInvolved(A, cmd.merge(D), state(pkg, A))).toEqual([D, B, C]);
    expect(ordersInvolved(B, cmd.merge(D), state(pkg, B))).toEqual([D, A, C]);
    expect(ordersInvolved(A, cmd.merge(B), state(pkg, A))).toEqual([B, C]);
    expect(ordersInvolved(A, cmd.merge(A), state({ [A]: received(A) }, A))).toEqual([]);
  });

  it.each<[string, CsCommand]>([
    ['합포제외', cmd.unmerge()],
    ['합포삭제', cmd.dissolve()],
    ['송장입력', cmd.invoice()],
    ['배송처리', cmd.ship()],
    ['배송정보변경', cmd.deliveryInfo(RECIPIENT)],
    ['전체취소', cmd.cancel()],
    ['개별취소', cmd.cancelLine()],
  ])('%s: the other members of the package, none without one', (_, command) => {
    expect(ordersInvolved(B, command, state(pkg, B))).toEqual([A, C]);
    expect(ordersInvolved(D, command, state({ [D]: received(D) }, D))).toEqual([]);
  });

  it('주문복사: the new order', () => {
    expect(ordersInvolved(A, cmd.copy({ copyNo: 301, whole: true }), state({ [A]: received(A) }, A))).toEqual([301]);
  });

  it('우선순위: the holders and the order to follow, each once, never the order itself', () => {
    expect(ordersInvolved(A, cmd.priority('top', [B, C, A, B]), state({ [A]: received(A) }, A))).toEqual([B, C]);
    expect(ordersInvolved(A, cmd.priority('after', [B, C], D), state({ [A]: received(A) }, A))).toEqual([B, C, D]);
    expect(ordersInvolved(A, cmd.priority('after', [B, C], C), state({ [A]: received(A) }, A))).toEqual([B, C]);
  });

  it('a single-order command involves no other order, also in a package', () => {
    expect(ordersInvolved(A, cmd.hold(), state(pkg, A))).toEqual([]);
    expect(ordersInvolved(A, cmd.memo(), state(pkg, A))).toEqual([]);
  });

  it('a single-order command decides on that order alone', () => {
    given(pkg)
      .when(B, cmd.hold())
      .then({ [B]: [ev.held(B)] });
  });
});

describe('합포추가 MergeOrder', () => {
  it('forms a package on the host: both orders get OrderMerged with the host’s 관리번호 as 합포번호', () => {
    const after = given({ [A]: received(A), [B]: received(B) })
      .when(A, cmd.merge(B))
      .then({ [A]: [ev.merged(A, A, B, [A, B])], [B]: [ev.merged(B, A, B, [A, B])] });
    expect(placedOrder(after.get(A)).package).toEqual({ id: A, members: [A, B] });
    expect(placedOrder(after.get(B)).package).toEqual({ id: A, members: [A, B] });
  });

  it.each<[string, OrderEvent[]]>([
    ['입금대기', [placed(B, { paid: false })]],
    ['배송준비중', [placed(B), ev.printed(B)]],
    ['보류', [placed(B), ev.held(B)]],
    ['부분취소', [placed(B), ev.lineCancelled(B, 2, 1)]],
  ])('an order in %s may join', (_, history) => {
    given({ [A]: received(A), [B]: history })
      .when(A, cmd.merge(B))
      .then({ [A]: [ev.merged(A, A, B, [A, B])], [B]: [ev.merged(B, A, B, [A, B])] });
  });

  it('a third order joins the package: every member gets the new member list', () => {
    const after = given({ ...packageOf([A, B]), [C]: received(C) })
      .when(A, cmd.merge(C))
      .then({
        [A]: [ev.merged(A, A, C, [A, B, C])],
        [B]: [ev.merged(B, A, C, [A, B, C])],
        [C]: [ev.merged(C, A, C, [A, B, C])],
      });
    for (const m of [A, B, C]) expect(placedOrder(after.get(m)).package).toEqual({ id: A, members: [A, B, C] });
  });

  it('a third order added through a member that is not the host joins the same package', () => {
    given({ ...packageOf([A, B]), [C]: received(C) })
      .when(B, cmd.merge(C))
      .then({
        [A]: [ev.merged(A, A, C, [A, B, C])],
        [B]: [ev.merged(B, A, C, [A, B, C])],
        [C]: [ev.merged(C, A, C, [A, B, C])],
      });
  });

  it.each<[string, OrderEvent[], string]>([
    ['송장', [placed(B), ev.invoiced(B)], 'ORDER_STATUS_CONFLICT'],
    ['배송', [placed(B), ev.invoiced(B), ev.shipped(B)], 'ORDER_STATUS_CONFLICT'],
    ['전체취소', [placed(B), ev.cancelled(B)], 'ORDER_CANCELLED'],
    ['주문삭제', [placed(B), ev.deleted(B)], 'ORDER_DELETED'],
    ['합포금지', [placed(B), ev.mergeForbidden(B)], 'MERGE_FORBIDDEN'],
  ])('refuses a joining order in %s (%s), naming it', (_, history, code) => {
    const error = given({ [A]: received(A), [B]: history }).when(A, cmd.merge(B)).thenThrows(code, 'conflict');
    expect(error.message).toContain(`합포 주문 ${B}`);
    expect(error.details).toMatchObject({ member: B });
  });

  it.each<[string, OrderEvent[], string]>([
    ['송장', [placed(A), ev.invoiced(A)], 'ORDER_STATUS_CONFLICT'],
    ['배송', [placed(A), ev.invoiced(A), ev.shipped(A)], 'ORDER_STATUS_CONFLICT'],
    ['전체취소', [placed(A), ev.cancelled(A)], 'ORDER_CANCELLED'],
    ['주문삭제', [placed(A), ev.deleted(A)], 'ORDER_DELETED'],
    ['합포금지', [placed(A), ev.mergeForbidden(A)], 'MERGE_FORBIDDEN'],
  ])('refuses a host in %s (%s)', (_, history, code) => {
    given({ [A]: history, [B]: received(B) }).when(A, cmd.merge(B)).thenThrows(code, 'conflict');
  });

  it('refuses merging an order with itself (field orderNo)', () => {
    given({ [A]: received(A) }).when(A, cmd.merge(A)).thenThrows('MERGE_WITH_ITSELF', 'invalid', 'orderNo');
  });

  it('refuses an unknown order (field orderNo)', () => {
    given({ [A]: received(A) }).when(A, cmd.merge(UNKNOWN)).thenThrows('MERGE_ORDER_NOT_FOUND', 'invalid', 'orderNo');
  });

  it('refuses an unknown host with ORDER_NOT_FOUND', () => {
    given({ [B]: received(B) }).when(UNKNOWN, cmd.merge(B)).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });

  it('refuses an order already in another package with ALREADY_MERGED', () => {
    given({ ...packageOf([B, C]), [A]: received(A) }).when(A, cmd.merge(C)).thenThrows('ALREADY_MERGED', 'conflict');
    given({ ...packageOf([B, C]), ...packageOf([A, D]) }).when(A, cmd.merge(B)).thenThrows('ALREADY_MERGED', 'conflict');
  });

  it('an order already in this package: nothing happens (either way round)', () => {
    given(packageOf([A, B, C])).when(A, cmd.merge(C)).thenNothing();
    given(packageOf([A, B, C])).when(C, cmd.merge(A)).thenNothing();
    given(packageOf([A, B, C])).when(B, cmd.merge(C)).thenNothing();
  });
});

describe('합포제외 UnmergeOrder', () => {
  it('a member leaves a package of three: the package keeps its number and the other two', () => {
    const after = given(packageOf([A, B, C]))
      .when(C, cmd.unmerge())
      .then({
        [A]: [ev.unmerged(A, A, C, [A, B])],
        [B]: [ev.unmerged(B, A, C, [A, B])],
        [C]: [ev.unmerged(C, A, C, [A, B])],
      });
    expect(placedOrder(after.get(C)).package).toBeNull();
    expect(placedOrder(after.get(A)).package).toEqual({ id: A, members: [A, B] });
    expect(placedOrder(after.get(B)).package).toEqual({ id: A, members: [A, B] });
  });

  it('the host leaving renames the package after the lowest remaining 관리번호', () => {
    const after = given(packageOf([A, C, B]))
      .when(A, cmd.unmerge())
      .then({
        [A]: [ev.unmerged(A, B, A, [C, B])],
        [B]: [ev.unmerged(B, B, A, [C, B])],
        [C]: [ev.unmerged(C, B, A, [C, B])],
      });
    expect(placedOrder(after.get(A)).package).toBeNull();
    expect(placedOrder(after.get(B)).package).toEqual({ id: B, members: [C, B] });
    expect(placedOrder(after.get(C)).package).toEqual({ id: B, members: [C, B] });
  });

  it.each([A, B])('a package of two ends for both when %s leaves', (leaving) => {
    const other = leaving === A ? B : A;
    const after = given(packageOf([A, B]))
      .when(leaving, cmd.unmerge())
      .then({
        [A]: [ev.unmerged(A, leaving === A ? B : A, leaving, [other])],
        [B]: [ev.unmerged(B, leaving === A ? B : A, leaving, [other])],
      });
    expect(placedOrder(after.get(A)).package).toBeNull();
    expect(placedOrder(after.get(B)).package).toBeNull();
  });

  it('a former member may be merged again, into another package', () => {
    const histories = packageOf([A, B, C]);
    const after = given(histories).when(C, cmd.unmerge()).then({
      [A]: [ev.unmerged(A, A, C, [A, B])],
      [B]: [ev.unmerged(B, A, C, [A, B])],
      [C]: [ev.unmerged(C, A, C, [A, B])],
    });
    expect(placedOrder(after.get(C)).package).toBeNull();
    given({ [C]: [...(histories[C] ?? []), ev.unmerged(C, A, C, [A, B])], [D]: received(D) })
      .when(D, cmd.merge(C))
      .then({ [D]: [ev.merged(D, D, C, [D, C])], [C]: [ev.merged(C, D, C, [D, C])] });
  });

  it('refuses an order that is not merged', () => {
    given({ [A]: received(A) }).when(A, cmd.unmerge()).thenThrows('ORDER_NOT_MERGED', 'conflict');
  });

  it('refuses once the package has an invoice (PACKAGE_INVOICED): it ships as it is', () => {
    const pkg = packageOf([A, B]);
    given({ [A]: [...(pkg[A] ?? []), ev.invoiced(A, A)], [B]: [...(pkg[B] ?? []), ev.invoiced(B, A)] })
      .when(B, cmd.unmerge())
      .thenThrows('PACKAGE_INVOICED', 'conflict');
  });
});

describe('합포삭제 DissolvePackage', () => {
  it('every member gets PackageDissolved and is no longer merged', () => {
    const after = given(packageOf([A, B, C]))
      .when(B, cmd.dissolve())
      .then({
        [A]: [ev.dissolved(A, A, [A, B, C])],
        [B]: [ev.dissolved(B, A, [A, B, C])],
        [C]: [ev.dissolved(C, A, [A, B, C])],
      });
    for (const m of [A, B, C]) expect(placedOrder(after.get(m)).package).toBeNull();
  });

  it('refuses an order that is not merged', () => {
    given({ [A]: received(A) }).when(A, cmd.dissolve()).thenThrows('ORDER_NOT_MERGED', 'conflict');
  });

  it('refuses once the package has an invoice (PACKAGE_INVOICED)', () => {
    const pkg = packageOf([A, B]);
    given({ [A]: [...(pkg[A] ?? []), ev.invoiced(A, A)], [B]: [...(pkg[B] ?? []), ev.invoiced(B, A)] })
      .when(A, cmd.dissolve())
      .thenThrows('PACKAGE_INVOICED', 'conflict');
  });
});

describe('송장입력 of a package', () => {
  it('every member gets the same InvoiceEntered with the 합포번호, whichever member it is entered on', () => {
    const after = given(packageOf([A, B, C]))
      .when(B, cmd.invoice())
      .then({ [A]: [ev.invoiced(A, A)], [B]: [ev.invoiced(B, A)], [C]: [ev.invoiced(C, A)] });
    for (const m of [A, B, C]) {
      expect(placedOrder(after.get(m)).status).toBe('invoiced');
      expect(placedOrder(after.get(m)).invoice).toEqual({ carrier: 'cj', trackingNumber: '123456789012' });
    }
  });

  it('an order outside any package gets its invoice alone, without a 합포번호', () => {
    given({ [A]: received(A) })
      .when(A, cmd.invoice())
      .then({ [A]: [ev.invoiced(A)] });
  });

  it('a held member blocks the whole package, naming the member', () => {
    const pkg = packageOf([A, B, C]);
    const error = given({ ...pkg, [C]: [...(pkg[C] ?? []), ev.held(C)] }).when(A, cmd.invoice()).thenThrows('ORDER_HELD', 'conflict');
    expect(error.message).toContain(`합포 주문 ${C}`);
    expect(error.details).toMatchObject({ member: C });
  });

  it('a held order acted on is refused without naming a member', () => {
    const pkg = packageOf([A, B]);
    const error = given({ ...pkg, [A]: [...(pkg[A] ?? []), ev.held(A)] }).when(A, cmd.invoice()).thenThrows('ORDER_HELD', 'conflict');
    expect(error.message).not.toContain('합포 주문');
  });

  it('a member not yet paid blocks the package, naming the member', () => {
    const error = given({ [A]: [placed(A), ev.merged(A, A, B, [A, B])], [B]: [placed(B, { paid: false }), ev.merged(B, A, B, [A, B])] })
      .when(A, cmd.invoice())
      .thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
    expect(error.details).toMatchObject({ member: B });
  });

  it('the order acted on must not be cancelled itself', () => {
    const pkg = packageOf([A, B]);
    given({ ...pkg, [A]: [...(pkg[A] ?? []), ev.cancelled(A)] }).when(A, cmd.invoice()).thenThrows('ORDER_CANCELLED', 'conflict');
  });

  it('the same invoice again: nothing for any member; a correction reaches every member', () => {
    const pkg = packageOf([A, B]);
    const invoiced = { [A]: [...(pkg[A] ?? []), ev.invoiced(A, A)], [B]: [...(pkg[B] ?? []), ev.invoiced(B, A)] };
    given(invoiced).when(B, cmd.invoice()).thenNothing();
    const replaces = { carrier: 'cj', trackingNumber: '123456789012' };
    given(invoiced)
      .when(B, cmd.invoice('987654321098'))
      .then({
        [A]: [{ type: 'InvoiceEntered', data: { no: A, carrier: 'cj', trackingNumber: '987654321098', replaces, packageId: A } }],
        [B]: [{ type: 'InvoiceEntered', data: { no: B, carrier: 'cj', trackingNumber: '987654321098', replaces, packageId: A } }],
      });
  });
});

describe('배송처리 of a package', () => {
  const invoicedPackage = (): Record<number, OrderEvent[]> => {
    const pkg = packageOf([A, B, C]);
    return Object.fromEntries([A, B, C].map((m) => [m, [...(pkg[m] ?? []), ev.invoiced(m, A)]]));
  };

  it('every member ships its unshipped active quantities', () => {
    const histories = invoicedPackage();
    histories[B]?.splice(2, 0, ev.lineCancelled(B, 2, 1));
    const after = given(histories)
      .when(C, cmd.ship())
      .then({ [A]: [ev.shipped(A)], [B]: [ev.shipped(B, [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }])], [C]: [ev.shipped(C)] });
    for (const m of [A, B, C]) expect(placedOrder(after.get(m)).status).toBe('shipped');
  });

  it('a held member blocks the shipment, naming the member', () => {
    const histories = invoicedPackage();
    histories[B]?.push(ev.held(B));
    const error = given(histories).when(A, cmd.ship()).thenThrows('ORDER_HELD', 'conflict');
    expect(error.message).toContain(`합포 주문 ${B}`);
  });

});

describe('취소 of a merged order', () => {
  it('전체취소: the order leaves its package in the same append, so the package never holds a cancelled order', () => {
    const after = given(packageOf([A, B, C]))
      .when(C, cmd.cancel())
      .then({ [C]: [ev.cancelled(C), ev.unmerged(C, A, C, [A, B])], [A]: [ev.unmerged(A, A, C, [A, B])], [B]: [ev.unmerged(B, A, C, [A, B])] });
    expect(placedOrder(after.get(C)).package).toBeNull();
    expect(placedOrder(after.get(A)).package).toEqual({ id: A, members: [A, B] });
  });

  it('the host cancelled in a package of two: the package ends for both', () => {
    const after = given(packageOf([A, B]))
      .when(A, cmd.cancel())
      .then({ [A]: [ev.cancelled(A), ev.unmerged(A, B, A, [B])], [B]: [ev.unmerged(B, B, A, [B])] });
    for (const m of [A, B]) expect(placedOrder(after.get(m)).package).toBeNull();
  });

  it('개별취소 that leaves something active keeps the order in its package; the last of it takes the order out', () => {
    const pkg = packageOf([A, B]);
    given(pkg)
      .when(B, cmd.cancelLine())
      .then({ [B]: [ev.lineCancelled(B, 1, 1, 'cancel_lost')] });
    const rest: CsCommand = { type: 'CancelLine', data: { lineId: 2, quantity: 2, reason: 'cancel_lost' }, metadata };
    given({ ...pkg, [B]: [...(pkg[B] ?? []), ev.lineCancelled(B, 1, 1, 'cancel_lost')] })
      .when(B, rest)
      .then({ [B]: [ev.lineCancelled(B, 2, 2, 'cancel_lost'), ev.unmerged(B, A, B, [A])], [A]: [ev.unmerged(A, A, B, [A])] });
  });

  it('a refused cancel changes no member', () => {
    const pkg = packageOf([A, B]);
    const invoiced = { [A]: [...(pkg[A] ?? []), ev.invoiced(A, A)], [B]: [...(pkg[B] ?? []), ev.invoiced(B, A)] };
    given(invoiced).when(B, cmd.cancel()).thenThrows('RETURN_REQUIRED', 'conflict');
  });
});

describe('배송정보변경 of a package', () => {
  const moved: Recipient = { name: '박수령', mobile: '010-2222-3333', zip: '04524', address: '서울 중구 세종대로 110' };
  const changed = (no: number): OrderEvent => ({ type: 'DeliveryInfoChanged', data: { no, recipient: moved, previous: RECIPIENT } });

  it('the box goes to the new address: every member gets it', () => {
    const after = given(packageOf([A, B, C]))
      .when(B, cmd.deliveryInfo(moved))
      .then({ [A]: [changed(A)], [B]: [changed(B)], [C]: [changed(C)] });
    for (const m of [A, B, C]) expect(placedOrder(after.get(m)).recipient).toEqual(moved);
  });

  it('a member that has the address already appends nothing; an order outside a package changes alone', () => {
    const pkg = packageOf([A, B]);
    given({ [A]: [...(pkg[A] ?? []), changed(A)], [B]: pkg[B] ?? [] })
      .when(A, cmd.deliveryInfo(moved))
      .then({ [A]: [], [B]: [changed(B)] });
    given({ [D]: received(D) })
      .when(D, cmd.deliveryInfo(moved))
      .then({ [D]: [changed(D)] });
  });
});

describe('주문복사 / 주문전체복사 CopyOrder', () => {
  const COPY = 301;
  const source = (): OrderEvent[] => [placed(A, { lines: [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }] })];
  const copied = (o: { whole: boolean; channel?: string; paid?: boolean; lines: { product: LineProduct; quantity: number }[] }): OrderEvent => ({
    type: 'OrderPlaced',
    data: {
      no: COPY,
      channel: o.channel ?? '스마트스토어',
      channelOrderNo: `OMS${COPY}`,
      // Checked on its own below; the other fields are checked exactly here.
      channelOrderNoGenerated: expect.any(Boolean) as unknown as boolean,
      paymentMethod: 'card',
      paid: o.paid ?? true,
      buyer: BUYER,
      recipient: RECIPIENT,
      shippingFee: 3000,
      lines: o.lines.map((l, i) => ({ ...l.product, lineId: i + 1, quantity: l.quantity })),
      copiedFrom: { no: A, whole: o.whole },
    },
  });
  const copyRecorded = (whole: boolean, channel = '스마트스토어'): OrderEvent => ({ type: 'OrderCopied', data: { no: A, copyNo: COPY, whole, channel } });

  it('주문복사: a new order from chosen lines, one with another product; the copy names its source, the source names the copy', () => {
    const after = given({ [A]: source() })
      .when(A, cmd.copy({ copyNo: COPY, whole: false, lines: [{ lineId: 2, quantity: 1 }, { lineId: 1, product: PLATE, quantity: 3 }] }))
      .then({
        [A]: [copyRecorded(false)],
        [COPY]: [copied({ whole: false, lines: [{ product: SPOON, quantity: 1 }, { product: PLATE, quantity: 3 }] })],
      });
    const copy = placedOrder(after.get(COPY));
    expect(copy.copiedFrom).toEqual({ no: A, whole: false });
    expect(copy.status).toBe('received');
    expect(copy.lines.map((l) => [l.productCode, l.placedProductCode, l.ledger.ordered])).toEqual([
      ['P-200', 'P-200', 1],
      ['P-300', 'P-300', 3],
    ]);
    expect(placedOrder(after.get(A)).copies).toEqual([COPY]);
  });

  it('주문복사 without lines copies every line with its ordered quantity', () => {
    given({ [A]: source() })
      .when(A, cmd.copy({ copyNo: COPY, whole: false }))
      .then({ [A]: [copyRecorded(false)], [COPY]: [copied({ whole: false, lines: [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }] })] });
  });

  it('주문전체복사: the same lines under another channel', () => {
    const after = given({ [A]: source() })
      .when(A, cmd.copy({ copyNo: COPY, whole: true, channel: ' G마켓 ' }))
      .then({
        [A]: [copyRecorded(true, 'G마켓')],
        [COPY]: [copied({ whole: true, channel: 'G마켓', lines: [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }] })],
      });
    expect(placedOrder(after.get(COPY)).channel).toBe('G마켓');
    expect(placedOrder(after.get(COPY)).copiedFrom).toEqual({ no: A, whole: true });
  });

  it('a copy of an order awaiting payment awaits payment too', () => {
    given({ [A]: [placed(A, { paid: false })] })
      .when(A, cmd.copy({ copyNo: COPY, whole: true }))
      .then({ [A]: [copyRecorded(true)], [COPY]: [copied({ whole: true, paid: false, lines: [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }] })] });
  });

  it('a copy is an order made by hand: its channel order number is generated (channelOrderNoGenerated)', () => {
    const result = decideAcrossOrders(A, cmd.copy({ copyNo: COPY, whole: true }), new Map([[A, fold(OrderDecider, source())]]));
    const [placedEvent] = result.get(COPY) ?? [];
    expect(placedEvent?.type).toBe('OrderPlaced');
    expect(placedEvent?.type === 'OrderPlaced' && placedEvent.data).toMatchObject({ channelOrderNo: `OMS${COPY}`, channelOrderNoGenerated: true });
  });

  it('주문복사 keeps the channel: another channel is refused (CHANNEL_NEEDS_WHOLE_COPY), the same one is fine', () => {
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: false, channel: 'G마켓' })).thenThrows('CHANNEL_NEEDS_WHOLE_COPY', 'invalid', 'channel');
    given({ [A]: source() })
      .when(A, cmd.copy({ copyNo: COPY, whole: false, channel: ' 스마트스토어 ', lines: [{ lineId: 1 }] }))
      .then({ [A]: [copyRecorded(false)], [COPY]: [copied({ whole: false, lines: [{ product: MUG, quantity: 1 }] })] });
  });

  it('주문전체복사 copies the lines as they are (WHOLE_COPY_KEEPS_LINES)', () => {
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: true, lines: [{ lineId: 1 }] })).thenThrows('WHOLE_COPY_KEEPS_LINES', 'invalid', 'lines');
  });

  it('the new order must not exist yet', () => {
    given({ [A]: source(), [COPY]: [placed(COPY)] }).when(A, cmd.copy({ copyNo: COPY, whole: true })).thenThrows('ORDER_ALREADY_EXISTS', 'conflict');
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: A, whole: true })).thenThrows('ORDER_ALREADY_EXISTS', 'conflict');
  });

  it('refuses unknown lines and bad quantities, naming the entry', () => {
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: false, lines: [{ lineId: 1 }, { lineId: 3 }] })).thenThrows('LINE_NOT_FOUND', 'invalid', 'lines[1].lineId');
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: false, lines: [{ lineId: 1, quantity: 0 }] })).thenThrows('INVALID_QUANTITY', 'invalid', 'lines[0].quantity');
  });

  it('refuses a blank channel for 주문전체복사', () => {
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: true, channel: '  ' })).thenThrows('FIELD_REQUIRED', 'invalid', 'channel');
  });

  it('refuses a deleted or unknown source', () => {
    given({ [A]: [...source(), ev.deleted(A)] }).when(A, cmd.copy({ copyNo: COPY, whole: true })).thenThrows('ORDER_DELETED', 'conflict');
    given({}).when(A, cmd.copy({ copyNo: COPY, whole: true })).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });
});

describe('우선순위 SetPriority', () => {
  /** Orders holding P-100 ×1, each with the priority given (none = 0). */
  const holding = (priorities: Record<number, number | undefined>): Histories =>
    Object.fromEntries(Object.entries(priorities).map(([no, p]) => [Number(no), [placed(Number(no)), ...(p === undefined ? [] : [ev.prioritySet(Number(no), p)])]]));
  const listAfter = (after: ReadonlyMap<number, OrderState>, nos: number[]): number[] =>
    nos.map((n) => placedOrder(after.get(n))).sort(byPriority('P-100')).map((o) => o.no);

  it('top: one above the highest holder', () => {
    const after = given(holding({ [A]: undefined, [B]: 5, [C]: 0 }))
      .when(A, cmd.priority('top', [B, C]))
      .then({ [A]: [ev.prioritySet(A, 6, 'top')] });
    expect(listAfter(after, [A, B, C])).toEqual([A, B, C]);
  });

  it('bottom: one below the lowest holder', () => {
    const after = given(holding({ [A]: 10, [B]: 5, [C]: 0 }))
      .when(A, cmd.priority('bottom', [B, C]))
      .then({ [A]: [ev.prioritySet(A, -1, 'bottom')] });
    expect(listAfter(after, [A, B, C])).toEqual([B, C, A]);
  });

  it('top or bottom with no other holder keeps the order’s number', () => {
    given(holding({ [A]: 7 }))
      .when(A, cmd.priority('top', []))
      .then({ [A]: [ev.prioritySet(A, 7, 'top')] });
    given(holding({ [A]: undefined }))
      .when(A, cmd.priority('bottom', [UNKNOWN]))
      .then({ [A]: [ev.prioritySet(A, 0, 'bottom')] });
  });

  it('after, with room: one below the order it follows, above the next', () => {
    const after = given(holding({ [A]: undefined, [B]: 2000, [C]: 1000 }))
      .when(A, cmd.priority('after', [B, C], B))
      .then({ [A]: [ev.prioritySet(A, 1999, 'after', B)] });
    expect(listAfter(after, [A, B, C])).toEqual([B, A, C]);
  });

  it('after the last holder: one below it', () => {
    const after = given(holding({ [A]: 9000, [B]: 2000, [C]: 1000 }))
      .when(A, cmd.priority('after', [B, C], C))
      .then({ [A]: [ev.prioritySet(A, 999, 'after', C)] });
    expect(listAfter(after, [A, B, C])).toEqual([B, C, A]);
  });

  it('after, without room: the list is renumbered with room; the others keep their places (PriorityRenumbered)', () => {
    const after = given(holding({ [A]: undefined, [B]: 5, [C]: 4, [D]: 1 }))
      .when(A, cmd.priority('after', [B, C, D], B))
      .then({
        [A]: [ev.prioritySet(A, 3 * PRIORITY_STEP, 'after', B)],
        [B]: [ev.renumbered(B, 4 * PRIORITY_STEP)],
        [C]: [ev.renumbered(C, 2 * PRIORITY_STEP)],
        [D]: [ev.renumbered(D, 1 * PRIORITY_STEP)],
      });
    expect(listAfter(after, [A, B, C, D])).toEqual([B, A, C, D]);
  });

  it('after, among equal priorities (the older order first): no room, so the list is renumbered', () => {
    const after = given(holding({ [A]: undefined, [B]: undefined, [C]: undefined, [D]: 1000 }))
      .when(D, cmd.priority('after', [A, B, C], A))
      .then({
        [D]: [ev.prioritySet(D, 3000, 'after', A)],
        [A]: [ev.renumbered(A, 4000)],
        [B]: [ev.renumbered(B, 2000)],
        [C]: [ev.renumbered(C, 1000)],
      });
    expect(listAfter(after, [A, B, C, D])).toEqual([A, D, B, C]);
  });

  it('after, renumbering, where one holder already has its new number', () => {
    const after = given(holding({ [A]: undefined, [B]: 3000, [C]: 2999, [D]: 1000 }))
      .when(A, cmd.priority('after', [B, C, D], B))
      .then({
        [A]: [ev.prioritySet(A, 3000, 'after', B)],
        [B]: [ev.renumbered(B, 4000)],
        [C]: [ev.renumbered(C, 2000)],
      });
    expect(listAfter(after, [A, B, C, D])).toEqual([B, A, C, D]);
  });

  it('refuses an order that holds no unshipped quantity of the product (PRODUCT_NOT_HELD, field productCode)', () => {
    given(holding({ [A]: undefined, [B]: 1 })).when(A, cmd.priority('top', [B], undefined, 'P-300')).thenThrows('PRODUCT_NOT_HELD', 'invalid', 'productCode');
    given({ [A]: [placed(A), ev.lineCancelled(A, 1, 1)], [B]: [placed(B)] }).when(A, cmd.priority('top', [B])).thenThrows('PRODUCT_NOT_HELD', 'invalid', 'productCode');
    given({ [A]: [placed(A), ev.invoiced(A), ev.shipped(A)], [B]: [placed(B)] }).when(A, cmd.priority('top', [B])).thenThrows('PRODUCT_NOT_HELD', 'invalid', 'productCode');
  });

  it('refuses to follow an order that does not hold the product (AFTER_NOT_HOLDING, field after)', () => {
    given({ ...holding({ [A]: undefined, [B]: 1 }), [C]: [placed(C, { lines: [{ product: PLATE, quantity: 1 }] })] })
      .when(A, cmd.priority('after', [B], C))
      .thenThrows('AFTER_NOT_HOLDING', 'invalid', 'after');
    given(holding({ [A]: undefined, [B]: 1 })).when(A, cmd.priority('after', [B], UNKNOWN)).thenThrows('AFTER_NOT_HOLDING', 'invalid', 'after');
  });

  it('refuses to follow itself (AFTER_ITSELF) and "after" without an order (AFTER_REQUIRED)', () => {
    given(holding({ [A]: undefined, [B]: 1 })).when(A, cmd.priority('after', [B], A)).thenThrows('AFTER_ITSELF', 'invalid', 'after');
    given(holding({ [A]: undefined, [B]: 1 })).when(A, cmd.priority('after', [B])).thenThrows('AFTER_REQUIRED', 'invalid', 'after');
  });

  it('refuses a blank product code', () => {
    given(holding({ [A]: undefined })).when(A, cmd.priority('top', [], undefined, ' ')).thenThrows('FIELD_REQUIRED', 'invalid', 'productCode');
  });

  it('holders that no longer hold the product (shipped, cancelled, deleted, changed product, unknown) are ignored', () => {
    const histories: Histories = {
      ...holding({ [A]: undefined, [B]: 5 }),
      [C]: [placed(C), ev.prioritySet(C, 100), ev.invoiced(C), ev.shipped(C)],
      [D]: [placed(D), ev.prioritySet(D, 90), ev.cancelled(D)],
      205: [placed(205), ev.prioritySet(205, 80), ev.deleted(205)],
      206: [
        placed(206),
        ev.prioritySet(206, 70),
        { type: 'LineProductChanged', data: { no: 206, lineId: 1, from: MUG, to: PLATE } },
      ],
    };
    given(histories)
      .when(A, cmd.priority('top', [B, C, D, 205, 206, UNKNOWN]))
      .then({ [A]: [ev.prioritySet(A, 6, 'top')] });
    given(histories)
      .when(A, cmd.priority('after', [B, C, D, 205, 206], B))
      .then({ [A]: [ev.prioritySet(A, 4, 'after', B)] });
  });

  it('refuses a deleted order', () => {
    given({ [A]: [placed(A), ev.deleted(A)], [B]: [placed(B)] }).when(A, cmd.priority('top', [B])).thenThrows('ORDER_DELETED', 'conflict');
  });
});
