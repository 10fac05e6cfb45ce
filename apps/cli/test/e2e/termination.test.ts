import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAW_BIN, createSandbox, runClaw, type Sandbox } from '../helpers.js';

// `timeout 60 claw -p …`, a cancelled CI job, a closed terminal: SIGTERM and SIGHUP must stop the running
// tools (no orphans), close the session (no stale lock, nothing lost) and exit 128 + the signal.

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

/** Pids whose command line contains `needle` (from /proc, so no pgrep needed). */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // Gone in the meantime.
    }
  }
  return pids;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each([
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const)('claw -p on %s', (signal, expectedCode) => {
  it('stops the running Bash command, closes the session and exits 128 + the signal', async () => {
    const duration = signal === 'SIGTERM' ? '31.4159' : '31.2718';
    const token = encodeScript([
      { toolUses: [{ name: 'Bash', input: { command: `sleep ${duration} && echo finished` } }] },
      { text: 'done' },
    ]);
    const child = spawn(
      process.execPath,
      [
        CLAW_BIN,
        '-p',
        `long command ${token}`,
        '--permission-mode',
        'danger-full-access',
        '--output-format',
        'json',
      ],
      {
        cwd: sandbox.workspace,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: sandbox.home,
          CLAW_CONFIG_HOME: sandbox.configHome,
          ANTHROPIC_BASE_URL: mock.url,
          ANTHROPIC_API_KEY: 'sk-ant-test-key-0000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitFor(() => processesWith(`sleep ${duration}`).length > 0, 'the Bash command to start');

    child.kill(signal);
    expect(await exited).toBe(expectedCode);
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
    // A script reading the JSON output still learns how the run ended.
    expect(JSON.parse(stdout.split('\n')[0] ?? '')).toMatchObject({ type: 'result', is_error: true });
    expect(stderr).toContain(`error: Stopped by ${signal}.`);
    // The tool's process group went with it.
    await waitFor(
      () => processesWith(`sleep ${duration}`).length === 0,
      'the Bash command to be stopped',
      5_000,
    );

    // The session is closed: no lock left, and it resumes.
    const sessions = join(sandbox.workspace, '.claw', 'sessions');
    expect(readdirSync(sessions).filter((name) => name.endsWith('.lock'))).toEqual([]);
    const resumed = await runClaw(['-p', 'go on', '--continue', '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(existsSync(sessions)).toBe(true);
  }, 30_000);

  it('exits when its work is done even if something leaked a handle that would keep Node alive', async () => {
    // Stands in for a leak claw cannot rule out (a proxy agent reconnecting, a child holding a pipe): an
    // interval that never ends. Without the guard the run would never exit.
    const run = await runClaw(['-p', 'hi', '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
      env: { NODE_OPTIONS: '--import=data:text/javascript,setInterval(()=>{},1000)' },
      timeoutMs: 20_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ type: 'result', subtype: 'success' });
    const failed = await runClaw(['-p', 'hi', '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
      env: {
        ANTHROPIC_API_KEY: 'invalid',
        NODE_OPTIONS: '--import=data:text/javascript,setInterval(()=>{},1000)',
      },
      timeoutMs: 20_000,
    });
    // The exit code is the run's own.
    expect(failed.code).toBe(1);
  }, 45_000);
});
