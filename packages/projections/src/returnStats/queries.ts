/**
 * What 반품통계 asks of return_stats: counts of facts per Seoul day (and 판매처 or 상품코드), by
 * kind and code, and the day rows they make — every day of the range, zero days included.
 * 판매처 and 상품코드 are what order_list says of the order now (joined on 관리번호; a fact's lines
 * map to 상품코드 through order_list.lines). A fact counts once per distinct product it covers.
 */
import type { Db } from '@oms/adapters';
import { toNumber } from '@oms/adapters';
import type { CancelReason, ExchangeType } from '@oms/domain';
import { CANCEL_REASONS, EXCHANGE_TYPES } from '@oms/domain';
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import { DAY_MS } from '../values.js';
import type { ReturnStatKind } from './projection.js';

export type ReturnStatsGroupBy = 'channel' | 'product';

export interface ReturnStatsFilter {
  /** Inclusive, `YYYY-MM-DD` Seoul days. */
  readonly from: string;
  readonly to: string;
  readonly groupBy?: ReturnStatsGroupBy | undefined;
  /** Only orders of these channels (a key bound to channels). */
  readonly channels?: readonly string[] | undefined;
}

export interface ReturnStatCount {
  readonly day: string;
  /** 판매처 or 상품코드 when grouped ('' when the order is no longer in order_list), else null. */
  readonly group: string | null;
  readonly kind: ReturnStatKind;
  readonly code: string;
  readonly count: number;
}

export interface ReturnStatsDay {
  readonly date: string;
  readonly group: string | null;
  readonly reasons: Record<CancelReason, number>;
  readonly exchanges: Record<ExchangeType, number>;
  readonly totalReasons: number;
  readonly totalExchanges: number;
  readonly total: number;
}

export const countReturnStats = async (db: Db, f: ReturnStatsFilter): Promise<readonly ReturnStatCount[]> => {
  const where: RawBuilder<unknown>[] = [sql`f.day >= ${f.from}`, sql`f.day <= ${f.to}`];
  if (f.channels) where.push(f.channels.length === 0 ? sql`false` : sql`o.channel = ANY(${[...f.channels]}::text[])`);
  const filtered = sql`SELECT f.id, f.day, f.kind, f.code, f.lines, o.channel, o.lines AS order_lines FROM return_stats f LEFT JOIN order_list o ON o.no = f.no WHERE ${sql.join(where, sql` AND `)}`;
  const query =
    f.groupBy === 'product'
      ? sql`WITH facts AS (${filtered}),
          products AS (
            SELECT DISTINCT facts.id, facts.day, facts.kind, facts.code, coalesce(ol.value->>'productCode', '') AS grp
            FROM facts CROSS JOIN LATERAL jsonb_array_elements(facts.lines) fl
            LEFT JOIN LATERAL (SELECT value FROM jsonb_array_elements(coalesce(facts.order_lines, '[]'::jsonb)) WHERE (value->>'lineId')::int = (fl.value->>'lineId')::int) ol ON true
          )
          SELECT day, grp, kind, code, count(*) AS n FROM products GROUP BY day, grp, kind, code`
      : f.groupBy === 'channel'
        ? sql`WITH facts AS (${filtered}) SELECT day, coalesce(channel, '') AS grp, kind, code, count(*) AS n FROM facts GROUP BY day, channel, kind, code`
        : sql`WITH facts AS (${filtered}) SELECT day, NULL AS grp, kind, code, count(*) AS n FROM facts GROUP BY day, kind, code`;
  const { rows } = await query.execute(db);
  return (rows as Record<string, unknown>[]).map((r) => ({
    day: String(r.day),
    group: r.grp === null || r.grp === undefined ? null : String(r.grp),
    kind: String(r.kind) as ReturnStatKind,
    code: String(r.code),
    count: toNumber(r.n),
  }));
};

/** Every `YYYY-MM-DD` from `from` to `to`, inclusive. */
export const daysBetween = (from: string, to: string): readonly string[] => {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

const zeros = <K extends string>(codes: readonly K[]): Record<K, number> => Object.fromEntries(codes.map((c) => [c, 0])) as Record<K, number>;

/** Counts summed into one row (the range's sums, or a day's). */
export const returnStatsRowOf = (date: string, group: string | null, counts: readonly ReturnStatCount[]): ReturnStatsDay => {
  const reasons = zeros(CANCEL_REASONS);
  const exchanges = zeros(EXCHANGE_TYPES);
  for (const c of counts) {
    if (c.kind === 'pickup' && c.code in reasons) reasons[c.code as CancelReason] += c.count;
    if (c.kind === 'exchange' && c.code in exchanges) exchanges[c.code as ExchangeType] += c.count;
  }
  const totalReasons = Object.values<number>(reasons).reduce((a, b) => a + b, 0);
  const totalExchanges = Object.values<number>(exchanges).reduce((a, b) => a + b, 0);
  return { date, group, reasons, exchanges, totalReasons, totalExchanges, total: totalReasons + totalExchanges };
};

/**
 * The view's rows: ungrouped, one per day of the range (zero days included); grouped, one per
 * (day, 판매처 / 상품코드) that has a count, by day then group.
 */
export const returnStatsDays = (f: Pick<ReturnStatsFilter, 'from' | 'to' | 'groupBy'>, counts: readonly ReturnStatCount[]): readonly ReturnStatsDay[] => {
  const byKey = new Map<string, ReturnStatCount[]>();
  for (const c of counts) {
    const key = `${c.day}|${c.group ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  if (!f.groupBy) return daysBetween(f.from, f.to).map((d) => returnStatsRowOf(d, null, byKey.get(`${d}|`) ?? []));
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, cs]) => returnStatsRowOf(cs[0]!.day, cs[0]!.group ?? '', cs));
};
