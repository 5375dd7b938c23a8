/**
 * The auditors' CLI commands, apart from cli.ts so tests run them as the CLI does:
 *  - `verify`: every stream's hash chain, read as stored, with a progress bar and a summary; 1 when a
 *    chain is broken;
 *  - `export --from <ISO instant> --to <ISO instant> [--out <file>]`: every event RECORDED in that
 *    range (recordedAt, from inclusive, to exclusive — instants, not global positions: what an audit
 *    asks for is a period) as JSON lines with their hashes, to stdout or the file; the bar on stderr.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { ChainSummary } from '@oms/adapters';
import { countEventsRecorded, eventsRecorded, eventsRecordedInLog, verifyAllStreams, verifyLog } from '@oms/adapters';
import type { AppContext } from '../context.js';
import { jsonLines } from './jsonLines.js';

export interface Progress {
  start(total: number): void;
  update(done: number, total: number): void;
  stop(): void;
}

/** A cli-progress bar on stderr (drawn only on a terminal). */
export const progressBar = (label: string): Progress => {
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  return {
    start: (total) => bar.start(total, 0),
    update: (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
};

export const silentProgress: Progress = { start: () => {}, update: () => {}, stop: () => {} };

/** Runs verify: prints the summary through `out` and answers the exit code (1 when any break). */
export const verifyCommand = async (ctx: Pick<AppContext, 'db' | 'storedEvents' | 'eventStoreKind'>, out: (line: string) => void, progress: Progress = silentProgress): Promise<{ summary: ChainSummary; exitCode: number }> => {
  let started = false;
  const onProgress = (done: number, total: number) => {
    if (!started) progress.start(total);
    started = true;
    progress.update(done, total);
  };
  // The SQL store pages through its table of streams (and checks each recorded tip); a KurrentDB store
  // has none, so its log is walked whole and the bar counts events.
  const summary = ctx.eventStoreKind === 'postgres' ? await verifyAllStreams(ctx.db, ctx.storedEvents, { onProgress }) : await verifyLog(ctx.storedEvents, { onProgress: (read) => onProgress(read, read) });
  progress.stop();
  out(`streams: ${summary.streams}`);
  out(`events: ${summary.events}`);
  out(`breaks: ${summary.breaks.length}`);
  for (const b of summary.breaks) out(`  ${b.streamId} revision ${b.revision}: ${b.kind}`);
  return { summary, exitCode: summary.breaks.length > 0 ? 1 : 0 };
};

export class ExportRangeInvalid extends Error {
  override readonly name = 'ExportRangeInvalid';
}

const instant = (name: string, value: string | undefined): Date => {
  // An instant names its offset: a bare local time would mean a different range on every machine.
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ExportRangeInvalid(`--${name} must be an ISO instant with an offset (2026-03-01T00:00:00+09:00), got ${value ?? 'nothing'}`);
  }
  return new Date(value);
};

export const exportRange = (from: string | undefined, to: string | undefined): { from: Date; to: Date } => {
  const range = { from: instant('from', from), to: instant('to', to) };
  if (range.from.getTime() >= range.to.getTime()) throw new ExportRangeInvalid('--from must be before --to');
  return range;
};

/** Writes every event recorded in the range as JSON lines on `sink`; answers how many. */
export const exportCommand = async (ctx: Pick<AppContext, 'db' | 'storedEvents' | 'eventStoreKind'>, range: { from: Date; to: Date }, sink: Writable, progress: Progress = silentProgress): Promise<number> => {
  // A KurrentDB store is read from its log, whose length in the range is not known up front.
  const inSql = ctx.eventStoreKind === 'postgres';
  const total = inSql ? await countEventsRecorded(ctx.db, range) : 0;
  progress.start(total);
  let written = 0;
  for await (const page of inSql ? eventsRecorded(ctx.db, range) : eventsRecordedInLog(ctx.storedEvents, range)) {
    const text = jsonLines(page);
    if (!sink.write(text)) await once(sink, 'drain');
    written += page.length;
    progress.update(written, Math.max(total, written));
  }
  progress.stop();
  return written;
};

/** `--out <file>` or stdout; closed (flushed) by `finish`. */
export const exportSink = (file: string | undefined): { sink: Writable; finish: () => Promise<void> } => {
  if (!file) return { sink: process.stdout, finish: async () => {} };
  const sink = createWriteStream(file, { flags: 'wx' });
  return {
    sink,
    finish: async () => {
      sink.end();
      await once(sink, 'finish');
    },
  };
};
