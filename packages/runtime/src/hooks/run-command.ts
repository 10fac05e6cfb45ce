import { loadExeca } from '@claw/tools/lazy-execa';
import type { HookExecution } from './hook-outcome.js';

/** Hook output beyond this is cut: a chatty hook must not balloon memory or the model's context. */
const MAX_OUTPUT_BYTES = 1_000_000;

export interface RunHookCommandOptions {
  command: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The JSON payload written to stdin. */
  input: string;
  timeoutSeconds: number;
  signal?: AbortSignal;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // Negative pid: the whole process group, so `sleep` or a server the hook started dies with it.
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Runs one hook with `sh -c` in its own process group and kills the group at the timeout or on abort.
 * Never throws for the hook's own failures; they come back in the result.
 */
export async function runHookCommand(options: RunHookCommandOptions): Promise<HookExecution> {
  const started = performance.now();
  const base = { command: options.command, timeoutSeconds: options.timeoutSeconds };
  if (options.signal?.aborted) {
    return {
      ...base,
      exitCode: undefined,
      stdout: '',
      stderr: '',
      timedOut: false,
      aborted: true,
      durationMs: 0,
    };
  }
  const execa = await loadExeca();
  const child = execa('sh', ['-c', options.command], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    input: options.input,
    detached: true,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: MAX_OUTPUT_BYTES,
    encoding: 'utf8',
  });
  let timedOut = false;
  let aborted = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, options.timeoutSeconds * 1000);
  const onAbort = (): void => {
    aborted = true;
    killGroup(child.pid);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await child;
    const execution: HookExecution = {
      ...base,
      exitCode: result.exitCode,
      stdout: typeof result.stdout === 'string' ? result.stdout : '',
      stderr: typeof result.stderr === 'string' ? result.stderr : '',
      timedOut,
      aborted,
      durationMs: Math.round(performance.now() - started),
    };
    if (result.signal) execution.signal = result.signal;
    // A hook that exits without reading stdin makes writing the payload fail with EPIPE; that is not its failure.
    const code = (result as { code?: string }).code;
    if (child.pid === undefined && result.exitCode === undefined && code !== 'EPIPE') {
      execution.spawnError = result.shortMessage ?? 'spawn failed';
    }
    return execution;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
