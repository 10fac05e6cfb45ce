import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuthError } from './errors.js';

export interface FileLockOptions {
  /** Give up waiting after this long. */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its pid looks alive (pid reuse, a hung process). */
  staleMs?: number;
  signal?: AbortSignal;
}

interface LockOwner {
  pid: number;
  host: string;
  createdAt: number;
  nonce: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_STALE_MS = 60_000;

/**
 * Runs `fn` while holding `lockPath`, a lock file created with O_EXCL that records the owner's pid. Two claw
 * processes refreshing the same token serialize here. A lock whose owner is dead (same host, pid gone) or
 * that is older than `staleMs` is broken, so a crash never wedges login.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const owner = await acquire(lockPath, options);
  try {
    return await fn();
  } finally {
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<LockOwner> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    options.signal?.throwIfAborted();
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      createdAt: Date.now(),
      nonce: randomBytes(8).toString('hex'),
    };
    if (await tryCreate(lockPath, owner)) return owner;
    await breakIfStale(lockPath, staleMs);
    if (Date.now() >= deadline) {
      throw new AuthError(
        'lock-timeout',
        `Timed out after ${timeoutMs} ms waiting for the credentials lock ${lockPath}.`,
        'Another claw process is updating credentials. Retry; if no claw is running, delete the lock file.',
      );
    }
    // Jitter so two waiters do not retry in lockstep.
    await sleep(delay + Math.floor(Math.random() * delay), undefined, { signal: options.signal });
    delay = Math.min(delay * 2, 200);
  }
}

async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  try {
    const handle = await open(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.writeFile(JSON.stringify(owner), 'utf8');
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { pid, host, createdAt, nonce } = parsed as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof createdAt !== 'number')
      return undefined;
    return { pid, host, createdAt, nonce: typeof nonce === 'string' ? nonce : '' };
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    // A half-written or garbage lock file: treat as unowned; the age check below decides.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(error, 'EPERM');
  }
}

function isStale(owner: LockOwner | undefined, ageMs: number, staleMs: number): boolean {
  if (ageMs > staleMs) return true;
  if (owner === undefined) return false;
  return owner.host === hostname() && !isProcessAlive(owner.pid);
}

/**
 * Breaking a lock races with other breakers: rename the stale file to a private name first (atomic; only one
 * breaker wins), then check that what we moved is the lock we judged stale. If a live owner's fresh lock was
 * moved instead, put it back with link() (which fails rather than overwrite a newer lock).
 */
async function breakIfStale(lockPath: string, staleMs: number): Promise<void> {
  const owner = await readOwner(lockPath);
  const ageMs = owner === undefined ? await fileAgeMs(lockPath) : Date.now() - owner.createdAt;
  if (ageMs === undefined || !isStale(owner, ageMs, staleMs)) return;
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw error;
  }
  const moved = await readOwner(aside);
  if (owner !== undefined && moved !== undefined && moved.nonce !== owner.nonce) {
    await link(aside, lockPath).catch((error: unknown) => {
      if (!isErrno(error, 'EEXIST')) throw error;
    });
  }
  await unlink(aside).catch((error: unknown) => {
    if (!isErrno(error, 'ENOENT')) throw error;
  });
}

async function fileAgeMs(path: string): Promise<number | undefined> {
  try {
    const handle = await open(path, constants.O_RDONLY);
    try {
      return Date.now() - (await handle.stat()).mtimeMs;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

async function release(lockPath: string, owner: LockOwner): Promise<void> {
  // Only remove the lock if it is still ours: if it was broken as stale, it now belongs to someone else.
  const current = await readOwner(lockPath);
  if (current?.nonce !== owner.nonce) return;
  await unlink(lockPath).catch((error: unknown) => {
    if (!isErrno(error, 'ENOENT')) throw error;
  });
}

export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
