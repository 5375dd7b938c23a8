/** 배송정보변경 (deliveryInfo.ts) on one order as given / when / then; a package's is in mergePackage.unit.spec.ts. */
import { describe, expect, it } from 'vitest';
import type { OrderEvent, Recipient } from '../order.js';
import { BEFORE_SHIPMENT, ev, FROM_SHIPMENT, historyIn } from '../testing/events.js';
import { cmd, NO, placedOrder, RECIPIENT, spec } from '../testing/fixtures.js';

describe('배송정보변경 ChangeDeliveryInfo', () => {
  const moved: Recipient = { name: '박수령', phone: '02-555-0101', mobile: '010-2222-3333', zip: '48058', address: '부산 해운대구 센텀중앙로 79', memo: '경비실' };

  it.each(BEFORE_SHIPMENT)('changes the recipient in %s, keeping the previous one on record', (status) => {
    const state = placedOrder(
      spec.given(historyIn[status]).when(cmd.changeDelivery(moved)).then([{ type: 'DeliveryInfoChanged', data: { no: NO, recipient: moved, previous: RECIPIENT } }]),
    );
    expect(state.recipient).toEqual(moved);
    expect(state.status).toBe(status);
  });

  it('is allowed on a held order and on a cancelled one', () => {
    const expected: OrderEvent = { type: 'DeliveryInfoChanged', data: { no: NO, recipient: moved, previous: RECIPIENT } };
    spec.given([...historyIn.received, ev.held]).when(cmd.changeDelivery(moved)).then([expected]);
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.changeDelivery(moved)).then([expected]);
  });

  it('trims the name and the address', () => {
    spec
      .given(historyIn.received)
      .when(cmd.changeDelivery({ ...moved, name: '  박수령 ', address: ' 부산 해운대구 센텀중앙로 79\t' }))
      .then([{ type: 'DeliveryInfoChanged', data: { no: NO, recipient: moved, previous: RECIPIENT } }]);
  });

  it('a later change names the earlier one as previous', () => {
    const state = placedOrder(
      spec
        .given([...historyIn.received, { type: 'DeliveryInfoChanged', data: { no: NO, recipient: moved, previous: RECIPIENT } }])
        .when(cmd.changeDelivery(RECIPIENT))
        .then([{ type: 'DeliveryInfoChanged', data: { no: NO, recipient: { ...RECIPIENT, phone: undefined }, previous: moved } }]),
    );
    expect(state.recipient).toEqual(RECIPIENT);
  });

  it.each(FROM_SHIPMENT)('is refused once shipped (%s) with ALREADY_SHIPPED', (status) => {
    spec.given(historyIn[status]).when(cmd.changeDelivery(moved)).thenThrows('ALREADY_SHIPPED', 'conflict');
  });

  it('the same recipient again appends nothing (also with surrounding blanks, or an absent field given as undefined)', () => {
    spec.given(historyIn.received).when(cmd.changeDelivery(RECIPIENT)).thenNothing();
    spec.given(historyIn.received).when(cmd.changeDelivery({ ...RECIPIENT, name: ' 이수령 ', address: ` ${RECIPIENT.address} ` })).thenNothing();
    spec.given(historyIn.received).when(cmd.changeDelivery({ ...RECIPIENT, phone: undefined })).thenNothing();
  });

  it.each<[string, Recipient]>([
    ['recipient.name', { ...moved, name: '  ' }],
    ['recipient.name', { ...moved, name: '' }],
    ['recipient.address', { ...moved, address: '\t' }],
  ])('a blank %s is refused, naming the field', (field, recipient) => {
    spec.given(historyIn.received).when(cmd.changeDelivery(recipient)).thenThrows('FIELD_REQUIRED', 'invalid', field);
  });
});
