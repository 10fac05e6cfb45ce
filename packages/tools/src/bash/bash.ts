import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BuiltinToolDeps } from '../deps.js';
import { loadExeca } from '../lazy-execa.js';
import { capToolOutput, DEFAULT_MAX_OUTPUT_CHARS } from '../output-cap.js';
import { isWithinRoot, realRoot, realRoots } from '../path-guard.js';
import type { Tool, ToolContext, ToolResult } from '../tool.js';
import { errorCode, errorResult, textResult } from '../tool-result.js';
import { registerBackgroundShell } from './background-shells.js';
import { classifyCommandConservatively } from './classify-command.js';
import { OutputCollector } from './output-collector.js';
import { type ShellExit, startShell } from './shell-process.js';

/** Characters kept free for the `[Output was … the full output is in PATH.]` notice. */
const SPILL_NOTICE_ROOM = 1_000;

export const DEFAULT_BASH_TIMEOUT_MS = 120_000;
export const MAX_BASH_TIMEOUT_MS = 600_000;

const bashInput = z.strictObject({
  command: z.string().min(1).describe('The command to run.'),
  timeout: z
    .number()
    .int()
    .min(1)
    .max(MAX_BASH_TIMEOUT_MS)
    .optional()
    .describe(`Timeout in milliseconds (default ${DEFAULT_BASH_TIMEOUT_MS}, max ${MAX_BASH_TIMEOUT_MS}).`),
  description: z.string().optional().describe('What the command does, in 5-10 words (shown to the user).'),
  run_in_background: z
    .boolean()
    .optional()
    .describe('Run without waiting; read its output later with BashOutput, stop it with KillShell.'),
});
export type BashInput = z.infer<typeof bashInput>;

const DESCRIPTION = `Runs a shell command (bash) in a persistent working directory and returns its combined stdout and stderr.
- The working directory persists between calls (cd works), but must stay inside the workspace; otherwise it is reset to the workspace root.
- Default timeout ${DEFAULT_BASH_TIMEOUT_MS / 1000}s, at most ${MAX_BASH_TIMEOUT_MS / 1000}s (timeout is in ms). On timeout the command and everything it started are killed.
- stdin is closed: do not run interactive commands (use flags like --yes, -y, --no-pager).
- Long output keeps its head and tail; the full output is saved to a file whose path is given.
- For long-running processes (dev servers, watchers) set run_in_background and poll with BashOutput.
- Prefer the dedicated tools: Read (not cat/head/tail), Grep (not grep/rg), Glob (not find/ls), Edit/Write (not sed/echo >).
- Quote paths containing spaces. Chain dependent commands with &&.`;

export function createBashTool(deps: BuiltinToolDeps = {}): Tool<BashInput> {
  const classify = deps.classifyCommand ?? classifyCommandConservatively;
  return {
    name: 'Bash',
    aliases: ['bash'],
    description: DESCRIPTION,
    inputSchema: bashInput,
    permission: (input) => classify(input.command),
    concurrencySafe: (input) => classify(input.command) === 'read-only' && !input.run_in_background,
    ruleSubject: (input) => input.command,
    summarize: (input) => `Bash(${input.description ?? input.command})`,
    execute: (input, ctx) => runBash(input, ctx, deps),
  };
}

