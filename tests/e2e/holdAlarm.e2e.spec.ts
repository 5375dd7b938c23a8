/** 알람변경 over HTTP: the CS action added to show what a new action touches (README: Adding a CS action). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { sampleOrder, startTestApp } from '../support/app.js';

describe.each(testDatabases)('알람변경 on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('moves a held order’s 알람 without releasing it; the CS window and CS 이력 follow; a released order is refused', async () => {
    const no = (await t.call(t.keys.cs, 'POST', '/orders', sampleOrder())).json().no as number;
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { alarmAt: '2099-01-01T09:00:00+09:00' })).statusCode).toBe(200);

    const moved = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold/alarm`, { alarmAt: '2099-01-02T10:30:00+09:00', memo: '고객 요청: 하루 연기' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toEqual({ no, revision: 2, events: ['HoldAlarmChanged'], others: [], warnings: [] });
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json().hold).toEqual({ alarmAt: '2099-01-02T10:30:00+09:00' });
    const row = (await t.call(t.keys.cs, 'GET', `/orders?q=${no}`)).json().items.find((i: { no: number }) => i.no === no);
    expect(row).toMatchObject({ held: true, holdAlarmAt: '2099-01-02T01:30:00.000Z' });
    const history = (await t.call(t.keys.cs, 'GET', `/orders/${no}/history`)).json().items as { workTypeLabel: string; content: string }[];
    expect(history.at(-1)).toMatchObject({ workTypeLabel: '알람변경', content: '[알람변경] 알람: 2099-01-01 09:00 → 2099-01-02 10:30 / 메모: 고객 요청: 하루 연기' });

    // The same instant again changes nothing; an unknown field or a bad instant is refused by the schema.
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold/alarm`, { alarmAt: '2099-01-02T01:30:00Z' })).json()).toMatchObject({ revision: 2, events: [] });
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold/alarm`, { alarmAt: 'tomorrow' })).statusCode).toBe(422);

    expect((await t.call(t.keys.cs, 'DELETE', `/orders/${no}/hold`, {})).statusCode).toBe(200);
    const refused = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold/alarm`, { alarmAt: null });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ORDER_NOT_HELD' });
    expect((await t.call(t.keys.analyst, 'PUT', `/orders/${no}/hold/alarm`, { alarmAt: null })).statusCode).toBe(403);
  });
});
