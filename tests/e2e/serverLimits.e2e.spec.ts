/**
 * What only a listening server shows (issue 8, items 4 and 5): a client that never finishes its body is
 * cut off with a 408 problem, oversized headers are a 431 problem, and the logs and /health hold no
 * personal data nor the database's own error text. Run on PGlite only: nothing here depends on the
 * database but /health, which gets a database of its own that is then closed.
 */
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@oms/adapters';
import { buildApp, createLogger, OrderCommandHandler } from '@oms/api';
import type { FastifyInstance } from 'fastify';
import { pgliteDatabase } from '../support/databases.js';
import { ADMIN_KEY, sampleOrder, TEST_LIMITS } from '../support/app.js';

/** Sends raw bytes, returns what came back once the server closed the socket (and how long it took). */
const raw = (port: number, bytes: string) =>
  new Promise<{ text: string; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
  });

describe('a listening server', () => {
  let app: FastifyInstance;
  let port: number;
  const lines: string[] = [];
  beforeAll(async () => {
    const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    ({ app } = await buildApp({ database: await pgliteDatabase.open(), bootstrapAdminKey: ADMIN_KEY, projectionPollMs: 0, logger, limits: { ...TEST_LIMITS, requestTimeoutMs: 800, maxHeaderBytes: 4096 } }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await app.close();
  });

  it('cuts off a body that never finishes with a 408 problem, within the request timeout', async () => {
    const started = await Promise.all(
      Array.from({ length: 5 }, () => raw(port, `POST /orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_KEY}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"channel":`)),
    );
    for (const { text, ms } of started) {
      expect(text).toMatch(/^HTTP\/1\.1 408/);
      expect(text).toContain('application/problem+json');
      expect(text).toContain('"code":"REQUEST_TIMEOUT"');
      expect(ms).toBeLessThan(5_000);
    }
  });

  it('answers headers over the limit with a 431 problem that quotes nothing', async () => {
    const { text } = await raw(port, `GET /orders?q=${'kim'.repeat(3000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 431/);
    expect(text).toContain('application/problem+json');
    expect(text).not.toContain('kimkim');
  });

  it('logs the route of a request, never its query string', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/orders?q=${encodeURIComponent('김경자 010-6364-3640')}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    const line = lines.find((l) => l.includes('"route":"/orders"') && l.includes('"method":"GET"'));
    expect(line).toBeDefined();
    expect(lines.join('')).not.toMatch(/김경자|6364/);
  });

  it('logs an unhandled error without its SQL parameters or details, and answers a bare 500', async () => {
    const handler = OrderCommandHandler.prototype;
    const original = handler.execute;
    handler.execute = async () => {
      throw Object.assign(new Error('insert or update on table "events" violates a check'), {
        code: '23514',
        detail: 'Failing row contains (김경자, 010-6364-3640).',
        params: ['{"buyer":{"name":"김경자","mobile":"010-6364-3640"}}'],
        query: 'INSERT INTO events …',
      });
    };
    try {
      const res = await fetch(`http://127.0.0.1:${port}/orders`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(sampleOrder()) });
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).not.toMatch(/김경자|6364|events/);
    } finally {
      handler.execute = original;
    }
    const logged = lines.find((l) => l.includes('unhandled error'));
    expect(logged).toContain('23514');
    expect(lines.join('')).not.toMatch(/김경자|6364/);
  });
});

describe('/health', () => {
  it('says only down when the database is gone, never its error text', async () => {
    const database = await openDatabase({});
    const { app } = await buildApp({ database, projectionPollMs: 0, limits: TEST_LIMITS });
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await database.close();
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(Object.keys(res.json()).sort()).toEqual(['code', 'instance', 'status', 'title', 'type']);
    await app.close().catch(() => undefined);
  });
});
