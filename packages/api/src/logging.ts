/**
 * What the logs may hold: no personal data (buyer names, phones, addresses live in bodies, query
 * strings, SQL parameters and the database's error details), no keys. One line per request names
 * the route, not the URL as sent.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import pino from 'pino';

/** Only a short, plain request id from a caller is kept (it becomes the events' correlationId). */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const requestIdOf = (request: IncomingMessage): string => {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
};

interface LoggedError {
  readonly type: string;
  readonly message: string;
  readonly code?: unknown;
  readonly stack?: string | undefined;
}

/**
 * An error as logged: its kind, message, code and stack. Never its other members: a database error
 * carries the statement's parameters (an event's JSON), its `detail` quotes the offending values.
 */
export const errorForLog = (error: unknown): LoggedError | unknown => {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  return { type: error.constructor.name, message: error.message, ...(code === undefined ? {} : { code }), stack: error.stack };
};

export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'req.query', 'body', 'query', 'params', 'parameters', 'err.params', 'err.parameters', 'err.detail', 'err.query'];

const loggerOptions = (level: string): LoggerOptions => ({
  level,
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  serializers: { err: errorForLog, error: errorForLog },
});

/** The server's logger; `destination` for a test that reads the lines. */
export const createLogger = (level: string, destination?: DestinationStream): Logger => (destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level)));
