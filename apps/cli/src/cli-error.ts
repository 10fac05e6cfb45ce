/** Exit codes of SPEC §1. */
export const EXIT_SUCCESS = 0;
export const EXIT_TASK_FAILED = 1;
export const EXIT_USAGE = 2;

/** An error the CLI reports and maps to an exit code; `kind` is stable for scripts. */
export class CliError extends Error {
  readonly kind: string;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(kind: string, message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.name = 'CliError';
    this.kind = kind;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT_TASK_FAILED;
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError('usage', message, {
    exitCode: EXIT_USAGE,
    hint: hint ?? 'Run `claw --help` for usage.',
  });
}
