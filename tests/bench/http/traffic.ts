/**
 * Open-loop HTTP load: requests leave on a fixed schedule (request k at start + k / rate) whether or
 * not earlier ones have answered, and each latency is measured from its SCHEDULED time, so a server
 * that falls behind shows it as queueing in the latency (no coordinated omission). An undici Pool
 * keeps the connections alive; it has far more connections than the server can use at once.
 *
 * A mix is a list of request kinds with weights; request k's kind is drawn from a stable hash of k.
 * Per kind: offered and achieved rates, p50/p95/p99 and the non-2xx answers by status.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { Loaded } from './loader.js';
import { buyerNameOf, channelOf, channelOrderNoOf, CHANNELS, DAYS, dayOf, fateOf, hash, mobileOf } from './orderData.js';

export interface Sent {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  /** Told the answer's status (commands keep their pools of held / not held orders right). */
  readonly settled?: (status: number) => void;
}

export interface Kind {
  readonly name: string;
  readonly weight: number;
  /** Request k of this kind, or null when none can be made now (it is then not sent nor counted). */
  readonly make: (k: number) => Sent | null;
}

export interface KindFigure {
  readonly kind: string;
  readonly offered: number;
  readonly achieved: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly sent: number;
  /** 'status: count' of the non-2xx answers, and of requests that never answered in time. */
  readonly errors: string;
}

export const openPool = (origin: string, connections: number): Pool => new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });

const percentile = (sorted: Float64Array, p: number): number => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0));

interface Tally {
  sent: number;
  doneInWindow: number;
  latencies: number[];
  errors: Map<string, number>;
}

/**
 * Sends `rate` requests a second of the mix for `seconds` (after `warmup` seconds of the same, not
 * recorded), then waits up to `drainSeconds` for those still in flight (counted as 'timeout' after).
 */
export const drive = async (pool: Pool, key: string, kinds: readonly Kind[], rate: number, seconds: number, warmup = 0, drainSeconds = 30): Promise<KindFigure[]> => {
  const totalWeight = kinds.reduce((w, k) => w + k.weight, 0);
  const kindOf = (k: number): Kind => {
    let r = (hash(k, 99) / 0x1_0000_0000) * totalWeight;
    for (const kind of kinds) {
      if (r < kind.weight) return kind;
      r -= kind.weight;
    }
    return kinds[kinds.length - 1] as Kind;
  };
  const tallies = new Map(kinds.map((k) => [k.name, { sent: 0, doneInWindow: 0, latencies: [], errors: new Map() } as Tally]));
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const start = performance.now() + warmup * 1000;
  const end = start + seconds * 1000;
  const first = performance.now();
  const inFlight = new Set<Promise<void>>();

  const send = (kind: Kind, k: number, scheduled: number) => {
    const sent = kind.make(k);
    if (!sent) return;
    const recorded = scheduled >= start;
    const tally = tallies.get(kind.name) as Tally;
    if (recorded) tally.sent++;
    const p = pool
      .request({ method: sent.method, path: sent.path, headers: sent.body === undefined ? { authorization: headers.authorization } : headers, ...(sent.body === undefined ? {} : { body: JSON.stringify(sent.body) }) })
      .then(async (res) => {
        sent.settled?.(res.statusCode);
        if (res.statusCode < 300) {
          await res.body.dump();
          return String(res.statusCode);
        }
        // A refusal by its problem code (409 ORDER_ALREADY_HELD vs 409 a lost race, …).
        const code = /"code"\s*:\s*"([A-Z_]+)"/.exec(await res.body.text())?.[1];
        return code ? `${res.statusCode} ${code}` : String(res.statusCode);
      })
      .catch((error: unknown) => {
        sent.settled?.(0);
        return (error as { code?: string }).code ?? 'error';
      })
      .then((status) => {
        const now = performance.now();
        if (!recorded) return;
        tally.latencies.push(now - scheduled);
        if (now <= end) tally.doneInWindow++;
        if (!status.startsWith('2')) tally.errors.set(status, (tally.errors.get(status) ?? 0) + 1);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  // The schedule: every tick sends every request whose time has come (timers fire late under load;
  // the latency still counts from the scheduled time).
  let k = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (;;) {
        const scheduled = first + (k / rate) * 1000;
        if (scheduled > now || scheduled >= end) break;
        send(kindOf(k), k, scheduled);
        k++;
      }
      if (first + (k / rate) * 1000 >= end) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, first + (k / rate) * 1000 - performance.now())));
    };
    tick();
  });
  const drained = Promise.all([...inFlight]);
  const late = await Promise.race([drained.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), drainSeconds * 1000))]);

  return kinds.map((kind) => {
    const t = tallies.get(kind.name) as Tally;
    const sorted = Float64Array.from(t.latencies).sort();
    const unanswered = t.sent - t.latencies.length;
    if (late && unanswered > 0) t.errors.set('timeout', unanswered);
    return {
      kind: kind.name,
      offered: t.sent / seconds,
      achieved: t.doneInWindow / seconds,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? (sorted[sorted.length - 1] ?? 0) : 0,
      sent: t.sent,
      errors: [...t.errors].map(([s, n]) => `${s}: ${n}`).join(', ') || '-',
    };
  });
};

