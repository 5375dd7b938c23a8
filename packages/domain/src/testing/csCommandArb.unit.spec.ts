import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderState } from '../index.js';
import { CS_COMMAND_TYPES as DOMAIN_COMMAND_TYPES, decideOrder, evolveOrder, initialOrderState } from '../index.js';
import type { CommandArbOptions, CommandDraft, CsCommandType, SendContext } from './csCommandArb.js';
import { buildCommand, buildSpec, COMMAND_DATA, CS_COMMAND_TYPES, csCommandArb, DEFAULT_WEIGHTS, validPlaceOrderArb } from './csCommandArb.js';

const OPTIONS: CommandArbOptions = { products: [{ productCode: 'P-1', productName: '머그컵', option: '', unitPrice: 1000 }] };
const AT = '2026-03-02T09:00:00.000Z';
const send = (state: OrderState = initialOrderState()): SendContext => ({
  no: 1,
  at: AT,
  state,
  orders: [1, 2],
  freshOrderNo: 3,
  usedTrackingNumbers: ['601234567890'],
  freshTrackingNumber: '700000000001',
  entryIds: ['e1'],
});
const typesOf = (drafts: readonly CommandDraft[]): Set<CsCommandType> => new Set(drafts.map((d) => d.type));

// Compile-time: the generators are a record over every command type, so dropping one does not compile.
const { CancelLine: _dropped, ...withoutCancelLine } = COMMAND_DATA;
// @ts-expect-error CancelLine has no generator
const _incomplete: typeof COMMAND_DATA = withoutCancelLine;

