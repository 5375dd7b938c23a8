/** 교환예정관리: not built yet. */
import type { ScreenProps } from './screens';

export const Exchanges = (_: ScreenProps) => <p className="empty">교환예정관리 화면은 준비 중입니다.</p>;
