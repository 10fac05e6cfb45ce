import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { parseToolInput } from '../src/registry.js';
import {
  type AnyTool,
  createToolSessionState,
  type PermissionRequest,
  type ToolContext,
  type ToolResult,
} from '../src/tool.js';

const cleanups: string[] = [];
afterEach(async () => {
  for (const dir of cleanups.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh real directory (symlinks resolved, so /tmp aliases do not confuse containment checks). */
export async function tempDir(prefix = 'claw-tools-'): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  cleanups.push(dir);
  return dir;
}

export interface TestContext extends ToolContext {
  asked: PermissionRequest[];
}

/** A context whose `ask` records every request and answers with `grant`. */
export function makeContext(
  workspaceRoot: string,
  options: { grant?: boolean; allowedRoots?: string[] } = {},
): TestContext {
  const asked: PermissionRequest[] = [];
  return {
    workspaceRoot,
    allowedRoots: options.allowedRoots ?? [workspaceRoot],
    signal: new AbortController().signal,
    ask: async (request) => {
      asked.push(request);
      return options.grant ?? false;
    },
    sessionId: 'test-session',
    scratchDir: join(workspaceRoot, '.scratch'),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
    state: createToolSessionState(),
    asked,
  };
}

/** Runs a tool the way the runtime does: parse (with aliases), then execute. */
export async function run(tool: AnyTool, raw: unknown, ctx: ToolContext): Promise<ToolResult> {
  const parsed = parseToolInput(tool, raw);
  if (!parsed.ok) return { content: parsed.message, isError: true };
  return tool.execute(parsed.value, ctx);
}

export function text(result: ToolResult): string {
  if (typeof result.content === 'string') return result.content;
  return result.content
    .map((block) => (block.type === 'text' ? block.text : `[image ${block.source.media_type}]`))
    .join('');
}