async function runBash(input: BashInput, ctx: ToolContext, deps: BuiltinToolDeps): Promise<ToolResult> {
  const notes: string[] = [];
  const cwd = await currentShellCwd(ctx, notes);
  const runId = randomUUID().slice(0, 8);
  const output = new OutputCollector(ctx.scratchDir, `bash-${runId}`);
  if (input.run_in_background) {
    const shell = startShell({
      execa: await loadExeca(),
      script: input.command,
      cwd,
      env: ctx.env,
      deps,
      output,
    });
    const entry = registerBackgroundShell(ctx.state, input.command, shell);
    return textResult(
      `Command running in background with ID: ${entry.id}. Read its output with BashOutput (bash_id: "${entry.id}"); stop it with KillShell (shell_id: "${entry.id}").`,
      { kind: 'command', command: input.command, exitCode: null },
    );
  }
  const cwdFile = join(ctx.scratchDir, `bash-cwd-${runId}`);
  await mkdir(ctx.scratchDir, { recursive: true });
  // The EXIT trap records where `cd` left the shell, so the next call starts there.
  const script = `trap 'pwd -P >| ${shellQuote(cwdFile)} 2>/dev/null' EXIT\n${input.command}`;
  const shell = startShell({ execa: await loadExeca(), script, cwd, env: ctx.env, deps, output });
  const timeoutMs = input.timeout ?? DEFAULT_BASH_TIMEOUT_MS;
  let stoppedBy: 'timeout' | 'abort' | undefined;
  const timer = setTimeout(() => {
    stoppedBy = 'timeout';
    shell.kill();
  }, timeoutMs);
  const onAbort = () => {
    stoppedBy ??= 'abort';
    shell.kill();
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  if (ctx.signal.aborted) onAbort();
  let exit: ShellExit;
  try {
    exit = await shell.exited;
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
  }
  await output.flush();
  await updateShellCwd(ctx, cwdFile, notes);
  return report(input, ctx, deps, output, exit, stoppedBy, timeoutMs, notes);
}

async function report(
  input: BashInput,
  ctx: ToolContext,
  deps: BuiltinToolDeps,
  output: OutputCollector,
  exit: ShellExit,
  stoppedBy: 'timeout' | 'abort' | undefined,
  timeoutMs: number,
  notes: string[],
): Promise<ToolResult> {
  const { text, spilled } = output.snapshot();
  const maxChars = deps.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS;
  let body: string;
  let outputPath: string | undefined;
  if (spilled) {
    outputPath = output.logPath;
    // Room for the notice below, whose path grows with TMPDIR: the result must stay within maxChars, or the
    // runtime cuts it again and the model reads a second copy instead of the log named here.
    const capped = await capToolOutput(text, {
      maxChars: maxChars - Math.min(SPILL_NOTICE_ROOM, Math.floor(maxChars / 4)),
    });
    body = `${capped.text}\n[Output was ${output.totalChars} characters; the full output is in ${outputPath}.]`;
  } else {
    const capped = await capToolOutput(text, { maxChars, scratchDir: ctx.scratchDir, label: 'bash-output' });
    body = capped.text;
    outputPath = capped.savedPath;
  }
  const lines = [body.trimEnd() === '' ? '(no output)' : body.trimEnd()];
  if (stoppedBy === 'timeout')
    lines.push(`Command timed out after ${timeoutMs} ms; it and its child processes were killed.`);
  if (stoppedBy === 'abort') lines.push('Command was cancelled; it and its child processes were killed.');
  if (exit.exitCode !== null && exit.exitCode !== 0) lines.push(`Exit code ${exit.exitCode}`);
  if (exit.signal && !stoppedBy) lines.push(`Terminated by signal ${exit.signal}`);
  lines.push(...notes);
  const display = {
    kind: 'command' as const,
    command: input.command,
    exitCode: exit.exitCode,
    signal: exit.signal,
  };
  const content = lines.join('\n');
  const failed = stoppedBy !== undefined || exit.exitCode !== 0;
  const result = outputPath ? { ...display, outputPath } : display;
  return failed ? errorResult(content, result) : textResult(content, result);
}

/** The persistent cwd, or the workspace root if it vanished. */
async function currentShellCwd(ctx: ToolContext, notes: string[]): Promise<string> {
  const saved = ctx.state.shellCwd;
  if (saved) {
    try {
      if ((await stat(saved)).isDirectory()) return saved;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') throw error;
    }
    notes.push(`The previous working directory ${saved} no longer exists; running in the workspace root.`);
  }
  const root = await realRoot(ctx.workspaceRoot);
  ctx.state.shellCwd = root;
  return root;
}

async function updateShellCwd(ctx: ToolContext, cwdFile: string, notes: string[]): Promise<void> {
  let recorded: string;
  try {
    recorded = (await readFile(cwdFile, 'utf8')).trim();
  } catch (error) {
    // No file: the shell was killed or exec'd away before its EXIT trap; the cwd stays as it was.
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  await rm(cwdFile, { force: true });
  if (recorded === '' || recorded === ctx.state.shellCwd) return;
  const roots = await realRoots(ctx);
  if (roots.some((root) => isWithinRoot(root, recorded))) {
    ctx.state.shellCwd = recorded;
    return;
  }
  const root = await realRoot(ctx.workspaceRoot);
  ctx.state.shellCwd = root;
  notes.push(
    `The working directory ${recorded} is outside the allowed directories; it was reset to ${root}.`,
  );
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
