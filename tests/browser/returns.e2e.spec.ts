/**
 * 반품관리, 교환예정관리 and 반품통계 in Chromium. Set up through the API on three past Seoul days of a
 * random year (the test process's Date is moved, and commands stamp their events with it), on a 판매처
 * of this run only, so the days' counts are this test's alone: shipped orders, 회수 with different
 * 사유 and fees, two 교환. Then the screens: the list and its 미수, a fee entered in the 비용 dialog, 도착,
 * 완료처리 (refused without a memo where 미수 is left, done where nothing is), each checked against the
 * API; an exchange's 회수도착; the stats table against the API and the chart's bars per day.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsoleHarness } from '../support/browser.js';
import { browserRunnable, startConsoleHarness } from '../support/browser.js';
import { sampleOrder } from '../support/app.js';

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);

interface ReturnRow { id: string; no: number; pickupId: number; outstanding: number; completed: boolean; state: string; received: number; completionMemo: string | null }
interface StatsRow { date: string; reasons: Record<string, number>; exchanges: Record<string, number>; totalReasons: number; totalExchanges: number; total: number }

describe.runIf(browserRunnable('returns'))('반품관리 / 교환예정관리 / 반품통계 in Chromium', () => {
  let h: ConsoleHarness;
  let t: ConsoleHarness['t'];
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const channel = `반품화면몰-${suffix}`;
  // 10:00 in Seoul on a random day of 2005–2020: days nobody else's test writes to.
  const start = Date.UTC(2005 + Math.floor(Math.random() * 16), 0, 1, 1) + Math.floor(Math.random() * 360) * DAY;
  const days = [0, 1, 2].map((i) => dayOf(start + i * DAY)) as [string, string, string];
  const orders: Record<'a' | 'b' | 'c' | 'd' | 'e', number> = { a: 0, b: 0, c: 0, d: 0, e: 0 };
  let tracking = 0;

  const ok = async (method: 'POST' | 'PUT', url: string, body?: unknown) => {
    const res = await t.call(t.keys.cs, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as Record<string, unknown>;
  };
  const shipped = async () => {
    const res = await t.call(t.keys.cs, 'POST', '/orders', sampleOrder({ channel, channelOrderNo: `RB-${suffix}-${tracking}` }));
    expect(res.statusCode, res.body).toBe(201);
    const no = (res.json() as { no: number }).no;
    await ok('PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: `66${String(start / 1000).slice(-6)}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${String(tracking++).padStart(2, '0')}` });
    await ok('POST', `/orders/${no}/shipment`);
    return no;
  };
  const returnRows = async (no: number) => ((await t.call(t.keys.cs, 'GET', `/views/returns?q=${no}`)).json() as { items: ReturnRow[] }).items;
  const open = async (page: Page, label: string) => {
    await page.getByRole('navigation', { name: '화면' }).getByRole('link', { name: label, exact: true }).click();
  };

  beforeAll(async () => {
    h = await startConsoleHarness();
    ({ t } = h);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: start });
    try {
      // Day 1: a — 반품-불량 of both lines with 사이트결제 3,000 expected; b — 반품-취소(환불) of 2 냄비.
      orders.a = await shipped();
      orders.b = await shipped();
      await ok('POST', `/orders/${orders.a}/pickups`, { lines: [{ lineId: 1, quantity: 1 }, { lineId: 2, quantity: 1 }], reason: 'return_defect', fees: { site: 3000 } });
      await ok('POST', `/orders/${orders.b}/pickups`, { lines: [{ lineId: 1, quantity: 2 }], reason: 'return_refund' });
      // Day 2: c — 취소-배송지연 of the 주걱 with 동봉 2,500 expected; 불량교환 of b's 주걱; d — 단순교환 of a 냄비.
      vi.setSystemTime(start + DAY);
      orders.c = await shipped();
      orders.d = await shipped();
      await ok('POST', `/orders/${orders.c}/pickups`, { lines: [{ lineId: 2, quantity: 1 }], reason: 'cancel_delay', fees: { enclosed: 2500 } });
      await ok('POST', `/orders/${orders.b}/exchanges`, { type: 'defect', lines: [{ lineId: 2, quantity: 1 }] });
      await ok('POST', `/orders/${orders.d}/exchanges`, { type: 'simple', lines: [{ lineId: 1, quantity: 1 }] });
      // Day 3: e — 반품-오배송 and 반품-취소(환불), two pickups.
      vi.setSystemTime(start + 2 * DAY);
      orders.e = await shipped();
      await ok('POST', `/orders/${orders.e}/pickups`, { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_wrong_delivery' });
      await ok('POST', `/orders/${orders.e}/pickups`, { lines: [{ lineId: 2, quantity: 1 }], reason: 'return_refund' });
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);
  afterAll(async () => {
    vi.useRealTimers();
    await h?.close();
  });

  it('반품관리: the rows of the range, 미수 in red; a fee entered; 도착; 완료처리 refused without a memo, done where nothing is left', async () => {
    const page = await h.signedIn(t.keys.cs);
    await open(page, '반품관리');
    await page.getByLabel('시작일').fill(days[0]);
    await page.getByLabel('끝일').fill(days[2]);
    await page.getByLabel('판매처').fill(channel);
    await page.getByRole('button', { name: '검색' }).click();
    const rows = page.locator('table.returns-table tbody tr');
    // a: 2 lines, b: 1 + its exchange's pickup, c: 1, d: the exchange's pickup, e: 2 pickups.
    await expect.poll(() => rows.count()).toBe(8);
    await expect.poll(() => page.locator('.result-bar [aria-live]').textContent()).toBe('8건');
    const rowOf = (no: number, pickupId: number, lineId: number) => page.getByRole('row', { name: `반품 ${no}-${pickupId}-${lineId}` });
    const a = rowOf(orders.a, 1, 1);
    expect(await a.locator('td.partial').textContent()).toBe('3,000');
    expect(await a.textContent()).toContain('반품-불량');
    expect(await rowOf(orders.a, 1, 2).locator('td.partial').count()).toBe(0);
    expect(await rowOf(orders.d, 1, 1).textContent()).toContain('단순교환');
    await h.shot(page, 'returns-01-list');

    // 비용: 동봉 1,000 of c's 2,500 arrived → 미수 1,500.
    const c = rowOf(orders.c, 1, 2);
    await c.getByRole('button', { name: '비용' }).click();
    const fees = page.getByRole('dialog');
    await expect.poll(() => page.locator(':focus').getAttribute('aria-label')).toBe('사이트결제 예정');
    await fees.getByLabel('동봉 도착').fill('1000');
    await fees.getByLabel('CS 메모').fill('동봉 1,000원 확인');
    await h.shot(page, 'returns-02-fees-dialog');
    await fees.getByRole('button', { name: '확인' }).click();
    await fees.waitFor({ state: 'detached' });
    await expect.poll(() => c.locator('td.partial').textContent()).toBe('1,500');
    expect((await returnRows(orders.c))[0]).toMatchObject({ outstanding: 1500 });

    // 도착 of b's 2 냄비, from the row.
    const b = rowOf(orders.b, 1, 1);
    await b.getByRole('button', { name: '도착' }).click();
    const arrival = page.getByRole('dialog');
    expect(await arrival.getByLabel('도착 수량').inputValue()).toBe('2');
    await arrival.getByLabel('도착 수량').press('Enter');
    await arrival.waitFor({ state: 'detached' });
    await expect.poll(() => b.getByRole('button', { name: '도착' }).count()).toBe(0);
    expect(await b.locator('td').nth(12).textContent()).toBe('도착');
    expect((await returnRows(orders.b)).find((r) => r.pickupId === 1)).toMatchObject({ received: 2, state: 'arrived' });

    // 완료처리 of c (미수 left, not arrived) without a memo: refused in the dialog, nothing changes.
    await c.getByRole('checkbox').check();
    await page.getByRole('button', { name: /반품선택완료/ }).click();
    const complete = page.getByRole('dialog');
    await complete.getByRole('button', { name: '확인' }).click();
    await expect.poll(() => complete.getByRole('alert').first().textContent()).toContain('메모가 필요합니다');
    await h.shot(page, 'returns-03-complete-needs-memo');
    await complete.getByRole('button', { name: '닫기' }).click();
    expect((await returnRows(orders.c))[0]).toMatchObject({ completed: false });

    // b's row (arrived, no fee): 완료처리 done.
    await c.getByRole('checkbox').uncheck();
    await b.getByRole('checkbox').check();
    await page.getByRole('button', { name: /반품선택완료/ }).click();
    await page.getByRole('dialog').getByLabel('CS 메모').fill('입고 확인 후 완료');
    await page.getByRole('dialog').getByRole('button', { name: '확인' }).click();
    await page.getByRole('status').filter({ hasText: '완료 1건' }).waitFor();
    await expect.poll(() => b.locator('td.done').textContent()).toBe('완료');
    expect(await b.locator('td.done').getAttribute('title')).toContain('장유리');
    expect((await returnRows(orders.b)).find((r) => r.pickupId === 1)).toMatchObject({ completed: true, state: 'completed', completionMemo: '입고 확인 후 완료' });
    await h.shot(page, 'returns-04-completed');

    const xlsx = await page.getByRole('link', { name: '엑셀' }).getAttribute('href');
    expect(xlsx).toContain('format=xlsx');
    expect((await t.call(t.keys.cs, 'GET', xlsx ?? '')).statusCode).toBe(200);
    await page.context().close();
  }, 120_000);

  it('교환예정관리: the two exchanges; 회수도착 of one from its row', async () => {
    const page = await h.signedIn(t.keys.cs);
    await open(page, '교환예정관리');
    await page.getByLabel('교환요청일 시작').fill(days[0]);
    await page.getByLabel('교환요청일 끝').fill(days[2]);
    await page.getByLabel('판매처').fill(channel);
    await page.getByRole('button', { name: '검색' }).click();
    const rows = page.locator('table.exchanges-table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const d = page.getByRole('row', { name: `교환 ${orders.d}-1` });
    expect(await d.textContent()).toContain('단순교환');
    expect(await d.locator('td').nth(6).textContent()).toBe('교환요청');
    expect(await page.getByRole('row', { name: `교환 ${orders.b}-1` }).textContent()).toContain('불량교환');
    await h.shot(page, 'exchanges-01-list');
    await d.getByRole('button', { name: '회수도착' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '확인' }).click();
    await page.getByRole('status').filter({ hasText: `${orders.d} 회수도착 1개` }).waitFor();
    await expect.poll(() => d.locator('td').nth(6).textContent()).toBe('회수도착');
    const listed = (await t.call(t.keys.cs, 'GET', `/views/exchanges?q=${orders.d}`)).json() as { items: { state: string; received: number }[] };
    expect(listed.items[0]).toMatchObject({ state: 'goods_arrived', received: 1 });
    await h.shot(page, 'exchanges-02-arrived');
    await page.context().close();
  }, 60_000);

  it('반품통계: the table matches the API, the chart has a bar segment per 사유 (or 교환유형) per day', async () => {
    const from = dayOf(start - 4 * DAY);
    const to = dayOf(start + 6 * DAY);
    const api = (await t.call(t.keys.analyst, 'GET', `/views/return-stats?from=${from}&to=${to}&limit=500`)).json() as { items: StatsRow[]; sums: Omit<StatsRow, 'date'> };
    expect(api.items.map((r) => r.total).filter((n) => n > 0)).toEqual([2, 3, 2]);
    const page = await h.signedIn(t.keys.analyst);
    await open(page, '반품통계');
    await page.getByLabel('시작일').fill(from);
    await page.getByLabel('끝일').fill(to);
    await page.getByRole('button', { name: '검색' }).click();
    await expect.poll(() => page.locator('table.stats-table tbody tr').count()).toBe(11);
    for (const r of api.items) {
      const cells = await page.getByRole('row', { name: r.date, exact: true }).locator('td').allTextContents();
      expect(cells).toEqual([r.date, ...Object.values(r.reasons).map(String), String(r.totalReasons), ...Object.values(r.exchanges).map(String), String(r.totalExchanges), String(r.total)]);
    }
    const sums = await page.getByRole('row', { name: '합계', exact: true }).locator('td').allTextContents();
    expect(sums.at(-1)).toBe(String(api.sums.total));
    expect(sums.slice(1, 7)).toEqual(Object.values(api.sums.reasons).map(String));

    const chart = page.getByRole('img', { name: '반품통계 차트' });
    expect(await chart.locator('title').first().textContent()).toContain('사유별');
    const bars = async (date: string) => (await chart.locator(`rect[data-date="${date}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).sort();
    expect(await bars(days[0])).toEqual(['return_defect', 'return_refund']);
    expect(await bars(days[1])).toEqual(['cancel_delay']);
    expect(await bars(days[2])).toEqual(['return_refund', 'return_wrong_delivery']);
    expect(await bars(dayOf(start - DAY))).toEqual([]);
    expect(await chart.locator(`rect[data-date="${days[0]}"] title`).allTextContents()).toContain(`${days[0]} 반품-불량 1건`);
    await h.shot(page, 'return-stats-01-reasons');

    await page.getByRole('button', { name: '교환유형별' }).click();
    await expect.poll(() => chart.locator('title').first().textContent()).toContain('교환유형별');
    expect(await bars(days[0])).toEqual([]);
    expect(await bars(days[1])).toEqual(['defect', 'simple']);
    expect(await page.getByRole('list', { name: '범례' }).textContent()).toContain('불량교환 1');
    await h.shot(page, 'return-stats-02-exchanges');

    // A range the other way round: the server's refusal, beside the field.
    await page.getByLabel('시작일').fill(to);
    await page.getByLabel('끝일').fill(from);
    await page.getByRole('button', { name: '검색' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('끝일');
    await page.context().close();
  }, 60_000);
});
