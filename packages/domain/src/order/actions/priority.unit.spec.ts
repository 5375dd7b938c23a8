/** 우선순위 (priority.ts) across the holders of a product as given / when / then. */
import { describe, expect, it } from 'vitest';
import { byPriority, PRIORITY_STEP } from '../crossOrderDecider.js';
import type { OrderState } from '../order.js';
import type { Histories } from '../testing/acrossOrders.js';
import { A, B, C, cmd, D, ev, given, placed, UNKNOWN } from '../testing/acrossOrders.js';
import { MUG, placedOrder, PLATE } from '../testing/fixtures.js';

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
