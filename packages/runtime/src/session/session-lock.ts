import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { onProcessExit } from './exit-cleanup.js';
import { processStartMs, processStartTicks } from './process-start.js';
import { SessionError } from './session-errors.js';

export interface LockOwner {
  pid: number;
  hostname: string;
  /** When the owning process started (ISO), to tell a reused pid from the owner in `claw sessions`. */
  processStartedAt: string;
  /** Linux only: the kernel's start time of the owner (clock ticks after boot), exact where the ISO one is not. */
  startTicks?: number;
  acquiredAt: string;
}

export interface SessionLock {
  readonly path: string;
  readonly owner: LockOwner;
  release(): Promise<void>;
}

/** A lock file that does not parse and is older than this was torn by a crash, not being written right now. */
const GARBLED_GRACE_MS = 5_000;

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; that is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string') return value as LockOwner;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * How much later than its recorded start the process now holding the pid may have started and still be the
 * owner: `processStartedAt` comes from Node's uptime, not the kernel, and /proc's boot time is whole seconds.
 */
const START_TIME_SLACK_MS = 5_000;

/**
 * Whether the lock's owner still runs on this host: its pid is alive and, where /proc tells, that pid is
 * the same process (a pid reused after a crash belongs to a process that started later).
 */
function ownerStillRuns(owner: LockOwner): boolean {
  if (!isPidAlive(owner.pid)) return false;
  if (typeof owner.startTicks === 'number') {
    const ticks = processStartTicks(owner.pid);
    return ticks === undefined || ticks === owner.startTicks;
  }
  const recorded = Date.parse(owner.processStartedAt);
  const actual = processStartMs(owner.pid);
  if (Number.isNaN(recorded) || actual === undefined) return true;
  return actual <= recorded + START_TIME_SLACK_MS;
}

/**
 * Reads a lock and says whether its owner is gone. A lock from another host is never called stale: its pid
 * cannot be checked from here, and guessing wrong would let two live writers into one file.
 */
export async function inspectLock(
  path: string,
  host: string = osHostname(),
): Promise<{ owner?: LockOwner; stale: boolean } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const owner = parseOwner(text);
  if (!owner) {
    const age = await stat(path).then(
      (s) => Date.now() - s.mtimeMs,
      () => Number.POSITIVE_INFINITY,
    );
    return { stale: age > GARBLED_GRACE_MS };
  }
  const stale = owner.hostname === host && !ownerStillRuns(owner);
  return { owner, stale };
}

function lockedError(
  sessionId: string,
  owner: LockOwner | undefined,
  lockPath: string,
  host: string,
): SessionError {
  const who = owner
    ? `process ${owner.pid} on ${owner.hostname} (since ${owner.acquiredAt})`
    : 'another process';
  const fork = `continue it in a new session with --resume ${sessionId} --fork`;
  const hint =
    owner && owner.hostname !== host
      ? `the lock was taken on another host (${owner.hostname}, this is ${host}) and cannot be checked from here: ${fork}, or, if no claw runs there any more, delete ${lockPath}`
      : `${fork}, or wait for the other claw to exit`;
  return new SessionError('session_locked', `session ${sessionId} is being written by ${who}`, hint);
}

/**
 * Takes `<id>.lock` with O_EXCL so two live processes never append to one session. A lock whose owner pid is
 * dead (same host) is stale and is taken over. Released by `release()` and, failing that, at process exit.
 */
export async function acquireSessionLock(
  path: string,
  sessionId: string,
  host: string = osHostname(),
): Promise<SessionLock> {
  const owner: LockOwner = {
    pid: process.pid,
    hostname: host,
    processStartedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    ...startTicksOf(process.pid),
    acquiredAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(JSON.stringify(owner));
      } finally {
        await handle.close();
      }
      return makeLock(path, owner);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await inspectLock(path, host);
    if (existing && !existing.stale) throw lockedError(sessionId, existing.owner, path, host);
    // Stale: remove and race for it again; whoever loses the O_EXCL race sees a live lock next time.
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  throw lockedError(sessionId, undefined, path, host);
}

function startTicksOf(pid: number): { startTicks?: number } {
  const ticks = processStartTicks(pid);
  return ticks === undefined ? {} : { startTicks: ticks };
}

function makeLock(path: string, owner: LockOwner): SessionLock {
  let released = false;
  const ours = (): boolean => {
    try {
      const current = parseOwner(readFileSync(path, 'utf8'));
      return current?.pid === owner.pid && current.acquiredAt === owner.acquiredAt;
    } catch {
      return false;
    }
  };
  const releaseSync = (): void => {
    if (released) return;
    released = true;
    // Never delete a lock someone else took over after ours was judged stale.
    if (ours()) unlinkSync(path);
  };
  const unregister = onProcessExit(releaseSync);
  return {
    path,
    owner,
    async release() {
      unregister();
      releaseSync();
    },
  };
}
