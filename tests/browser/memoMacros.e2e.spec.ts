/**
 * 매크로 in Chromium: a CS worker saves a memo template on the 매크로 screen (a wrong placeholder is
 * refused beside 내용 and nothing is saved), then in the CS창 one click on it fills the action
 * dialog's CS 메모 box with the order line's real 상품명 and 옵션 (the chosen line when the action has
 * one, else the first), and the memo sent lands in the order's CS 이력. An analyst gets no macros.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/browser.js';
import { browserRunnable, startConsoleHarness } from '../support/browser.js';

describe.runIf(browserRunnable('memo macros'))('memo macros in Chromium', () => {
  let h: ConsoleHarness;
  let t: ConsoleHarness['t'];
  const run = Math.random().toString(36).slice(2, 7);
  const title = `품절 안내 ${run}`;

  beforeAll(async () => {
    h = await startConsoleHarness();
    ({ t } = h);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a CS worker saves a macro, inserts it with one click in the CS창 and the memo reaches the CS 이력', async () => {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const mobile = `010-${digits.slice(0, 4)}-${digits.slice(4)}`;
    const no = await h.create({ buyer: { name: '매크로고객', mobile }, recipient: { name: '매크로고객', mobile, address: '서울시 마포구 월드컵로 1' } });
    const page = await h.signedIn(t.keys.cs);

    await page.getByRole('navigation', { name: '화면' }).getByRole('link', { name: '매크로' }).click();
    await page.getByRole('button', { name: '매크로 추가' }).click();
    const dialog = page.getByRole('dialog', { name: '매크로 추가' });
    await dialog.waitFor();
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe('제목');
    await dialog.getByLabel('제목').fill(title);
    await dialog.getByLabel('내용').fill('{상품명} {수량}개 품절 안내');
    await dialog.getByLabel('내용').press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('{상품명}과 {옵션}뿐');
    expect(await dialog.getByLabel('내용').getAttribute('aria-invalid')).toBe('true');
    await h.shot(page, 'macros-01-placeholder-refused');
    expect(((await t.call(t.keys.cs, 'GET', '/memo-macros')).json() as { items: { title: string }[] }).items.some((m) => m.title === title)).toBe(false);

    await dialog.getByLabel('내용').fill('');
    await dialog.getByRole('button', { name: '{상품명} 넣기' }).click();
    await dialog.getByLabel('내용').press('End');
    await dialog.getByLabel('내용').pressSequentially(' ');
    await dialog.getByRole('button', { name: '{옵션} 넣기' }).click();
    await dialog.getByLabel('내용').pressSequentially(' 품절 안내');
    expect(await dialog.getByLabel('내용').inputValue()).toBe('{상품명} {옵션} 품절 안내');
    await dialog.getByRole('button', { name: '저장' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain('{상품명} {옵션} 품절 안내');
    await h.shot(page, 'macros-02-list');
    const saved = (await t.call(t.keys.cs, 'GET', '/memo-macros')).json() as { items: { title: string; body: string; team: string; createdBy: string }[] };
    expect(saved.items.find((m) => m.title === title)).toMatchObject({ body: '{상품명} {옵션} 품절 안내', team: '기본', createdBy: '장유리' });

    // The CS창: the order, then an action with a line (the chosen line fills in), then CS 메모 (the first line).
    await page.getByRole('navigation', { name: '화면' }).getByRole('link', { name: 'CS창' }).click();
    await page.getByLabel('검색어').fill(mobile.replaceAll('-', ''));
    await page.getByLabel('검색어').press('Enter');
    await page.getByRole('row').filter({ hasText: String(no) }).click();
    const toolbar = page.getByRole('navigation', { name: 'CS 작업' });
    await toolbar.waitFor();

    await toolbar.getByRole('button', { name: '개별취소', exact: true }).click();
    const cancel = page.getByRole('dialog');
    await cancel.getByLabel('상품').selectOption('2');
    await cancel.getByRole('group', { name: '매크로' }).getByRole('button', { name: title }).click();
    expect(await cancel.getByLabel('CS 메모').inputValue()).toBe('실리콘 주걱 세트 그레이 품절 안내');
    await cancel.getByRole('button', { name: '닫기' }).click();
    await cancel.waitFor({ state: 'detached' });

    const memo = await h.act(page, 'CS 메모', async (d) => {
      await d.getByLabel('메모', { exact: true }).fill('고객에게 품절 문자 발송');
      await d.getByRole('group', { name: '매크로' }).getByRole('button', { name: title }).click();
      expect(await d.getByLabel('CS 메모').inputValue()).toBe('카트야로 스텐 냄비 3종 본품 품절 안내');
      await h.shot(page, 'macros-03-picker-filled');
    });
    await memo.waitFor({ state: 'detached' });
    const pane = page.getByRole('region', { name: `주문 ${no}` });
    await pane.getByText('카트야로 스텐 냄비 3종 본품 품절 안내').first().waitFor();
    await h.shot(page, 'macros-04-history');
    const history = (await t.call(t.keys.cs, 'GET', `/orders/${no}/history`)).json() as { items: { content: string; memo: string | null; worker: string }[] };
    const entry = history.items.find((e) => e.memo === '카트야로 스텐 냄비 3종 본품 품절 안내' || e.content.includes('카트야로 스텐 냄비 3종 본품 품절 안내'));
    expect(entry, JSON.stringify(history.items)).toMatchObject({ worker: '장유리' });
    await page.context().close();
  });

  it('edit and delete from the 매크로 screen: a title already taken is refused beside 제목; Esc closes', async () => {
    const other = `배송 지연 ${run}`;
    const taken = `주소 문의 ${run}`;
    for (const [name, body] of [[other, '{상품명} 배송 지연'], [taken, '주소 문의']]) {
      expect((await t.call(t.keys.cs, 'POST', '/memo-macros', { title: name, body })).statusCode).toBe(201);
    }
    const page = await h.signedIn(t.keys.cs);
    await page.getByRole('navigation', { name: '화면' }).getByRole('link', { name: '매크로' }).click();
    await page.getByRole('button', { name: `${other} 수정` }).click();
    const edit = page.getByRole('dialog', { name: `매크로 수정 — ${other}` });
    await edit.getByLabel('제목').fill(taken);
    await edit.getByLabel('제목').press('Enter');
    await expect.poll(() => edit.getByRole('alert').textContent()).toContain('같은 제목의 매크로');
    await h.shot(page, 'macros-05-title-taken');
    await edit.getByLabel('제목').press('Escape');
    await edit.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `${other} 수정` }).click();
    await edit.getByLabel('내용').fill('{옵션} 배송 지연 안내');
    await edit.getByLabel('순서').fill('9');
    await edit.getByRole('button', { name: '저장' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: '{옵션} 배송 지연 안내' }).waitFor();
    type Listed = { items: { title: string; body: string; position: number }[] };
    expect(((await t.call(t.keys.cs, 'GET', '/memo-macros')).json() as Listed).items.find((m) => m.title === other)).toMatchObject({ body: '{옵션} 배송 지연 안내', position: 9 });

    await page.getByRole('button', { name: `${other} 삭제` }).click();
    await page.getByRole('dialog', { name: '매크로 삭제' }).getByRole('button', { name: '삭제' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: other }).waitFor({ state: 'detached' });
    expect(((await t.call(t.keys.cs, 'GET', '/memo-macros')).json() as Listed).items.map((m) => m.title)).toContain(taken);
    expect(((await t.call(t.keys.cs, 'GET', '/memo-macros')).json() as Listed).items.map((m) => m.title)).not.toContain(other);
    await page.context().close();
  });

  it('an analyst sees no macros: the screen says so, and GET /memo-macros is refused', async () => {
    const page = await h.signedIn(t.keys.analyst);
    await page.getByRole('navigation', { name: '화면' }).getByRole('link', { name: '매크로' }).click();
    await page.getByText('이 역할로는 매크로를 볼 수 없습니다.').waitFor();
    expect(await page.getByRole('button', { name: '매크로 추가' }).count()).toBe(0);
    expect((await t.call(t.keys.analyst, 'GET', '/memo-macros')).statusCode).toBe(403);
    await page.context().close();
  });
});
