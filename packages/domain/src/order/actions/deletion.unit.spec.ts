/** 주문삭제 (deletion.ts) as given / when / then, and what a deleted order still takes. */
import { describe, expect, it } from 'vitest';
import type { OrderCommand } from '../orderDecider.js';
import { ev, historyIn } from '../testing/events.js';
import { cmd, NO, placedOrder, PLATE, spec } from '../testing/fixtures.js';

describe('주문삭제 DeleteOrder', () => {
  it('deletes a received order: a tombstone, the order and its history stay', () => {
    const state = placedOrder(spec.given(historyIn.received).when(cmd.delete()).then([ev.deleted]));
    expect(state.deleted).toBe(true);
    expect(state.status).toBe('received');
    expect(state.lines).toHaveLength(2);
  });

  it('deletes a held or cancelled received order', () => {
    spec.given([...historyIn.received, ev.held]).when(cmd.delete()).then([ev.deleted]);
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.delete()).then([ev.deleted]);
  });

  it.each(['awaiting_payment', 'preparing', 'invoiced', 'shipped', 'delivered', 'purchase_confirmed'] as const)('is refused in %s (a received order only)', (status) => {
    spec.given(historyIn[status]).when(cmd.delete()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused for a merged order with ORDER_MERGED', () => {
    spec.given([...historyIn.received, ev.merged]).when(cmd.delete()).thenThrows('ORDER_MERGED', 'conflict');
  });

  const deleted = [...historyIn.received, ev.deleted];

  it.each<[string, OrderCommand]>([
    ['입금확인', cmd.confirmPayment()],
    ['전체취소', cmd.cancel()],
    ['전체정상복귀', cmd.restore()],
    ['출고지시서', cmd.print()],
    ['보류설정', cmd.hold()],
    ['보류해제', cmd.release()],
    ['송장입력', cmd.invoice()],
    ['배송처리', cmd.ship()],
    ['배송완료', cmd.deliver()],
    ['구매확정', cmd.confirmPurchase()],
    ['배송정보변경', cmd.changeDelivery({ name: '박수령', address: '부산' })],
    ['개별취소', cmd.cancelLine(1, 1)],
    ['개별정상복귀', cmd.restoreLine(1, 1)],
    ['상품변경', cmd.changeProduct(1, PLATE)],
    ['상품추가', cmd.addLine(PLATE, 1)],
    ['주문삭제', cmd.delete()],
    ['합포금지', cmd.mergeForbidden(true)],
    ['회수', cmd.pickup([{ lineId: 1, quantity: 1 }])],
    ['반품입고', cmd.receive(1, [{ lineId: 1, quantity: 1 }])],
    ['반품예정', cmd.returnExpected(true)],
  ])('after 주문삭제, %s is refused with ORDER_DELETED', (_, command) => {
    spec.given(deleted).when(command).thenThrows('ORDER_DELETED', 'conflict');
  });

  it('after 주문삭제 a CS memo and CS 완료 are still recorded', () => {
    spec.given(deleted).when(cmd.memo('삭제 사유 확인')).then([{ type: 'CsMemoAdded', data: { no: NO, text: '삭제 사유 확인' } }]);
    spec.given(deleted).when(cmd.complete(['e-1'])).then([ev.completed(['e-1'])]);
  });

  it('after 주문삭제 re-sending the order changes nothing (ORDER_ALREADY_EXISTS)', () => {
    spec.given(deleted).when(cmd.place()).thenThrows('ORDER_ALREADY_EXISTS', 'conflict');
  });
});
