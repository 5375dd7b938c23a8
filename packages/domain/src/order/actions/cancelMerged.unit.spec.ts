/** 전체취소 / 개별취소 of a merged order (cancel.ts): the cancelled order leaves its package. */
import { describe, expect, it } from 'vitest';
import type { CsCommand } from '../orderDecider.js';
import { A, B, C, cmd, ev, given, packageOf } from '../testing/acrossOrders.js';
import { metadata, placedOrder } from '../testing/fixtures.js';

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
