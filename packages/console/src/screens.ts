/**
 * The console's screens, in the order of the top bar: each has its address (#/…), its label, the
 * permission that offers it (from the session's `can`), and its component. App.tsx draws them.
 */
import type { ComponentType } from 'react';
import { Cancellations } from './Cancellations';
import { ChannelImport } from './ChannelImport';
import { CsHistory } from './CsHistory';
import { CsWindow } from './CsWindow';
import { Exchanges } from './Exchanges';
import { MasterData } from './MasterData';
import { MemoMacros } from './MemoMacros';
import { ReturnStats } from './ReturnStats';
import { Returns } from './Returns';
import { Withdrawals } from './Withdrawals';

export interface ScreenProps {
  /** The signed-in worker may send CS commands (not an analyst or an auditor). */
  readonly canAct: boolean;
  /** The session's permissions, by name (GET /session's `can`). */
  readonly can: Readonly<Record<string, boolean>>;
}

export interface Screen {
  readonly id: string;
  readonly hash: string;
  readonly label: string;
  readonly component: ComponentType<ScreenProps>;
}

export const SCREENS: readonly Screen[] = [
  { id: 'cs', hash: '#/', label: 'CS창', component: CsWindow },
  { id: 'cs-history', hash: '#/cs-history', label: 'CS내역조회', component: CsHistory },
  { id: 'channel-import', hash: '#/channel-import', label: '판매처취소', component: ChannelImport },
  { id: 'cancellations', hash: '#/cancellations', label: '취소결과조회', component: Cancellations },
  { id: 'withdrawals', hash: '#/withdrawals', label: '취소철회조회', component: Withdrawals },
  { id: 'returns', hash: '#/returns', label: '반품관리', component: Returns },
  { id: 'exchanges', hash: '#/exchanges', label: '교환예정관리', component: Exchanges },
  { id: 'return-stats', hash: '#/return-stats', label: '반품통계', component: ReturnStats },
  { id: 'master', hash: '#/master', label: '기준정보', component: MasterData },
  { id: 'macros', hash: '#/macros', label: '매크로', component: MemoMacros },
];

export const screenOf = (hash: string): Screen => SCREENS.find((s) => s.hash === hash) ?? (SCREENS[0] as Screen);
