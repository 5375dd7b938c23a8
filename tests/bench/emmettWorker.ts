/**
 * Emmett's side of the Emmett bench (emmett.ts), in a worker thread of its own. Emmett's driver layer
 * (dumbo) sets pg's GLOBAL type parsers (int8 → BigInt, jsonb → JSON.parse with a reviver); in the main
 * thread that would change what our store's pool parses too. A worker has its own module instances,
 * so each side runs with the parsers it ships with. The main thread waits while a round runs here.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { EmmettRequest, EventPayload } from './emmettShared.js';
import { benchData, benchMetadata, WRITERS } from './emmettShared.js';

type Store = ReturnType<typeof getPostgreSQLEventStore>;

const event = (i: number): EventPayload & { metadata: Record<string, unknown> } => ({
  type: 'OrderNoteAdded',
  data: benchData(i),
  metadata: { ...benchMetadata, messageId: randomUUID() },
});

let store: Store | null = null;
const s = (): Store => {
  if (!store) throw new Error('not initialised');
  return store;
};

let counter = 0;
/** One writer on its own stream, `perAppend` events per append with its exact expected version. */
const writer = (perAppend: number) => {
  const stream = `bench-${process.pid}-w${++counter}`;
  let version = 0n;
  let i = 0;
  return async (appends: number) => {
    for (let a = 0; a < appends; a++) {
      const events = Array.from({ length: perAppend }, () => event(i++));
      const r = await s().appendToStream(stream, events, { expectedStreamVersion: version });
      version = r.nextExpectedStreamVersion;
    }
  };
};

const concurrently = (writers: ((ops: number) => Promise<void>)[]) => async (ops: number) => {
  const n = writers.length;
  await Promise.all(writers.map((w, k) => w(Math.floor(ops / n) + (k < ops % n ? 1 : 0))));
};

const seeded = new Set<string>();
const sides = new Map<string, (units: number) => Promise<void>>();

/** Readers going round `streams` streams of `perStream` events, reading each whole. */
const reader = (prefix: string, streams: number, perStream: number, readers: number) => {
  let next = 0;
  const one = async (reads: number) => {
    for (let r = 0; r < reads; r++) {
      const { events } = await s().readStream(`${prefix}-${next++ % streams}`);
      if (events.length !== perStream) throw new Error(`read ${events.length} events, expected ${perStream}`);
    }
  };
  return async (events: number) => {
    const reads = events / perStream;
    await Promise.all(Array.from({ length: readers }, (_, k) => one(Math.floor(reads / readers) + (k < reads % readers ? 1 : 0))));
  };
};

const handle = async (m: EmmettRequest): Promise<unknown> => {
  switch (m.op) {
    case 'open':
      store = getPostgreSQLEventStore(m.connectionString);
      await store.schema.migrate();
      return null;
    case 'side': {
      const w = m.workload;
      if (w.kind === 'append') {
        const one = () => writer(w.perAppend);
        const side = w.writers === 1 ? one() : concurrently(Array.from({ length: WRITERS }, one));
        sides.set(m.name, w.perAppend === 1 ? side : (events) => side(events / w.perAppend));
      } else {
        const prefix = `bench-${process.pid}-r${w.streams}x${w.perStream}`;
        for (let k = 0; !seeded.has(prefix) && k < w.streams; k++) {
          await s().appendToStream(`${prefix}-${k}`, Array.from({ length: w.perStream }, (_, i) => event(i)), { expectedStreamVersion: 0n });
        }
        seeded.add(prefix);
        sides.set(m.name, reader(prefix, w.streams, w.perStream, w.readers));
      }
      return null;
    }
    case 'run': {
      const side = sides.get(m.name);
      if (!side) throw new Error(`no side ${m.name}`);
      const t0 = performance.now();
      await side(m.units);
      return (performance.now() - t0) / 1000;
    }
    case 'close':
      await store?.close();
      return null;
  }
};

parentPort?.on('message', (m: EmmettRequest) => {
  handle(m).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (error: unknown) => parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
