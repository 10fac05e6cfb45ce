import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MockServer, RecordedRequest } from '@claw/mock-anthropic';
import { CLAW_BIN, type ClawRun, parseJsonLines, type Sandbox } from '../../helpers.js';

/** The test key `runClaw` sends when given a `baseUrl`. */
export const TEST_API_KEY = 'sk-ant-test-key-0000';

export interface ContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
}

export interface WireMessage {
  role: 'user' | 'assistant';
  content: string | ContentBlock[];
}

export interface MessagesBody {
  system?: unknown;
  messages: WireMessage[];
}

export interface PermissionDenial {
  tool_name: string;
  tool_use_id: string;
  tool_input: unknown;
}

export interface ResultObject {
  type: 'result';
  subtype: string;
  is_error: boolean;
  result: string;
  session_id: string;
  num_turns: number;
  usage: Record<string, number>;
  total_cost_usd: number;
  permission_denials: PermissionDenial[];
  model: string;
}

/** Every `POST /v1/messages` body the mock received, in order. */
export function messageRequests(mock: MockServer): MessagesBody[] {
  return mock.requests
    .filter((r: RecordedRequest) => r.method === 'POST' && r.path === '/v1/messages')
    .map((r) => r.body as MessagesBody);
}

export function blocksOf(message: WireMessage): ContentBlock[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

/** All text of a message's text blocks, joined. */
export function textOf(message: WireMessage): string {
  return blocksOf(message)
    .filter((b) => b.type === 'text')
    .map((b) => b.text ?? '')
    .join('\n');
}

/** Text of a tool_result block's content (a string or text blocks). */
export function toolResultText(block: ContentBlock): string {
  const content = block.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((c) => (typeof c === 'object' && c !== null && 'text' in c ? String(c.text) : ''))
      .join('\n');
  }
  return '';
}

/** The tool_result blocks of every user message in a request, keyed by tool_use_id. */
export function toolResultsById(body: MessagesBody): Map<string, ContentBlock> {
  const results = new Map<string, ContentBlock>();
  for (const message of body.messages) {
    if (message.role !== 'user') continue;
    for (const block of blocksOf(message)) {
      if (block.type === 'tool_result' && block.tool_use_id) results.set(block.tool_use_id, block);
    }
  }
  return results;
}

/** Parses the single json-mode result object (error lines, if any, follow it). */
export function parseResult(run: ClawRun): ResultObject {
  const result = parseJsonLines(run.stdout).find((line) => line.type === 'result');
  if (!result) throw new Error(`no result object\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return result as unknown as ResultObject;
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** `<workspace>/.claw/settings.json` */
export function writeProjectSettings(sandbox: Sandbox, settings: unknown): string {
  const path = join(sandbox.workspace, '.claw', 'settings.json');
  writeJson(path, settings);
  return path;
}

/** `$CLAW_CONFIG_HOME/settings.json` */
export function writeUserSettings(sandbox: Sandbox, settings: unknown): string {
  const path = join(sandbox.configHome, 'settings.json');
  writeJson(path, settings);
  return path;
}

export function sessionsDir(workspace: string): string {
  return join(workspace, '.claw', 'sessions');
}

export function sessionPath(workspace: string, id: string): string {
  return join(sessionsDir(workspace), `${id}.jsonl`);
}

export function listSessionIds(workspace: string): string[] {
  const dir = sessionsDir(workspace);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => name.slice(0, -'.jsonl'.length))
    .sort();
}

export interface SessionLine {
  v: number;
  type: string;
  [key: string]: unknown;
}

/** Parses every line of a session file; throws on a line that is not JSON. */
export function readSessionLines(workspace: string, id: string): SessionLine[] {
  return parseJsonLines(readFileSync(sessionPath(workspace, id), 'utf8')) as SessionLine[];
}

/** A `claw` process left running so a test can watch it, signal it, and collect what it printed. */
export interface LiveClaw {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<ClawRun & { signal: NodeJS.Signals | null }>;
}

/** Spawns the built binary the way `runClaw` does, but returns at once. */
export function spawnClaw(
  args: string[],
  options: { sandbox: Sandbox; baseUrl?: string; env?: Record<string, string | undefined> },
): LiveClaw {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: options.sandbox.home,
    CLAW_CONFIG_HOME: options.sandbox.configHome,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
  };
  if (options.baseUrl) {
    env.ANTHROPIC_BASE_URL = options.baseUrl;
    env.ANTHROPIC_API_KEY = TEST_API_KEY;
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const child = spawn(process.execPath, [CLAW_BIN, ...args], {
    cwd: options.sandbox.workspace,
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
  child.stdin.end();
  const exited = new Promise<ClawRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Polls until `check` returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
