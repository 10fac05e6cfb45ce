/**
 * Synchronous cleanups that run when the process exits (normally or via `process.exit`): flushing a session's
 * buffered lines and removing its lock. Signals are the CLI's business; it exits through `process.exit`.
 */
const cleanups = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // Exiting anyway: one failed cleanup must not keep the others from running.
    }
  }
  cleanups.clear();
}

export function onProcessExit(cleanup: () => void): () => void {
  if (!installed) {
    process.once('exit', runAll);
    installed = true;
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}
