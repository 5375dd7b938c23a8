/**
 * Tamper evidence for auditors: orders made through the API carry a hash chain that verifies, over
 * HTTP (GET /audit/verify) and with the CLI's verify; a row edited by SQL is named by stream and
 * revision; exports (GET /orders/{no}/events?format=jsonl, the CLI's export) re-verify offline with
 * eventHash alone.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedEvent } from '@oms/adapters';
import { ZERO_HASH } from '@oms/adapters';
import { exportCommand, exportRange, exportSink, verifyCommand } from '@oms/api';
import { orderStreamId } from '@oms/domain';
import stored from '../../packages/domain/src/order/actions/fixtures/OrderPlacedV1.json' with { type: 'json' };
import { testDatabases } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { placeWithHistory, startTestApp } from '../support/app.js';
import { Collect, offlineBreaks, parseLines } from '../support/auditExports.js';


describe.each(testDatabases)('tamper evidence and exports on $name', (database) => {
  let t: TestApp;
  let started: string;
  const place = () => placeWithHistory(t);
  const verify = async (stream: string, key = t.keys.auditor) => {
    const res = await t.call(key, 'GET', `/audit/verify?stream=${encodeURIComponent(stream)}`);
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  const cliVerify = async () => {
    const lines: string[] = [];
    const { exitCode, summary } = await verifyCommand(t.context, (l) => lines.push(l));
    return { exitCode, summary, text: lines.join('\n') };
  };
  const jsonl = async (no: number) => {
    const res = await t.call(t.keys.auditor, 'GET', `/orders/${no}/events?format=jsonl`);
    expect(res.statusCode, res.body).toBe(200);
    return { res, lines: parseLines(res.body) };
  };

  beforeAll(async () => {
    t = await startTestApp(database);
    started = new Date(Date.now() - 1000).toISOString();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('orders made through the API verify, over HTTP and with the CLI; an unknown stream is a 404 naming it; other roles are refused', async () => {
    const no = await place();
    expect(await verify(orderStreamId(no))).toEqual({ status: 200, body: { stream: orderStreamId(no), events: 5, ok: true, breaks: [] } });
    const cli = await cliVerify();
    expect(cli.summary.streams).toBeGreaterThan(0);
    expect(cli.summary.events).toBeGreaterThanOrEqual(5);
    expect(cli.summary.breaks.filter((b) => b.streamId === orderStreamId(no))).toEqual([]);
    expect(cli.text).toMatch(/^streams: \d+\nevents: \d+\nbreaks: \d+/);
    expect(await verify('order-999999999999')).toMatchObject({ status: 404, body: { code: 'STREAM_NOT_FOUND', errors: [{ field: 'stream' }] } });
    expect((await verify('')).status).toBe(422);
    for (const key of [t.keys.cs, t.keys.analyst, t.keys.integration]) expect((await verify(orderStreamId(no), key)).status).toBe(403);
    expect((await verify(orderStreamId(no), t.keys.auditor)).status).toBe(200);
  });

  it('an event stored in an old shape verifies from its stored row (upcasting never touches the hash)', async () => {
    const no = 700_000_000 + Math.floor(Math.random() * 1e8);
    await t.context.storedEvents.append(orderStreamId(no), [{ id: randomUUID(), type: stored.type, data: { ...stored.data, no, channelOrderNo: `V1-${no}` }, metadata: stored.metadata }], { expected: 'no_stream' });
    const held = await t.call(t.keys.cs, 'PUT', `/orders/${no}/hold`, { memo: '구버전 주문' });
    expect(held.statusCode, held.body).toBe(200);
    expect(await verify(orderStreamId(no))).toMatchObject({ status: 200, body: { events: 2, ok: true } });
    const { lines } = await jsonl(no);
    expect(lines[0]?.data).not.toHaveProperty('copiedFrom');
    expect(offlineBreaks(lines)).toEqual([]);
  });

  it('a row whose data is edited by SQL is named by stream and revision (hash_mismatch), by HTTP, by the CLI and offline from an export', async () => {
    const no = await place();
    const stream = orderStreamId(no);
    await sql`UPDATE events SET data = jsonb_set(data, '{memo}', '"고쳐 씀"') WHERE stream_id = ${stream} AND stream_revision = 2`.execute(t.context.db);
    expect(await verify(stream)).toEqual({ status: 200, body: { stream, events: 5, ok: false, breaks: [{ streamId: stream, revision: 2, kind: 'hash_mismatch' }] } });
    const cli = await cliVerify();
    expect(cli.exitCode).toBe(1);
    expect(cli.summary.breaks.filter((b) => b.streamId === stream)).toEqual([{ streamId: stream, revision: 2, kind: 'hash_mismatch' }]);
    expect(cli.text).toContain(`${stream} revision 2: hash_mismatch`);
    expect(offlineBreaks((await jsonl(no)).lines)).toEqual([{ streamId: stream, revision: 2, kind: 'hash_mismatch' }]);
  });

  it('an edited hash breaks its own row and makes the next revision a previous_mismatch; a deleted row is a revision_gap', async () => {
    const no = await place();
    const stream = orderStreamId(no);
    await sql`UPDATE events SET hash = repeat('f', 64) WHERE stream_id = ${stream} AND stream_revision = 1`.execute(t.context.db);
    expect((await verify(stream)).body.breaks).toEqual([
      { streamId: stream, revision: 1, kind: 'hash_mismatch' },
      { streamId: stream, revision: 2, kind: 'previous_mismatch' },
    ]);
    expect(offlineBreaks((await jsonl(no)).lines)).toEqual([
      { streamId: stream, revision: 1, kind: 'hash_mismatch' },
      { streamId: stream, revision: 2, kind: 'hash_mismatch' },
    ]);
    const other = orderStreamId(await place());
    await sql`DELETE FROM events WHERE stream_id = ${other} AND stream_revision = 3`.execute(t.context.db);
    expect((await verify(other)).body.breaks).toEqual([{ streamId: other, revision: 3, kind: 'revision_gap' }]);
    const tail = orderStreamId(await place());
    await sql`DELETE FROM events WHERE stream_id = ${tail} AND stream_revision = 4`.execute(t.context.db);
    expect((await verify(tail)).body.breaks).toEqual([{ streamId: tail, revision: 4, kind: 'revision_gap' }]);
  });

  it('GET /orders/{no}/events?format=jsonl: one line per event as stored, with previousHash and hash, as a download', async () => {
    const no = await place();
    const { res, lines } = await jsonl(no);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="order-${no}-events.jsonl"`);
    expect(lines.map((l) => l.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(lines[0] ?? {})).toEqual(['streamId', 'revision', 'eventId', 'type', 'data', 'metadata', 'recordedAt', 'position', 'previousHash', 'hash']);
    expect(lines[0]?.previousHash).toBe(ZERO_HASH);
    expect(offlineBreaks(lines)).toEqual([]);
    const json = (await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json() as { items: { eventId: string; data: unknown }[] };
    expect(lines.map((l) => [l.eventId, l.data])).toEqual(json.items.map((e) => [e.eventId, e.data]));
    expect(parseLines((await t.call(t.keys.auditor, 'GET', `/orders/${no}/events?format=jsonl&revision=1`)).body).map((l) => l.revision)).toEqual([0, 1]);
    expect((await t.call(t.keys.cs, 'GET', `/orders/${no}/events?format=jsonl`)).statusCode).toBe(403);
  });

  it('the CLI export writes every event recorded in the range as JSON lines, to a file or a stream, that re-verify offline', async () => {
    const no = await place();
    const stream = orderStreamId(no);
    await t.context.runner.catchUp();
    const range = exportRange(started, new Date(Date.now() + 60_000).toISOString());
    const collected = new Collect();
    // On a shared server another session's open transaction can hold the snapshot's xmin back a moment.
    let lines: ExportedEvent[] = [];
    for (let i = 0; i < 100 && lines.filter((l) => l.streamId === stream).length < 5; i++) {
      collected.text = '';
      await exportCommand(t.context, range, collected);
      lines = parseLines(collected.text);
      await new Promise((r) => setTimeout(r, 20));
    }
    const mine = lines.filter((l) => l.streamId === stream);
    expect(mine.map((l) => l.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(offlineBreaks(mine)).toEqual([]);
    for (const l of lines) expect(Date.parse(l.recordedAt)).toBeGreaterThanOrEqual(range.from.getTime());

    const file = join(await mkdtemp(join(tmpdir(), 'oms-export-')), 'events.jsonl');
    const { sink, finish } = exportSink(file);
    const written = await exportCommand(t.context, range, sink);
    await finish();
    const fromFile = parseLines(await readFile(file, 'utf8'));
    expect(fromFile).toHaveLength(written);
    expect(offlineBreaks(fromFile.filter((l) => l.streamId === stream))).toEqual([]);
    expect(() => exportRange('2026-03-01T00:00:00', '2026-03-02T00:00:00Z')).toThrow(/--from/);
    expect(() => exportRange('2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z')).toThrow(/before/);
  });
});
