/** 반품통계: not built yet. */
import type { ScreenProps } from './screens';

export const ReturnStats = (_: ScreenProps) => <p className="empty">반품통계 화면은 준비 중입니다.</p>;
