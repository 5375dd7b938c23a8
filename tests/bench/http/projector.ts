/**
 * The loader's projections in a process of their own (http.ts forks it while the loader appends), so
 * folding the read models runs on the other vCPU beside the commands instead of after them. It is the
 * ProjectionRunner as the server has it (same projections, same transactions and checkpoints), with
 * the loader's batch size. Reports the events it has read over IPC; on 'finish' it catches up to the
 * end of the log, reports, and exits.
 */
import { openDatabase, PostgresEventStore } from '@oms/adapters';
import { DEFAULT_CARRIERS } from '@oms/domain';
import { ProjectionRunner, projectionsFor } from '@oms/projections';

const databaseUrl = process.env.DATABASE_URL;
const schema = process.env.BENCH_SCHEMA;
if (!databaseUrl || !schema || !process.send) throw new Error('projector.ts is forked by http.ts, with DATABASE_URL and BENCH_SCHEMA.');
const send = (m: object) => process.send?.(m);

const database = await openDatabase({ databaseUrl, schema, poolSize: 4 });
const store = new PostgresEventStore(database.db);
const runner = new ProjectionRunner(store, database.db, projectionsFor({ carriers: DEFAULT_CARRIERS }), { batchSize: Number(process.env.BENCH_PROJECTION_BATCH ?? 5000) });
let finishing = false;
process.on('message', (m) => {
  if (m === 'finish') finishing = true;
});

let projected = 0;
for (;;) {
  // Only a pass begun after 'finish' (after the last append) may end it.
  const last = finishing;
  const n = await runner.runOnce();
  // runOnce reads one page per projection (usually the same page): the events of the log passed.
  projected += n / runner.projections.length;
  send({ projected: Math.round(projected) });
  if (n === 0) {
    if (last) break;
    await new Promise((r) => setTimeout(r, 50));
  }
}
await database.close();
send({ done: Math.round(projected) });
process.disconnect();
