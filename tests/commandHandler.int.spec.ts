/**
 * The generic command handler over a tiny stream type that is not an order (accounts, and handles an
 * account reserves): it knows only what a plan and the stream type registry tell it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendResult, CommandContext, EventStore, StreamAppend } from '@oms/adapters';
import { BatchCommandRunner, CommandHandler, IdempotencyKeyReused, MultiStreamAppendUnsupported, PostgresEventStore, RevisionConflict, WrongExpectedRevision } from '@oms/adapters';
import type { CommandPlan, StreamEvent, StreamReads, StreamType } from '@oms/domain';
import { DomainError } from '@oms/domain';
import { testDatabases, uniqueSuffix } from './support/databases.js';

// --- A tiny domain: accounts (balance, an optional linked account) and handles held by one account ---

type Account = { readonly open: boolean; readonly balance: number; readonly linked: string | null };
const account: StreamType = {
  initialState: (): Account => ({ open: false, balance: 0, linked: null }),
  evolve: (s, e) => {
    const state = s as Account;
    const data = e.data as { amount?: number; linked?: string | null };
    switch (e.type) {
      case 'Opened':
        return { open: true, balance: 0, linked: data.linked ?? null };
      case 'Deposited':
        return { ...state, balance: state.balance + (data.amount ?? 0) };
      case 'Withdrawn':
        return { ...state, balance: state.balance - (data.amount ?? 0) };
      default:
        return state;
    }
  },
};
const handle: StreamType = {
  initialState: () => null,
  evolve: (_s, e) => (e.data as { by: string }).by,
  decide: (command, state) => {
    const { by } = command as { by: string };
    if (state === by) return [];
    if (state !== null) throw new DomainError('HANDLE_TAKEN', 'conflict', `taken by ${String(state)}`);
    return [{ type: 'HandleClaimed', data: { by } }];
  },
};
const streamTypeOf = (streamId: string): StreamType => {
  if (streamId.startsWith('account-')) return account;
  if (streamId.startsWith('handle-')) return handle;
  throw new Error(`unknown stream ${streamId}`);
};
const stateOf = (reads: StreamReads, id: string) => reads.get(id)?.state as Account;
const open = (id: string, name: string, linked: string | null = null): CommandPlan => ({
  name: 'Open',
  primary: id,
  read: [],
  decide: (reads) => {
    if (stateOf(reads, id).open) throw new DomainError('ALREADY_OPEN', 'conflict', 'already open');
    return new Map([[id, [{ type: 'Opened', data: { name, linked } }]]]);
  },
  reservations: (decided) =>
    [...decided].flatMap(([streamId, events]) => events.filter((e) => e.type === 'Opened').map((e) => ({ streamId: `handle-${(e.data as { name: string }).name}`, command: { by: streamId } }))),
});
const deposit = (id: string, amount: number): CommandPlan => ({ name: 'Deposit', primary: id, read: [], decide: () => new Map([[id, [{ type: 'Deposited', data: { amount } }]]]) });
/** Everything the account holds moves to `to`: what moves depends on the state read. */
const transferAll = (from: string, to: string): CommandPlan => ({
  name: 'TransferAll',
  primary: from,
  read: [to],
  decide: (reads) => {
    const amount = stateOf(reads, from).balance;
    if (!stateOf(reads, to).open) throw new DomainError('NO_ACCOUNT', 'not_found', 'no such account');
    return new Map<string, StreamEvent[]>([
      [from, [{ type: 'Withdrawn', data: { amount } }]],
      [to, [{ type: 'Deposited', data: { amount } }]],
    ]);
  },
});
/** Sweeps to the linked account the state names: a stream found by reading another. */
const sweep = (from: string): CommandPlan => ({
  ...transferAll(from, ''),
  read: [],
  more: (reads) => [stateOf(reads, from).linked ?? ''],
  decide: (reads) => transferAll(from, stateOf(reads, from).linked ?? '').decide(reads),
});

