/** Events as a JSON-lines download (application/x-ndjson), the shape `pnpm cli export` writes too. */
import type { FastifyReply } from 'fastify';
import type { ExportedEvent } from '@oms/adapters';

export const JSON_LINES = 'application/x-ndjson; charset=utf-8';

export const jsonLines = (events: readonly ExportedEvent[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join('');

/** A Buffer goes out as it is, past the JSON serializer (whose content-type test "x-ndjson" would pass). */
export const sendJsonLines = (reply: FastifyReply, fileStem: string, events: readonly ExportedEvent[]) =>
  reply.header('Content-Type', JSON_LINES).header('Content-Disposition', `attachment; filename="${fileStem.replace(/[^\w.-]+/g, '_')}.jsonl"`).send(Buffer.from(jsonLines(events), 'utf8'));
