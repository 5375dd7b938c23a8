/**
 * A given / when / then helper for deciders, in the Emmett style:
 *
 *   const spec = deciderSpec(OrderDecider, { assertEqual: (a, e) => expect(a).toEqual(e) });
 *   spec.given([placed]).when(confirmPayment).then([{ type: 'PaymentConfirmed', data: { no: 1 } }]);
 *   spec.given([]).when(confirmPayment).thenThrows('ORDER_NOT_FOUND', 'not_found');
 *   spec.given([placed, invoiced]).when(sameInvoiceAgain).thenNothing();
 *
 * Framework-free (the domain stays pure): failures are thrown as plain Errors. Pass your test
 * runner's equality in `assertEqual` for nicer diffs; the default compares canonical JSON, which is
 * also how events are stored.
 */
import type { Decider } from '../decider.js';
import type { DomainErrorKind } from '../errors.js';
import { DomainError } from '../errors.js';

export type AssertEqual = (actual: unknown, expected: unknown) => void;

export interface DeciderThen<Event, State> {
  /** decide returns exactly these events; returns the state after evolving them. */
  then(expected: readonly Event[]): State;
  /** decide throws a DomainError with this code and kind (and field, when given); returns it. */
  thenThrows(code: string, kind: DomainErrorKind, field?: string): DomainError;
  /** decide accepts the command and appends nothing (an idempotent repeat). */
  thenNothing(): void;
}

export interface DeciderSpec<Command, Event, State> {
  given(events: readonly Event[]): { when(command: Command): DeciderThen<Event, State> };
}

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
};

const show = (value: unknown): string => JSON.stringify(canonical(value), null, 2);

export const jsonEqual: AssertEqual = (actual, expected) => {
  const a = show(actual);
  const e = show(expected);
  if (a !== e) throw new Error(`Expected\n${e}\nbut got\n${a}`);
};

export const deciderSpec = <Command, Event, State>(
  decider: Decider<Command, Event, State>,
  options: { readonly assertEqual?: AssertEqual } = {},
): DeciderSpec<Command, Event, State> => {
  const assertEqual = options.assertEqual ?? jsonEqual;
  return {
    given: (events) => ({
      when: (command) => {
        const state = events.reduce(decider.evolve, decider.initialState());
        const run = (): readonly Event[] => decider.decide(command, state);
        return {
          then: (expected) => {
            const actual = run();
            assertEqual(actual, expected);
            return actual.reduce(decider.evolve, state);
          },
          thenThrows: (code, kind, field) => {
            let result: readonly Event[];
            try {
              result = run();
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              const expected = { code, kind, ...(field === undefined ? {} : { field }) };
              const actual = { code: error.code, kind: error.kind, ...(field === undefined ? {} : { field: error.field }) };
              assertEqual(actual, expected);
              return error;
            }
            throw new Error(`Expected DomainError ${code} (${kind}) but decide returned ${show(result)}`);
          },
          thenNothing: () => assertEqual(run(), []),
        };
      },
    }),
  };
};
