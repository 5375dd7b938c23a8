/** 합포추가 / 합포제외 / 합포삭제 (merge.ts) across orders as given / when / then. */
import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../order.js';
import { A, B, C, cmd, D, ev, given, packageOf, placed, received, UNKNOWN } from '../testing/acrossOrders.js';
import { placedOrder } from '../testing/fixtures.js';

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
