/**
 * File uploads: multipart/form-data with one file and at most a few small fields. Only a route that
 * says so (`config: { uploads: true }`) takes one; every other route still answers 415 to a
 * multipart body, as it does to any body that is not JSON. The form is read in the handler, so after
 * authentication: an unauthenticated upload is never parsed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorCodes } from 'fastify';
import multipart from '@fastify/multipart';
import { ApiProblem } from '../problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads a multipart/form-data upload with readUploadedFile. */
    uploads?: boolean;
  }
  interface FastifyInstance {
    uploadFileBytes: number;
  }
}

export const DEFAULT_FILE_BYTES = 20 * 1024 * 1024;
/** Beside the file, a form may carry a few short fields (a channel name, a flag). */
const MAX_FIELDS = 10;
const FIELD_BYTES = 1024;

export interface UploadOptions {
  /** The largest file accepted. */
  readonly fileBytes?: number | undefined;
}

const notMultipart = () =>
  new ApiProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the file as multipart/form-data.', [{ field: 'content-type', message: 'expected multipart/form-data' }]);

const MULTIPART = /^\s*multipart\/form-data\s*(?:;|$)/i;

const takesUploads = (request: FastifyRequest): boolean => request.routeOptions.config?.uploads === true;

export const registerUploads = async (app: FastifyInstance, options: UploadOptions = {}): Promise<void> => {
  const fileBytes = options.fileBytes ?? DEFAULT_FILE_BYTES;
  app.decorate('uploadFileBytes', fileBytes);
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: { files: 1, fileSize: fileBytes, fields: MAX_FIELDS, fieldSize: FIELD_BYTES, fieldNameSize: 100, parts: MAX_FIELDS + 1, headerPairs: 20 },
  });
  // An upload route refuses other bodies in its own words (fastify's 415 would ask for JSON).
  app.addHook('preParsing', async (request) => {
    if (takesUploads(request) && !MULTIPART.test(request.headers['content-type'] ?? '')) throw notMultipart();
  });
  // Any other route refuses a multipart body exactly as it refuses every non-JSON one.
  app.addHook('preValidation', async (request) => {
    if (!takesUploads(request) && request.isMultipart()) throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']);
  });
};

const problemOf = (error: unknown, fileBytes: number): unknown => {
  if (error instanceof ApiProblem) return error;
  switch ((error as { code?: unknown } | null)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ApiProblem(413, 'FILE_TOO_LARGE', 'File too large', `The file is larger than ${fileBytes} bytes (${(fileBytes / 1024 / 1024).toFixed(1)} MiB), the most an upload takes.`, [{ field: 'file', message: 'too large' }], { maxBytes: fileBytes });
    case 'FST_FILES_LIMIT':
      return new ApiProblem(400, 'TOO_MANY_FILES', 'Too many files', 'Send one file per upload.', [{ field: 'file', message: 'one file only' }]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return formTooLarge();
    default:
      // Everything else the form parser raises is a broken body: no boundary, a part cut short, a __proto__ field.
      return new ApiProblem(400, 'MALFORMED_MULTIPART', 'Malformed upload', 'The body is not well-formed multipart/form-data.', [{ field: 'body', message: 'malformed multipart' }]);
  }
};

const formTooLarge = () =>
  new ApiProblem(413, 'FORM_TOO_LARGE', 'Form too large', `Besides the file, an upload takes at most ${MAX_FIELDS} fields of ${FIELD_BYTES} bytes.`, [{ field: 'body', message: 'too many or too large fields' }]);

/** The one file of an upload route's form, under `field`; other small fields are read past. */
export const readUploadedFile = async (request: FastifyRequest, field = 'file'): Promise<{ fileName: string; bytes: Buffer }> => {
  if (!request.isMultipart()) throw notMultipart();
  let upload: { fileName: string; bytes: Buffer } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.valueTruncated || part.fieldnameTruncated) throw formTooLarge();
        continue;
      }
      // A browser sends an empty part with no name when no file was chosen.
      if (part.fieldname === field && part.filename !== '' && upload === undefined) upload = { fileName: part.filename, bytes: await part.toBuffer() };
      else await part.toBuffer();
    }
  } catch (error) {
    throw problemOf(error, request.server.uploadFileBytes);
  }
  if (!upload) throw new ApiProblem(400, 'FILE_MISSING', 'File missing', `Send the file in the form field '${field}'.`, [{ field, message: 'missing' }]);
  return upload;
};
