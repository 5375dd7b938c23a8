/** 기준정보: not built yet. */
import type { ScreenProps } from './screens';

export const MasterData = (_: ScreenProps) => <p className="empty">기준정보 화면은 준비 중입니다.</p>;
