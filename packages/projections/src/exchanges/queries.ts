/** What 교환예정관리 asks of exchanges, joined with order_list for 판매처 / 수령자 of the original order. */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { Page } from '../values.js';
import { DAY_MS, escapeLike, seoulMidnight, strOrNull } from '../values.js';
import type { ExchangeRow, ExchangeState } from './projection.js';
import { exchangeRowFromDb } from './projection.js';

export interface ExchangeFilter {
  readonly state?: ExchangeState | undefined;
  /** 교환요청일 from / to: a `YYYY-MM-DD` Seoul day or an ISO instant. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly channel?: string | undefined;
  readonly channels?: readonly string[] | undefined;
  /** 관리번호 (either order), 주문번호, 수령자, 송장번호. */
  readonly q?: string | undefined;
}

export interface ExchangeView extends ExchangeRow {
  readonly channel: string | null;
  readonly recipientName: string | null;
  readonly channelOrderNo: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const conditionsOf = (f: ExchangeFilter): RawBuilder<unknown>[] => {
  const where: RawBuilder<unknown>[] = [];
  if (f.state) where.push(sql`x.state = ${f.state}`);
  if (f.from) where.push(sql`x.requested_at >= ${DAY.test(f.from) ? seoulMidnight(f.from) : new Date(f.from)}`);
  if (f.to) where.push(DAY.test(f.to) ? sql`x.requested_at < ${new Date(seoulMidnight(f.to).getTime() + DAY_MS)}` : sql`x.requested_at <= ${new Date(f.to)}`);
  if (f.channel) where.push(sql`o.channel = ${f.channel}`);
  if (f.channels) where.push(f.channels.length === 0 ? sql`false` : sql`o.channel = ANY(${[...f.channels]}::text[])`);
  if (f.q) {
    const q = f.q.trim().toLowerCase();
    const like = `%${escapeLike(q)}%`;
    where.push(sql`(x.no::text = ${q} OR x.replacement_no::text = ${q} OR lower(o.channel_order_no) LIKE ${like} OR lower(o.recipient_name) LIKE ${like} OR x.tracking_number = ${q})`);
  }
  return where;
};

const FROM = sql`FROM exchanges x LEFT JOIN order_list o ON o.no = x.no`;

/** 교환예정관리: latest 교환요청일 first. */
export const listExchanges = async (db: Db, f: ExchangeFilter & { readonly limit: number; readonly offset: number }): Promise<Page<ExchangeView>> => {
  const conditions = conditionsOf(f);
  const where = conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT x.*, o.channel AS o_channel, o.recipient_name AS o_recipient_name, o.channel_order_no AS o_channel_order_no
      ${FROM} ${where}
     ORDER BY x.requested_at DESC, x.replacement_no DESC
     LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const { rows: counted } = await sql<{ total: unknown }>`SELECT count(*) AS total ${FROM} ${where}`.execute(db);
  return {
    rows: rows.map((raw) => ({ ...exchangeRowFromDb(raw), channel: strOrNull(raw.o_channel), recipientName: strOrNull(raw.o_recipient_name), channelOrderNo: strOrNull(raw.o_channel_order_no) })),
    total: toNumber(counted[0]?.total ?? 0),
  };
};
