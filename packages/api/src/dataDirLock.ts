/**
 * PGlite is one process's database: a lock file keeps a second process off the same data folder.
 *
 * The lock is created atomically (`wx`: O_CREAT | O_EXCL), so of two processes starting at once exactly
 * one gets it. It names its process by PID and by that process's start time (Linux: /proc/<pid>/stat),
 * so a leftover lock whose PID now belongs to an unrelated process is recognised as stale. A stale lock
 * is taken over by renaming it away first (atomic; only one taker can win it) and then creating a new one.
 */
import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

interface LockOwner {
  readonly pid: number;
  /** The process's start time as the OS reports it; null where it cannot be read. */
  readonly started: string | null;
}

/** Field 22 of /proc/<pid>/stat: the start time in clock ticks since boot (after the `(comm)` field). */
const startTimeOf = (pid: number): string | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The lock's owner still runs: its PID is alive and (where the OS tells) started when the lock says. */
const running = (owner: LockOwner): boolean => {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !alive(owner.pid)) return false;
  const now = startTimeOf(owner.pid);
  return owner.started === null || now === null || now === owner.started;
};

const parse = (text: string): LockOwner => {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    return { pid: Number(v.pid), started: typeof v.started === 'string' ? v.started : null };
  } catch {
    // A lock of the previous format held the bare PID.
    return { pid: Number(text.trim()), started: null };
  }
};

const tryCreate = (file: string, owner: LockOwner): boolean => {
  try {
    const fd = openSync(file, 'wx');
    try {
      writeSync(fd, JSON.stringify(owner));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
};

const readOwner = (file: string): { text: string; owner: LockOwner } | null => {
  try {
    const text = readFileSync(file, 'utf8');
    return { text, owner: parse(text) };
  } catch {
    return null;
  }
};

export interface LockLog {
  warn(message: string): void;
}

export const lockDataDir = (dir: string, log: LockLog = { warn: (m) => process.stderr.write(`${m}\n`) }): (() => void) => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'oms.lock');
  const me: LockOwner = { pid: process.pid, started: startTimeOf(process.pid) };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, me)) return () => rmSync(file, { force: true });
    const held = readOwner(file);
    if (!held) continue; // released between our two steps: try again
    if (running(held.owner)) {
      throw new Error(`The data folder ${dir} is in use by process ${held.owner.pid} (embedded PGlite serves one process): stop it first, or use DATABASE_URL.`);
    }
    // Stale: move it aside atomically; if what we moved is not the lock we judged (someone took over
    // first), put it back where it was, unless a lock is there again.
    const aside = `${file}.${randomUUID()}`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (moved && moved.text !== held.text) {
      try {
        linkSync(aside, file);
      } catch {
        // a lock is in place again: the loop reads it
      }
      rmSync(aside, { force: true });
      continue;
    }
    rmSync(aside, { force: true });
    log.warn(`Took over the data folder ${dir}: its lock named process ${held.owner.pid}, which no longer runs.`);
  }
  throw new Error(`The data folder ${dir} could not be locked: its lock keeps changing hands.`);
};
