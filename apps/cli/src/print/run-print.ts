import type { TurnOverrides } from '@claw/commands';
import type { AgentEvent, ClawEngine } from '@claw/runtime';
import type { GlobalFlags } from '../base-command.js';
import { CliError, EXIT_TASK_FAILED, usageError } from '../cli-error.js';
import { openEngine, workspaceFrom } from '../engine-options.js';
import type { OutputFormat } from '../flag-specs.js';
import { onStdoutClosed, stdoutClosed } from '../stdout-guard.js';
import { onTermination, terminationExitCode } from '../termination.js';
import { createStreamJsonRenderer, createTextRenderer, type PrintRenderer } from './renderers.js';
import { resultObject } from './result-json.js';
import { runSlashCommandInPrintMode } from './slash-command.js';
import {
  combinePrompt,
  MAX_STDIN_BYTES,
  readPipedStdin,
  type StdinReadOptions,
  StdinTooLargeError,
  stdinWaitMs,
} from './stdin.js';

export type PrintFlags = GlobalFlags & {
  'input-format'?: string;
  'include-partial-messages'?: boolean | undefined;
  'permission-prompt-tool'?: string | undefined;
  'api-key-helper'?: string | undefined;
  'session-id'?: string | undefined;
};

export interface PrintModeInput {
  prompt: string | undefined;
  flags: PrintFlags;
}

/** Piped stdin for print mode; input over the size limit is a usage error that says what to do instead. */
async function readPrintStdin(options: StdinReadOptions): Promise<string> {
  try {
    return await readPipedStdin(options);
  } catch (error) {
    if (!(error instanceof StdinTooLargeError)) throw error;
    throw usageError(
      `Piped input is larger than ${error.limitBytes / 1024 / 1024} MB.`,
      'Save it to a file in the workspace and ask claw to read the parts that matter (`claw -p "find the error in build.log"`).',
    );
  }
}

function writeLine(line: string): void {
  if (!stdoutClosed()) process.stdout.write(`${line}\n`);
}

