/** Reservation streams: a tracking number or a channel order belongs to one order at a time. */
import { describe, expect, it } from 'vitest';
import type { CommandMetadata } from '../decider.js';
import { deciderSpec } from '../testing/deciderSpec.js';
import type { ReservationEvent } from './reservation.js';
import { ReservationDecider } from './reservationDecider.js';

const spec = deciderSpec(ReservationDecider, { assertEqual: (actual, expected) => expect(actual).toEqual(expected) });
const metadata: CommandMetadata = { actor: 'cs-kim', role: 'cs', at: '2026-03-02T09:00:00.000Z' };
const reserved = (orderNo: number): ReservationEvent => ({ type: 'ValueReserved', data: { value: '601234567890', orderNo } });
const released = (orderNo: number): ReservationEvent => ({ type: 'ValueReleased', data: { value: '601234567890', orderNo } });
const reserve = (orderNo: number) => ({ type: 'Reserve', data: { value: '601234567890', orderNo, what: '송장번호' }, metadata }) as const;
const release = (orderNo: number) => ({ type: 'Release', data: { value: '601234567890', orderNo }, metadata }) as const;

describe('reservation', () => {
  it('given nothing, when an order reserves the value, then it is reserved for that order', () => {
    spec.given([]).when(reserve(101)).then([reserved(101)]);
  });
  it('given the value held by the same order, when it reserves again, then nothing changes', () => {
    spec.given([reserved(101)]).when(reserve(101)).thenNothing();
  });
  it('given the value held by another order, when an order reserves it, then it is refused naming the holder', () => {
    const error = spec.given([reserved(101)]).when(reserve(102)).thenThrows('VALUE_ALREADY_USED', 'conflict');
    expect(error.details).toMatchObject({ usedBy: 101 });
    expect(error.message).toContain('송장번호');
  });
  it('given the value released, when another order reserves it, then it is reserved for that order', () => {
    spec.given([reserved(101), released(101)]).when(reserve(102)).then([reserved(102)]);
  });
  it('given the value held by the order, when it releases it, then it is released', () => {
    spec.given([reserved(101)]).when(release(101)).then([released(101)]);
  });
  it('given the value held by another order, when an order releases it, then nothing changes', () => {
    spec.given([reserved(101)]).when(release(102)).thenNothing();
    spec.given([]).when(release(102)).thenNothing();
  });
});
