/**
 * The CS창 toolbar's other actions in Chromium: 배송정보변경 (the panel shows the new address), 합포추가
 * refused for a 관리번호 that does not exist (the Korean problem beside its field), then of two orders
 * and 합포제외, 상품변경 through the product search, 주문복사 (the new order exists, and opens), 우선순위
 * with the product's list, 회수, 반품예정 and 교환 of a shipped order, and 주문삭제. Each checks what the
 * server then holds. Screenshots: tests/artifacts/actions-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/browser.js';
import { browserRunnable, startConsoleHarness } from '../support/browser.js';
import { freshTrackingNumber } from '../support/app.js';

interface OrderView {
  recipient: { name: string; address: string; memo?: string; zip?: string };
  package: { id: number; members: number[] } | null;
  lines: { lineId: number; productCode: string; productName: string }[];
  copiedFrom: { no: number; whole: boolean } | null;
  returnPickups: { pickupId: number; state: string; lines: { lineId: number; pickedUp: number }[]; fees: { site: { expected: number } } }[];
  priorities: Record<string, number>;
}

describe.runIf(browserRunnable('csActions'))('the CS창 toolbar actions in Chromium', () => {
  let h: ConsoleHarness;
  let t: ConsoleHarness['t'];
  const suffix = String(Date.now()).slice(-7);
  const product = { code: `ACT${suffix}`, name: `액션테스트 법랑 냄비 ${suffix}`, option: '24cm 아이보리' };

  const view = async (no: number) => (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json() as OrderView;
  /** A fresh order with a recipient no other test uses, so a search finds it alone. */
  const order = async (name: string, overrides: Record<string, unknown> = {}) => {
    const recipient = { name, mobile: '010-2390-1961', zip: '13950', address: '경기도 안양시 만안구 안양천로 177', memo: '문 앞' };
    return h.create({ buyer: { name, mobile: '010-2390-1961' }, recipient, ...overrides });
  };
  const openPanel = async (page: Page, no: number) => {
    await page.getByLabel('검색어').fill(String(no));
    await page.getByLabel('검색어').press('Enter');
    await page.getByRole('row').filter({ hasText: String(no) }).first().click();
    const panel = page.getByRole('region', { name: `주문 ${no}` });
    await panel.getByText('주문상세').waitFor();
    return panel;
  };
  const closed = (page: Page) => page.getByRole('dialog').waitFor({ state: 'detached' });

  beforeAll(async () => {
    h = await startConsoleHarness();
    ({ t } = h);
    const made = await t.call(t.keys.cs, 'POST', '/products', { ...product, salePrice: 31500, supplyPrice: 18000, supplier: '한빛주방', stock: 12 });
    expect(made.statusCode, made.body).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('배송정보변경: the dialog opens with the order\'s recipient; the panel then shows the new address', async () => {
    const no = await order(`배송변경${suffix}`);
    const page = await h.signedIn(t.keys.cs);
    const panel = await openPanel(page, no);
    await h.act(page, '배송정보변경', async (d) => {
      expect(await d.getByLabel('수령자', { exact: true }).inputValue()).toBe(`배송변경${suffix}`);
      expect(await d.getByLabel('주소').inputValue()).toBe('경기도 안양시 만안구 안양천로 177');
      await d.getByLabel('우편번호').fill('06236');
      await d.getByLabel('주소').fill('서울특별시 강남구 테헤란로 152 강남파이낸스센터 21층');
      await d.getByLabel('배송메모').fill('경비실에 맡겨 주세요');
      await d.getByLabel('CS 메모').fill('고객 요청: 회사로 주소 변경');
      await h.shot(page, 'actions-01-delivery-info');
    });
    await closed(page);
    await panel.locator('p.recipient', { hasText: '서울특별시 강남구 테헤란로 152 강남파이낸스센터 21층' }).waitFor();
    await panel.getByText('배송메모 경비실에 맡겨 주세요').waitFor();
    await panel.getByText('고객 요청: 회사로 주소 변경').waitFor();
    await h.shot(page, 'actions-02-delivery-info-done');
    expect((await view(no)).recipient).toMatchObject({ address: '서울특별시 강남구 테헤란로 152 강남파이낸스센터 21층', zip: '06236', memo: '경비실에 맡겨 주세요', name: `배송변경${suffix}` });
    await page.context().close();
  }, 60_000);

  it('합포추가: an unknown 관리번호 is refused beside its field and nothing changes; two orders merge, then 합포제외', async () => {
    const [a, b] = [await order(`합포고객${suffix}`), await order(`합포고객${suffix}`)];
    const page = await h.signedIn(t.keys.cs);
    const panel = await openPanel(page, a);

    const refused = await h.act(page, '합포추가', async (d) => d.getByLabel('추가 관리번호').fill('987654321'));
    const field = refused.locator('label').filter({ has: page.getByLabel('추가 관리번호') });
    await expect.poll(() => field.getByRole('alert').textContent()).toContain('합포할 관리번호의 주문이 없습니다');
    expect(await field.getByRole('alert').textContent()).toContain('MERGE_ORDER_NOT_FOUND');
    await h.shot(page, 'actions-03-merge-refused');
    expect((await view(a)).package).toBeNull();

    await refused.getByLabel('추가 관리번호').fill(String(b));
    await refused.getByText(`합포고객${suffix} · 11번가 법인 · 접수`).waitFor();
    await refused.getByRole('button', { name: '확인' }).click();
    await closed(page);
    await panel.getByText(`합포 ${a}:`).waitFor();
    await panel.getByRole('button', { name: `관리번호 ${b} 열기` }).waitFor();
    await h.shot(page, 'actions-04-merged');
    expect((await view(a)).package).toEqual({ id: a, members: [a, b] });
    expect((await view(b)).package).toEqual({ id: a, members: [a, b] });

    await h.act(page, '합포제외', async (d) => d.getByLabel('CS 메모').fill('따로 배송 요청'));
    await closed(page);
    await expect.poll(async () => panel.getByText(`합포 ${a}:`).count()).toBe(0);
    await page.getByRole('navigation', { name: 'CS 작업' }).getByRole('button', { name: '합포추가', exact: true }).waitFor();
    expect((await view(a)).package).toBeNull();
    expect((await view(b)).package).toBeNull();
    await page.context().close();
  }, 60_000);

  it('상품변경 through the product search (typing, then picking one); 우선순위 shows the product\'s list', async () => {
    // An older order waits for the product: it ships first until this one goes to the top.
    const older = await order(`상품변경${suffix}`, { lines: [{ productCode: product.code, productName: product.name, option: product.option, quantity: 1, unitPrice: 31500 }] });
    const no = await order(`상품변경${suffix}`);
    const page = await h.signedIn(t.keys.cs);
    const panel = await openPanel(page, no);
    await h.act(page, '상품변경', async (d) => {
      await d.getByLabel('상품', { exact: true }).selectOption('2');
      await d.getByLabel('변경할 상품').fill(`법랑 냄비 ${suffix}`);
      const option = d.getByRole('option').filter({ hasText: product.code });
      await option.waitFor();
      expect(await option.textContent()).toContain('24cm 아이보리');
      await h.shot(page, 'actions-05-product-search');
      await option.click();
      await d.getByText(`선택: ${product.code} ${product.name} / ${product.option}`).waitFor();
      await d.getByLabel('CS 메모').fill('옵션 변경 요청');
    });
    await closed(page);
    await panel.locator('tr[data-line="2"]').getByText(product.name).waitFor();
    expect((await view(no)).lines[1]).toMatchObject({ lineId: 2, productCode: product.code, productName: product.name });

    const before = ((await t.call(t.keys.cs, 'GET', `/products/${product.code}/priority`)).json() as { items: { no: number }[] }).items.map((i) => i.no);
    expect(before).toEqual([older, no]);
    await h.act(page, '우선순위', async (d) => {
      await d.getByLabel('상품', { exact: true }).selectOption(product.code);
      const list = d.getByRole('region', { name: '기존 우선순위 목록' });
      await list.getByRole('row').filter({ hasText: String(older) }).waitFor();
      await list.getByRole('row').filter({ hasText: String(no) }).waitFor();
      await h.shot(page, 'actions-06-priority');
      await d.getByLabel('위치').selectOption('top');
    });
    await closed(page);
    const ranking = async () => ((await t.call(t.keys.cs, 'GET', `/products/${product.code}/priority`)).json() as { items: { no: number }[] }).items.map((i) => i.no);
    expect(await ranking()).toEqual([no, older]);
    expect((await view(no)).priorities[product.code]).toBeGreaterThan(0);
    await page.context().close();
  }, 60_000);

  it('주문복사: the new order\'s 관리번호 is announced, it exists on the server, and opens', async () => {
    const no = await order(`복사고객${suffix}`);
    const page = await h.signedIn(t.keys.cs);
    await openPanel(page, no);
    await h.act(page, '주문복사', async (d) => d.getByLabel('CS 메모').fill('재발송용 복사'));
    await closed(page);
    const notice = page.getByRole('status').filter({ hasText: '새 주문 관리번호' });
    await notice.waitFor();
    const copyNo = Number(/새 주문 관리번호 (\d+)/.exec((await notice.textContent()) ?? '')?.[1]);
    expect(copyNo).toBeGreaterThan(no);
    await h.shot(page, 'actions-07-copied');
    expect((await view(copyNo)).copiedFrom).toEqual({ no, whole: false });
    await notice.getByRole('button', { name: '열기' }).click();
    const copy = page.getByRole('region', { name: `주문 ${copyNo}` });
    await copy.getByText(`주문복사 원주문`).waitFor();
    await page.context().close();
  }, 60_000);

  it('회수 of a shipped order: the pickup with its fee shows in the panel and on the server', async () => {
    const no = await order(`회수고객${suffix}`);
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() })).statusCode).toBe(200);
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/shipment`, {})).statusCode).toBe(200);
    const page = await h.signedIn(t.keys.cs);
    const panel = await openPanel(page, no);
    await h.act(page, '회수', async (d) => {
      expect(await d.getByLabel('선택 상품 자동 입고예정 등록').isChecked()).toBe(true);
      await d.getByLabel('회수 수량 1').fill('1');
      await d.getByLabel('사유').selectOption('return_defect');
      await d.getByLabel('반품배송비 사이트결제').fill('3000');
      await d.getByLabel('CS 메모').fill('불량 회수 요청');
      await h.shot(page, 'actions-08-pickup');
    });
    await closed(page);
    const row = panel.getByRole('region', { name: '회수' }).locator('tr[data-pickup="1"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('요청');
    expect(await row.textContent()).toContain('사이트결제 3,000/0');
    await panel.getByText('불량 회수 요청').waitFor();
    await h.shot(page, 'actions-09-pickup-done');
    const pickups = (await view(no)).returnPickups;
    expect(pickups).toMatchObject([{ pickupId: 1, state: 'requested', lines: [{ lineId: 1, pickedUp: 1 }], fees: { site: { expected: 3000 } } }]);
    await page.context().close();
  }, 60_000);
  it('반품예정 and 교환 on a shipped order (the replacement order is announced); 주문삭제 of a received one', async () => {
    const no = await order(`교환고객${suffix}`);
    expect((await t.call(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() })).statusCode).toBe(200);
    expect((await t.call(t.keys.cs, 'POST', `/orders/${no}/shipment`, {})).statusCode).toBe(200);
    const page = await h.signedIn(t.keys.cs);
    const panel = await openPanel(page, no);
    await h.act(page, '반품예정', async (d) => d.getByLabel('CS 메모').fill('고객이 반품 문의'));
    await closed(page);
    await panel.locator('.flag', { hasText: '반품예정' }).waitFor(); // the order's flag, not its CS 이력 entry of the same name
    expect((await view(no)) as unknown).toMatchObject({ returnExpected: true });

    await h.act(page, '교환', async (d) => {
      await d.getByLabel('교환 구분').selectOption('defect');
      await d.getByLabel('교환 수량 2').fill('1');
      await h.shot(page, 'actions-10-exchange');
    });
    await closed(page);
    const notice = page.getByRole('status').filter({ hasText: '교환주문 관리번호' });
    await notice.waitFor();
    const replacementNo = Number(/교환주문 관리번호 (\d+)/.exec((await notice.textContent()) ?? '')?.[1]);
    expect((await view(replacementNo)) as unknown).toMatchObject({ replacementOf: { no, exchangeType: 'defect' }, lines: [{ productCode: '41002' }] });
    await panel.locator('.order-links').getByText('불량교환').waitFor();

    const doomed = await order(`삭제고객${suffix}`);
    const other = await openPanel(page, doomed);
    await h.act(page, '주문삭제', async (d) => d.getByLabel('CS 메모').fill('중복 주문'));
    await closed(page);
    await other.getByText('삭제됨', { exact: false }).waitFor();
    expect(await page.getByRole('navigation', { name: 'CS 작업' }).getByRole('button').count()).toBe(0);
    expect((await view(doomed)) as unknown).toMatchObject({ deleted: true });
    await page.context().close();
  }, 60_000);
});
