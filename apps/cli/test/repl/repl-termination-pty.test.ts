import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAW_BIN } from '../helpers.js';
import { PROMPT_READY, submit, usePtyHarness } from './pty-harness.js';

/** A terminal closed, or `kill` from elsewhere, while the REPL runs a tool: no orphans, no stale lock. */
const h = usePtyHarness();

function pidsWhere(match: (cmdline: string, pid: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (match(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '), entry))
        pids.push(Number(entry));
    } catch {
      // Gone in the meantime.
    }
  }
  return pids;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('REPL termination', () => {
  it.each([
    ['SIGTERM', 143, '32.1234'],
    ['SIGHUP', 129, '32.4321'],
  ] as const)(
    'on %s stops the running tool, closes the session and exits %i',
    async (signal, code, duration) => {
      const p = h.start('--permission-mode danger-full-access');
      await p.waitFor(PROMPT_READY);
      const mention = h.script('long.txt', [
        { toolUses: [{ name: 'Bash', input: { command: `sleep ${duration} && echo finished` } }] },
        { text: 'done' },
      ]);
      submit(p, `run it ${mention}`);
      await waitFor(
        () => pidsWhere((cmd) => cmd.includes(`sleep ${duration}`)).length > 0,
        'the Bash command',
      );

      const workspace = h.sandbox.workspace;
      // The node process itself, not the pane's shell that started it (same cwd, same words).
      const [claw] = pidsWhere(
        (cmd, pid) =>
          /^(\S*\/)?node\s/.test(cmd) &&
          cmd.includes(CLAW_BIN) &&
          readlinkSync(`/proc/${pid}/cwd`) === workspace,
      );
      expect(claw).toBeDefined();
      process.kill(claw as number, signal);

      await p.waitFor(`[exited ${code}]`);
      await waitFor(
        () => pidsWhere((cmd) => cmd.includes(`sleep ${duration}`)).length === 0,
        'the tool to stop',
      );
      const sessions = join(workspace, '.claw', 'sessions');
      expect(readdirSync(sessions).filter((name) => name.endsWith('.lock'))).toEqual([]);
      expect(readdirSync(sessions).filter((name) => name.endsWith('.jsonl'))).toHaveLength(1);
    },
    30_000,
  );
});
