/** Who is signed in: GET /session on load, POST /session to sign in, DELETE /session to sign out. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { api, ok, RequestRefused, setCsrfToken } from './api';
import type { SessionInfo } from './types';

export const useSession = () =>
  useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<SessionInfo | null> => {
      const answer = await api.GET('/session');
      if (answer.response.status === 401) return null;
      const session = ok(answer);
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: Infinity,
  });

export const SignIn = () => {
  const client = useQueryClient();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = ok(await api.POST('/session', { body: { key } }));
      setCsrfToken(session.csrfToken);
      setKey('');
      client.setQueryData(['session'], session);
    } catch (err) {
      setError(err instanceof RequestRefused ? '키가 올바르지 않거나 만료·폐기되었습니다.' : '서버에 연결할 수 없습니다.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-label="로그인">
        <h1>CS 주문관리</h1>
        <label>
          API 키
          <input type="password" autoFocus autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} aria-invalid={error !== null} />
        </label>
        {error && <p className="field-error" role="alert">{error}</p>}
        <button type="submit" disabled={busy || key.trim() === ''}>로그인</button>
        <p className="hint">키는 서버만 보관하고, 브라우저에는 세션 쿠키(HttpOnly)만 남습니다.</p>
      </form>
    </main>
  );
};

export const signOut = async (clear: () => void) => {
  await api.DELETE('/session');
  setCsrfToken(null);
  clear();
};
