/**
 * A file upload with progress. fetch (and so openapi-fetch) reports no upload progress, so this one
 * request goes through XMLHttpRequest: the same cookie session (same origin), the same CSRF header as
 * api.ts's middleware (the token of the session's answer, GET/POST /session), and the same
 * RequestRefused with the server's problem when refused.
 */
import type { ProblemBody } from './api';
import { RequestRefused } from './api';

export interface Progress {
  readonly loaded: number;
  /** null while the size is unknown. */
  readonly total: number | null;
}

const problemOf = (xhr: XMLHttpRequest): ProblemBody => {
  let body: Partial<ProblemBody> = {};
  try {
    body = JSON.parse(xhr.responseText) as Partial<ProblemBody>;
  } catch {
    // Not problem+json (a proxy's page): the status says what there is to say.
  }
  return { ...body, status: xhr.status, code: body.code ?? 'ERROR', title: body.title ?? xhr.statusText };
};

/** POSTs `file` as multipart/form-data under `field`; resolves with the JSON answer. */
export const uploadFile = <T>(url: string, file: File, options: { csrfToken: string | null; field?: string; onProgress?: (p: Progress) => void; signal?: AbortSignal }): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (options.csrfToken) xhr.setRequestHeader('x-csrf-token', options.csrfToken);
    xhr.upload.onprogress = (e) => options.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      } else reject(new RequestRefused(problemOf(xhr)));
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append(options.field ?? 'file', file, file.name);
    xhr.send(form);
  });
