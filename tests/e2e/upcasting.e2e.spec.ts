/**
 * An OrderPlaced stored at schema version 1 (the domain's JSON fixture, written straight into the store
 * as an older server wrote it) reads in the current shape everywhere — the order, the CS window's list
 * and CS 이력 (projections, also after a rebuild), a command's decide — while the stored row is never
 * rewritten: the raw events still show version 1's data.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStreamId } from '@oms/domain';
import stored from '../../packages/domain/src/order/actions/fixtures/OrderPlacedV1.json' with { type: 'json' };
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { startTestApp } from '../support/app.js';

describe.each(testDatabases)('an event of an older shape on $name', (database) => {
  let t: TestApp;
  let no: number;
  beforeAll(async () => {
    t = await startTestApp(database);
    no = 800_000_000 + Math.floor(Math.random() * 1e8);
    await t.context.storedEvents.append(orderStreamId(no), [{ id: randomUUID(), type: stored.type, data: { ...stored.data, no, channelOrderNo: `V1-${no}` }, metadata: stored.metadata }], { expected: 'no_stream' });
    await t.context.runner.catchUp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('reads as the current shape: the order, the list, CS 이력', async () => {
    const order = await t.call(t.keys.cs, 'GET', `/orders/${no}`);
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json()).toMatchObject({ no, copiedFrom: null, replacementOf: null, lines: [{ lineId: 1, active: 2 }, { lineId: 2, active: 1 }] });
    const list = (await t.call(t.keys.cs, 'GET', `/orders?q=V1-${no}`)).json() as { items: { no: number }[] };
    expect(list.items.map((i) => i.no)).toEqual([no]);
    const history = (await t.call(t.keys.cs, 'GET', `/orders/${no}/history`)).json() as { items: { workTypeLabel: string }[] };
    expect(history.items.map((h) => h.workTypeLabel)).toEqual(['주문생성']);
  });

  it('a command decides on it and appends the current version after it', async () => {
    const held = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '구버전 주문' });
    expect(held.statusCode, held.body).toBe(200);
    const copied = await t.call(t.keys.cs, 'POST', `/orders/${no}/copy`, { whole: true });
    expect(copied.statusCode, copied.body).toBeLessThan(300);
    const copyNo = (copied.json() as { copyNo: number }).copyNo;
    const raw = (await t.call(t.keys.auditor, 'GET', `/orders/${copyNo}/events`)).json() as { items: { type: string; data: Record<string, unknown>; metadata: { schemaVersion: number } }[] };
    expect(raw.items[0]).toMatchObject({ type: 'OrderPlaced', data: { copiedFrom: { no, whole: true }, replacementOf: null }, metadata: { schemaVersion: 2 } });
  });

  it('the stored row is never rewritten: raw events show version 1 as it was stored', async () => {
    const raw = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json() as { items: { type: string; data: Record<string, unknown>; metadata: { schemaVersion: number } }[] };
    expect(raw.items[0]?.metadata.schemaVersion).toBe(1);
    expect(raw.items[0]?.data).not.toHaveProperty('copiedFrom');
    expect(raw.items[0]?.data).not.toHaveProperty('replacementOf');
    expect(raw.items[1]).toMatchObject({ type: 'OrderHeld', metadata: { schemaVersion: 1 } });
  });

  it('a rebuild of the read models reads it in the current shape too', async () => {
    await t.context.runner.rebuild('order_list');
    const list = (await t.call(t.keys.cs, 'GET', `/orders?q=V1-${no}`)).json() as { items: { no: number; held: boolean }[] };
    expect(list.items).toMatchObject([{ no, held: true }]);
  });
});
