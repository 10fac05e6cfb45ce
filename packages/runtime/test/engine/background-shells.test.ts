import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openClawEngine } from '../../src/engine/open-engine.js';
import type { ClawEngine } from '../../src/engine/types.js';

// A background shell started in one conversation must not outlive it unseen: after /clear or /resume the
// new tool state cannot reach it with BashOutput or KillShell, so the engine kills it.

let mock: MockServer;
let root: string;
let engine: ClawEngine | undefined;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.reset();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'claw-bg-')));
  for (const dir of ['ws', 'config', 'home']) mkdirSync(join(root, dir));
  // The workspace is trusted, as `claw trust` records it.
  const trusted = {
    version: 1,
    workspaces: { [join(root, 'ws')]: { trustedAt: new Date(0).toISOString() } },
  };
  writeFileSync(join(root, 'config', 'trusted-workspaces.json'), JSON.stringify(trusted));
});
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  rmSync(root, { recursive: true, force: true });
});

/** Pids whose command line contains `needle`, from /proc. */
function processesWith(needle: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function openEngine(): Promise<ClawEngine> {
  return openClawEngine({
    workspaceRoot: join(root, 'ws'),
    configHome: join(root, 'config'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: join(root, 'home'),
      ANTHROPIC_BASE_URL: mock.url,
      ANTHROPIC_API_KEY: 'sk-ant-test-key-0000',
    },
    permissionMode: 'danger-full-access',
    interactive: false,
  });
}

const quiet = () => ({ signal: new AbortController().signal, onEvent: () => undefined });

/** A finished earlier session to resume. */
async function earlierSession(): Promise<string> {
  const earlier = await openEngine();
  await earlier.run('hello', quiet());
  await earlier.close();
  return earlier.sessionId;
}

async function engineWithBackgroundShell(sleepFor: string): Promise<ClawEngine> {
  const opened = await openEngine();
  const token = encodeScript([
    { toolUses: [{ name: 'Bash', input: { command: `sleep ${sleepFor}`, run_in_background: true } }] },
    { text: 'started' },
  ]);
  const result = await opened.run(`start it ${token}`, quiet());
  expect(result.subtype).toBe('success');
  expect(processesWith(`sleep ${sleepFor}`)).not.toEqual([]);
  return opened;
}

describe.each([
  ['clear', '41.4142', (e: ClawEngine) => e.clear()],
  ['resume', '41.7320', (e: ClawEngine, earlier: string) => e.resume(earlier)],
] as const)('%s', (_name, sleepFor, leave) => {
  it('kills the background shells of the conversation it leaves', async () => {
    const earlier = await earlierSession();
    engine = await engineWithBackgroundShell(sleepFor);
    await leave(engine, earlier);
    expect(processesWith(`sleep ${sleepFor}`)).toEqual([]);
  });
});
