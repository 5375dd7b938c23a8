/**
 * One process per data folder (issue 8, item 3): the lock is taken atomically, a stale one (its process
 * gone, or its PID now another process) is taken over with a log line, a live one is refused naming the
 * PID and the folder; two servers started at once on one folder: exactly one serves.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../packages/api/src/dataDirLock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'oms-lock-'));

describe('the data folder lock', () => {
  it('refuses a second holder while the first runs, naming its PID and the folder; free again once released', () => {
    const dir = folder();
    const unlock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(`The data folder ${dir} is in use by process ${process.pid}`);
    unlock();
    lockDataDir(dir)();
  });

  it('takes over a lock whose process is gone, and one whose PID now belongs to another process, saying so', () => {
    for (const stale of [{ pid: 2 ** 22 + 12345, started: '1' }, { pid: 1, started: 'not-when-pid-1-started' }]) {
      const dir = folder();
      writeFileSync(join(dir, 'oms.lock'), JSON.stringify(stale));
      const said: string[] = [];
      const unlock = lockDataDir(dir, { warn: (m) => said.push(m) });
      expect(said).toEqual([`Took over the data folder ${dir}: its lock named process ${stale.pid}, which no longer runs.`]);
      expect(JSON.parse(readFileSync(join(dir, 'oms.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      unlock();
    }
  });

  it('two servers started at once on one folder: exactly one serves, the other exits saying who holds it', async () => {
    const dir = folder();
    const start = (port: number) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'packages/api/src/main.ts'], {
          env: { ...process.env, DATABASE_URL: '', OMS_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        const onData = (d: Buffer) => {
          out += d.toString();
          // The winner stops once it serves; the loser exits by itself.
          if (out.includes('order CS back office ready')) child.kill('SIGTERM');
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => resolve({ code, out }));
      });
    const runs = await Promise.all([start(39_871), start(39_872)]);
    const served = runs.filter((r) => r.out.includes('order CS back office ready'));
    const refused = runs.filter((r) => r.out.includes(`The data folder ${dir} is in use by process`));
    expect(served, runs.map((r) => r.out).join('\n---\n')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.code).toBe(1);
  }, 90_000);
});
