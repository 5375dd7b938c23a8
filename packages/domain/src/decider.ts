/** The shape every stream type exports: decide(command, state) → events; evolve folds them. */
export interface Decider<Command, Event, State> {
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
}

export const fold = <Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: readonly Event[]): State =>
  events.reduce(decider.evolve, decider.initialState());

/** Who did it, when, and why: arrives on every command, lands in every event's metadata. */
export type Role = 'admin' | 'cs' | 'integration' | 'auditor' | 'analyst';
export interface CommandMetadata {
  readonly actor: string;
  readonly role: Role;
  /** ISO-8601 instant supplied by the caller; the domain never reads a clock. */
  readonly at: string;
  readonly memo?: string | undefined;
}
