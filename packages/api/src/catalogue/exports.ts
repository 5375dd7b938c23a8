/** 기준정보 as files: products and channels with the screen's Korean headers. */
import type { Cell, ExportDef } from '../files/index.js';
import { dateCell } from '../files/index.js';
import type { Channel, Product } from './catalogue.js';

export const PRODUCTS_EXPORT: ExportDef<Product> = {
  sheet: '상품',
  columns: [['상품코드', 14], ['상품명', 30], ['옵션', 14], ['판매가', 10], ['원가', 10], ['공급처', 14], ['현재고', 8], ['입고예정', 8], ['등록일', 18], ['수정일', 18]],
  cells: (p): Cell[] => [p.code, p.name, p.option, p.salePrice, p.supplyPrice, p.supplier, p.stock, p.expectedInbound, dateCell(p.createdAt), dateCell(p.updatedAt)],
};

export const CHANNELS_EXPORT: ExportDef<Channel> = {
  sheet: '판매처',
  columns: [['판매처', 20], ['그룹', 14], ['사용', 6], ['등록일', 18], ['수정일', 18]],
  cells: (c): Cell[] => [c.name, c.group, c.active ? '사용' : '미사용', dateCell(c.createdAt), dateCell(c.updatedAt)],
};