/** Runs print mode and returns the exit code. */
export async function runPrintMode({ prompt, flags }: PrintModeInput): Promise<number> {
  const format = (flags['output-format'] as OutputFormat | undefined) ?? 'text';
  const streamInput = flags['input-format'] === 'stream-json';
  const options: StdinReadOptions = streamInput ? {} : { maxBytes: MAX_STDIN_BYTES };
  // With the prompt as an argument, stdin is optional: a parent that spawned claw with an open pipe and
  // never closes it must not hang the run. Without one (or with stream-json input) stdin is the prompt.
  if (prompt?.trim() && !streamInput) {
    options.firstByteTimeoutMs = stdinWaitMs(process.env);
    options.onGiveUp = (ms) =>
      process.stderr.write(
        `warning: nothing arrived on stdin within ${ms / 1000} s; continuing with the prompt argument alone (redirect stdin from /dev/null to skip the wait, or set CLAW_STDIN_TIMEOUT_MS)\n`,
      );
  }
  const stdin = await readPrintStdin(options);
  const turns: string[] = streamInput ? parseStreamJsonInput(stdin, prompt) : [combinePrompt(prompt, stdin)];
  if (turns.length === 0 || turns.every((t) => t.length === 0)) {
    throw usageError('No prompt given.', 'Pass it as an argument (`claw -p "…"`) or pipe it on stdin.');
  }
  if (flags['include-partial-messages'] && format !== 'stream-json') {
    throw usageError('--include-partial-messages needs --output-format stream-json.');
  }

  const started = performance.now();
  const engine: ClawEngine = await openEngine(flags, { interactive: false });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  // Nobody reads the output any more (`claw -p … | head -1`): stop the turn as Ctrl-C would.
  const offStdoutClosed = onStdoutClosed(() => controller.abort());
  const offTermination = onTermination((signal) => controller.abort(`stopped by ${signal}`));
  try {
    let renderer: PrintRenderer;
    let textRenderer: ReturnType<typeof createTextRenderer> | undefined;
    if (format === 'stream-json') {
      renderer = createStreamJsonRenderer(engine.sessionId, writeLine, {
        includePartialMessages: Boolean(flags['include-partial-messages']),
      });
      writeLine(JSON.stringify({ type: 'system', subtype: 'init', ...engine.describe() }));
    } else if (format === 'json') {
      renderer = { onEvent: (event: AgentEvent) => warnOnStderr(event) };
    } else {
      textRenderer = createTextRenderer({
        streamToStdout: Boolean(process.stdout.isTTY),
        progressToStderr: Boolean(process.stderr.isTTY),
        verbose: Boolean(flags.verbose),
      });
      renderer = textRenderer;
    }

    let exitCode = 0;
    for (const line of turns) {
      let turn = line;
      let overrides: TurnOverrides | undefined;
      if (turn.startsWith('/')) {
        const slash = await runSlashCommandInPrintMode(turn, engine, {
          workspaceRoot: workspaceFrom(flags),
          json: format !== 'text',
          signal: controller.signal,
        });
        if (slash.kind === 'done') {
          if (slash.isError) exitCode = EXIT_TASK_FAILED;
          continue;
        }
        if (slash.kind === 'submit') {
          turn = slash.prompt;
          overrides = slash.turn;
        }
      }
      const result = await engine.run(turn, {
        signal: controller.signal,
        onEvent: (e) => renderer.onEvent(e),
        ...overrides,
      });
      // The turn was stopped because the output has no reader: nothing left to print, or to complain about.
      if (stdoutClosed()) return EXIT_TASK_FAILED;
      const meta = {
        sessionId: engine.sessionId,
        model: engine.model,
        durationMs: Math.round(performance.now() - started),
      };
      if (format === 'text') {
        if (result.subtype === 'success') {
          if (!textRenderer?.streamed) process.stdout.write(`${result.text}\n`);
          else if (!result.text.endsWith('\n')) process.stdout.write('\n');
        } else {
          throw new CliError(
            result.error?.kind ?? result.subtype,
            result.error?.message ?? 'The task failed.',
            {
              ...(result.error?.hint ? { hint: result.error.hint } : {}),
              exitCode: EXIT_TASK_FAILED,
            },
          );
        }
      } else {
        const object = resultObject(result, meta);
        writeLine(JSON.stringify(object));
        if (result.subtype !== 'success') {
          const kind = result.error?.kind ?? result.subtype;
          process.stderr.write(`error: ${result.error?.message ?? result.subtype}\n`);
          if (result.error?.hint) process.stderr.write(`hint: ${result.error.hint}\n`);
          writeLine(
            JSON.stringify({
              type: 'error',
              kind,
              message: result.error?.message ?? result.subtype,
              ...(result.error?.hint ? { hint: result.error.hint } : {}),
            }),
          );
        }
      }
      if (result.subtype !== 'success') {
        exitCode = EXIT_TASK_FAILED;
        break;
      }
    }
    // Stopped by SIGTERM/SIGHUP: json modes still printed the (interrupted) result for the caller's log.
    return terminationExitCode() ?? exitCode;
  } finally {
    process.removeListener('SIGINT', onSigint);
    offStdoutClosed();
    offTermination();
    await engine.close();
  }
}

function warnOnStderr(event: AgentEvent): void {
  if (event.type === 'retry') process.stderr.write(`${event.reason}\n`);
  if (event.type === 'warning') process.stderr.write(`warning: ${event.message}\n`);
}

/** `--input-format stream-json`: NDJSON `{"type":"user","message":{"content":…}}` lines, one turn each. */
function parseStreamJsonInput(stdin: string, prompt: string | undefined): string[] {
  const turns: string[] = prompt ? [prompt] : [];
  for (const [index, line] of stdin.split('\n').entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw usageError(`stdin line ${index + 1} is not JSON (--input-format stream-json expects NDJSON).`);
    }
    const message = (value as { type?: string; message?: { content?: unknown } }).message;
    const content = message?.content;
    if ((value as { type?: string }).type !== 'user' || content === undefined) {
      throw usageError(`stdin line ${index + 1} is not a {"type":"user","message":{...}} object.`);
    }
    if (typeof content === 'string') turns.push(content);
    else if (Array.isArray(content)) {
      turns.push(
        content
          .filter((b): b is { type: 'text'; text: string } => (b as { type?: string }).type === 'text')
          .map((b) => b.text)
          .join('\n'),
      );
    }
  }
  return turns;
}
