/** Prints a usage error the way every claw command does and returns the exit code (2). */
export function reportUsageError(
  message: string,
  json: boolean,
  hint = 'Run `claw --help` for usage.',
): number {
  if (json) {
    process.stdout.write(`${JSON.stringify({ type: 'error', kind: 'usage', message, hint })}\n`);
  }
  process.stderr.write(`error: ${message}\n${hint}\n`);
  return 2;
}
