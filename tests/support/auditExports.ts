/** What the auditors' export tests share: parsing JSON lines, an offline re-verification, a sink to collect them. */
import { Writable } from 'node:stream';
import type { ExportedEvent } from '@oms/adapters';
import { eventHash, ZERO_HASH } from '@oms/adapters';

/** An auditor's offline check of a JSON-lines file: every line's hash from its content and previousHash, every previousHash against the line before it in its stream. */
export const offlineBreaks = (lines: readonly ExportedEvent[]): { streamId: string; revision: number; kind: string }[] => {
  const breaks: { streamId: string; revision: number; kind: string }[] = [];
  const last = new Map<string, ExportedEvent>();
  for (const line of lines) {
    const before = last.get(line.streamId);
    if (line.revision === 0 && line.previousHash !== ZERO_HASH) breaks.push({ streamId: line.streamId, revision: line.revision, kind: 'previous_mismatch' });
    if (before && before.revision === line.revision - 1 && before.hash !== line.previousHash) breaks.push({ streamId: line.streamId, revision: line.revision, kind: 'previous_mismatch' });
    if (line.previousHash === null || eventHash(line, line.previousHash) !== line.hash) breaks.push({ streamId: line.streamId, revision: line.revision, kind: 'hash_mismatch' });
    last.set(line.streamId, line);
  }
  return breaks;
};

export const parseLines = (text: string): ExportedEvent[] =>
  text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as ExportedEvent);

/** A stream an export writes into, kept as text. */
export class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}
