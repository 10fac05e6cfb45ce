import { homedir } from 'node:os';
import { relative } from 'node:path';
import type { CommandOutput, CommandRegistry, CommandServices, TurnOverrides } from '@claw/commands';
import { parseSlashCommand } from '@claw/commands';
import type { ClawEngine } from '@claw/runtime';
import { formatStatusLine } from '../render/status-line.js';
import type { Style } from '../render/style.js';
import type { TerminalOutput } from '../render/terminal.js';
import { formatToolResult } from '../render/tool-view.js';
import { TurnRenderer } from '../render/turn-renderer.js';
import { completeMention, expandMentions } from './file-mentions.js';
import type { PromptHistory } from './history.js';
import { isCtrlC, type Keyboard } from './keyboard.js';
import { appendMemoryNote, memoryFileFor, parseMemoryNote } from './memory-shortcut.js';
import { nextPermissionMode, permissionModeCycle } from './mode-cycle.js';
import { PromptEditor } from './prompt-editor.js';
import { runShellEscape, shellContextBlock } from './shell-escape.js';

/** What is running now, so the permission prompter can pause its spinner or cancel the turn. */
export interface TurnControl {
  renderer?: TurnRenderer;
  controller?: AbortController;
  /** Set when claw must exit (SIGTERM, SIGHUP): the loop ends after the current turn or prompt. */
  quitting?: boolean;
  /** Ends the prompt being read, if one is (set by the loop while it waits for input). */
  stopPrompt?: () => void;
}

export interface ReplDeps {
  engine: ClawEngine;
  registry: CommandRegistry;
  services: CommandServices;
  keyboard: Keyboard;
  out: TerminalOutput;
  style: Style;
  history: PromptHistory;
  workspaceRoot: string;
  /** `$CLAW_CONFIG_HOME` or `~/.claw`: where `## note` (user memory) goes. */
  configHome: string;
  control: TurnControl;
  verbose?: boolean;
  /** Clock for the double Ctrl-C window; injectable for tests. */
  now?: () => number;
}

const EXIT_WINDOW_MS = 2000;

/** The read–eval–print loop: reads a prompt, dispatches `/cmd`, `!cmd` or a model turn, repeats. */
export async function runReplLoop(deps: ReplDeps): Promise<void> {
  const { out, style } = deps;
  const now = deps.now ?? Date.now;
  const pendingContext: string[] = [];
  let lastInterrupt = 0;
  const say = (text: string) => out.write(`${text.replace(/\r?\n/g, '\r\n')}\r\n`);

  say(
    `${style.bold('claw')} ${style.gray(`· ${deps.engine.model} · ${deps.workspaceRoot}`)}\n${style.gray('/help for commands · !cmd runs a shell command · @path attaches a file · Ctrl-C twice exits')}`,
  );
  // The modes Shift-Tab goes through: danger-full-access only when the session started in it.
  const modeCycle = permissionModeCycle(deps.engine.status().permissionMode);
  let statusAbove = 0;

  while (!deps.control.quitting) {
    const editor = new PromptEditor({
      prompt: style.bold(style.cyan('> ')),
      write: (t) => out.write(t),
      columns: () => out.columns || 80,
      history: deps.history.all(),
      complete: (text, cursor) => complete(deps, text, cursor),
      statusRowsAbove: statusAbove,
      cycleMode: () => {
        deps.engine.setPermissionMode(nextPermissionMode(deps.engine.status().permissionMode, modeCycle));
        return statusLine(deps);
      },
    });
    statusAbove = 0;
    const pop = deps.keyboard.push((text, key) => editor.handleKey(text, key));
    deps.control.stopPrompt = () => editor.cancel();
    const input = await editor.read();
    deps.control.stopPrompt = undefined;
    pop();
    if (input.kind === 'eof' || deps.control.quitting) break;
    if (input.kind === 'interrupt') {
      if (now() - lastInterrupt < EXIT_WINDOW_MS) break;
      lastInterrupt = now();
      say(style.gray('Press Ctrl-C again to exit.'));
      continue;
    }
    lastInterrupt = 0;
    const text = input.text.trim();
    if (!text) continue;
    deps.history.add(input.text);

    if (text.startsWith('#')) {
      await rememberNote(deps, text);
      continue;
    }

    if (text.startsWith('!')) {
      await withInterrupt(deps, async (signal) => {
        const run = await runShellEscape(text.slice(1).trim(), deps.workspaceRoot, signal);
        say(`${style.green('$')} ${style.bold(run.command)}`);
        const lines = formatToolResult(
          {
            content: run.output || '(no output)',
            display: { kind: 'command', command: run.command, exitCode: run.exitCode },
          },
          style,
        );
        say(lines.join('\n'));
        pendingContext.push(shellContextBlock(run));
      });
      continue;
    }

    let prompt = text;
    let overrides: TurnOverrides | undefined;
    if (parseSlashCommand(text)) {
      const output = await runCommand(deps, text);
      printOutput(deps, output);
      if (output.action === 'exit') break;
      if (output.action !== 'submit' || !output.prompt) continue;
      prompt = output.prompt;
      overrides = output.turn;
    }
    const context = pendingContext.splice(0).join('\n\n');
    await runTurn(deps, context ? `${context}\n\n${prompt}` : prompt, overrides);
    statusAbove = 1;
  }
  say(style.gray(`Session saved. Resume with: claw --resume ${deps.engine.sessionId}`));
}

