import { useQueryClient } from '@tanstack/react-query';
import { CsWindow } from './CsWindow';
import { signOut, SignIn, useSession } from './session';

export const App = () => {
  const session = useSession();
  const client = useQueryClient();
  if (session.isPending) return <p className="loading">불러오는 중…</p>;
  if (!session.data) return <SignIn />;
  const s = session.data;
  return (
    <div className="app">
      <header className="top">
        <strong>CS 주문관리</strong>
        <nav aria-label="화면"><a href="#/" aria-current="page">CS창</a></nav>
        <span className="who">{s.worker} ({s.role})</span>
        <button type="button" onClick={() => void signOut(() => client.setQueryData(['session'], null))}>로그아웃</button>
      </header>
      <CsWindow canAct={s.can.csCommand === true} />
    </div>
  );
};
