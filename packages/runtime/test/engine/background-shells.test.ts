import { readdirSync, readFileSync } from 'node:fs';
import { encodeScript } from '@claw/mock-anthropic';
import { describe, expect, it } from 'vitest';
import type { ClawEngine } from '../../src/engine/types.js';
import { useLiveEngine } from './live-engine.js';

// A background shell started in one conversation must not outlive it unseen: after /clear or /resume the
// new tool state cannot reach it with BashOutput or KillShell, so the engine kills it.

const live = useLiveEngine('claw-bg-');

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

const openEngine = () => live.open({ permissionMode: 'danger-full-access' });

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
    const engine = await engineWithBackgroundShell(sleepFor);
    await leave(engine, earlier);
    expect(processesWith(`sleep ${sleepFor}`)).toEqual([]);
  });
});
