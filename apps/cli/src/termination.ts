/**
 * SIGTERM (`timeout 60 claw -p …`, a CI job cancelled, `kill`) and SIGHUP (the terminal closed) would kill
 * claw outright: the Bash tool's process group would run on as orphans, and the session would keep a stale
 * lock and lose its buffered lines. Instead the running turn is stopped the way Ctrl-C stops it (tools'
 * process groups are killed), the session is closed, and claw exits with 128 + the signal number. A second
 * signal, or a wind-down that takes longer than the grace period, exits at once (the session's exit hooks
 * still flush it and release its lock).
 */
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGTERM: 15 } as const;
/** Longer than the Bash tool's SIGTERM → SIGKILL escalation (2 s), so it can finish. */
const GRACE_MS = 3_000;

const handlers = new Set<(signal: string) => void>();
let installed = false;
let exitCode: number | undefined;

export function installTerminationHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, number] of Object.entries(SIGNAL_NUMBERS)) {
    process.on(signal, () => {
      const code = 128 + number;
      if (exitCode !== undefined || handlers.size === 0) process.exit(exitCode ?? code);
      exitCode = code;
      process.exitCode = code;
      for (const handler of handlers) handler(signal);
      setTimeout(() => process.exit(code), GRACE_MS).unref();
    });
  }
}

/**
 * Runs `handler` (stop the running work) with the signal's name when claw is asked to terminate; returns the
 * unsubscribe function.
 */
export function onTermination(handler: (signal: string) => void): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/** 128 + the signal once claw was asked to terminate, else undefined. */
export function terminationExitCode(): number | undefined {
  return exitCode;
}
