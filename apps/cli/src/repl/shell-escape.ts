import { spawn } from 'node:child_process';

export interface ShellRun {
  command: string;
  output: string;
  exitCode: number | null;
}

/** Cap what `!cmd` keeps for the model's context; the terminal shows the folded output anyway. */
const CONTEXT_LIMIT = 20_000;

/**
 * `!cmd` in the REPL: runs the command in the user's shell, in the workspace, outside the agent's permission
 * system (the user typed it). Output is returned for display and, as in Claude Code's bash mode, queued as
 * context for the next prompt.
 */
export function runShellEscape(command: string, cwd: string, signal: AbortSignal): Promise<ShellRun> {
  return new Promise((resolve) => {
    const shell = process.env.SHELL || '/bin/sh';
    const child = spawn(shell, ['-c', command], { cwd, signal, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (data: Buffer) => {
      output += data.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ command, output: output + error.message, exitCode: null }));
    child.on('close', (code) => resolve({ command, output, exitCode: code }));
  });
}

/** The block prepended to the next prompt so the model sees what the user ran. */
export function shellContextBlock(run: ShellRun): string {
  const output =
    run.output.length > CONTEXT_LIMIT ? `${run.output.slice(0, CONTEXT_LIMIT)}\n…(truncated)` : run.output;
  return `<bash-input>${run.command}</bash-input>\n<bash-output exit-code="${run.exitCode ?? 'killed'}">\n${output}</bash-output>`;
}
