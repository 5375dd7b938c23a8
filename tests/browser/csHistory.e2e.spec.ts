/**
 * CS내역조회 and 기준정보 in Chromium: entries made through the API (보류설정 with a memo, a CS메모) are
 * found by the screen's filters, an entry's thread opens beside the table, CS선택중복 adds an entry,
 * CS선택완료 and CS일괄완료 complete them on the server; a product is registered and edited, a channel
 * registered, and a channel's cancellation format gains a header name and a reason mapping (and a refused
 * save names its field); an analyst sees no edit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/browser.js';
import { browserRunnable, startConsoleHarness } from '../support/browser.js';

describe.runIf(browserRunnable('csHistory'))('CS내역조회 and 기준정보 in Chromium', () => {
  let h: ConsoleHarness;
  let t: ConsoleHarness['t'];
  const tag = String(Date.now()).slice(-7);
  const recipient = `내역고객${tag}`;
  let no = 0;

  const screen = async (page: Page, label: string) => page.getByRole('navigation', { name: '화면' }).getByRole('link', { name: label }).click();
  const historyOf = async (n: number) => ((await t.call(t.keys.cs, 'GET', `/orders/${n}/history`)).json() as { items: { entryId: string; workType: string; processed: boolean }[] }).items;

  beforeAll(async () => {
    h = await startConsoleHarness();
    ({ t } = h);
    no = await h.create({ buyer: { name: recipient, mobile: '010-2390-1961' }, recipient: { name: recipient, mobile: '010-2390-1961', address: '경기도 안양시 만안구 안양천로 177' } });
    const held = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: `주소 확인 중 ${tag}`, alarmAt: '2030-01-01T09:00:00+09:00' });
    expect(held.statusCode, held.body).toBe(200);
    const memo = await t.call(t.keys.cs2, 'POST', `/orders/${no}/memos`, { text: `고객 재문의 ${tag}` });
    expect(memo.statusCode, memo.body).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('CS내역조회: filter to the order, open its thread, CS선택중복, CS선택완료 one, CS일괄완료 the rest', async () => {
    const page = await h.signedIn(t.keys.cs);
    await screen(page, 'CS내역조회');
    await page.getByLabel('처리여부').selectOption('false');
    await page.getByLabel('검색어').fill(recipient);
    await page.getByLabel('검색어').press('Enter');
    const held = page.getByRole('row').filter({ hasText: '보류설정' }).filter({ hasText: String(no) });
    const memo = page.getByRole('row').filter({ hasText: `고객 재문의 ${tag}` });
    await held.waitFor();
    await memo.waitFor();
    expect(await memo.textContent()).toContain('함정리');
    expect(await page.locator('a.download').first().getAttribute('href')).toBe(`/views/cs-history?${new URLSearchParams({ processed: 'false', q: recipient, format: 'xlsx' })}`);

    await held.getByRole('button', { name: `${no} 보류설정 내역 보기` }).click();
    const thread = page.getByRole('complementary', { name: 'CS 내역 보기' });
    await thread.getByText(`관리번호 ${no}`).waitFor();
    await thread.getByText(`고객 재문의 ${tag}`).waitFor();
    await thread.getByText(`주소 확인 중 ${tag}`).waitFor();
    await h.shot(page, 'history-01-list-and-thread');

    // CS선택중복: one more CS 내역 on the selected row's order.
    await memo.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'CS선택중복' }).click();
    await page.getByRole('dialog').getByLabel('CS 내역').fill(`재통화 예정 ${tag}`);
    await page.getByRole('dialog').getByLabel('CS 내역').press('Enter');
    await page.getByRole('status').filter({ hasText: 'CS 내역 추가 1건' }).waitFor();
    await page.getByRole('row').filter({ hasText: `재통화 예정 ${tag}` }).waitFor();
    expect(await memo.getByRole('checkbox').isChecked()).toBe(false);

    await held.getByRole('checkbox').check();
    await page.getByRole('button', { name: /^CS선택완료/ }).click();
    await page.getByRole('status').filter({ hasText: '완료 1건' }).waitFor();
    // 미처리만: the completed row leaves the list, the memo stays.
    await held.waitFor({ state: 'detached' });
    await memo.waitFor();
    const afterOne = await historyOf(no);
    expect(afterOne.find((e) => e.workType === 'OrderHeld')).toMatchObject({ processed: true });
    expect(afterOne.find((e) => e.workType === 'CsMemoAdded')).toMatchObject({ processed: false });

    await page.getByRole('button', { name: 'CS일괄완료' }).click();
    const dialog = page.getByRole('dialog');
    const open = afterOne.filter((e) => !e.processed).length;
    await expect.poll(() => dialog.textContent()).toContain(`미처리 CS ${open}건`);
    await h.shot(page, 'history-02-complete-all-confirm');
    await dialog.getByRole('button', { name: '완료처리' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: `완료 ${open}건` }).waitFor();
    await page.getByText('CS 내역이 없습니다.').waitFor();
    expect((await historyOf(no)).every((e) => e.processed)).toBe(true);

    await page.getByLabel('처리여부').selectOption('true');
    await page.getByLabel('검색어').press('Enter');
    await memo.waitFor();
    expect(await memo.locator('td.state').textContent()).toBe('완료');
    await h.shot(page, 'history-03-completed');
    await page.context().close();
  }, 90_000);

  it('기준정보: register and edit a product (its 우선순위 list), register a channel', async () => {
    const code = `P${tag}`;
    const page = await h.signedIn(t.keys.cs);
    await screen(page, '기준정보');
    await page.getByRole('button', { name: '상품등록' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('상품코드').fill(code);
    await dialog.getByLabel('상품명').fill('스텐 냄비 세트');
    await dialog.getByLabel('옵션').fill('대형');
    await dialog.getByLabel('판매가').fill('29400');
    await dialog.getByLabel('공급가').fill('18000');
    await dialog.getByLabel('공급처').fill('공급처 1');
    await dialog.getByLabel('현재고').fill('12');
    await h.shot(page, 'master-01-product-dialog');
    await dialog.getByLabel('현재고').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const stored = (await t.call(t.keys.cs, 'GET', `/products?q=${code}`)).json() as { items: unknown[] };
    expect(stored.items).toMatchObject([{ code, name: '스텐 냄비 세트', option: '대형', salePrice: 29400, supplyPrice: 18000, supplier: '공급처 1', stock: 12 }]);

    // The same code again is refused beside 상품코드.
    await page.getByRole('button', { name: '상품등록' }).click();
    await dialog.getByLabel('상품코드').fill(code);
    await dialog.getByLabel('상품명').fill('중복');
    await dialog.getByLabel('판매가').fill('1');
    await dialog.getByLabel('공급가').fill('1');
    await dialog.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => dialog.getByRole('alert').first().textContent()).toContain('이미 등록된 상품코드');
    await dialog.getByRole('button', { name: '닫기' }).click();

    const ordered = await h.create({ lines: [{ productCode: code, productName: '스텐 냄비 세트', option: '대형', quantity: 3, unitPrice: 29400 }] });
    await page.getByLabel('상품 검색어').fill(code);
    await page.getByLabel('상품 검색어').press('Enter');
    await page.getByRole('button', { name: `${code} 수정` }).click();
    await dialog.getByLabel('판매가').fill('31000');
    await dialog.getByRole('button', { name: '저장' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await t.call(t.keys.cs, 'GET', `/products/${code}`)).json()).toMatchObject({ salePrice: 31000, supplyPrice: 18000, stock: 12 });
    const row = page.getByRole('row').filter({ hasText: code }).first();
    await expect.poll(() => row.textContent()).toContain('31,000');
    await page.getByRole('region', { name: `${code} 우선순위` }).getByRole('row').filter({ hasText: String(ordered) }).waitFor();
    await h.shot(page, 'master-02-products-priority');

    const channel = `내역몰${tag}`;
    await page.getByRole('tab', { name: '판매처' }).click();
    await page.getByRole('button', { name: '판매처등록' }).click();
    await dialog.getByLabel('판매처명').fill(channel);
    await dialog.getByLabel('그룹').fill('오픈마켓');
    await dialog.getByRole('button', { name: '저장' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: `${channel} 취소 포맷` }).getByText('저장된 포맷 없음').waitFor();
    expect(((await t.call(t.keys.cs, 'GET', `/channels?q=${encodeURIComponent(channel)}`)).json() as { items: unknown[] }).items).toMatchObject([{ name: channel, group: '오픈마켓', active: true }]);
    await page.context().close();
  }, 90_000);

  it('기준정보: a channel\'s cancellation format gains a header name and a reason; a refused save names its field', async () => {
    const channel = `포맷몰${tag}`;
    const path = `/channels/${encodeURIComponent(channel)}/cancellation-format`;
    expect((await t.call(t.keys.cs, 'POST', '/channels', { name: channel })).statusCode).toBe(201);
    const put = await t.call(t.keys.cs, 'PUT', path, {
      columns: { channelOrderNo: '주문번호', channelLineNo: '상품주문번호', quantity: '취소수량', cancelledAt: ['취소일', '클레임요청일'], reason: '취소사유' },
      reasons: { 단순변심: 'return_refund' },
      withdrawnValues: ['CANCEL_REJECT'],
    });
    expect(put.statusCode, put.body).toBe(200);
    const page = await h.signedIn(t.keys.cs);
    await screen(page, '기준정보');
    await page.getByRole('tab', { name: '판매처' }).click();
    await page.getByLabel('판매처명 검색').fill(channel);
    await page.getByLabel('판매처명 검색').press('Enter');
    await page.getByRole('button', { name: `${channel} 취소 포맷` }).click();
    const editor = page.getByRole('region', { name: `${channel} 취소 포맷` });
    await editor.getByText('클레임요청일').waitFor();

    await editor.getByLabel('취소수량 헤더 추가').fill('클레임수량');
    await editor.getByLabel('취소수량 헤더 추가').press('Enter');
    await editor.getByRole('button', { name: '사유 추가' }).click();
    await editor.getByLabel('판매처 사유 2').fill('배송 지연');
    await editor.getByLabel('우리 사유 2').selectOption({ label: '취소-배송지연' });
    await editor.getByLabel('기본 사유').selectOption('cancel_quality');
    await editor.getByRole('button', { name: '포맷 저장' }).click();
    await editor.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
    await h.shot(page, 'master-03-cancellation-format');
    const saved = (await t.call(t.keys.cs, 'GET', path)).json() as Record<string, unknown>;
    expect(saved).toMatchObject({
      columns: { quantity: ['취소수량', '클레임수량'], cancelledAt: ['취소일', '클레임요청일'], channelOrderNo: '주문번호' },
      reasons: { 단순변심: 'return_refund', '배송 지연': 'cancel_delay' },
      defaultReason: 'cancel_quality',
      withdrawnValues: ['CANCEL_REJECT'],
    });

    // 주문번호 is required: without its header the server refuses, beside 주문번호, and keeps the format.
    await editor.getByRole('button', { name: '주문번호 헤더 주문번호 삭제' }).click();
    await editor.getByRole('button', { name: '포맷 저장' }).click();
    const beside = editor.locator('[data-field="channelOrderNo"]').getByRole('alert');
    await expect.poll(() => beside.textContent()).toContain('입력값을 확인하세요');
    await h.shot(page, 'master-04-format-refused');
    expect((await t.call(t.keys.cs, 'GET', path)).json()).toMatchObject({ columns: { channelOrderNo: '주문번호' } });
    await page.context().close();
  }, 90_000);

  it('an analyst reads CS내역조회 and 기준정보 but is offered no completion and no edit', async () => {
    const page = await h.signedIn(t.keys.analyst);
    await screen(page, 'CS내역조회');
    await page.getByLabel('검색어').fill(recipient);
    await page.getByLabel('검색어').press('Enter');
    await page.getByRole('row').filter({ hasText: '보류설정' }).waitFor();
    expect(await page.getByRole('button', { name: /CS선택완료|CS일괄완료|CS선택중복/ }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await h.shot(page, 'history-04-analyst');

    await screen(page, '기준정보');
    await page.getByLabel('상품 검색어').fill(`P${tag}`);
    await page.getByLabel('상품 검색어').press('Enter');
    await page.getByRole('row').filter({ hasText: `P${tag}` }).waitFor();
    expect(await page.getByRole('button', { name: /상품등록|수정/ }).count()).toBe(0);
    await page.getByRole('tab', { name: '판매처' }).click();
    await page.getByLabel('판매처명 검색').fill(`포맷몰${tag}`);
    await page.getByLabel('판매처명 검색').press('Enter');
    await page.getByRole('button', { name: `포맷몰${tag} 취소 포맷` }).click();
    const editor = page.getByRole('region', { name: `포맷몰${tag} 취소 포맷` });
    await editor.getByText('클레임수량').waitFor();
    expect(await page.getByRole('button', { name: /판매처등록|수정|포맷 저장|사유 추가|삭제/ }).count()).toBe(0);
    await h.shot(page, 'master-05-analyst');
    await page.context().close();
  }, 90_000);
});
