import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLAW_BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url));

export interface ClawRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  workspace: string;
  configHome: string;
  home: string;
  cleanup(): void;
}

/**
 * A temp workspace plus an isolated config home and HOME, so no test ever reads the developer's ~/.claw.
 * The workspace is trusted (recorded in the config home, as `claw trust` does) so tests may put hooks, allow
 * rules and env in its project settings; `{ trusted: false }` gives the state of a freshly cloned repository.
 */
export function createSandbox(options: { trusted?: boolean } = {}): Sandbox {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'claw-e2e-')));
  const workspace = join(root, 'ws');
  const configHome = join(root, 'config');
  const home = join(root, 'home');
  for (const dir of [workspace, configHome, home]) {
    mkdirSync(dir, { recursive: true });
  }
  if (options.trusted !== false) {
    const record = { version: 1, workspaces: { [workspace]: { trustedAt: new Date(0).toISOString() } } };
    writeFileSync(join(configHome, 'trusted-workspaces.json'), JSON.stringify(record), { mode: 0o600 });
  }
  return { workspace, configHome, home, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RunOptions {
  sandbox: Sandbox;
  baseUrl?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** Runs the built `claw` binary as a subprocess, the way a user or a script would. */
export function runClaw(args: string[], options: RunOptions): Promise<ClawRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: options.sandbox.home,
    CLAW_CONFIG_HOME: options.sandbox.configHome,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
  };
  if (options.baseUrl) {
    env.ANTHROPIC_BASE_URL = options.baseUrl;
    env.ANTHROPIC_API_KEY = 'sk-ant-test-key-0000';
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLAW_BIN, ...args], {
      cwd: options.cwd ?? options.sandbox.workspace,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`claw ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

export function parseJsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
