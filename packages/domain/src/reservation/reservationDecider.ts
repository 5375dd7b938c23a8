import type { Command } from '../command.js';
import type { Decider } from '../decider.js';
import { conflict } from '../errors.js';
import type { ReservationEvent, ReservationState } from './reservation.js';
import { evolveReservation, initialReservationState } from './reservation.js';

export type Reserve = Command<'Reserve', { readonly value: string; readonly orderNo: number; readonly what: string }>;
export type Release = Command<'Release', { readonly value: string; readonly orderNo: number }>;
export type ReservationCommand = Reserve | Release;

const reserve = ({ data }: Reserve, state: ReservationState): ReservationEvent[] => {
  if (state.heldBy === data.orderNo) return [];
  if (state.heldBy !== null) {
    throw conflict('VALUE_ALREADY_USED', `${data.what} ${data.value} is already used by order ${state.heldBy}.`, {
      value: data.value,
      usedBy: state.heldBy,
    });
  }
  return [{ type: 'ValueReserved', data: { value: data.value, orderNo: data.orderNo } }];
};

const release = ({ data }: Release, state: ReservationState): ReservationEvent[] =>
  state.heldBy === data.orderNo ? [{ type: 'ValueReleased', data: { value: data.value, orderNo: data.orderNo } }] : [];

export const decideReservation = (command: ReservationCommand, state: ReservationState): readonly ReservationEvent[] => {
  switch (command.type) {
    case 'Reserve':
      return reserve(command, state);
    case 'Release':
      return release(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unhandled)}`);
    }
  }
};

export const ReservationDecider: Decider<ReservationCommand, ReservationEvent, ReservationState> = {
  decide: decideReservation,
  evolve: evolveReservation,
  initialState: initialReservationState,
};
