/**
 * `claw … | head -1`: once the reader goes away, every write to stdout fails with EPIPE, and an unhandled
 * 'error' event would crash claw with a stack trace. Instead claw stops the way Unix tools do — quietly,
 * exit code 1 — after letting whatever is running wind down (print mode aborts its turn, so running tools
 * are stopped and the session is saved).
 */
const handlers = new Set<() => void>();
let installed = false;
let closed = false;

export function installStdoutGuard(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // After the first EPIPE, later writes fail too (EPIPE, or "stream destroyed"): all expected.
    if (closed) return;
    if (error.code !== 'EPIPE') throw error;
    closed = true;
    process.exitCode = 1;
    if (handlers.size === 0) process.exit(1);
    for (const handler of handlers) handler();
  });
}

export function stdoutClosed(): boolean {
  return closed;
}

/** Runs `handler` when stdout's reader goes away; returns the unsubscribe function. */
export function onStdoutClosed(handler: () => void): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}
