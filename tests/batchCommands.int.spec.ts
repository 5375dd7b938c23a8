/**
 * Many plans at once (BatchCommandRunner, through OrderCommandHandler.runPlans): two batches racing on
 * the same claims apply each claim exactly once; a refused plan leaves the chunk's others applied; a
 * dry run appends nothing; a batch larger than a chunk spans several transactions and loses nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@oms/adapters';
import { nextOrderNo, PostgresEventStore, ZERO_HASH } from '@oms/adapters';
import type { CommandContext } from '@oms/api';
import { OrderCommandHandler } from '@oms/api';
import type { ChannelCancellation, OrderEvent } from '@oms/domain';
import { claimOutcomeOf, fold, OrderDecider, orderCommandPlan, orderStreamId, receiveChannelCancellationPlan } from '@oms/domain';
import { testDatabases } from './support/databases.js';

const AT = '2026-12-01T09:00:00.000Z';
const metadata = { actor: '배치테스트', role: 'integration', at: AT } as const;
const ctx: CommandContext = { metadata, keyId: 'batch', requestId: 'batch', requestHash: 'batch' };

describe.each(testDatabases)('batches of plans on $name', (database) => {
  let opened: Database;
  let store: PostgresEventStore;
  let handler: OrderCommandHandler;
  const channel = `배치몰-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    opened = await database.open();
    store = new PostgresEventStore(opened.db);
    handler = new OrderCommandHandler(store);
  });

  /** `n` orders of 3 units each, placed as one batch. */
  const place = async (n: number) => {
    const nos: number[] = [];
    for (let i = 0; i < n; i++) nos.push(await nextOrderNo(opened.db));
    const results = await handler.runPlans(
      nos.map((no) =>
        orderCommandPlan(no, { type: 'PlaceOrder', data: { no, channel, channelOrderNo: `B-${no}`, paymentMethod: 'card', paid: true, buyer: { name: '구매자' }, recipient: { name: '수령자', address: '서울' }, shippingFee: 0, lines: [{ productCode: 'B-1', productName: '상품', option: '', quantity: 3, unitPrice: 1000 }] }, metadata }),
      ),
      ctx,
    );
    expect(results.every((r) => r.ok)).toBe(true);
    return nos;
  };
  const claim = (no: number, id: string, quantity = 1): ChannelCancellation => ({ channel, cancellationId: id, channelOrderNo: `B-${no}`, line: { productCode: 'B-1' }, quantity, kind: 'cancel', cancelledAt: AT, reason: 'return_refund', channelReason: '' });
  const cancelledOn = async (no: number) => {
    const state = fold(OrderDecider, (await store.readStream(orderStreamId(no))).events.map((e) => ({ type: e.type, data: e.data }) as OrderEvent));
    return state.kind === 'placed' ? (state.lines[0]?.ledger.cancelled ?? 0) : -1;
  };

  it('600 orders placed in one call (three transactions of 250) are all there', async () => {
    const nos = await place(600);
    const revisions = await Promise.all(nos.map(async (no) => (await store.readStream(orderStreamId(no))).revision));
    expect(revisions.every((r) => r === 0)).toBe(true);
  });

  it('readStreams answers every stream as readStream does, a missing one included, in one round trip', async () => {
    const [a, b] = await place(2);
    const ids = [orderStreamId(a as number), orderStreamId(b as number), 'order-0'];
    const many = await store.readStreams(ids);
    for (const id of ids) expect(many.get(id)).toEqual(await store.readStream(id));
    expect(many.get('order-0')).toEqual({ revision: -1, lastHash: ZERO_HASH, events: [] });
  });

  it('two batches racing on the same claims: each claim is applied once, the other batch sees a duplicate', async () => {
    const nos = await place(40);
    const plans = () => nos.map((no) => receiveChannelCancellationPlan(claim(no, `RACE-${no}`), metadata));
    const [a, b] = await Promise.all([handler.runPlans(plans(), ctx), handler.runPlans(plans(), ctx)]);
    const outcomes = nos.map((_, i) => [a?.[i], b?.[i]].map((r) => (r?.ok ? claimOutcomeOf(r.outcome.primary.events) : 'error')).sort());
    const errors = [...(a ?? []), ...(b ?? [])].flatMap((r) => (r.ok ? [] : [String(r.error)]));
    expect(errors).toEqual([]);
    expect(outcomes.filter(([x, y]) => !(x === 'applied' && y === 'duplicate'))).toEqual([]);
    for (const no of nos) expect(await cancelledOn(no)).toBe(1);
  });

  it('a refused plan is refused alone; a dry run decides the same and appends nothing', async () => {
    const [x, y] = await place(2);
    const plans = [receiveChannelCancellationPlan(claim(x as number, 'OK-1'), metadata), receiveChannelCancellationPlan(claim(y as number, 'TOO-MANY', 9), metadata), receiveChannelCancellationPlan(claim(y as number, 'OK-2'), metadata)];
    const before = (await store.readStream(orderStreamId(y as number))).revision;
    const dry = await handler.runPlans(plans, ctx, { dryRun: true });
    expect(dry.map((r) => r.ok)).toEqual([true, false, true]);
    expect((await store.readStream(orderStreamId(y as number))).revision).toBe(before);
    expect(await cancelledOn(x as number)).toBe(0);
    const real = await handler.runPlans(plans, ctx);
    expect(real.map((r) => (r.ok ? claimOutcomeOf(r.outcome.primary.events) : (r.error as { code: string }).code))).toEqual(['applied', 'QUANTITY_EXCEEDS_ORDERED', 'applied']);
    expect([await cancelledOn(x as number), await cancelledOn(y as number)]).toEqual([1, 1]);
  });
});