describe('the shared CS command generator', () => {
  it('draws every command by name (a fixed seed: it cannot silently stop producing one)', () => {
    const drafts = fc.sample(csCommandArb(OPTIONS), { numRuns: 3000, seed: 20261202 });
    expect(CS_COMMAND_TYPES.filter((t) => !typesOf(drafts).has(t))).toEqual([]);
    // Exactly the domain's commands, each with a weight above 0 (an unlisted one weighs 1).
    expect([...CS_COMMAND_TYPES].sort()).toEqual([...DOMAIN_COMMAND_TYPES].sort());
    expect(Object.keys(DEFAULT_WEIGHTS).filter((k) => !(CS_COMMAND_TYPES as readonly string[]).includes(k))).toEqual([]);
    // Every draft builds a command of its name.
    for (const d of drafts.slice(0, 500)) expect(buildCommand(d, send(), { actor: 'a', role: 'cs', at: AT }).type).toBe(d.type);
  });

  it('draws every command in realistic mode too, and leaves out a name weighted 0', () => {
    const realistic = fc.sample(csCommandArb({ ...OPTIONS, realistic: true }), { numRuns: 3000, seed: 7 });
    expect(CS_COMMAND_TYPES.filter((t) => !typesOf(realistic).has(t))).toEqual([]);
    const without = fc.sample(csCommandArb(OPTIONS, { MergeOrder: 0, CancelLine: 0 }), { numRuns: 2000, seed: 7 });
    expect(typesOf(without).has('MergeOrder') || typesOf(without).has('CancelLine')).toBe(false);
    const only = fc.sample(csCommandArb(OPTIONS, Object.fromEntries(CS_COMMAND_TYPES.map((t) => [t, t === 'SetPriority' ? 1 : 0]))), { numRuns: 200, seed: 7 });
    expect([...typesOf(only)]).toEqual(['SetPriority']);
  });

  it('draws invalid inputs by default: bad quantities, unknown lines, blank fields, malformed tracking numbers, past alarms, reused numbers, other orders', () => {
    const specs = fc.sample(csCommandArb(OPTIONS), { numRuns: 4000, seed: 11 }).map((d) => buildSpec(d, send()));
    const some = (f: (s: (typeof specs)[number]) => boolean): boolean => specs.some(f);
    expect(some((s) => s.type === 'CancelLine' && !(Number.isInteger(s.data.quantity) && s.data.quantity >= 1))).toBe(true);
    expect(some((s) => s.type === 'CancelLine' && s.data.lineId > 3)).toBe(true);
    expect(some((s) => s.type === 'RequestReturnPickup' && s.data.lines.length === 0)).toBe(true);
    expect(some((s) => s.type === 'AddCsMemo' && s.data.text.trim() === '')).toBe(true);
    expect(some((s) => s.type === 'EnterInvoice' && !/^[0-9]{8,20}$/.test(s.data.trackingNumber))).toBe(true);
    expect(some((s) => s.type === 'EnterInvoice' && s.data.trackingNumber === '601234567890')).toBe(true);
    expect(some((s) => s.type === 'HoldOrder' && s.data.alarmAt !== undefined && !(Date.parse(s.data.alarmAt) > Date.parse(AT)))).toBe(true);
    expect(some((s) => s.type === 'MergeOrder' && s.data.orderNo === 2)).toBe(true);
    expect(some((s) => s.type === 'MergeOrder' && s.data.orderNo === 1)).toBe(true);
    expect(some((s) => s.type === 'CopyOrder' && s.data.copyNo !== 3)).toBe(true);
    expect(some((s) => s.type === 'PlaceOrder' && s.data.lines.length === 0)).toBe(true);
  });

  it('in realistic mode draws well-formed inputs only, without reading the order', () => {
    const specs = fc.sample(csCommandArb({ ...OPTIONS, realistic: true }), { numRuns: 4000, seed: 11 }).map((d) => buildSpec(d, send()));
    const quantities = specs.flatMap((s) => ('lines' in s.data && s.data.lines ? s.data.lines.map((l) => l.quantity) : 'quantity' in s.data ? [s.data.quantity] : []));
    expect(quantities.every((q) => q === undefined || (Number.isInteger(q) && q >= 1))).toBe(true);
    for (const s of specs) {
      if (s.type === 'EnterInvoice') expect(s.data.trackingNumber).toMatch(/^[0-9]{8,20}$/);
      if (s.type === 'HoldOrder' && s.data.alarmAt !== undefined) expect(Date.parse(s.data.alarmAt)).toBeGreaterThanOrEqual(Date.parse(AT) + 86_400_000);
      if (s.type === 'AddCsMemo') expect(s.data.text.trim()).toBe(s.data.text);
      if (s.type === 'CompleteCsEntries') expect(s.data.entryIds).toEqual(expect.arrayContaining(['e1']));
      if ('lines' in s.data && s.type !== 'PlaceOrder') expect(s.data.lines?.length ?? 1).toBeGreaterThan(0);
    }
  });

  it('asks for exactly what a line has, or one more, when it reads the order', () => {
    const metadata = { actor: 'a', role: 'cs', at: AT } as const;
    const line = { productCode: 'P-1', productName: 'p', option: '', quantity: 5, unitPrice: 1 };
    const placed = decideOrder({ type: 'PlaceOrder', data: { no: 1, channel: 'c', paymentMethod: 'card', paid: true, buyer: { name: 'b' }, recipient: { name: 'r', address: 'a' }, shippingFee: 0, lines: [line] }, metadata }, initialOrderState());
    const state = placed.reduce(evolveOrder, initialOrderState());
    const quantities = (s: SendContext) =>
      new Set(
        fc
          .sample(COMMAND_DATA.CancelLine(OPTIONS), { numRuns: 2000, seed: 3 })
          .map((build) => build(s))
          .filter((d) => d.lineId === 1)
          .map((d) => d.quantity),
      );
    // Line 1 has 5 active: "all" is 5 and "one more" is 6 (both also literal draws); without the order a line counts as having 1.
    expect([5, 6].every((q) => quantities(send(state)).has(q))).toBe(true);
    expect([1, 2].every((q) => quantities(send()).has(q))).toBe(true);
  });

  it('builds valid 주문생성 data for a scenario opening', () => {
    for (const build of fc.sample(validPlaceOrderArb(OPTIONS), { numRuns: 200, seed: 5 })) {
      expect(decideOrder({ type: 'PlaceOrder', data: build(send()), metadata: { actor: 'a', role: 'cs', at: AT } }, initialOrderState())).toHaveLength(1);
    }
  });
});
