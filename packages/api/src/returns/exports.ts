/** 반품관리 and 교환예정관리 as files: the screens' Korean headers, one sheet. */
import type { FastifyReply } from 'fastify';
import type { Cell, ExportDef, TableFormat } from '../files/index.js';
import { dateCell as date, sendTable } from '../files/index.js';
import type { ExchangeViewRow, ReturnViewRow } from './routes.js';
import { RETURN_KIND_LABELS } from './schemas.js';

const EXPORTS = {
  returns: {
    sheet: '반품관리',
    columns: [
      ['관리번호', 10], ['판매처', 14], ['회수요청일', 16], ['구분', 6], ['사유', 16], ['배송일', 12], ['도착일', 16], ['수령자', 10], ['상품명', 30], ['옵션', 16], ['상태', 8],
      ['사이트결제 예정', 12], ['사이트결제 도착', 12], ['동봉 예정', 10], ['동봉 도착', 10], ['계좌 예정', 10], ['계좌 도착', 10], ['미수', 10], ['완료처리', 8],
    ],
    cells: (r: ReturnViewRow): Cell[] => [
      r.no, r.channel, date(r.requestedAt), RETURN_KIND_LABELS[r.kind], r.reasonLabel ?? r.exchangeTypeLabel, date(r.shippedAt), date(r.arrivedAt), r.recipientName, r.productName, r.option, r.stateLabel,
      r.fees?.site.expected ?? 0, r.fees?.site.arrived ?? 0, r.fees?.enclosed.expected ?? 0, r.fees?.enclosed.arrived ?? 0, r.fees?.transfer.expected ?? 0, r.fees?.transfer.arrived ?? 0, r.outstanding,
      r.completed ? '완료' : '',
    ],
  },
  exchanges: {
    sheet: '교환예정관리',
    columns: [
      ['관리번호', 10], ['교환주문 관리번호', 12], ['판매처', 14], ['주문번호', 20], ['수령자', 10], ['교환구분', 10], ['상태', 10], ['교환수량', 8], ['회수도착 수량', 10],
      ['교환요청일', 16], ['회수도착일', 16], ['교환출고일', 16], ['송장번호', 16],
    ],
    cells: (r: ExchangeViewRow): Cell[] => [
      r.no, r.replacementNo, r.channel, r.channelOrderNo, r.recipientName, r.exchangeTypeLabel, r.stateLabel, r.quantity, r.received,
      date(r.requestedAt), date(r.arrivedAt), date(r.shippedAt), r.trackingNumber,
    ],
  },
} as const;

type Exports = typeof EXPORTS;
type RowOf<K extends keyof Exports> = Parameters<Exports[K]['cells']>[0];

export const sendExport = <K extends keyof Exports>(reply: FastifyReply, view: K, format: TableFormat, rows: readonly RowOf<K>[]) =>
  sendTable(reply, EXPORTS[view] as unknown as ExportDef<RowOf<K>>, format, rows);
