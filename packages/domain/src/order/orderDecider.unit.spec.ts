/**
 * What holds for every command of the order decider (orderDecider.ts): on an order that does not
 * exist, each is refused. And the given / when / then helper (deciderSpec) fails when it should.
 * Each command's own rules are in its slice's spec (actions/*.unit.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../testing/deciderSpec.js';
import type { OrderCommand } from './orderDecider.js';
import { OrderDecider } from './orderDecider.js';
import { historyIn } from './testing/events.js';
import { cmd, PLATE, RECIPIENT, spec } from './testing/fixtures.js';

describe('a non-existent order', () => {
  it.each<[string, OrderCommand]>([
    ['입금확인', cmd.confirmPayment()],
    ['입금전취소', cmd.cancel()],
    ['출고지시서', cmd.print()],
    ['보류설정', cmd.hold()],
    ['보류설정 with alarm', cmd.hold('2026-03-03T09:00:00.000Z')],
    ['보류해제', cmd.release()],
    ['송장입력', cmd.invoice()],
    ['송장입력 with a bad number', cmd.invoice('x')],
    ['배송처리', cmd.ship()],
    ['배송완료', cmd.deliver()],
    ['구매확정', cmd.confirmPurchase()],
    ['CS 메모', cmd.memo('메모')],
    ['CS 메모 blank', cmd.memo(' ')],
    ['배송정보변경', cmd.changeDelivery(RECIPIENT)],
    ['전체정상복귀', cmd.restore()],
    ['개별취소', cmd.cancelLine(1, 1)],
    ['개별정상복귀', cmd.restoreLine(1, 1)],
    ['상품변경', cmd.changeProduct(1, PLATE)],
    ['상품추가', cmd.addLine(PLATE, 1)],
    ['주문삭제', cmd.delete()],
    ['합포금지', cmd.mergeForbidden(true)],
    ['회수', cmd.pickup([{ lineId: 1, quantity: 1 }])],
    ['반품입고', cmd.receive(1, [{ lineId: 1, quantity: 1 }])],
    ['반품예정', cmd.returnExpected(true)],
    ['CS 완료', cmd.complete(['e-1'])],
  ])('%s → ORDER_NOT_FOUND', (_, command) => {
    spec.given([]).when(command).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });
});

describe('deciderSpec', () => {
  it('fails when the events differ, when nothing is thrown, and passes through non-domain errors', () => {
    const strict = deciderSpec(OrderDecider);
    expect(() => strict.given(historyIn.awaiting_payment).when(cmd.confirmPayment()).then([])).toThrow(/Expected/);
    expect(() => strict.given(historyIn.awaiting_payment).when(cmd.confirmPayment()).thenThrows('ORDER_STATUS_CONFLICT', 'conflict')).toThrow(/Expected DomainError/);
    expect(() => strict.given(historyIn.received).when(cmd.confirmPayment()).thenThrows('ORDER_STATUS_CONFLICT', 'invalid')).toThrow(/Expected/);
    expect(() => strict.given(historyIn.invoiced).when(cmd.invoice('987654321098')).thenNothing()).toThrow(/Expected/);
    const broken = deciderSpec({ ...OrderDecider, decide: () => { throw new TypeError('boom'); } });
    expect(() => broken.given([]).when(cmd.place()).thenThrows('X', 'invalid')).toThrow(TypeError);
  });
});
