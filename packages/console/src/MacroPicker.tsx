/** 매크로: not built yet. Inserts a saved memo template (상품명/옵션 filled from the order) with one click. */
import type { Order } from './types';

export const MacroPicker = (_: { order: Order; lineId: number | undefined; onInsert: (text: string) => void }) => null;
