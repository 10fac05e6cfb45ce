import { CliError, EXIT_TASK_FAILED, EXIT_USAGE } from '../cli-error.js';

/** Error kinds of the packages (`ConfigError`, `McpConfigError`, `PluginsError`, `SessionError`) that mean "bad input". */
const USAGE_KINDS = new Set([
  'invalid_setting',
  'invalid_key',
  'invalid_entry',
  'invalid_skill',
  'invalid_plugin',
  'invalid_marketplace',
  'invalid_agent',
  'invalid_session_id',
]);

/**
 * The packages throw typed errors with a stable `kind` and a `hint`; the CLI maps them to SPEC §1 exit codes:
 * a value the user can fix on the command line is a usage error (2), anything else (missing item, I/O) is 1.
 * Errors without a `kind` are rethrown as they are (they are bugs, reported as `internal`).
 */
export function toCliError(error: unknown): unknown {
  if (error instanceof CliError || !(error instanceof Error)) return error;
  const kind = (error as { kind?: unknown }).kind;
  if (typeof kind !== 'string') return error;
  const hint = (error as { hint?: unknown }).hint;
  return new CliError(kind, error.message, {
    ...(typeof hint === 'string' ? { hint } : {}),
    exitCode: USAGE_KINDS.has(kind) ? EXIT_USAGE : EXIT_TASK_FAILED,
  });
}

/** Runs a command body, turning package errors into CLI errors. */
export async function withDomainErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toCliError(error);
  }
}
