/** The CS창's order list as a file: the table's columns, Korean headers, one sheet. */
import type { Cell, ExportDef } from '../files/index.js';
import { dateCell } from '../files/index.js';

export interface OrderListExportRow {
  readonly no: number;
  readonly placedAt: string;
  readonly channel: string;
  readonly channelOrderNo: string;
  readonly recipientAddress: string;
  readonly recipientPhone: string | null;
  readonly recipientMobile: string | null;
  readonly buyerName: string;
  readonly recipientName: string;
  readonly productSummary: string;
  readonly orderedQuantity: number;
  readonly quantity: number;
  readonly statusLabel: string;
  readonly csStateLabel: string;
  readonly held: boolean;
  readonly trackingNumber: string | null;
}

export const ORDER_LIST_EXPORT: ExportDef<OrderListExportRow> = {
  sheet: 'CS창 주문목록',
  columns: [
    ['관리번호', 10], ['접수일', 18], ['판매처', 14], ['주문번호', 20], ['주소', 40], ['전화', 14], ['핸드폰', 14], ['구매자', 10], ['수령자', 10], ['상품', 30], ['주문수량', 8], ['유효수량', 8], ['상태', 10], ['C/S', 10], ['보류', 6], ['송장번호', 16],
  ],
  cells: (r): Cell[] => [
    r.no, dateCell(r.placedAt), r.channel, r.channelOrderNo, r.recipientAddress, r.recipientPhone, r.recipientMobile, r.buyerName, r.recipientName, r.productSummary, r.orderedQuantity, r.quantity, r.statusLabel, r.csStateLabel, r.held ? '보류' : '', r.trackingNumber,
  ],
};