/** A store that runs `before` (once per call, while set) just before an appendMany: a racing writer. */
class RacingStore implements EventStore {
  before: (() => Promise<unknown>) | null = null;
  appendCalls = 0;
  constructor(private readonly inner: EventStore) {}
  readStream: EventStore['readStream'] = (s, o) => this.inner.readStream(s, o);
  append: EventStore['append'] = (s, e, o) => this.inner.append(s, e, o);
  readAll: EventStore['readAll'] = (o) => this.inner.readAll(o);
  get positions() {
    return this.inner.positions;
  }
  findEvent: EventStore['findEvent'] = (id) => this.inner.findEvent(id);
  async appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> {
    this.appendCalls++;
    const racer = this.before;
    if (racer) await racer();
    return this.inner.appendMany(appends);
  }
}

describe.each(testDatabases)('the generic command handler on $name', (database) => {
  let store: PostgresEventStore;
  let racing: RacingStore;
  let handler: CommandHandler;
  let backoffs: number;
  beforeAll(async () => {
    store = new PostgresEventStore((await database.open()).db);
    racing = new RacingStore(store);
    handler = new CommandHandler(racing, streamTypeOf, { maxAttempts: 4, backoff: async () => void backoffs++ });
  });
  afterAll(() => {
    racing.before = null;
  });

  const ctx = (extra: Partial<CommandContext> = {}): CommandContext => ({
    metadata: { actor: '테스터', role: 'cs', at: '2026-12-01T09:00:00.000Z' },
    keyId: 'key-1',
    requestId: 'req',
    requestHash: 'hash-1',
    ...extra,
  });
  const types = async (streamId: string) => (await store.readStream(streamId)).events.map((e) => e.type);
  const fresh = () => {
    const s = uniqueSuffix();
    return { a: `account-a${s}`, b: `account-b${s}`, name: `n${s}` };
  };
  const withRacer = async <T>(racer: () => Promise<unknown>, run: () => Promise<T>): Promise<T> => {
    let once = true;
    racing.before = async () => {
      if (!once) return;
      once = false;
      await racer();
    };
    backoffs = 0;
    try {
      return await run();
    } finally {
      racing.before = null;
    }
  };

  it('appends a decided stream and the reservation its rule asks for in one append; a second claim is refused and appends nothing', async () => {
    const { a, b, name } = fresh();
    const first = await handler.execute(open(a, name), ctx());
    expect(first).toMatchObject({ primary: { streamId: a, revision: 0, events: [{ type: 'Opened' }] }, others: [], replayed: false });
    expect(await types(`handle-${name}`)).toEqual(['HandleClaimed']);
    await expect(handler.execute(open(b, name), ctx())).rejects.toMatchObject({ code: 'HANDLE_TAKEN' });
    expect((await store.readStream(b)).revision).toBe(-1);
    expect(await types(`handle-${name}`)).toEqual(['HandleClaimed']);
  });

  it('decides across two streams, names the other one, and a retry with the same key answers the same without appending', async () => {
    const { a, b, name } = fresh();
    await handler.execute(open(a, `${name}a`), ctx());
    await handler.execute(open(b, `${name}b`), ctx());
    await handler.execute(deposit(a, 70), ctx());
    const key = ctx({ idempotencyKey: `k-${name}` });
    const first = await handler.execute(transferAll(a, b), key);
    expect(first).toMatchObject({ primary: { streamId: a, revision: 2 }, others: [{ streamId: b, revision: 1 }], replayed: false });
    const retry = await handler.execute(transferAll(a, b), key);
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await types(b)).toEqual(['Opened', 'Deposited']);
    await expect(handler.execute(transferAll(a, b), { ...key, requestHash: 'another request' })).rejects.toBeInstanceOf(IdempotencyKeyReused);
  });

  it('reads a further stream named by the state read (the linked account)', async () => {
    const { a, b, name } = fresh();
    await handler.execute(open(b, `${name}b`), ctx());
    await handler.execute(open(a, `${name}a`, b), ctx());
    await handler.execute(deposit(a, 5), ctx());
    const swept = await handler.execute(sweep(a), ctx());
    expect(swept.others).toEqual([{ streamId: b, revision: 1 }]);
    expect((await handler.read(b)).state).toMatchObject({ balance: 5 });
  });

  it('a decision refused throws the domain error as it is and appends nothing', async () => {
    const { a, b, name } = fresh();
    await handler.execute(open(a, name), ctx());
    await expect(handler.execute(transferAll(a, b), ctx())).rejects.toMatchObject({ code: 'NO_ACCOUNT' });
    expect(await types(a)).toEqual(['Opened']);
  });

  it('a lost race is decided again on fresh state', async () => {
    const { a, b, name } = fresh();
    await handler.execute(open(a, `${name}a`), ctx());
    await handler.execute(open(b, `${name}b`), ctx());
    await handler.execute(deposit(a, 10), ctx());
    const calls = racing.appendCalls;
    // Another writer deposits 5 after the handler read the balance of 10.
    const moved = await withRacer(() => handler.execute(deposit(a, 5), ctx()), () => handler.execute(transferAll(a, b), ctx()));
    expect(racing.appendCalls - calls).toBe(3); // the lost attempt, the racer's, the retry
    expect(backoffs).toBe(1);
    expect(moved.primary.events).toEqual([{ type: 'Withdrawn', data: { amount: 15 } }]);
    expect((await handler.read(b)).state).toMatchObject({ balance: 15 });
  });

  it('a state folded before is checked by revision: what another process appended since is folded on, and only that is read', async () => {
    const { a, b, name } = fresh();
    await handler.execute(open(a, `${name}a`), ctx());
    await handler.execute(open(b, `${name}b`), ctx());
    await handler.execute(deposit(a, 10), ctx());
    expect((await handler.read(a)).state).toMatchObject({ balance: 10 });
    // Another process (its own handler, its own folded states) deposits twice.
    const other = new CommandHandler(store, streamTypeOf);
    await other.execute(deposit(a, 5), ctx());
    await other.execute(deposit(a, 7), ctx());
    const reads: { streamId: string; fromRevision: number | undefined }[] = [];
    const watching = new RacingStore(store);
    watching.readStream = (s, o) => (reads.push({ streamId: s, fromRevision: o?.fromRevision }), store.readStream(s, o));
    const cached = new CommandHandler(watching, streamTypeOf);
    expect((await cached.read(a)).state).toMatchObject({ balance: 22 });
    await other.execute(deposit(a, 1), ctx());
    const moved = await cached.execute(transferAll(a, b), ctx());
    expect(moved.primary.events).toEqual([{ type: 'Withdrawn', data: { amount: 23 } }]);
    expect(reads.filter((r) => r.streamId === a).map((r) => r.fromRevision)).toEqual([undefined, 4]);
    expect((await new CommandHandler(store, streamTypeOf).read(a)).state).toMatchObject({ balance: 0 });
  });

  it('with the primary pinned, a lost race is a RevisionConflict, not a retry; a stale pin is refused before deciding', async () => {
    const { a, name } = fresh();
    await handler.execute(open(a, name), ctx());
    const pinned = withRacer(() => handler.execute(deposit(a, 1), ctx()), () => handler.execute(deposit(a, 2), ctx({ ifMatch: 0 })));
    await expect(pinned).rejects.toMatchObject({ name: 'RevisionConflict', streamId: a, expected: 0, actual: 1 });
    expect(backoffs).toBe(0);
    await expect(handler.execute(deposit(a, 2), ctx({ ifMatch: 0 }))).rejects.toBeInstanceOf(RevisionConflict);
    expect(await types(a)).toEqual(['Opened', 'Deposited']);
    // On a stream that does not exist there is nothing to pin: the plan decides (here: it opens).
    const { b } = fresh();
    expect((await handler.execute(open(b, `${name}b`), ctx({ ifMatch: 3 }))).primary.revision).toBe(0);
  });

  it('races lost every time give up after the bounded attempts with WrongExpectedRevision', async () => {
    const { a, name } = fresh();
    await handler.execute(open(a, name), ctx());
    racing.before = () => store.append(a, [{ id: crypto.randomUUID(), type: 'Deposited', data: { amount: 1 }, metadata: { actor: 'x', role: 'cs', occurredAt: 'now', schemaVersion: 1 } }], { expected: 'any' });
    backoffs = 0;
    try {
      await expect(handler.execute(deposit(a, 2), ctx())).rejects.toBeInstanceOf(WrongExpectedRevision);
    } finally {
      racing.before = null;
    }
    expect(backoffs).toBe(3);
    expect((await types(a)).filter((t) => t === 'Deposited')).toHaveLength(4);
  });

  it('a retry racing its original on another stream (the ids collide: DuplicateEventId) is answered with the original', async () => {
    const { a, b, name } = fresh();
    const key = ctx({ idempotencyKey: `race-${name}` });
    // The original commits on `a` between the retry's check for it and the retry's append on `b`.
    const answer = await withRacer(() => handler.execute(open(a, `${name}a`), key), () => handler.execute(open(b, `${name}b`), key));
    expect(answer).toMatchObject({ primary: { streamId: a, revision: 0 }, replayed: true });
    expect((await store.readStream(b)).revision).toBe(-1);
    expect((await store.readStream(`handle-${name}b`)).revision).toBe(-1);
  });

  it('a batch reads the streams its plans reserve together, not once per plan; two plans claiming one handle: the second is refused', async () => {
    let reads = 0;
    const counting: EventStore = Object.assign(Object.create(store) as PostgresEventStore, {
      readStreams: (ids: readonly string[]) => {
        reads++;
        return store.readStreams(ids);
      },
    });
    const batch = new BatchCommandRunner(counting, streamTypeOf, new CommandHandler(counting, streamTypeOf));
    const accounts = Array.from({ length: 60 }, () => fresh());
    const { a: late } = fresh();
    const results = await batch.execute([...accounts.map(({ a, name }) => open(a, name)), open(late, accounts[0]?.name ?? '')], ctx());
    expect(results.slice(0, 60).every((r) => r.ok)).toBe(true);
    const refused = results[60];
    expect(refused?.ok === false && refused.error instanceof DomainError && refused.error.code).toBe('HANDLE_TAKEN');
    // The primaries, then the 60 handles in one read (and the refused plan's, found taken in the batch).
    expect(reads).toBeLessThanOrEqual(3);
    expect(await types(`handle-${accounts[59]?.name}`)).toEqual(['HandleClaimed']);
    expect((await store.readStream(late)).revision).toBe(-1);
  });

  it('on a store without atomic multi-stream appends (a KurrentDB server before 25.1): a plan on several streams is refused naming its command, nothing written; a batch still applies its one-stream plans', async () => {
    const single: EventStore = Object.assign(Object.create(store) as PostgresEventStore, {
      appendMany: (appends: readonly StreamAppend[]) => (appends.length > 1 ? Promise.reject(new MultiStreamAppendUnsupported(appends.map((x) => x.streamId))) : store.appendMany(appends)),
    });
    const alone = new CommandHandler(single, streamTypeOf);
    const [x, y] = [fresh(), fresh()];
    await handler.execute(open(x.a, x.name), ctx());
    await handler.execute(open(y.a, y.name), ctx());
    const error = await alone.execute(transferAll(x.a, y.a), ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MultiStreamAppendUnsupported);
    expect(error).toMatchObject({ command: 'TransferAll', streamIds: [x.a, y.a].sort() });
    expect(await types(x.a)).toEqual(['Opened']);
    const results = await new BatchCommandRunner(single, streamTypeOf, alone).execute([deposit(x.a, 5), transferAll(y.a, x.a), deposit(y.a, 7)], ctx());
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]?.ok === false && results[1].error).toBeInstanceOf(MultiStreamAppendUnsupported);
    expect(await types(x.a)).toEqual(['Opened', 'Deposited']);
    expect(await types(y.a)).toEqual(['Opened', 'Deposited']);
  });
});