/** `# note` / `## note`: appended to the project's / user's memory file, and in the system prompt from now on. */
async function rememberNote(deps: ReplDeps, line: string): Promise<void> {
  const { style } = deps;
  const parsed = parseMemoryNote(line);
  if (!parsed?.note) {
    deps.out.write(`${style.gray('  ⎿  # note adds to project memory, ## note to user memory')}\r\n`);
    return;
  }
  const path = memoryFileFor(parsed.target, { ...deps, homeDir: homedir() });
  try {
    await appendMemoryNote(path, parsed.note);
    await deps.engine.reloadMemory();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.out.write(`${style.red(`Could not save the note to ${path}: ${message}`)}\r\n`);
    return;
  }
  const shown = parsed.target === 'project' ? relative(deps.workspaceRoot, path) : path;
  deps.out.write(`${style.gray(`  ⎿  Saved to ${parsed.target} memory (${shown})`)}\r\n`);
}

async function complete(deps: ReplDeps, text: string, cursor: number) {
  const mention = await completeMention(text, cursor, deps.workspaceRoot);
  if (mention) return mention;
  return deps.registry.complete(text, { engine: deps.engine, services: deps.services }, cursor);
}

/** Runs `work` with Ctrl-C and Esc wired to its abort signal. */
async function withInterrupt<T>(deps: ReplDeps, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  deps.control.controller = controller;
  const pop = deps.keyboard.push((text, key) => {
    if (isCtrlC(text, key) || key.name === 'escape') controller.abort();
  });
  try {
    return await work(controller.signal);
  } finally {
    pop();
    deps.control.controller = undefined;
  }
}

async function runCommand(deps: ReplDeps, line: string): Promise<CommandOutput> {
  const renderer = new TurnRenderer(deps.out, deps.style, { verbose: Boolean(deps.verbose) });
  deps.control.renderer = renderer;
  try {
    return await withInterrupt(deps, (signal) =>
      deps.registry.execute(line, {
        engine: deps.engine,
        services: deps.services,
        signal,
        onEvent: (event) => renderer.onEvent(event as Parameters<TurnRenderer['onEvent']>[0]),
      }),
    );
  } catch (error) {
    return { text: error instanceof Error ? error.message : String(error), isError: true };
  } finally {
    renderer.end();
    deps.control.renderer = undefined;
  }
}

function printOutput(deps: ReplDeps, output: CommandOutput): void {
  if (!output.text) return;
  const text = output.isError ? deps.style.red(output.text) : output.text;
  deps.out.write(`${text.replace(/\r?\n/g, '\r\n')}\r\n`);
}

async function runTurn(deps: ReplDeps, typed: string, overrides?: TurnOverrides): Promise<void> {
  const { style, out } = deps;
  const { prompt, attached } = await expandMentions(typed, deps.workspaceRoot);
  if (attached.length) out.write(`${style.gray(`  ⎿  Attached ${attached.join(', ')}`)}\r\n`);
  const renderer = new TurnRenderer(out, style, { verbose: Boolean(deps.verbose) });
  deps.control.renderer = renderer;
  let aborted = false;
  try {
    await withInterrupt(deps, async (signal) => {
      renderer.begin();
      try {
        const result = await deps.engine.run(prompt, {
          signal,
          onEvent: (event) => renderer.onEvent(event),
          ...overrides,
        });
        renderer.end();
        if (signal.aborted) aborted = true;
        else if (result.subtype === 'error_max_turns')
          out.write(`${style.red('Stopped: reached the turn limit.')}\r\n`);
        else if (result.error) {
          const hint = result.error.hint ? `\n${result.error.hint}` : '';
          out.write(`${style.red(`${result.error.message}${hint}`).replace(/\n/g, '\r\n')}\r\n`);
        }
      } catch (error) {
        renderer.end();
        if (signal.aborted) aborted = true;
        else out.write(`${style.red(error instanceof Error ? error.message : String(error))}\r\n`);
      }
    });
  } finally {
    deps.control.renderer = undefined;
  }
  if (aborted)
    out.write(`${style.red('  ⎿  Interrupted')} ${style.gray('· what should claw do instead?')}\r\n`);
  printStatusLine(deps);
}

function printStatusLine(deps: ReplDeps): void {
  deps.out.write(`${statusLine(deps)}\r\n`);
}

/** model · permission mode · context · tokens · cost, one row. */
function statusLine(deps: ReplDeps): string {
  const usage = deps.engine.usage();
  return formatStatusLine(
    {
      model: deps.engine.model,
      permissionMode: deps.engine.status().permissionMode,
      contextTokens: usage.contextTokens,
      contextWindow: usage.contextWindow,
      inputTokens:
        usage.usage.input_tokens +
        usage.usage.cache_read_input_tokens +
        usage.usage.cache_creation_input_tokens,
      outputTokens: usage.usage.output_tokens,
      costUsd: usage.costUsd,
    },
    deps.style,
    deps.out.columns,
  );
}
