/**
 * Which other orders a command reads (ordersInvolved, crossOrderDecider.ts), and that a command on one
 * order decides on it alone. The rules across orders are in their slices' specs: merge, mergePackage,
 * cancelMerged, copy and priority (actions/*.unit.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { fold } from '../decider.js';
import { decideAcrossOrders, ordersInvolved } from './crossOrderDecider.js';
import type { OrderState } from './order.js';
import type { CsCommand } from './orderDecider.js';
import { OrderDecider } from './orderDecider.js';
import type { Histories } from './testing/acrossOrders.js';
import { A, B, C, cmd, D, ev, given, packageOf, received, RECIPIENT, UNKNOWN } from './testing/acrossOrders.js';
import { cmd as cmds, metadata, MUG } from './testing/fixtures.js';

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

describe('the amount limit', () => {
  const MAX = Number.MAX_SAFE_INTEGER;
  const huge = { ...MUG, unitPrice: 2 ** 52 };

  it('주문생성 whose unit prices × quantities + shipping fee pass a safe integer is refused (its total would stop the CS window)', () => {
    given({}).when(UNKNOWN, cmds.place({ no: UNKNOWN, lines: [{ ...huge, quantity: 3 }] })).thenThrows('ORDER_AMOUNT_TOO_LARGE', 'invalid', 'lines');
    given({}).when(UNKNOWN, cmds.place({ no: UNKNOWN, shippingFee: MAX, lines: [{ ...MUG, unitPrice: 1, quantity: 1 }] })).thenThrows('ORDER_AMOUNT_TOO_LARGE', 'invalid');
  });

  it('상품추가 and 상품변경 that would pass it are refused; up to it they are accepted', () => {
    given({ [A]: received(A) }).when(A, { type: 'AddLine', data: { product: huge, quantity: 2 }, metadata }).thenThrows('ORDER_AMOUNT_TOO_LARGE', 'invalid');
    given({ [A]: received(A) }).when(A, { type: 'ChangeLineProduct', data: { lineId: 2, product: huge }, metadata }).thenThrows('ORDER_AMOUNT_TOO_LARGE', 'invalid');
    const accepted = decideAcrossOrders(UNKNOWN, cmds.place({ no: UNKNOWN, shippingFee: 0, lines: [{ ...MUG, unitPrice: MAX, quantity: 1 }] }), new Map());
    expect(accepted.get(UNKNOWN)?.map((e) => e.type)).toEqual(['OrderPlaced']);
  });
});