/** Each kind alone, one request at a time (`count` of them): what it costs without any queue. */
export const solo = async (pool: Pool, key: string, kinds: readonly Kind[], count: number): Promise<KindFigure[]> => {
  const figures: KindFigure[] = [];
  for (const kind of kinds) {
    const times: number[] = [];
    const errors = new Map<string, number>();
    for (let k = 0; k < count; k++) {
      const sent = kind.make(1_000_000 + k);
      if (!sent) continue;
      const t0 = performance.now();
      let status: string;
      try {
        const res = await pool.request({ method: sent.method, path: sent.path, headers: { authorization: `Bearer ${key}`, ...(sent.body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(sent.body === undefined ? {} : { body: JSON.stringify(sent.body) }) });
        await res.body.dump();
        sent.settled?.(res.statusCode);
        status = String(res.statusCode);
      } catch (error) {
        // A server still busy with an earlier phase's backlog may close the socket (its request timeout).
        sent.settled?.(0);
        status = (error as { code?: string }).code ?? 'error';
      }
      times.push(performance.now() - t0);
      if (!status.startsWith('2')) errors.set(status, (errors.get(status) ?? 0) + 1);
    }
    const sorted = Float64Array.from(times).sort();
    const took = times.reduce((a, b) => a + b, 0) / 1000;
    figures.push({ kind: kind.name, offered: 0, achieved: times.length / took, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, sent: times.length, errors: [...errors].map(([st, n]) => `${st}: ${n}`).join(', ') || '-' });
  }
  return figures;
};

/** The sum of the kinds, as one row (rates add; percentiles of all the latencies are not kept, so the worst kind's). */
export const totalOf = (figures: readonly KindFigure[], name: string): KindFigure => ({
  kind: name,
  offered: figures.reduce((s, f) => s + f.offered, 0),
  achieved: figures.reduce((s, f) => s + f.achieved, 0),
  p50: Math.max(...figures.map((f) => f.p50)),
  p95: Math.max(...figures.map((f) => f.p95)),
  p99: Math.max(...figures.map((f) => f.p99)),
  max: Math.max(...figures.map((f) => f.max)),
  sent: figures.reduce((s, f) => s + f.sent, 0),
  errors: figures.map((f) => f.errors).filter((e) => e !== '-').join('; ') || '-',
});

// ---------------------------------------------------------------------------------------------------
// The mixes.

const q = (params: Record<string, string | number>) => `?${new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString()}`;

/** The CS window's reads: searches, filters, deep pages, an order and its history, the other views. */
export const readMix = (loaded: Loaded): Kind[] => {
  const n = loaded.count;
  /** The loaded order request k looks at (any of them, stable per k). */
  const at = (k: number, salt: number) => hash(k, salt) % n;
  const noOf = (i: number) => loaded.nos[i] as number;
  const get = (path: string): Sent => ({ method: 'GET', path });
  const week = (k: number) => {
    const d = hash(k, 40) % (DAYS - 7);
    return { from: dayOf(d), to: dayOf(d + 6) };
  };
  return [
    { name: '검색 이름', weight: 8, make: (k) => get(`/orders${q({ q: buyerNameOf(at(k, 1)) })}`) },
    { name: '검색 전화 010-xxxx-xxxx', weight: 5, make: (k) => get(`/orders${q({ q: mobileOf(at(k, 2)) })}`) },
    { name: '검색 전화 숫자만', weight: 4, make: (k) => get(`/orders${q({ q: mobileOf(at(k, 3)).replaceAll('-', '') })}`) },
    { name: '검색 뒤 4자리', weight: 4, make: (k) => get(`/orders${q({ q: mobileOf(at(k, 4)).slice(-4) })}`) },
    { name: '검색 관리번호', weight: 6, make: (k) => get(`/orders${q({ q: noOf(at(k, 5)) })}`) },
    { name: '검색 주문번호', weight: 6, make: (k) => get(`/orders${q({ q: channelOrderNoOf(at(k, 6)) })}`) },
    { name: '필터 상태=배송', weight: 4, make: () => get(`/orders${q({ status: 'shipped' })}`) },
    { name: '필터 보류', weight: 4, make: () => get(`/orders${q({ held: 'true' })}`) },
    { name: '필터 CS상태=부분취소', weight: 3, make: () => get(`/orders${q({ csState: 'partially_cancelled' })}`) },
    { name: '필터 접수일 1주', weight: 4, make: (k) => get(`/orders${q(week(k))}`) },
    { name: '필터 판매처+상태', weight: 4, make: (k) => get(`/orders${q({ channel: CHANNELS[k % CHANNELS.length] ?? '', status: 'received' })}`) },
    { name: '깊은 페이지 (offset ≤ 10,000)', weight: 3, make: (k) => get(`/orders${q({ status: 'received', limit: 50, offset: 50 * (hash(k, 7) % Math.max(1, Math.min(200, Math.floor((n * 0.6) / 50)))) })}`) },
    { name: 'GET /orders/{no}', weight: 12, make: (k) => get(`/orders/${noOf(at(k, 8))}`) },
    { name: 'GET /orders/{no}/history', weight: 8, make: (k) => get(`/orders/${noOf(at(k, 9))}/history`) },
    { name: '취소결과조회', weight: 3, make: (k) => get(`/views/cancellations${k % 2 ? q({ channel: channelOf(k) }) : ''}`) },
    { name: '취소철회조회', weight: 3, make: (k) => get(`/views/cancel-withdrawals${k % 2 ? q({ channel: channelOf(k) }) : ''}`) },
    { name: '반품관리', weight: 3, make: (k) => get(`/views/returns${k % 2 ? q(week(k)) : ''}`) },
    { name: 'CS내역조회', weight: 3, make: (k) => get(`/views/cs-history${k % 2 ? q(week(k)) : ''}`) },
  ];
};

/**
 * One-order commands: CS 메모 on any order, 보류설정 / 보류해제 on the orders that were left 접수 and
 * not held (fate 'received'). Those go round two queues — free and held — so a PUT is sent to an
 * order not held and a DELETE to one held (no ORDER_ALREADY_HELD / not-held refusals by design); an
 * order is off both queues while its command is in flight.
 */
export const commandMix = (loaded: Loaded): Kind[] => {
  const free: number[] = [];
  for (let i = 0; i < loaded.count; i++) if (fateOf(i) === 'received') free.push(loaded.nos[i] as number);
  // Spread the pool so consecutive holds are on orders far apart.
  free.sort((a, b) => hash(a, 50) - hash(b, 50));
  const held: number[] = [];
  let f = 0;
  const takeFree = (): number | undefined => (f < free.length ? free[f++] : undefined);
  const compact = () => {
    if (f > 10_000) {
      free.splice(0, f);
      f = 0;
    }
  };
  const hold = (): Sent | null => {
    const no = takeFree();
    if (no === undefined) return null;
    compact();
    return { method: 'PUT', path: `/orders/${no}/hold`, body: { memo: '벤치 보류' }, settled: (s) => (s >= 200 && s < 300 ? held.push(no) : free.push(no)) };
  };
  return [
    { name: 'POST /orders/{no}/memos', weight: 2, make: (k) => ({ method: 'POST', path: `/orders/${loaded.nos[hash(k, 60) % loaded.count] as number}/memos`, body: { text: `벤치 메모 ${k}` } }) },
    { name: 'PUT /orders/{no}/hold', weight: 1, make: hold },
    {
      name: 'DELETE /orders/{no}/hold',
      weight: 1,
      make: () => {
        const no = held.shift();
        if (no === undefined) return null;
        return { method: 'DELETE', path: `/orders/${no}/hold`, settled: (s) => (s >= 200 && s < 300 ? free.push(no) : held.push(no)) };
      },
    },
  ];
};
