/** CS내역조회 as a file: the screen's columns, Korean headers, one sheet. */
import type { FastifyReply } from 'fastify';
import type { Cell, ExportDef, TableFormat } from '../files/index.js';
import { dateCell, sendTable } from '../files/index.js';
import type { CsHistoryListRow } from './routes.js';

const CS_HISTORY: ExportDef<CsHistoryListRow> = {
  sheet: 'CS내역조회',
  columns: [
    ['등록일', 18], ['관리번호', 10], ['판매처', 14], ['주문번호', 20], ['수령자', 10], ['작업자', 12], ['CS 내역', 50], ['작업', 14], ['처리상태', 8], ['주문상태', 10], ['C/S 상태', 10],
  ],
  cells: (r): Cell[] => [
    dateCell(r.at), r.no, r.channel, r.channelOrderNo, r.recipientName, r.worker, r.content, r.workTypeLabel, r.processed ? '완료' : '미처리', r.statusLabel, r.csStateLabel,
  ],
};

export const sendCsHistory = (reply: FastifyReply, format: TableFormat, rows: readonly CsHistoryListRow[]) => sendTable(reply, CS_HISTORY, format, rows);
