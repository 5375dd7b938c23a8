/**
 * Per channel, how its cancellation files read (판매처취소 포맷설정): the header row, which header
 * names each field (several names allowed: 클레임수량 or 취소수량), how its reason texts map to the six
 * reasons, and which values mean a completed return or a withdrawal. And the record of every import.
 * Plain tables (configuration and an audit record), not event-sourced.
 */
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '@oms/adapters';
import { commentOn } from '@oms/adapters';
import { CANCEL_REASON_LABELS, CANCEL_REASONS } from '@oms/domain';
import { codeOrLabel } from '../codeOrLabel.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const headers = z.union([text(100), z.array(text(100)).min(1).max(10)]).describe('the column\'s header name, or several (any one of them)');

/** The fields a file's columns can fill; the first three are required. */
export const FORMAT_FIELDS = ['channelOrderNo', 'quantity', 'cancelledAt', 'cancellationId', 'channelLineNo', 'productCode', 'productName', 'option', 'kind', 'status', 'reason', 'channelReason', 'returnTrackingNumber', 'withdrawnAt'] as const;
export type FormatField = (typeof FORMAT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly FormatField[] = ['channelOrderNo', 'quantity', 'cancelledAt'];

export const cancellationFormatBody = z
  .strictObject({
    headerRow: z.number().int().min(1).max(100).default(1).describe('the 1-based row holding the headers (rows above it, a notice, are skipped)'),
    columns: z.strictObject({
      channelOrderNo: headers.describe('주문번호'),
      quantity: headers.describe('취소수량 / 클레임수량'),
      cancelledAt: headers.describe('취소일 / 클레임요청일'),
      cancellationId: headers.optional().describe('클레임번호; without it a row\'s id is derived from its content, so the same file applies once'),
      channelLineNo: headers.optional().describe('상품주문번호'),
      productCode: headers.optional(),
      productName: headers.optional(),
      option: headers.optional(),
      kind: headers.optional().describe('클레임구분 / 클레임유형'),
      status: headers.optional().describe('처리상태 / 클레임상태'),
      reason: headers.optional().describe('반품사유 / 상세사유'),
      channelReason: headers.optional().describe('the channel\'s reason text, when it is another column than reason'),
      returnTrackingNumber: headers.optional().describe('회수 송장번호'),
      withdrawnAt: headers.optional().describe('철회일'),
    }),
    reasons: z.record(text(100), codeOrLabel(CANCEL_REASON_LABELS)).default({}).describe('the channel\'s reason texts → one of the six reasons (a reason cell may also hold a code or a label itself)'),
    defaultReason: codeOrLabel(CANCEL_REASON_LABELS).optional().describe('for a reason the mapping does not name'),
    returnValues: z.array(text(100)).max(50).default([]).describe('구분 / 상태 values meaning a completed return (반품완료, RETURN_DONE)'),
    withdrawnValues: z.array(text(100)).max(50).default([]).describe('구분 / 상태 values meaning the channel withdrew the cancellation (CANCEL_REJECT, 05)'),
  })
  .refine((f) => f.columns.channelLineNo !== undefined || f.columns.productCode !== undefined || f.columns.productName !== undefined, {
    message: 'map a column naming the line: channelLineNo, productCode or productName',
    path: ['columns', 'channelLineNo'],
  });
export type CancellationFormat = z.output<typeof cancellationFormatBody>;

/** The format as the API answers it (codes only: a response is not read back through codeOrLabel). */
export const cancellationFormat = z.object({
  headerRow: z.number(),
  columns: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  reasons: z.record(z.string(), z.enum(CANCEL_REASONS)),
  defaultReason: z.enum(CANCEL_REASONS).optional(),
  returnValues: z.array(z.string()),
  withdrawnValues: z.array(z.string()),
});

export const formatMigrations: Record<string, Migration> = {
  '0220_channel_cancellation_formats': {
    up: async (db: Db) => {
      await sql`
        CREATE TABLE channel_cancellation_formats (
          channel text PRIMARY KEY,
          format jsonb NOT NULL,
          updated_by text NOT NULL,
          updated_at timestamptz NOT NULL
        )`.execute(db);
      await commentOn(db, 'channel_cancellation_formats', '판매처취소 포맷설정: how each channel\'s cancellation files read.', {
        channel: '판매처.',
        format: '{headerRow, columns: {field: header name or names}, reasons: {channel text: reason code}, defaultReason, returnValues, withdrawnValues}.',
        updated_by: 'Who saved it last.',
        updated_at: 'When it was saved last.',
      });
      await sql`
        CREATE TABLE channel_cancellation_imports (
          id uuid PRIMARY KEY,
          channel text NOT NULL,
          file_name text NOT NULL,
          imported_by text NOT NULL,
          imported_at timestamptz NOT NULL,
          rows integer NOT NULL,
          applied integer NOT NULL,
          recorded integer NOT NULL,
          duplicate integer NOT NULL,
          refused integer NOT NULL,
          results jsonb NOT NULL
        )`.execute(db);
      await sql`CREATE INDEX channel_cancellation_imports_at_idx ON channel_cancellation_imports (imported_at DESC)`.execute(db);
      await commentOn(db, 'channel_cancellation_imports', '판매처취소 일괄등록: every file imported, who and when, its counts and each row\'s outcome.', {
        id: 'The import (GET /channel-cancellations/imports/{id}).',
        channel: '판매처 the file was read for.',
        file_name: 'The uploaded file\'s name.',
        imported_by: 'The worker (or key) that uploaded it.',
        imported_at: 'When.',
        rows: 'Rows read.',
        applied: 'Rows that cancelled (or withdrew) something here.',
        recorded: 'Rows kept with nothing to cancel (after shipping, or already cancelled by hand).',
        duplicate: 'Rows already received before.',
        refused: 'Rows refused, each with its reason in results.',
        results: 'Per row: [{row, cancellationId, outcome, no?, code?, detail?, column?}].',
      });
    },
    down: async (db: Db) => {
      await sql`DROP TABLE channel_cancellation_imports`.execute(db);
      await sql`DROP TABLE channel_cancellation_formats`.execute(db);
    },
  },
};

export const saveFormat = async (db: Db, channel: string, format: CancellationFormat, by: string): Promise<void> => {
  await sql`
    INSERT INTO channel_cancellation_formats (channel, format, updated_by, updated_at)
    VALUES (${channel}, ${JSON.stringify(format)}::jsonb, ${by}, now())
    ON CONFLICT (channel) DO UPDATE SET format = excluded.format, updated_by = excluded.updated_by, updated_at = excluded.updated_at`.execute(db);
};

export const findFormat = async (db: Db, channel: string): Promise<CancellationFormat | null> => {
  const { rows } = await sql<{ format: unknown }>`SELECT format FROM channel_cancellation_formats WHERE channel = ${channel}`.execute(db);
  const format = rows[0]?.format;
  // jsonb arrives parsed from both drivers.
  return format === undefined ? null : (format as CancellationFormat);
};
