import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { screenOf, SCREENS } from './screens';
import { signOut, SignIn, useSession } from './session';

/** The screen in the address's hash (#/ the CS창, #/cancellations 취소결과조회, …): no server route needed. */
const useHash = () => {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const moved = () => setHash(window.location.hash);
    window.addEventListener('hashchange', moved);
    return () => window.removeEventListener('hashchange', moved);
  }, []);
  return hash;
};

export const App = () => {
  const screen = screenOf(useHash());
  const session = useSession();
  const client = useQueryClient();
  if (session.isPending) return <p className="loading">불러오는 중…</p>;
  if (!session.data) return <SignIn />;
  const s = session.data;
  const Screen = screen.component;
  return (
    <div className="app">
      <header className="top">
        <strong>CS 주문관리</strong>
        <nav aria-label="화면">
          {SCREENS.map((x) => <a key={x.id} href={x.hash} aria-current={x.id === screen.id ? 'page' : undefined}>{x.label}</a>)}
        </nav>
        <span className="who">{s.worker} ({s.role})</span>
        <button type="button" onClick={() => void signOut(() => client.setQueryData(['session'], null))}>로그아웃</button>
      </header>
      <Screen key={screen.id} canAct={s.can.csCommand === true} can={s.can} />
    </div>
  );
};
