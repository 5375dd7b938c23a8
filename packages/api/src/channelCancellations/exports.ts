/** The two views as files: what the screen shows, Korean headers, one sheet (writeTable: exceljs / csv-stringify). */
import type { FastifyReply } from 'fastify';
import { KIND_LABELS } from './schemas.js';
import type { Cell, ExportDef, TableFormat } from '../files/index.js';
import { dateCell as date, sendTable } from '../files/index.js';
import type { CancellationRow, WithdrawalRow } from './routes.js';

const productOf = (r: { productName: string; option: string }) => (r.option.trim() === '' ? r.productName : `${r.productName} / ${r.option}`);

/** Each export: its sheet name, its columns (header and width) and how a row fills them. */
const EXPORTS = {
  cancellations: {
    sheet: '취소결과조회',
    columns: [
      ['접수일', 12], ['주문번호', 20], ['관리번호', 10], ['판매처', 14], ['클레임번호', 20], ['주문자', 10], ['상품', 30], ['주문수량', 8], ['취소수량', 8],
      ['부분취소', 8], ['구분', 6], ['송장번호', 16], ['배송일', 12], ['주문상태', 10], ['취소일', 16], ['취소타입', 10], ['사유', 16], ['판매처 사유', 20], ['확인', 6], ['확인자', 10], ['확인일', 16], ['처리', 6],
    ],
    cells: (r: CancellationRow): Cell[] => [
      date(r.placedAt), r.channelOrderNo, r.no, r.channel, r.cancellationId, r.buyerName, productOf(r), r.orderedQuantity, r.cancelledQuantity,
      r.partial ? '부분' : '', KIND_LABELS[r.kind], r.trackingNumber, date(r.shippedAt), r.statusLabel, date(r.cancelledAt), r.cancelTypeLabel, r.reasonLabel, r.channelReason,
      r.confirmed ? '확인' : '', r.confirmedBy, date(r.confirmedAt), r.processed ? '처리' : '',
    ],
  },
  'cancel-withdrawals': {
    sheet: '취소철회조회',
    columns: [
      ['관리번호', 10], ['판매처', 14], ['주문번호', 20], ['주문자', 10], ['주문상태', 10], ['접수일', 12], ['배송일', 12], ['취소일', 16], ['취소철회접수일', 16], ['작업자', 10],
      ['상품', 30], ['주문수량', 8], ['취소수량', 8], ['판매처 취소수량', 10], ['복귀할 수량', 10], ['확인', 6],
    ],
    cells: (r: WithdrawalRow): Cell[] => [
      r.no, r.channel, r.channelOrderNo, r.buyerName, r.statusLabel, date(r.placedAt), date(r.shippedAt), date(r.cancelledAt), date(r.withdrawnAt), r.worker,
      productOf(r), r.ordered, r.cancelledHere, r.channelCancelled, r.toRestore, r.confirmed ? '확인' : '',
    ],
  },
} as const;

type Exports = typeof EXPORTS;
type RowOf<K extends keyof Exports> = Parameters<Exports[K]['cells']>[0];

export const sendExport = <K extends keyof Exports>(reply: FastifyReply, view: K, format: TableFormat, rows: readonly RowOf<K>[]) =>
  sendTable(reply, EXPORTS[view] as unknown as ExportDef<RowOf<K>>, format, rows);
