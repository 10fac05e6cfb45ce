import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SessionError, SessionStore } from '../../src/session/index.js';
import { processStartTicks } from '../../src/session/process-start.js';

let dir: string;
let store: SessionStore;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-locks-'));
  store = new SessionStore({ workspaceRoot: dir });
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** A live process that is not claw: stands in for one that got a dead owner's pid. */
function liveProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return new Promise((resolve) =>
    child.once('spawn', () => resolve(child as ChildProcess & { pid: number })),
  );
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 999_999;
}

const hasProc = existsSync('/proc/self/stat');
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const now = () => new Date().toISOString();

type Owner = Record<string, unknown>;
const rows: Array<{
  name: string;
  owner: (pid: number) => Promise<Owner>;
  outcome: 'taken over' | 'locked';
  linuxOnly?: boolean;
}> = [
  {
    name: 'pid reused: alive, but its start ticks are not the owner’s',
    owner: async (pid) => ({ pid, processStartedAt: now(), startTicks: (processStartTicks(pid) ?? 0) + 1 }),
    outcome: 'taken over',
    linuxOnly: true,
  },
  {
    name: 'pid reused, lock from an older claw (no ticks): the process started an hour after the owner',
    owner: async (pid) => ({ pid, processStartedAt: hourAgo() }),
    outcome: 'taken over',
    linuxOnly: true,
  },
  {
    name: 'the owner itself, exact start ticks',
    owner: async (pid) => ({ pid, processStartedAt: hourAgo(), startTicks: processStartTicks(pid) }),
    outcome: 'locked',
  },
  {
    name: 'the owner itself, lock from an older claw (start time only)',
    owner: async (pid) => ({ pid, processStartedAt: now() }),
    outcome: 'locked',
  },
  {
    name: 'another host: its pid cannot be checked from here, even a pid dead here',
    owner: async () => ({ pid: await deadPid(), hostname: 'build-box-7', processStartedAt: hourAgo() }),
    outcome: 'locked',
  },
];

describe('stale locks', () => {
  it.each(rows)('$name → $outcome', async ({ owner, outcome, linuxOnly }) => {
    if (linuxOnly && !hasProc) return;
    const session = await store.create({ model: 'm' });
    await session.close();
    const lockPath = join(store.dir, `${session.id}.lock`);
    const live = await liveProcess();
    const lock = { hostname: hostname(), acquiredAt: now(), ...(await owner(live.pid)) };
    await writeFile(lockPath, JSON.stringify(lock));

    if (outcome === 'taken over') {
      const reopened = await store.open(session.id);
      expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.pid);
      await reopened.close();
      return;
    }
    let error: SessionError | undefined;
    await store.open(session.id).catch((e: SessionError) => {
      error = e;
    });
    expect(error?.kind).toBe('session_locked');
    expect(error?.hint).toContain('--fork');
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toEqual(lock);
  });

  it('names the other host and the lock file in the hint of a lock taken elsewhere', async () => {
    const session = await store.create({ model: 'm' });
    await session.close();
    const lockPath = join(store.dir, `${session.id}.lock`);
    await writeFile(
      lockPath,
      JSON.stringify({ pid: 1234, hostname: 'build-box-7', processStartedAt: now(), acquiredAt: now() }),
    );
    const error = await store.open(session.id).catch((e: SessionError) => e);
    expect((error as SessionError).message).toContain('on build-box-7');
    expect((error as SessionError).hint).toContain(lockPath);
    expect((error as SessionError).hint).toContain(`--resume ${session.id} --fork`);
  });

  it('records its own start ticks where /proc has them', async () => {
    const session = await store.create({ model: 'm' });
    const owner = JSON.parse(await readFile(join(store.dir, `${session.id}.lock`), 'utf8'));
    await session.close();
    if (hasProc) expect(owner.startTicks).toBe(processStartTicks(process.pid));
    expect(owner.pid).toBe(process.pid);
  });
});
