/** 판매처취소: not built yet. */
import type { ScreenProps } from './screens';

export const ChannelImport = (_: ScreenProps) => <p className="empty">판매처취소 화면은 준비 중입니다.</p>;
