/**
 * OrderPlaced's old shape (schema version 1: copiedFrom and replacementOf absent) reads in the current
 * shape (version 2: both always there, null when none). The fixture is an event as version 1 stored it.
 */
import { describe, expect, it } from 'vitest';
import { evolveOrder, initialOrderState, orderEventVersionOf } from '../order.js';
import type { OrderEvent } from '../order.js';
import { schemaVersionOf, upcastEvent } from '../../upcasting.js';
import stored from './fixtures/OrderPlacedV1.json' with { type: 'json' };
import type { OrderPlacedData, OrderPlacedDataV1 } from './placement.js';
import { placeOrder, upcastOrderPlacedV1 } from './placement.js';

const v1 = stored as unknown as { type: 'OrderPlaced'; data: OrderPlacedDataV1; metadata: { schemaVersion: number; [k: string]: unknown } };

describe('OrderPlaced V1 → V2', () => {
  it('is written at version 2 now; events without older shapes stay at 1', () => {
    expect(schemaVersionOf('OrderPlaced')).toBe(2);
    expect(orderEventVersionOf('OrderPlaced')).toBe(2);
    expect(schemaVersionOf('OrderHeld')).toBe(1);
    expect(schemaVersionOf('ReservationTaken')).toBe(1);
  });

  it('the stored fixture has no copiedFrom / replacementOf; read, it has both as null and says the version it came from', () => {
    expect('copiedFrom' in v1.data || 'replacementOf' in v1.data).toBe(false);
    const read = upcastEvent(v1);
    expect(read.data).toEqual({ ...v1.data, copiedFrom: null, replacementOf: null });
    expect(read.metadata).toMatchObject({ schemaVersion: 2, upcastFrom: 1, actor: 'connector-11st' });
    // The stored event itself is not touched.
    expect('copiedFrom' in v1.data).toBe(false);
    expect(v1.metadata.schemaVersion).toBe(1);
  });

  it('keeps what a version-1 copy or replacement did record', () => {
    const copy: OrderPlacedDataV1 = { ...v1.data, copiedFrom: { no: 12, whole: true } };
    expect(upcastOrderPlacedV1(copy)).toMatchObject({ copiedFrom: { no: 12, whole: true }, replacementOf: null });
  });

  it('an event in the current shape is handed on as it is (the same object), and so is one newer than this code', () => {
    const current = { ...v1, data: upcastOrderPlacedV1(v1.data), metadata: { ...v1.metadata, schemaVersion: 2 } };
    expect(upcastEvent(current)).toBe(current);
    const newer = { ...current, metadata: { ...current.metadata, schemaVersion: 3 } };
    expect(upcastEvent(newer)).toBe(newer);
  });

  it('the upcast V1 folds into the order a V2 event of the same order folds into', () => {
    const upcast = upcastEvent(v1) as unknown as OrderEvent;
    const state = evolveOrder(initialOrderState(), upcast);
    expect(state).toMatchObject({ kind: 'placed', no: 700001, copiedFrom: null, replacementOf: null });
  });

  it('placeOrder writes the current shape: both fields, null on a plain order', () => {
    const [event] = placeOrder.decide(
      { data: { no: 5, channel: '11번가 법인', paymentMethod: 'card', paid: true, buyer: v1.data.buyer, recipient: v1.data.recipient, shippingFee: 0, lines: [{ productCode: 'A', productName: '상품', option: '', quantity: 1, unitPrice: 100 }] }, metadata: { actor: 'cs', role: 'cs', at: '2026-12-01T00:00:00.000Z' } },
      initialOrderState(),
    ) as unknown as [{ data: OrderPlacedData }];
    expect(event.data).toMatchObject({ copiedFrom: null, replacementOf: null });
  });
});
