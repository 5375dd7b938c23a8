/**
 * A channel's cancellation file as entries for ingest: read with the channel's saved format. Each row
 * is a cancellation, or — its 구분 / 상태 among the format's withdrawn values — a withdrawal. A row whose
 * cell cannot be read, or whose reason the format does not map, is refused with its row and column;
 * the others go on. Without a claim-number column a row's claim number is derived from what it says
 * (order, line, quantity, date), so the same file imported twice applies once, and its withdrawal row
 * names the same claim.
 */
import { createHash } from 'node:crypto';
import type { CancelReason, ChannelCancellation, ChannelLineRef } from '@oms/domain';
import { CANCEL_REASON_LABELS, codeOf } from '@oms/domain';
import type { Cell, MappedColumn, MappedRecord } from '../files/index.js';
import { CellProblem, dateTimeOf, integerOf, mapRows, optional, readField, textOf } from '../files/index.js';
import type { CancellationFormat, FormatField } from './formats.js';
import { REQUIRED_FIELDS } from './formats.js';
import type { IngestEntry } from './ingest.js';

const normalised = (value: string): string => value.normalize('NFC').trim().toLowerCase();
const among = (values: readonly string[], value: string | null): boolean => value !== null && values.some((v) => normalised(v) === normalised(value));

/** A content-derived claim number: the same row always gets the same one. */
const derivedId = (channelOrderNo: string, line: ChannelLineRef, quantity: number, cancelledAt: string): string =>
  `F-${createHash('sha256').update(JSON.stringify([channelOrderNo, line, quantity, cancelledAt])).digest('hex').slice(0, 20)}`;

const reasonOf = (format: CancellationFormat, text: string | null): CancelReason | undefined => {
  if (text === null || text === '') return format.defaultReason;
  const mapped = Object.entries(format.reasons).find(([channelText]) => normalised(channelText) === normalised(text))?.[1];
  return mapped ?? codeOf(CANCEL_REASON_LABELS, text) ?? format.defaultReason;
};

const entryOfRecord = (record: MappedRecord, header: readonly MappedColumn[], format: CancellationFormat, channel: string, now: string): IngestEntry => {
  const field = <T>(name: FormatField, reader: (cell: Cell) => T) => readField(record, header, name, reader);
  const text = (name: FormatField) => field(name, optional(textOf));
  const columnOf = (name: FormatField) => header.find((h) => h.field === name)?.column;
  const channelOrderNo = field('channelOrderNo', textOf);
  const quantity = field('quantity', integerOf);
  const cancelledAt = new Date(field('cancelledAt', dateTimeOf)).toISOString();
  const channelLineNo = text('channelLineNo');
  const productCode = text('productCode');
  const productName = text('productName');
  const line: ChannelLineRef = channelLineNo ? { channelLineNo } : productCode ? { productCode } : { productName: productName ?? '', option: text('option') ?? '' };
  if (!channelLineNo && !productCode && !productName) throw new CellProblem('CELL_EMPTY', 'names no line (상품주문번호, 상품코드 or 상품명)', record.row, columnOf('channelLineNo') ?? columnOf('productCode') ?? columnOf('productName'), 'channelLineNo');
  const cancellationId = text('cancellationId') || derivedId(channelOrderNo, line, quantity, cancelledAt);
  const kind = text('kind');
  const status = text('status');
  if (among(format.withdrawnValues, status) || among(format.withdrawnValues, kind)) {
    const withdrawnAt = field('withdrawnAt', optional(dateTimeOf));
    return { kind: 'withdrawal', channel, cancellationId, withdrawnAt: withdrawnAt ? new Date(withdrawnAt).toISOString() : now, row: record.row };
  }
  const reasonText = text('reason');
  const reason = reasonOf(format, reasonText);
  if (!reason) {
    return { kind: 'refused', cancellationId, code: 'REASON_NOT_MAPPED', detail: 'The reason is none of the six and the channel\'s format maps no reason for it (PUT /channels/{name}/cancellation-format: reasons or defaultReason).', row: record.row, column: columnOf('reason') };
  }
  const returnTrackingNumber = text('returnTrackingNumber');
  const cancellation: ChannelCancellation = {
    channel,
    cancellationId,
    channelOrderNo,
    line,
    quantity,
    kind: among(format.returnValues, kind) || among(format.returnValues, status) ? 'return' : 'cancel',
    cancelledAt,
    reason,
    channelReason: text('channelReason') ?? reasonText ?? '',
    ...(returnTrackingNumber ? { returnTrackingNumber } : {}),
  };
  return { kind: 'cancellation', cancellation, row: record.row };
};

/** Every data row of the table as an entry, in row order. A file lacking a required column throws (FileProblem). */
export const entriesOfTable = (table: readonly (readonly Cell[])[], format: CancellationFormat, channel: string, now: string): IngestEntry[] => {
  const { header, records } = mapRows(table, { headerRow: format.headerRow, columns: format.columns }, REQUIRED_FIELDS);
  return records.map((record) => {
    try {
      return entryOfRecord(record, header, format, channel, now);
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      const detail = `Row ${error.row ?? record.row}${error.column ? `, column ${error.column}` : ''} (${error.field ?? 'cell'}) ${error.message}.`;
      return { kind: 'refused', cancellationId: '', code: error.code, detail, row: error.row ?? record.row, ...(error.column ? { column: error.column } : {}) };
    }
  });
};
