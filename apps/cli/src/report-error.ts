import { CliError, EXIT_USAGE } from './cli-error.js';

/**
 * Reports an error the way every claw command does (SPEC §1): `error: …` and an optional `hint: …` on
 * stderr and, in json modes, a `{"type":"error",…}` object on stdout. Returns the exit code.
 */
export function reportCommandError(error: Error & { oclif?: { exit?: number } }, json: boolean): number {
  let kind = 'internal';
  let hint: string | undefined;
  let exitCode = 1;
  if (error instanceof CliError) {
    kind = error.kind;
    hint = error.hint;
    exitCode = error.exitCode;
  } else if (error.oclif?.exit !== undefined && error.oclif.exit !== 0) {
    // oclif's own parse errors (unknown flag, bad option value, missing argument).
    kind = 'usage';
    exitCode = EXIT_USAGE;
    hint = 'Run `claw --help` for usage.';
  } else if (error.oclif?.exit === 0) {
    return 0;
  }
  const message = stripAnsi(error.message);
  if (json) {
    process.stdout.write(`${JSON.stringify({ type: 'error', kind, message, ...(hint ? { hint } : {}) })}\n`);
  }
  process.stderr.write(`error: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
  if (kind === 'internal' && process.env.CLAW_DEBUG) process.stderr.write(`${error.stack ?? ''}\n`);
  return exitCode;
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
