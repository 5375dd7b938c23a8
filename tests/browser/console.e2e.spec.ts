/**
 * The CS console in a real browser: Debian's Chromium driven by playwright-core, against the server
 * listening on loopback (PostgreSQL when DATABASE_URL is set, else PGlite), serving the console that
 * `pnpm test` built. A CS day in small: sign in, find an order by phone, hold it with a memo and an
 * alarm, see 송장입력 refused while held, release, enter the invoice, ship, cancel 1 of 2 and see the
 * ledger and the CS 이력 change; an analyst sees no action. Screenshots go to tests/artifacts/.
 * Without /usr/bin/chromium (a machine with only Node.js) these tests are skipped, and say so; CI
 * installs it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/browser.js';
import { browserRunnable, startConsoleHarness } from '../support/browser.js';

describe.runIf(browserRunnable('console'))('the CS console in Chromium', () => {
  let h: ConsoleHarness;
  let t: ConsoleHarness['t'];

  beforeAll(async () => {
    h = await startConsoleHarness();
    ({ t } = h);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a wrong key is refused on the sign-in form, and the session cookie is HttpOnly and SameSite=Strict', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(h.base);
    await page.getByLabel('API 키').fill('oms_not-a-real-key-not-a-real-key-123');
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('올바르지 않거나');
    await h.shot(page, '01-sign-in-refused');
    await page.getByLabel('API 키').fill(t.keys.cs);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('button', { name: '로그아웃' }).waitFor();
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'oms_session', httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate('document.cookie')).toBe('');
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.getByLabel('API 키').waitFor();
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('a CS day: find by phone, hold with memo and alarm, invoice refused while held, release, invoice, ship, cancel 1 of 2', async () => {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const mobile = `010-${digits.slice(0, 4)}-${digits.slice(4)}`;
    const no = await h.create({ buyer: { name: '브라우저고객', mobile }, recipient: { name: '브라우저고객', mobile, address: '서울시 강남구 테헤란로 1' } });
    const page = await h.signedIn(t.keys.cs);

    const sent = Date.now();
    await page.getByLabel('검색어').fill(mobile.replaceAll('-', ''));
    await page.getByLabel('검색어').press('Enter');
    const row = page.getByRole('row').filter({ hasText: String(no) });
    await row.waitFor();
    const searchMs = Date.now() - sent;
    await h.shot(page, '02-cs-window-search');

    const opened = Date.now();
    await row.click();
    await page.getByRole('region', { name: `주문 ${no}` }).getByText('주문상세').waitFor();
    await page.getByRole('navigation', { name: 'CS 작업' }).waitFor();
    const panelMs = Date.now() - opened;
    process.stdout.write(`console timings (few orders): search → first page ${searchMs} ms, open panel ${panelMs} ms\n`);

    await h.act(page, '보류설정', async (d) => {
      await d.getByLabel('알람').fill('2030-01-01T09:00');
      await d.getByLabel('CS 메모').fill('주소 확인 중');
    });
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText('보류 (알람 2030').waitFor();

    const refused = await h.act(page, '송장입력', async (d) => {
      await d.getByLabel('택배사').fill('cj');
      await d.getByLabel('송장번호').fill(`77${digits}01`);
    });
    await expect.poll(() => refused.getByRole('alert').first().textContent()).toContain('ORDER_HELD');
    await h.shot(page, '03-invoice-refused-while-held');
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json()).toMatchObject({ invoice: null });
    await refused.getByRole('button', { name: '닫기' }).click();

    await h.act(page, '보류해제', async (d) => d.getByLabel('CS 메모').fill('고객 통화 완료'));
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await h.act(page, '송장입력', async (d) => {
      await d.getByLabel('택배사').fill('cj');
      await d.getByLabel('송장번호').fill(`77${digits}02`);
    });
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: `77${digits}02` }).waitFor();
    await h.act(page, '배송처리');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const heading = page.getByRole('region', { name: `주문 ${no}` }).getByRole('heading', { level: 2 });
    await expect.poll(() => heading.textContent()).toContain('· 배송 ·');
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json()).toMatchObject({ status: 'shipped', invoice: { trackingNumber: `77${digits}02` } });

    // 개별취소 is before shipping only: a fresh order of two lines (2 × 냄비) for the ledger.
    const other = await h.create({ buyer: { name: '개별취소고객', mobile }, recipient: { name: '개별취소고객', mobile, address: '서울' } });
    await page.getByLabel('검색어').fill('개별취소고객');
    await page.getByLabel('검색어').press('Enter');
    await page.getByRole('row').filter({ hasText: String(other) }).click();
    const panel = page.getByRole('region', { name: `주문 ${other}` });
    await panel.getByText('주문상세').waitFor();
    await h.act(page, '개별취소', async (d) => {
      await d.getByLabel('상품').selectOption('1');
      await d.getByLabel('수량').fill('1');
      await d.getByLabel('사유').selectOption('cancel_quality');
      await d.getByLabel('CS 메모').fill('고객 요청: 냄비 1개 취소');
    });
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const line1 = panel.locator('tr[data-line="1"] td');
    await expect.poll(async () => (await line1.allTextContents()).slice(4, 7)).toEqual(['2', '1', '1']);
    await panel.getByText('고객 요청: 냄비 1개 취소').waitFor();
    await h.shot(page, '04-partial-cancel-ledger-and-history');
    const ledger = (await t.call(t.keys.cs, 'GET', `/orders/${other}`)).json() as { lines: { active: number; cancelled: number }[] };
    expect(ledger.lines[0]).toMatchObject({ active: 1, cancelled: 1 });
    await page.context().close();
  }, 120_000);

  it('취소결과조회: a marketplace cancelling 1 of 2 shows in red, 선택 확인 marks it', async () => {
    const channelOrderNo = `BR-${Date.now()}`;
    const no = await h.create({ channelOrderNo });
    const claim = { channel: '11번가 법인', cancellationId: `CL-${channelOrderNo}`, channelOrderNo, productCode: '30247', quantity: 1, kind: 'cancel', cancelledAt: '2026-12-01T11:00:00+09:00', reason: '반품-취소(환불)', channelReason: '단순변심' };
    const sent = await t.call(t.keys.integration, 'POST', '/channel-cancellations', { items: [claim] });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json(), sent.body).toMatchObject({ items: [{ outcome: 'applied' }] });
    const page = await h.signedIn(t.keys.cs);
    await page.getByRole('link', { name: '취소결과조회' }).click();
    // 전체 (확인 too), so the row stays listed once it is confirmed.
    await page.getByLabel('확인', { exact: true }).selectOption('all');
    await page.getByLabel('검색어').fill(channelOrderNo);
    await page.getByLabel('검색어').press('Enter');
    const row = page.getByRole('row').filter({ hasText: claim.cancellationId });
    await row.waitFor();
    expect(await row.locator('td.partial').textContent()).toBe('1');
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: '선택 확인' }).click();
    await expect.poll(() => row.textContent()).toContain('확인 (장유리)');
    await h.shot(page, '06-cancellations-confirmed');
    const listed = (await t.call(t.keys.cs, 'GET', `/views/cancellations?q=${channelOrderNo}&confirmed=all&shipping=all`)).json() as { items: { no: number; confirmed: boolean }[] };
    expect(listed.items).toMatchObject([{ no, confirmed: true }]);
    await page.context().close();
  }, 60_000);

  it('취소철회조회: a line cancelled here beyond the channel is restored from its row', async () => {
    const channelOrderNo = `WD-${Date.now()}`;
    const no = await h.create({ channelOrderNo });
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/lines/1/cancel`, { quantity: 2, reason: 'cancel_quality' })).statusCode).toBe(200);
    const claim = { channel: '11번가 법인', cancellationId: `CL-${channelOrderNo}`, channelOrderNo, productCode: '30247', quantity: 1, kind: 'cancel', cancelledAt: '2026-12-01T11:00:00+09:00', reason: '반품-취소(환불)', channelReason: '단순변심' };
    expect((await t.call(t.keys.integration, 'POST', '/channel-cancellations', { items: [claim] })).statusCode).toBe(200);
    const page = await h.signedIn(t.keys.cs);
    await page.getByRole('link', { name: '취소철회조회' }).click();
    await page.getByLabel('검색어').fill(channelOrderNo);
    await page.getByLabel('검색어').press('Enter');
    const row = page.getByRole('row').filter({ hasText: channelOrderNo });
    await row.waitFor();
    expect(await row.locator('td.partial').textContent()).toBe('1');
    await h.shot(page, '07-withdrawals');
    await row.getByRole('button', { name: '정상복귀' }).click();
    await page.getByRole('status').filter({ hasText: `${no} 정상복귀 1개` }).waitFor();
    await row.waitFor({ state: 'detached' });
    const order = (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json() as { lines: { cancelled: number; restored: number; active: number }[] };
    // `cancelled` is what stays cancelled (2 cancelled, 1 restored).
    expect(order.lines[0]).toMatchObject({ cancelled: 1, restored: 1, active: 1 });
    await page.context().close();
  }, 60_000);

  it('the CS창 sorts by 관리번호 from its header, newest first then oldest', async () => {
    const name = `정렬${Date.now()}`;
    const first = await h.create({ buyer: { name, mobile: '010-4444-5555' } });
    const second = await h.create({ buyer: { name, mobile: '010-4444-5555' } });
    const page = await h.signedIn(t.keys.cs);
    await page.getByLabel('검색어').fill(name);
    await page.getByLabel('검색어').press('Enter');
    const firstCell = page.locator('table.orders tbody tr:first-child td:first-child');
    await expect.poll(() => firstCell.textContent()).toBe(String(second));
    const header = page.getByRole('button', { name: /^관리번호/ });
    await header.click();
    await expect.poll(() => page.getByRole('columnheader', { name: /관리번호/ }).getAttribute('aria-sort')).toBe('descending');
    await header.click();
    await expect.poll(() => firstCell.textContent()).toBe(String(first));
    expect(await page.getByRole('columnheader', { name: /관리번호/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.context().close();
  }, 60_000);

  it('an auditor sees the order, its history and its raw events, and no action; an analyst is not offered the events', async () => {
    const no = await h.create({});
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '감사 확인' })).statusCode).toBe(200);
    const page = await h.signedIn(t.keys.auditor);
    await page.getByLabel('검색어').fill(String(no));
    await page.getByLabel('검색어').press('Enter');
    await page.getByRole('row').filter({ hasText: String(no) }).click();
    const panel = page.getByRole('region', { name: `주문 ${no}` });
    await panel.getByText('주문상세').waitFor();
    expect(await page.getByRole('navigation', { name: 'CS 작업' }).count()).toBe(0);
    await panel.getByText('이벤트 (2건)').click();
    const rows = panel.getByRole('table', { name: '이벤트' }).locator('tbody tr');
    await expect.poll(async () => (await rows.allTextContents()).map((r) => r.includes('OrderPlaced') || r.includes('OrderHeld'))).toEqual([true, true]);
    await rows.nth(1).getByText('data / metadata').click();
    await expect.poll(() => rows.nth(1).locator('pre').textContent()).toContain('감사 확인');
    await h.shot(page, '08-auditor-events');
    await page.context().close();
    const analyst = await h.signedIn(t.keys.analyst);
    await analyst.getByLabel('검색어').fill(String(no));
    await analyst.getByLabel('검색어').press('Enter');
    await analyst.getByRole('row').filter({ hasText: String(no) }).click();
    await analyst.getByRole('region', { name: `주문 ${no}` }).getByText('주문상세').waitFor();
    expect(await analyst.getByText(/^이벤트/).count()).toBe(0);
    expect(await analyst.getByText(/^타임라인/).count()).toBe(0);
    await analyst.context().close();
  }, 60_000);

  it("an auditor reads the order's timeline, sees the order as of a revision and an instant, and verifies its chain", async () => {
    const no = await h.create({});
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '감사 확인' })).statusCode).toBe(200);
    const held = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/timeline`)).json() as { items: { recordedAt: string }[] };
    const heldAt = Date.parse(held.items[1]?.recordedAt ?? '');
    /** The Seoul wall clock of an instant, to the second, as a datetime-local input takes it. */
    const seoulLocal = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19);
    const page = await h.signedIn(t.keys.auditor);
    await page.getByLabel('검색어').fill(String(no));
    await page.getByLabel('검색어').press('Enter');
    await page.getByRole('row').filter({ hasText: String(no) }).click();
    const panel = page.getByRole('region', { name: `주문 ${no}` });
    await panel.getByText('타임라인 (2건)').click();
    const rows = panel.getByRole('table', { name: '타임라인' }).locator('tbody tr');
    const cells = async (i: number) => (await rows.nth(i).locator('td').allTextContents()).slice(0, 6);
    await expect.poll(() => rows.count()).toBe(2);
    const [placed, hold] = [await cells(0), await cells(1)];
    expect([placed[0], placed[2], placed[3]]).toEqual(['0', '주문생성', '장유리 (cs)']);
    expect(placed[4]).toBe(`주문 ${no} 생성: line 1 카트야로 스텐 냄비 3종 본품 × 2, line 2 실리콘 주걱 세트 그레이 × 1`);
    expect(hold).toEqual(['1', expect.stringMatching(/^\d{4}\. \d\d\. \d\d\. \d\d:\d\d:\d\d$/), '보류설정', '장유리 (cs)', '보류 설정', '감사 확인']);

    // An instant: before the order was placed it did not exist; a second after the hold, it is held.
    const instant = page.getByLabel('시점', { exact: true });
    const asOf = panel.getByRole('region', { name: /시점$/ });
    await instant.fill('2000-01-01T09:00:00');
    await panel.getByRole('button', { name: '시점 조회' }).click();
    await expect.poll(() => asOf.getByRole('alert').textContent()).toBe('이 시점에는 주문이 아직 없었습니다.');
    expect(await asOf.getAttribute('aria-label')).toBe('2000. 01. 01. 09:00:00 시점');
    await instant.fill(seoulLocal(Math.floor(heldAt / 1000) * 1000 + 1000));
    await panel.getByRole('button', { name: '시점 조회' }).click();
    await expect.poll(() => asOf.locator('h3').textContent()).toContain('리비전 1까지');
    expect(await asOf.locator('.order-at-state').textContent()).toBe('접수 · 정상 · 보류 · 합포 없음');

    // A revision: at 0 the order was not held yet, and its lines are as placed.
    await rows.nth(0).getByRole('button', { name: '이 시점 보기' }).click();
    const at0 = panel.getByRole('region', { name: '리비전 0 시점' });
    await expect.poll(() => at0.locator('.order-at-state').textContent()).toBe('접수 · 정상 · 보류 아님 · 합포 없음');
    const lines = at0.getByRole('table', { name: '리비전 0 시점 상품' }).locator('tbody tr');
    expect(await lines.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))).toEqual([
      ['1', '카트야로 스텐 냄비 3종', '본품', '29,400', '2', '2', '0', '0', '0', '0'],
      ['2', '실리콘 주걱 세트', '그레이', '6,900', '1', '1', '0', '0', '0', '0'],
    ]);
    expect(await rows.nth(0).getAttribute('class')).toBe('selected');
    expect(await panel.locator('h2 small').textContent()).toContain('· 보류');

    await panel.getByRole('button', { name: '체인 검증' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: '체인' }).textContent()).toBe('체인 정상 (2건)');
    await panel.getByRole('table', { name: '타임라인' }).scrollIntoViewIfNeeded();
    await h.shot(page, '09-auditor-timeline');

    // Revision 0's hash edited by SQL: its row no longer matches, and revision 1 chains from a hash it lost.
    const stream = `order-${no}`;
    const [{ hash } = { hash: '' }] = (await sql<{ hash: string }>`SELECT hash FROM events WHERE stream_id = ${stream} AND stream_revision = 0`.execute(t.context.db)).rows;
    await sql`UPDATE events SET hash = repeat('f', 64) WHERE stream_id = ${stream} AND stream_revision = 0`.execute(t.context.db);
    try {
      await panel.getByRole('button', { name: '체인 검증' }).click();
      const broken = panel.getByRole('alert').filter({ hasText: '체인 이상' });
      await expect.poll(() => broken.textContent()).toBe('체인 이상 (2건 중 2곳)리비전 0: 내용 변경리비전 1: 이전 해시 불일치');
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.className))).toEqual(['selected broken', 'broken']);
      expect(await panel.getByText('체인 정상').count()).toBe(0);
      await h.shot(page, '10-auditor-chain-broken');
    } finally {
      await sql`UPDATE events SET hash = ${hash} WHERE stream_id = ${stream} AND stream_revision = 0`.execute(t.context.db);
    }
    await panel.getByRole('button', { name: '체인 검증' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: '체인' }).textContent()).toBe('체인 정상 (2건)');
    await page.context().close();
  }, 60_000);

  it('an analyst sees the orders but no action', async () => {
    const no = await h.create({});
    const page = await h.signedIn(t.keys.analyst);
    await page.getByLabel('검색어').fill(String(no));
    await page.getByLabel('검색어').press('Enter');
    await page.getByRole('row').filter({ hasText: String(no) }).click();
    await page.getByRole('region', { name: `주문 ${no}` }).getByText('주문상세').waitFor();
    expect(await page.getByRole('navigation', { name: 'CS 작업' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '전체완료' }).count()).toBe(0);
    await h.shot(page, '05-analyst-no-actions');
    await page.context().close();
  }, 60_000);
});
