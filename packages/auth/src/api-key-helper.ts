import { spawn } from 'node:child_process';
import { AuthError } from './errors.js';
import { redactSecretsInText } from './redact.js';
import { DEFAULT_API_KEY_HELPER_TIMEOUT_MS, DEFAULT_API_KEY_HELPER_TTL_MS } from './settings.js';

export interface ApiKeyHelperOptions {
  /** A shell command whose stdout (trimmed) is the key. */
  command: string;
  /** How long a key is reused before the helper runs again. Default 5 minutes; 0 disables caching. */
  ttlMs?: number;
  /** The helper is killed (with its process group) after this long. Default 10 s. */
  timeoutMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  cache?: ApiKeyHelperCache;
  now?: () => number;
  signal?: AbortSignal;
}

/**
 * In-memory only: the helper exists so the key does not have to live on disk, so it is never written to one.
 * Concurrent callers share one helper run.
 */
export class ApiKeyHelperCache {
  readonly #entries = new Map<string, { value: string; fetchedAt: number }>();
  readonly #inFlight = new Map<string, Promise<string>>();

  get(command: string, ttlMs: number, now: number): string | undefined {
    const entry = this.#entries.get(command);
    return entry !== undefined && now - entry.fetchedAt < ttlMs ? entry.value : undefined;
  }

  set(command: string, value: string, now: number): void {
    this.#entries.set(command, { value, fetchedAt: now });
  }

  /** After a 401 the cached key is known bad. */
  invalidate(command?: string): void {
    if (command === undefined) this.#entries.clear();
    else this.#entries.delete(command);
  }

  shared(command: string, run: () => Promise<string>): Promise<string> {
    const existing = this.#inFlight.get(command);
    if (existing) return existing;
    const promise = run().finally(() => this.#inFlight.delete(command));
    this.#inFlight.set(command, promise);
    return promise;
  }
}

export const defaultApiKeyHelperCache = new ApiKeyHelperCache();

/** Returns the helper's key, from the cache when it is younger than `ttlMs`. */
export async function getApiKeyFromHelper(options: ApiKeyHelperOptions): Promise<string> {
  const cache = options.cache ?? defaultApiKeyHelperCache;
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? DEFAULT_API_KEY_HELPER_TTL_MS;
  const cached = cache.get(options.command, ttlMs, now());
  if (cached !== undefined) return cached;
  return cache.shared(options.command, async () => {
    const value = await runApiKeyHelper(options);
    cache.set(options.command, value, now());
    return value;
  });
}

const HINT = 'Fix the `apiKeyHelper` command in settings (it must print the key on stdout and exit 0).';
const MAX_OUTPUT = 64 * 1024;

function runApiKeyHelper(options: ApiKeyHelperOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_API_KEY_HELPER_TIMEOUT_MS;
  return new Promise<string>((resolve, reject) => {
    options.signal?.throwIfAborted();
    const child = spawn(options.command, {
      shell: true,
      // Own process group, so a timeout kills the helper's children too.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...(options.env ?? process.env) } as NodeJS.ProcessEnv,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    let failure: AuthError | undefined;
    const kill = (): void => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      failure = new AuthError(
        'api-key-helper',
        `The apiKeyHelper command timed out after ${timeoutMs} ms.`,
        HINT,
      );
      kill();
    }, timeoutMs);
    const onAbort = (): void => {
      failure = new AuthError('aborted', 'The apiKeyHelper command was cancelled.', HINT);
      kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    const finish = (error: AuthError | undefined, value?: string): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(value ?? '');
    };
    child.once('error', (error) => {
      finish(
        new AuthError('api-key-helper', `The apiKeyHelper command could not start: ${error.message}.`, HINT),
      );
    });
    child.once('close', (code, signal) => {
      if (failure) return finish(failure);
      const key = stdout.trim();
      if (code !== 0) {
        // stderr helps debugging, but is scrubbed of whatever the helper printed on stdout.
        const tail = redactSecretsInText(stderr.trim(), [key]).slice(-200);
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        return finish(
          new AuthError('api-key-helper', `The apiKeyHelper command ${how}${tail ? `: ${tail}` : ''}.`, HINT),
        );
      }
      if (key === '')
        return finish(new AuthError('api-key-helper', 'The apiKeyHelper command printed nothing.', HINT));
      finish(undefined, key);
    });
  });
}
