/**
 * For auditors: an order as of any instant or revision (order, CS 이력, raw events), folded from its own
 * events, and its timeline of changes. Only auditors and admins read the past.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { placeWithHistory, startTestApp } from '../support/app.js';

interface RawEvent {
  revision: number;
  type: string;
  recordedAt: string;
}

describe.each(testDatabases)('as-of reads and the timeline on $name', (database) => {
  let t: TestApp;
  let no: number;
  let events: RawEvent[];
  beforeAll(async () => {
    t = await startTestApp(database);
    no = await placeWithHistory(t, 5); // distinct recordedAt per revision
    events = ((await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json() as { items: RawEvent[] }).items;
  });
  afterAll(async () => {
    await t.app.close();
  });
  const get = async (url: string, key = t.keys.auditor) => {
    const res = await t.call(key, 'GET', url);
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };

  it('an order at a revision is its fold up to that revision, with the revision it stopped at', async () => {
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderHeld', 'LineCancelled', 'OrderReleased', 'InvoiceEntered']);
    const placed = await get(`/orders/${no}?revision=0`);
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ revision: 0, status: 'received', hold: null, invoice: null, lines: [{ lineId: 1, ordered: 2, active: 2, cancelled: 0 }, { lineId: 2, active: 1 }] });
    expect((await get(`/orders/${no}?revision=1`)).body).toMatchObject({ revision: 1, hold: { alarmAt: '2030-01-01T00:00:00.000Z' } });
    expect((await get(`/orders/${no}?revision=2`)).body).toMatchObject({ revision: 2, hold: { alarmAt: '2030-01-01T00:00:00.000Z' }, lines: [{ active: 1, cancelled: 1 }, { active: 1 }] });
    const now = await get(`/orders/${no}`);
    expect((await get(`/orders/${no}?revision=4`)).body).toEqual(now.body);
  });

  it('as of an instant: the events stored by then; before the order existed it is a 404 naming asOf', async () => {
    const held = events[1] as RawEvent;
    const cancelled = events[2] as RawEvent;
    const between = new Date((Date.parse(held.recordedAt) + Date.parse(cancelled.recordedAt)) / 2).toISOString();
    const atHold = await get(`/orders/${no}?asOf=${encodeURIComponent(held.recordedAt)}`);
    expect(atHold.body).toMatchObject({ revision: 1, hold: { alarmAt: '2030-01-01T00:00:00.000Z' }, lines: [{ active: 2 }, { active: 1 }] });
    if (Date.parse(between) < Date.parse(cancelled.recordedAt)) expect((await get(`/orders/${no}?asOf=${encodeURIComponent(between)}`)).body).toMatchObject({ revision: 1 });
    // An offset is an instant too: +09:00 is Seoul.
    const seoul = new Date(Date.parse(cancelled.recordedAt) + 9 * 3600_000).toISOString().replace('Z', '+09:00');
    expect((await get(`/orders/${no}?asOf=${encodeURIComponent(seoul)}`)).body).toMatchObject({ revision: 2 });
    const before = await get(`/orders/${no}?asOf=2001-01-01T00:00:00Z`);
    expect(before).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND', errors: [{ field: 'asOf' }] } });
  });

  it('refuses a revision past the end, both points at once, a malformed instant, and every role but auditors and admins', async () => {
    expect(await get(`/orders/${no}?revision=99`)).toMatchObject({ status: 404, body: { code: 'REVISION_NOT_FOUND', errors: [{ field: 'revision' }] } });
    expect(await get(`/orders/${no}?revision=1&asOf=2030-01-01T00:00:00Z`)).toMatchObject({ status: 422, body: { code: 'AS_OF_CONFLICT', errors: [{ field: 'revision' }] } });
    expect(await get(`/orders/${no}?asOf=yesterday`)).toMatchObject({ status: 422, body: { errors: [{ field: 'asOf' }] } });
    for (const key of [t.keys.cs, t.keys.analyst, t.keys.integration]) {
      expect((await get(`/orders/${no}?revision=1`, key)).status).toBe(403);
      expect((await get(`/orders/${no}/history?revision=1`, key)).status).toBe(403);
      expect((await get(`/orders/${no}/timeline`, key)).status).toBe(403);
    }
    expect((await get(`/orders/${no}`, t.keys.cs)).status).toBe(200);
  });

  it('CS 이력 as of a revision: entries opened by then, 미처리 until the 완료 that came later', async () => {
    const entries = (await get(`/orders/${no}/history`)).body.items as { entryId: string }[];
    const done = await t.call(t.keys.cs, 'POST', `/orders/${no}/history/complete`, { entryIds: [entries[1]?.entryId] });
    expect(done.statusCode, done.body).toBe(200);
    const live = (await get(`/orders/${no}/history`)).body;
    expect(live.items[1]).toMatchObject({ processed: true });
    const atCancel = (await get(`/orders/${no}/history?revision=2`)).body;
    expect(atCancel.total).toBe(3);
    expect(atCancel.items.map((h: { revision: number }) => h.revision)).toEqual([0, 1, 2]);
    expect(atCancel.items[1]).toMatchObject({ processed: false, content: live.items[1].content, memo: '주소 확인' });
    const atEnd = (await get(`/orders/${no}/history?revision=5`)).body;
    expect(atEnd.items).toEqual(live.items);
    expect((await get(`/orders/${no}/history?revision=2&limit=1&offset=1`)).body).toMatchObject({ total: 3, items: [{ revision: 1 }] });
  });

  it('raw events as of a revision or an instant', async () => {
    const upTo = (await get(`/orders/${no}/events?revision=2`)).body;
    expect(upTo).toMatchObject({ total: 3 });
    expect(upTo.items.map((e: RawEvent) => e.revision)).toEqual([0, 1, 2]);
    const atHold = (await get(`/orders/${no}/events?asOf=${encodeURIComponent((events[1] as RawEvent).recordedAt)}&limit=1&offset=1`)).body;
    expect(atHold).toMatchObject({ total: 2, items: [{ revision: 1, type: 'OrderHeld' }] });
  });

  it('the timeline: every revision with what it changed, readable', async () => {
    const timeline = (await get(`/orders/${no}/timeline`)).body;
    expect(timeline.items.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    const texts = (revision: number) => (timeline.items[revision].changes as { text: string }[]).map((c) => c.text);
    expect(texts(0)[0]).toMatch(/^주문 \d+ 생성: line 1 카트야로 스텐 냄비 3종 본품 × 2/);
    expect(texts(1)).toEqual(['보류 설정 (알람 2030-01-01T00:00:00.000Z)']);
    expect(texts(2)).toEqual(expect.arrayContaining(['line 1 active 2 → 1', 'line 1 cancelled 0 → 1']));
    expect(timeline.items[2].changes).toEqual(expect.arrayContaining([{ field: 'lines[1].active', from: 2, to: 1, text: 'line 1 active 2 → 1' }]));
    expect(texts(3)).toContain('보류 해제');
    expect(texts(4).some((x: string) => x.startsWith('송장 '))).toBe(true);
    expect(timeline.items[1]).toMatchObject({ type: 'OrderHeld', workType: '보류설정', actor: expect.any(String), memo: '주소 확인' });
    expect(timeline.items[5]).toMatchObject({ type: 'CsEntriesCompleted' });
  });
});
