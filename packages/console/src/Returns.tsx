/** 반품관리: not built yet. */
import type { ScreenProps } from './screens';

export const Returns = (_: ScreenProps) => <p className="empty">반품관리 화면은 준비 중입니다.</p>;
