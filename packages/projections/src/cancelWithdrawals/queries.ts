/**
 * 취소철회조회: the order lines with something to restore. There is no table of its own: the figure
 * is the domain's (linesToRestoreOf), derived from the order's state into order_list's to_restore and
 * restore_lines (one copy of each order's state, not two), and a partial index keeps the few orders
 * with to_restore > 0 at hand. Nothing is flagged: a restore makes the line leave by itself.
 */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import type { LineToRestore, OrderStatus } from '@oms/domain';
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { LineCancelledBy } from '../orderList/projection.js';
import type { YesNoAll } from '../channelCancellations/queries.js';
import type { Page } from '../values.js';
import { DAY_MS, escapeLike, instant, instantOrNull, json, seoulMidnight } from '../values.js';

export interface CancelWithdrawalFilter {
  /** Which date the range is on: 취소일 (the channel's cancellation) or 취소철회접수일 (its withdrawal). */
  readonly dateOf: 'cancelled' | 'withdrawn';
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly channel?: string | undefined;
  readonly channels?: readonly string[] | undefined;
  /** 관리번호, 주문번호 or 주문자. */
  readonly q?: string | undefined;
  readonly confirmed: YesNoAll;
}

export interface CancelWithdrawalRow extends LineToRestore {
  /** `<관리번호>-<line>`: what 확인 names. */
  readonly id: string;
  readonly no: number;
  readonly channel: string;
  readonly channelOrderNo: string;
  readonly buyerName: string;
  readonly status: OrderStatus;
  readonly placedAt: string;
  readonly shippedAt: string | null;
  /** 작업자: who last cancelled the line here. */
  readonly worker: string | null;
}

export const cancelWithdrawalIdOf = (no: number, lineId: number): string => `${no}-${lineId}`;

/** What the order must be (its row): something to restore, the channel, the free text. */
const orderConditionsOf = (f: CancelWithdrawalFilter): RawBuilder<unknown>[] => {
  const where: RawBuilder<unknown>[] = [sql`o.to_restore > 0`];
  if (f.channel) where.push(sql`o.channel = ${f.channel}`);
  if (f.channels) where.push(f.channels.length === 0 ? sql`false` : sql`o.channel = ANY(${[...f.channels]}::text[])`);
  if (f.q) where.push(sql`o.search_text LIKE ${`%${escapeLike(f.q.trim().toLowerCase())}%`}`);
  return where;
};

/** What each line (l, an element of restore_lines) must be: its dates, 확인. */
const lineConditionsOf = (f: CancelWithdrawalFilter): RawBuilder<unknown>[] => {
  const where: RawBuilder<unknown>[] = [];
  const date = f.dateOf === 'withdrawn' ? sql`(l.value->>'withdrawnAt')::timestamptz` : sql`(l.value->>'cancelledAt')::timestamptz`;
  if (f.from) where.push(sql`${date} >= ${seoulMidnight(f.from)}`);
  if (f.to) where.push(sql`${date} < ${new Date(seoulMidnight(f.to).getTime() + DAY_MS)}`);
  if (f.confirmed !== 'all') where.push(sql`(l.value->>'confirmed')::boolean = ${f.confirmed === 'yes'}`);
  return where;
};

const whereOf = (conditions: RawBuilder<unknown>[]) => (conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`);

const FROM = sql`FROM order_list o CROSS JOIN LATERAL jsonb_array_elements(o.restore_lines) l`;

export const listCancelWithdrawals = async (db: Db, f: CancelWithdrawalFilter & { readonly limit: number; readonly offset: number }): Promise<Page<CancelWithdrawalRow>> => {
  const where = whereOf([...orderConditionsOf(f), ...lineConditionsOf(f)]);
  const { rows } = await sql<Record<string, unknown>>`
    SELECT o.no, o.channel, o.channel_order_no, o.buyer_name, o.status, o.placed_at, o.shipped_at, o.cancelled_by, l.value AS line
      ${FROM} ${where}
     ORDER BY o.no DESC, (l.value->>'lineId')::int
     LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  // Counted per order, its lines in a subquery: a join with the lines, which the planner guesses at
  // 100 per order, looks costly enough to start parallel workers, and they cost more than the count.
  const { rows: counted } = await sql<{ total: unknown }>`
    SELECT coalesce(sum((SELECT count(*) FROM jsonb_array_elements(o.restore_lines) l ${whereOf(lineConditionsOf(f))})), 0) AS total
      FROM order_list o ${whereOf(orderConditionsOf(f))}`.execute(db);
  return {
    rows: rows.map((raw) => {
      const line = json<LineToRestore>(raw.line);
      const no = toNumber(raw.no);
      return {
        ...line,
        id: cancelWithdrawalIdOf(no, line.lineId),
        no,
        channel: String(raw.channel),
        channelOrderNo: String(raw.channel_order_no),
        buyerName: String(raw.buyer_name),
        status: String(raw.status) as OrderStatus,
        placedAt: instant(raw.placed_at),
        shippedAt: instantOrNull(raw.shipped_at),
        worker: json<LineCancelledBy[]>(raw.cancelled_by).find((c) => c.lineId === line.lineId)?.actor ?? null,
      };
    }),
    total: toNumber(counted[0]?.total ?? 0),
  };
};
