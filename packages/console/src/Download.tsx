/**
 * An export's download button with progress: the file is fetched on the same cookie session, its body
 * read as a stream (bytes of Content-Length when the server sends it, else a running count; rows for a
 * CSV), then saved under the server's own name (Content-Disposition) through an object URL. A plain
 * <a href download> would show nothing while a large export is being written and read, and a refusal
 * (too many rows, a bad filter) would land the worker on a JSON page.
 */
import { useEffect, useRef, useState } from 'react';
import type { ProblemBody } from './api';
import { num } from './format';
import { koreanOf } from './problems';
import './download.css';

interface Received {
  readonly bytes: number;
  readonly total: number | null;
  /** Lines seen so far, for a CSV (an xlsx is a zip: no rows to count until it is whole). */
  readonly rows: number | null;
}

/** The name in Content-Disposition: filename* (UTF-8, RFC 5987) first, else the ASCII filename. */
export const fileNameOfDisposition = (header: string | null): string | null => {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {
      // A broken escape: fall back to the plain name.
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim() ?? null;
};

/** 812 B, 34 KB, 2.1 MB. */
export const sizeOf = (bytes: number): string => (bytes < 1024 ? `${num(bytes)} B` : bytes < 1024 * 1024 ? `${num(Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

const NEWLINE = 0x0a;
const countLines = (chunk: Uint8Array): number => {
  let n = 0;
  for (const byte of chunk) if (byte === NEWLINE) n++;
  return n;
};

const refusalOf = async (response: Response): Promise<string> => {
  try {
    const problem = (await response.json()) as Partial<ProblemBody>;
    return (problem.code && koreanOf(problem.code)) ?? problem.detail ?? problem.title ?? `오류 ${response.status}`;
  } catch {
    return `내려받지 못했습니다 (${response.status}).`;
  }
};

const save = (blob: Blob, name: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file by the next turns of the event loop; the URL is only memory after that.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

export const Download = ({ href, label, filename }: { href: string; label: string; filename: string }) => {
  const [received, setReceived] = useState<Received | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const start = async () => {
    const abort = new AbortController();
    running.current = abort;
    setError(null);
    setReceived({ bytes: 0, total: null, rows: null });
    try {
      const response = await fetch(href, { credentials: 'same-origin', signal: abort.signal });
      if (!response.ok) {
        setError(await refusalOf(response));
        return;
      }
      const length = Number(response.headers.get('content-length'));
      const total = Number.isFinite(length) && length > 0 ? length : null;
      const type = response.headers.get('content-type') ?? 'application/octet-stream';
      const csv = type.startsWith('text/csv');
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let rows = 0;
      const reader = response.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          bytes += value.byteLength;
          if (csv) rows += countLines(value);
          setReceived({ bytes, total, rows: csv ? rows : null });
        }
      } else chunks.push(new Uint8Array(await response.arrayBuffer()));
      save(new Blob(chunks, { type }), fileNameOfDisposition(response.headers.get('content-disposition')) ?? filename);
    } catch (e) {
      if (!abort.signal.aborted) setError(e instanceof Error && e.name === 'TypeError' ? '서버에 연결할 수 없습니다.' : '내려받지 못했습니다.');
    } finally {
      if (running.current === abort) running.current = null;
      setReceived(null);
    }
  };

  if (received) {
    return (
      <span className="download busy" role="status" aria-label={`${label} 내려받는 중`}>
        <progress aria-label={`${label} 진행`} max={received.total ?? undefined} value={received.total ? received.bytes : undefined} />
        <span>{sizeOf(received.bytes)}{received.total ? ` / ${sizeOf(received.total)}` : ''}{received.rows !== null ? ` · ${num(Math.max(0, received.rows - 1))}행` : ''}</span>
        <button type="button" onClick={() => running.current?.abort()}>중지</button>
      </span>
    );
  }
  return (
    <span className="download">
      <button type="button" onClick={() => void start()}>{label}</button>
      {error && <span className="field-error" role="alert">{error}</span>}
    </span>
  );
};
