/**
 * 판매처취소 upload in Chromium: a channel with its cancellation format, a UTF-8 .csv with a row that
 * cancels 1 of 2, a row already received (duplicate), an unknown order and an unreadable quantity;
 * the preview shows each row's outcome and changes nothing on the server; 적용 cancels; the row is
 * confirmed in 취소결과조회. A refused file (wrong type, missing header) is said in Korean. And the
 * 엑셀 button of 취소결과조회 saves a real workbook.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/browser.js';
import { browserRunnable, startConsoleHarness } from '../support/browser.js';
import { sampleOrder } from '../support/app.js';

interface Line { lineId: number; ordered: number; active: number; cancelled: number }
interface CancellationRow { cancellationId: string; confirmed: boolean; cancelledQuantity: number; appliedQuantity: number; no: number }

describe.runIf(browserRunnable('channel import'))('판매처취소 upload and the downloads in Chromium', () => {
  let h: ConsoleHarness;
  let t: ConsoleHarness['t'];
  const stamp = `${Date.now().toString(36)}${process.pid % 1000}`;
  const channel = `업로드몰-${stamp}`;
  const dir = mkdtempSync(join(tmpdir(), 'oms-import-'));
  const ord = `ORD-${stamp}`;
  const claim = (n: number) => `CL${n}-${stamp}`;

  const linesOf = async (no: number): Promise<Line[]> => ((await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json() as { lines: Line[] }).lines;
  const cancellationsOf = async (q: string): Promise<CancellationRow[]> => {
    const res = await t.call(t.keys.cs, 'GET', `/views/cancellations?shipping=all&confirmed=all&q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: CancellationRow[] }).items;
  };

  beforeAll(async () => {
    h = await startConsoleHarness();
    ({ t } = h);
    expect((await t.call(t.keys.cs, 'POST', '/channels', { name: channel })).statusCode).toBe(201);
    const format = await t.call(t.keys.cs, 'PUT', `/channels/${encodeURIComponent(channel)}/cancellation-format`, {
      columns: { channelOrderNo: '주문번호', channelLineNo: '상품주문번호', cancellationId: '클레임번호', quantity: ['취소수량', '클레임수량'], cancelledAt: '취소일', reason: '취소사유' },
      reasons: { 단순변심: 'return_refund' },
      defaultReason: 'cancel_lost',
    });
    expect(format.statusCode, format.body).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('preview shows every row and changes nothing; 적용 cancels 1 of 2; the row is confirmed in 취소결과조회', async () => {
    const base = sampleOrder().lines;
    const no = await h.create({ channel, channelOrderNo: ord, lines: [{ ...base[0], quantity: 2, channelLineNo: `${ord}-1` }, { ...base[1], quantity: 1, channelLineNo: `${ord}-2` }] });
    // A claim the channel's connector already sent: the file's same row is a duplicate.
    const sent = await t.call(t.keys.cs, 'POST', '/channel-cancellations', {
      items: [{ channel, cancellationId: claim(0), channelOrderNo: ord, channelLineNo: `${ord}-2`, quantity: 1, kind: 'cancel', cancelledAt: '2026-05-01T10:00:00+09:00', reason: 'return_refund', channelReason: '단순변심' }],
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const csv = [
      '주문번호,상품주문번호,클레임번호,취소수량,취소일,취소사유',
      `${ord},${ord}-1,${claim(1)},1,2026-05-02 09:30:00,단순변심`,
      `${ord},${ord}-2,${claim(0)},1,2026-05-01 10:00:00,단순변심`,
      `NOPE-${stamp},NOPE-1,${claim(2)},1,2026-05-02 09:31:00,단순변심`,
      `${ord},${ord}-1,${claim(3)},하나,2026-05-02 09:32:00,단순변심`,
    ].join('\r\n');
    const file = join(dir, `취소_${stamp}.csv`);
    writeFileSync(file, `${csv}\r\n`, 'utf8');

    const page = await h.signedIn(t.keys.cs);
    await page.getByRole('link', { name: '판매처취소' }).click();
    await page.getByLabel('판매처', { exact: true }).selectOption(channel);
    const brief = page.getByRole('region', { name: '취소 포맷' });
    await expect.poll(() => brief.textContent()).toContain('취소수량 / 클레임수량');
    await page.getByLabel('취소 파일').setInputFiles(file);
    // Held back a moment, so that the upload's progress is there to see.
    await page.route('**/channel-cancellations/import?*', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    }, { times: 1 });
    await page.getByRole('button', { name: '미리보기' }).click();
    await page.getByRole('status', { name: '미리보기 진행' }).locator('progress').waitFor();
    await h.shot(page, 'import-00-uploading');
    const preview = page.getByRole('table', { name: '미리보기' });
    await preview.waitFor();
    const row = (n: number) => preview.locator(`tr[data-row="${n}"]`);
    await expect.poll(() => row(2).textContent()).toMatch(/반영 예정.*CL1-.*\d+/);
    expect(await row(2).textContent()).toContain(String(no));
    await expect.poll(() => row(2).textContent()).toContain('2 / 2 / 0'); // the order's line as it stands: ordered / active / cancelled
    expect(await row(3).textContent()).toContain('중복');
    expect(await row(4).textContent()).toMatch(/거부.*4행.*주문번호에 해당하는 주문이 없습니다/);
    expect(await row(5).textContent()).toMatch(/거부.*5행 D열: 정수가 아닙니다/);
    const summary = page.getByRole('group', { name: '미리보기 요약' });
    expect(await summary.textContent()).toMatch(/전체 4행.*반영 예정 1.*기록 0.*중복 1.*거부 2/);
    await h.shot(page, 'import-01-preview');

    // Nothing changed yet.
    expect((await linesOf(no)).map((l) => [l.active, l.cancelled])).toEqual([[2, 0], [0, 1]]);
    expect(await cancellationsOf(claim(1))).toEqual([]);

    await page.getByRole('button', { name: '적용' }).click();
    const done = page.getByRole('region', { name: '적용 결과' });
    await expect.poll(() => done.textContent()).toMatch(new RegExp(`등록 기록 취소_${stamp}\\.csv · 4행 · 장유리`));
    await expect.poll(() => done.locator('tr[data-row="2"]').textContent()).toContain('2 / 1 / 1');
    expect(await page.getByRole('group', { name: '적용 결과 요약' }).textContent()).toMatch(/반영 1.*중복 1.*거부 2/);
    await h.shot(page, 'import-02-applied');

    expect((await linesOf(no)).map((l) => [l.active, l.cancelled])).toEqual([[1, 1], [0, 1]]);
    const [held] = await cancellationsOf(claim(1));
    expect(held).toMatchObject({ no, cancelledQuantity: 1, appliedQuantity: 1, confirmed: false });

    await done.getByRole('link', { name: '취소결과조회에서 확인' }).click();
    await page.getByLabel('검색어').fill(claim(1));
    await page.getByLabel('검색어').press('Enter');
    await page.getByLabel(`${claim(1)} 선택`).check();
    await h.shot(page, 'import-03-cancellations');
    await page.getByRole('button', { name: '선택 확인' }).click();
    await expect.poll(async () => (await cancellationsOf(claim(1)))[0]?.confirmed).toBe(true);
    await page.context().close();
  });

  it('a refused file is said in Korean: a wrong type, a missing header', async () => {
    const page = await h.signedIn(t.keys.cs);
    await page.getByRole('link', { name: '판매처취소' }).click();
    await page.getByLabel('판매처', { exact: true }).selectOption(channel);
    await page.getByRole('region', { name: '취소 포맷' }).waitFor();
    const text = join(dir, 'memo.txt');
    writeFileSync(text, 'not a table');
    await page.getByLabel('취소 파일').setInputFiles(text);
    await page.getByRole('button', { name: '미리보기' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('.xlsx 또는 .csv 파일만');
    const headless = join(dir, 'headless.csv');
    writeFileSync(headless, '주문번호,상품주문번호,수량\r\nX,X-1,1\r\n');
    await page.getByLabel('취소 파일').setInputFiles(headless);
    await page.getByRole('button', { name: '미리보기' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/필요한 열이 없습니다.*취소수량 \('취소수량' 또는 '클레임수량'\).*취소일/);
    await h.shot(page, 'import-04-refused-file');
    await page.context().close();
  });

  it('엑셀 on 취소결과조회 saves a real workbook under the server\'s name', async () => {
    const page = await h.signedIn(t.keys.cs);
    await page.getByRole('link', { name: '취소결과조회' }).click();
    await page.getByRole('table').waitFor();
    // The export held back a moment: its progress takes the button's place meanwhile.
    await page.route('**/views/cancellations?*format=xlsx*', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    }, { times: 1 });
    const saving = page.waitForEvent('download');
    await page.getByRole('button', { name: '엑셀' }).click();
    await page.getByRole('status', { name: '엑셀 내려받는 중' }).locator('progress').waitFor();
    await h.shot(page, 'import-05-downloading');
    const download = await saving;
    expect(download.suggestedFilename()).toMatch(/^취소결과조회_\d{8}\.xlsx$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(readFileSync(await csv.path()).toString('utf8')).toContain('클레임번호');
    await h.shot(page, 'import-06-downloaded');
    await page.getByRole('link', { name: '취소철회조회' }).click();
    const [withdrawals] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '엑셀' }).click()]);
    expect(withdrawals.suggestedFilename()).toMatch(/^취소철회조회_\d{8}\.xlsx$/);
    expect(readFileSync(await withdrawals.path()).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.context().close();
  });

  it('an analyst sees the channel\'s format but is offered no upload', async () => {
    const page = await h.signedIn(t.keys.analyst);
    await page.getByRole('link', { name: '판매처취소' }).click();
    await page.getByLabel('판매처', { exact: true }).selectOption(channel);
    await page.getByRole('region', { name: '취소 포맷' }).waitFor();
    expect(await page.getByLabel('취소 파일').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '미리보기' }).isDisabled()).toBe(true);
    expect(await page.locator('.channel-import').textContent()).toContain('이 역할로는 판매처취소를 등록할 수 없습니다');
    await page.context().close();
  });
});
