import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Cancellations } from './Cancellations';
import { Withdrawals } from './Withdrawals';
import { CsWindow } from './CsWindow';
import { signOut, SignIn, useSession } from './session';

/** The screen in the address's hash (#/ the CS창, #/cancellations 취소결과조회): no server route needed. */
const useScreen = () => {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const moved = () => setHash(window.location.hash);
    window.addEventListener('hashchange', moved);
    return () => window.removeEventListener('hashchange', moved);
  }, []);
  return hash === '#/cancellations' ? 'cancellations' : hash === '#/withdrawals' ? 'withdrawals' : 'cs';
};

export const App = () => {
  const screen = useScreen();
  const session = useSession();
  const client = useQueryClient();
  if (session.isPending) return <p className="loading">불러오는 중…</p>;
  if (!session.data) return <SignIn />;
  const s = session.data;
  return (
    <div className="app">
      <header className="top">
        <strong>CS 주문관리</strong>
        <nav aria-label="화면">
          <a href="#/" aria-current={screen === 'cs' ? 'page' : undefined}>CS창</a>
          <a href="#/cancellations" aria-current={screen === 'cancellations' ? 'page' : undefined}>취소결과조회</a>
          <a href="#/withdrawals" aria-current={screen === 'withdrawals' ? 'page' : undefined}>취소철회조회</a>
        </nav>
        <span className="who">{s.worker} ({s.role})</span>
        <button type="button" onClick={() => void signOut(() => client.setQueryData(['session'], null))}>로그아웃</button>
      </header>
      {screen === 'cs' && <CsWindow canAct={s.can.csCommand === true} />}
      {screen === 'cancellations' && <Cancellations canAct={s.can.csCommand === true} />}
      {screen === 'withdrawals' && <Withdrawals canAct={s.can.csCommand === true} />}
    </div>
  );
};
