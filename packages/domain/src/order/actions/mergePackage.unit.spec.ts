/**
 * What every member of a package (합포) gets (packageWide, merge.ts) as given / when / then: the
 * package's 송장입력, 배송처리 and 배송정보변경, and a member that blocks them.
 */
import { describe, expect, it } from 'vitest';
import type { OrderEvent, Recipient } from '../order.js';
import { A, B, C, cmd, D, ev, given, packageOf, placed, received, RECIPIENT } from '../testing/acrossOrders.js';
import { placedOrder } from '../testing/fixtures.js';

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
