/**
 * 매크로: each team's saved CS memo templates. CRUD for CS workers; a team sees and changes only its
 * own (another team's macro is not found); titles unique per team; only {상품명} and {옵션} as
 * placeholders; unknown fields refused; an analyst may not read them; a cookie session needs its CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, startTestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

interface Macro {
  id: string;
  team: string;
  title: string;
  body: string;
  position: number;
  createdBy: string;
  updatedBy: string;
}

describe.each(testDatabases)('memo macros on $name', (database) => {
  let t: TestApp;
  // Teams of this run only: the database is shared with other files and runs.
  const run = Math.random().toString(36).slice(2, 8);
  const teamA = `물류CS-${run}`;
  const teamB = `고객센터-${run}`;
  const keys = { a: '', a2: '', b: '' };

  const newKey = async (worker: string, role: string, team?: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api-keys', payload: { worker, role, ...(team ? { team } : {}) }, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { key: string; keyId: string; team: string };
  };
  const list = async (key: string) => {
    const res = await t.call(key, 'GET', '/memo-macros');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Macro[]; total: number }).items;
  };

  beforeAll(async () => {
    t = await startTestApp(database);
    keys.a = (await newKey('김매크', 'cs', teamA)).key;
    keys.a2 = (await newKey('이매크', 'cs', teamA)).key;
    keys.b = (await newKey('박매크', 'cs', teamB)).key;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('a key carries its team (기본 when left out): POST and GET /api-keys, and GET /session', async () => {
    const plain = await newKey('팀없음', 'cs');
    expect(plain.team).toBe('기본');
    const listed = (await t.call(ADMIN_KEY, 'GET', '/api-keys')).json() as { items: { keyId: string; team: string; worker: string }[] };
    expect(listed.items.find((k) => k.keyId === plain.keyId)).toMatchObject({ team: '기본' });
    expect(listed.items.find((k) => k.worker === '김매크')).toMatchObject({ team: teamA });
    const signedIn = await t.app.inject({ method: 'POST', url: '/session', payload: { key: keys.b } });
    expect(signedIn.json()).toMatchObject({ worker: '박매크', team: teamB, can: { memoMacros: true } });
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0] as string;
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie } })).json()).toMatchObject({ team: teamB });
    const blank = await t.app.inject({ method: 'POST', url: '/api-keys', payload: { worker: '빈팀', role: 'cs', team: ' ' }, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(blank.statusCode).toBe(422);
    expect(blank.json()).toMatchObject({ errors: [{ field: 'team' }] });
  });

  it('create, list in order, change and delete; the team shares them', async () => {
    const first = await t.call(keys.a, 'POST', '/memo-macros', { title: '품절 안내', body: '{상품명} {옵션} 품절 안내드립니다.' });
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json() as Macro;
    expect(made).toMatchObject({ team: teamA, title: '품절 안내', body: '{상품명} {옵션} 품절 안내드립니다.', position: 0, createdBy: '김매크', updatedBy: '김매크' });
    expect(first.headers.location).toBe(`/memo-macros/${made.id}`);
    const second = (await t.call(keys.a2, 'POST', '/memo-macros', { title: '  배송 지연 ', body: '배송이 지연되고 있습니다.' })).json() as Macro;
    expect(second).toMatchObject({ title: '배송 지연', position: 1, createdBy: '이매크' });
    const top = (await t.call(keys.a, 'POST', '/memo-macros', { title: '맨 앞', body: '고객 통화 완료', position: 0 })).json() as Macro;

    expect((await list(keys.a2)).map((m) => m.title)).toEqual(['맨 앞', '품절 안내', '배송 지연']);

    const changed = await t.call(keys.a2, 'PUT', `/memo-macros/${made.id}`, { title: '품절 안내 (옵션)', body: '{옵션} 옵션 품절: {상품명}', position: 5 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id: made.id, title: '품절 안내 (옵션)', body: '{옵션} 옵션 품절: {상품명}', position: 5, createdBy: '김매크', updatedBy: '이매크' });
    // Left out, the position stays.
    expect((await t.call(keys.a, 'PUT', `/memo-macros/${made.id.toUpperCase()}`, { title: '품절 안내', body: '{상품명} 품절' })).json()).toMatchObject({ position: 5 });
    expect((await list(keys.a)).map((m) => m.title)).toEqual(['맨 앞', '배송 지연', '품절 안내']);

    const deleted = await t.call(keys.a, 'DELETE', `/memo-macros/${top.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await list(keys.a)).map((m) => m.id)).toEqual([second.id, made.id]);
    const again = await t.call(keys.a, 'DELETE', `/memo-macros/${top.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'MACRO_NOT_FOUND' });
  });

  it('a team sees only its own; another team\'s macro is not found, and stays as it was', async () => {
    const mine = (await t.call(keys.b, 'POST', '/memo-macros', { title: '품절 안내', body: 'B팀 안내' })).json() as Macro;
    expect(mine.team).toBe(teamB);
    expect((await list(keys.b)).map((m) => m.title)).toEqual(['품절 안내']);
    const aMacros = await list(keys.a);
    expect(aMacros.every((m) => m.team === teamA)).toBe(true);
    expect(aMacros.some((m) => m.id === mine.id)).toBe(false);
    const aOne = aMacros[0] as Macro;

    const put = await t.call(keys.b, 'PUT', `/memo-macros/${aOne.id}`, { title: '가로채기', body: '바뀜' });
    expect(put.statusCode).toBe(404);
    expect(put.json()).toMatchObject({ code: 'MACRO_NOT_FOUND' });
    const del = await t.call(keys.b, 'DELETE', `/memo-macros/${aOne.id}`);
    expect(del.statusCode).toBe(404);
    expect((await list(keys.a)).find((m) => m.id === aOne.id)).toEqual(aOne);
    // Keys made without a team (the shared test keys) are in 기본, not in either.
    expect((await list(t.keys.cs)).some((m) => m.team !== '기본')).toBe(false);
  });

  it('a title is unique within the team (409 naming title); nothing changes', async () => {
    const before = await list(keys.a);
    const dup = await t.call(keys.a, 'POST', '/memo-macros', { title: '배송 지연', body: '또' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'MACRO_TITLE_TAKEN', field: 'title', errors: [{ field: 'title' }] });
    const other = before.find((m) => m.title !== '배송 지연') as Macro;
    const rename = await t.call(keys.a, 'PUT', `/memo-macros/${other.id}`, { title: '배송 지연', body: other.body });
    expect(rename.statusCode).toBe(409);
    expect(rename.json()).toMatchObject({ code: 'MACRO_TITLE_TAKEN', field: 'title' });
    expect(await list(keys.a)).toEqual(before);
  });

  it('only {상품명} and {옵션}: another placeholder is refused (422 naming body) and nothing changes', async () => {
    const before = await list(keys.a);
    const created = await t.call(keys.a, 'POST', '/memo-macros', { title: '주문번호 안내', body: '{주문번호} 확인 부탁드립니다' });
    expect(created.statusCode).toBe(422);
    expect(created.headers['content-type']).toContain('application/problem+json');
    expect(created.json()).toMatchObject({ code: 'MACRO_PLACEHOLDER_UNKNOWN', field: 'body', errors: [{ field: 'body' }] });
    const target = before[0] as Macro;
    for (const body of ['{상품명} {수량}개', '{} 빈칸', '{ 상품명 }']) {
      const changed = await t.call(keys.a, 'PUT', `/memo-macros/${target.id}`, { title: target.title, body });
      expect(changed.statusCode, body).toBe(422);
      expect(changed.json()).toMatchObject({ code: 'MACRO_PLACEHOLDER_UNKNOWN', field: 'body' });
    }
    expect(await list(keys.a)).toEqual(before);
  });

  it('unknown fields, empty or too long texts and a bad id are refused naming the field; nothing changes', async () => {
    const before = await list(keys.a);
    const extra = await t.call(keys.a, 'POST', '/memo-macros', { title: '새 매크로', body: '본문', team: teamB });
    expect(extra.statusCode).toBe(422);
    expect(extra.json()).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field: 'team', message: 'unknown field' }] });
    const cases: [object, string][] = [
      [{ title: '', body: '본문' }, 'title'],
      [{ title: 'ㄱ'.repeat(41), body: '본문' }, 'title'],
      [{ title: '제목', body: '   ' }, 'body'],
      [{ title: '제목', body: 'ㄴ'.repeat(1001) }, 'body'],
      [{ title: '제목' }, 'body'],
      [{ title: '제목', body: '본문', position: -1 }, 'position'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.call(keys.a, 'POST', '/memo-macros', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.json()).toMatchObject({ code: 'INVALID_INPUT', field });
    }
    expect((await t.call(keys.a, 'POST', '/memo-macros', { title: 'ㄱ'.repeat(40), body: 'ㄴ'.repeat(1000) })).statusCode).toBe(201);
    const target = before[0] as Macro;
    const put = await t.call(keys.a, 'PUT', `/memo-macros/${target.id}`, { title: target.title, body: target.body, createdBy: '누군가' });
    expect(put.statusCode).toBe(422);
    expect(put.json()).toMatchObject({ errors: [{ field: 'createdBy' }] });
    expect((await t.call(keys.a, 'DELETE', '/memo-macros/not-a-uuid')).json()).toMatchObject({ code: 'INVALID_INPUT', field: 'id' });
    expect((await list(keys.a)).filter((m) => before.some((b) => b.id === m.id))).toEqual(before);
  });

  it('an analyst, an auditor and a connector are refused (403); no key is 401', async () => {
    const mine = (await list(keys.a))[0] as Macro;
    for (const key of [t.keys.analyst, t.keys.auditor, t.keys.integration]) {
      expect((await t.call(key, 'GET', '/memo-macros')).statusCode).toBe(403);
      const post = await t.call(key, 'POST', '/memo-macros', { title: '분석', body: '본문' });
      expect(post.statusCode).toBe(403);
      expect(post.json()).toMatchObject({ code: 'FORBIDDEN' });
      expect((await t.call(key, 'PUT', `/memo-macros/${mine.id}`, { title: '분석', body: '본문' })).statusCode).toBe(403);
      expect((await t.call(key, 'DELETE', `/memo-macros/${mine.id}`)).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/memo-macros' })).statusCode).toBe(401);
    const analyst = await t.app.inject({ method: 'POST', url: '/session', payload: { key: t.keys.analyst } });
    expect(analyst.json()).toMatchObject({ can: { memoMacros: false } });
    expect((await list(keys.a)).find((m) => m.id === mine.id)).toEqual(mine);
  });

  it('through a cookie session: a change needs the CSRF token', async () => {
    const signedIn = await t.app.inject({ method: 'POST', url: '/session', payload: { key: keys.b } });
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0] as string;
    const { csrfToken } = signedIn.json() as { csrfToken: string };
    const payload = { title: '쿠키 매크로', body: '{상품명} 확인' };
    const refused = await t.app.inject({ method: 'POST', url: '/memo-macros', headers: { cookie }, payload });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'CSRF_TOKEN_MISSING' });
    expect((await list(keys.b)).some((m) => m.title === '쿠키 매크로')).toBe(false);
    const read = await t.app.inject({ method: 'GET', url: '/memo-macros', headers: { cookie } });
    expect(read.statusCode).toBe(200);
    const accepted = await t.app.inject({ method: 'POST', url: '/memo-macros', headers: { cookie, 'x-csrf-token': csrfToken }, payload });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ team: teamB, createdBy: '박매크' });
  });
});
