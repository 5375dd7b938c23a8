import Fastify from 'fastify';
import type { FastifyInstance, InjectOptions } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerJsonBody } from '../jsonBody.js';
import { errorHandler } from '../problem.js';
import { readTable } from './readTable.js';
import { readUploadedFile, registerUploads } from './upload.js';

const FILE_BYTES = 4096;

/** A bare server wired as app.ts wires it: the JSON parser, then uploads; one JSON route and two upload routes. */
const serverWith = async (): Promise<FastifyInstance> => {
  const app = Fastify({ logger: false });
  app.setErrorHandler(errorHandler);
  registerJsonBody(app);
  await registerUploads(app, { fileBytes: FILE_BYTES });
  app.post('/json', async (request) => ({ body: request.body ?? null }));
  app.post('/imports', { config: { uploads: true } }, async (request) => {
    const { fileName, bytes } = await readUploadedFile(request);
    return { fileName, size: bytes.length, rows: await readTable(bytes, fileName) };
  });
  app.post('/sheets', { config: { uploads: true } }, async (request) => {
    const { fileName, bytes } = await readUploadedFile(request, 'sheet');
    return { fileName, size: bytes.length };
  });
  await app.ready();
  return app;
};

const form = (entries: [string, string | { bytes: Buffer; name: string }][]): FormData => {
  const data = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, new Blob([new Uint8Array(value.bytes)]), value.name);
  }
  return data;
};

/** A body as a browser writes it, for what FormData cannot express (an empty file input, broken parts). */
const raw = (body: string): Pick<InjectOptions, 'payload' | 'headers'> => ({ payload: body, headers: { 'content-type': 'multipart/form-data; boundary=XyZ' } });

describe('uploads', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await serverWith();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, options: Pick<InjectOptions, 'payload' | 'headers'>) => app.inject({ method: 'POST', url, ...options });
  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
    expect(res.headers['content-type']).toContain('application/problem+json');
    return [res.statusCode, (res.json() as { code: string }).code];
  };

  it('an upload route reads the one file, its Korean name intact, beside small fields', async () => {
    const csv = iconv.encode('주문번호,취소수량\r\n2026120100001,1\r\n', 'euc-kr');
    const res = await post('/imports', { payload: form([['channel', '11번가'], ['file', { bytes: csv, name: '취소요청_11번가.csv' }], ['note', '월요일분']]) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ fileName: '취소요청_11번가.csv', size: csv.length, rows: [['주문번호', '취소수량'], ['2026120100001', '1']] });
  });

  it('the file field can be another; a file under another name is not it', async () => {
    expect((await post('/sheets', { payload: form([['sheet', { bytes: Buffer.from('a'), name: 'a.csv' }]]) })).json()).toEqual({ fileName: 'a.csv', size: 1 });
    const res = await post('/sheets', { payload: form([['file', { bytes: Buffer.from('a'), name: 'a.csv' }]]) });
    expect(problem(res)).toEqual([400, 'FILE_MISSING']);
    expect(res.json()).toMatchObject({ field: 'sheet', errors: [{ field: 'sheet', message: 'missing' }] });
  });

  it('no file, or an empty file input (filename=""), is 400 FILE_MISSING naming the field', async () => {
    const none = await post('/imports', { payload: form([['channel', '11번가']]) });
    expect(problem(none)).toEqual([400, 'FILE_MISSING']);
    expect(none.json().field).toBe('file');
    const emptyInput = raw('--XyZ\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n');
    expect(problem(await post('/imports', emptyInput))).toEqual([400, 'FILE_MISSING']);
    expect(problem(await post('/imports', raw('--XyZ--\r\n')))).toEqual([400, 'FILE_MISSING']);
  });

  it('a file over the limit is 413 FILE_TOO_LARGE; the limit itself is fine', async () => {
    expect((await post('/sheets', { payload: form([['sheet', { bytes: Buffer.alloc(FILE_BYTES, 0x41), name: 'a.csv' }]]) })).statusCode).toBe(200);
    const res = await post('/imports', { payload: form([['file', { bytes: Buffer.alloc(FILE_BYTES + 1, 0x41), name: 'a.csv' }]]) });
    expect(problem(res)).toEqual([413, 'FILE_TOO_LARGE']);
    expect(res.json()).toMatchObject({ maxBytes: FILE_BYTES, field: 'file' });
  });

  it('two files, too many fields or a long field are refused', async () => {
    const file = { bytes: Buffer.from('a'), name: 'a.csv' };
    expect(problem(await post('/imports', { payload: form([['file', file], ['file', file]]) }))).toEqual([400, 'TOO_MANY_FILES']);
    expect(problem(await post('/imports', { payload: form([['file', file], ...Array.from({ length: 11 }, (_, i): [string, string] => [`f${i}`, 'x'])]) }))).toEqual([413, 'FORM_TOO_LARGE']);
    expect(problem(await post('/imports', { payload: form([['note', 'x'.repeat(1025)], ['file', file]]) }))).toEqual([413, 'FORM_TOO_LARGE']);
  });

  it('a broken multipart body is 400 MALFORMED_MULTIPART', async () => {
    expect(problem(await post('/imports', raw('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc')))).toEqual([400, 'MALFORMED_MULTIPART']);
    expect(problem(await post('/imports', { payload: 'x', headers: { 'content-type': 'multipart/form-data' } }))).toEqual([400, 'MALFORMED_MULTIPART']);
    expect(problem(await post('/imports', raw('--XyZ\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--XyZ--\r\n')))).toEqual([400, 'MALFORMED_MULTIPART']);
  });

  it('an upload route refuses JSON, text and no body with 415 asking for multipart/form-data', async () => {
    for (const options of [{ payload: { file: 'a' } }, { payload: 'a,b', headers: { 'content-type': 'text/csv' } }, {}]) {
      const res = await post('/imports', options);
      expect(problem(res)).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect(res.json().detail).toBe('Send the file as multipart/form-data.');
    }
  });

  it('every other route still refuses a multipart body with 415, as any body that is not JSON, and takes JSON', async () => {
    const multipartRes = await post('/json', { payload: form([['file', { bytes: Buffer.from('a'), name: 'a.csv' }]]) });
    const textRes = await post('/json', { payload: 'a', headers: { 'content-type': 'text/plain' } });
    expect(problem(multipartRes)).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(multipartRes.json()).toEqual({ ...textRes.json(), instance: multipartRes.json().instance });
    expect((await post('/json', { payload: { a: 1 } })).json()).toEqual({ body: { a: 1 } });
  });

  it('readUploadedFile outside an upload route refuses a body that is not multipart', async () => {
    const bare = Fastify({ logger: false });
    bare.setErrorHandler(errorHandler);
    await registerUploads(bare);
    bare.post('/plain', async (request) => readUploadedFile(request));
    const res = await bare.inject({ method: 'POST', url: '/plain', payload: { a: 1 } });
    expect(problem(res)).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    await bare.close();
  });
});
