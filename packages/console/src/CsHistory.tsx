/** CS내역조회: not built yet. */
import type { ScreenProps } from './screens';

export const CsHistory = (_: ScreenProps) => <p className="empty">CS내역조회 화면은 준비 중입니다.</p>;
