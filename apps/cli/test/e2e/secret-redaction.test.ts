import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, parseJsonLines, runClaw, type Sandbox } from '../helpers.js';
import { messageRequests, sessionPath, toolResultText } from './support/claw-e2e.js';

/** Shaped like no known key: only claw's knowledge of its own credential can redact it. */
const API_KEY = 'claw-e2e-credential-9f86d081884c7d65';

let mock: MockServer;
let sandbox: Sandbox;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
});
afterEach(() => sandbox.cleanup());

const streamJson = ['--output-format', 'stream-json', '--verbose'];

async function runBash(command: string, env: Record<string, string> = {}) {
  const token = encodeScript([{ toolUses: [{ name: 'Bash', input: { command } }] }, { text: 'done' }]);
  const run = await runClaw(['-p', `run it ${token}`, '--dangerously-skip-permissions', ...streamJson], {
    sandbox,
    baseUrl: mock.url,
    env: { ANTHROPIC_API_KEY: API_KEY, ...env },
  });
  expect(run.code, run.stderr).toBe(0);
  const events = parseJsonLines(run.stdout);
  const sessionId = String(events.find((e) => e.type === 'result')?.session_id);
  const session = readFileSync(sessionPath(sandbox.workspace, sessionId), 'utf8');
  const toModel = messageRequests(mock)
    .at(-1)
    ?.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content))
    .filter((b) => b.type === 'tool_result')
    .map(toolResultText)
    .join('\n');
  return { run, session, toModel: toModel ?? '' };
}

describe('claw’s credential never leaves verbatim: one row per attack', () => {
  it.each([
    // Naming another process's environ asks in every mode, so print mode refuses it outright …
    ['claw’s environment through /proc/$PPID/environ', `tr '\\0' '\\n' < /proc/$PPID/environ`, 'refused'],
    [
      'claw’s environment through grep -a',
      `grep -a ANTHROPIC /proc/$PPID/environ | tr '\\0' '\\n'`,
      'refused',
    ],
    // … and what no path names (ps reads it for the command) is redacted on the way out.
    ['claw’s own command line and environment via ps', `ps eww -o args= -p $PPID`, 'redacted'],
  ])('%s (danger-full-access)', async (_attack, command, defence) => {
    const { run, session, toModel } = await runBash(command);
    if (defence === 'refused') {
      expect(toModel).toContain('Permission to use Bash was denied');
      expect(toModel).toContain('environ');
    } else {
      // The command did run and found the variable: only its value is hidden.
      expect(toModel).toContain('ANTHROPIC_API_KEY=');
    }
    for (const [where, text] of [
      ['tool result sent to the model', toModel],
      ['stream-json stdout', run.stdout],
      ['stderr', run.stderr],
      ['session file', session],
    ] as const) {
      expect(text, where).not.toContain(API_KEY);
    }
  });

  it('a key pasted into the prompt is not stored in the session file', async () => {
    const pasted = 'sk-ant-api03-pasted-into-the-prompt-abcdefghijklmnop';
    const run = await runClaw(['-p', `my key is ${pasted}, keep it safe`, '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code, run.stderr).toBe(0);
    const { session_id: id } = JSON.parse(run.stdout) as { session_id: string };
    const session = readFileSync(sessionPath(sandbox.workspace, id), 'utf8');
    expect(session).toContain('my key is sk-ant-');
    expect(session).not.toContain(pasted);
  });
});

describe('the scratch directory', () => {
  it('is this run’s own and is removed when the run ends', async () => {
    const tmp = join(sandbox.home, 'tmp');
    mkdirSync(tmp);
    const { toModel } = await runBash('pwd; echo "$TMPDIR"; ls -d "$TMPDIR"/claw-*/run-* 2>/dev/null', {
      TMPDIR: tmp,
    });
    const userDir = join(tmp, `claw-${process.getuid?.() ?? ''}`);
    // The run had a directory of its own while it ran …
    expect(toModel).toContain(`${userDir}/run-`);
    // … and it is gone now.
    expect(existsSync(userDir)).toBe(true);
    expect(readdirSync(userDir).filter((name) => name.startsWith('run-'))).toEqual([]);
  });
});
