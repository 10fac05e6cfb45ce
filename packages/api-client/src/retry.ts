import { abortedError } from './error-mapping.js';
import { ApiError, type ApiErrorKind } from './errors.js';
import type { StreamEvent } from './types.js';

export interface RetryPolicy {
  /** Retries after the first attempt (so up to maxRetries + 1 requests). */
  maxRetries: number;
  /** First back-off; doubles each retry. */
  baseDelayMs: number;
  /** Cap for one computed back-off (a server's retry-after may ask for more, within maxElapsedMs). */
  maxDelayMs: number;
  /** Total time budget for retrying one request; a wait that would pass it is not started. */
  maxElapsedMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 8,
  baseDelayMs: 500,
  maxDelayMs: 32_000,
  maxElapsedMs: 180_000,
});

function envInt(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * Settings give the policy; `CLAW_MAX_RETRIES` and `CLAW_RETRY_MAX_MS` (total retry budget) override them,
 * like flags do, so one run can be tuned without editing settings. Invalid env values are ignored.
 */
export function resolveRetryPolicy(
  settings: Partial<RetryPolicy> = {},
  env: Record<string, string | undefined> = {},
): RetryPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...settings };
  const maxRetries = envInt(env.CLAW_MAX_RETRIES);
  const maxElapsed = envInt(env.CLAW_RETRY_MAX_MS);
  if (maxRetries !== undefined) policy.maxRetries = maxRetries;
  if (maxElapsed !== undefined) policy.maxElapsedMs = maxElapsed;
  return policy;
}

/** Exponential back-off with "equal jitter": half fixed, half random, so retries of many clients spread. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

export function formatDelay(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) || seconds >= 10 ? Math.round(seconds) : seconds.toFixed(1)} s`;
}

const RETRY_LABEL: Partial<Record<ApiErrorKind, string>> = {
  overloaded: 'overloaded',
  rate_limit: 'rate limited',
  network: 'connection failed',
  timeout: 'timed out',
};

export function retryReason(error: ApiError, delayMs: number, retry: number, maxRetries: number): string {
  const label = RETRY_LABEL[error.kind] ?? (error.status ? `server error ${error.status}` : 'server error');
  return `${label}, retrying in ${formatDelay(delayMs)} (${retry}/${maxRetries})`;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface RetryDeps {
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

export interface RetryLoopOptions extends RetryDeps {
  policy: RetryPolicy;
  signal?: AbortSignal;
  /** Wraps a failure that happened after events reached the caller. */
  interrupted: (error: ApiError) => ApiError;
}

/**
 * Kinds that stay as they are after output started: they are not "the connection dropped". An idle timeout
 * is not among them: a stream that stalls mid-reply is abandoned like one that dropped, and the runtime may
 * redo the turn the same way.
 */
const KEEP_AFTER_START: ReadonlySet<ApiErrorKind> = new Set([
  'aborted',
  'invalid_response',
  'context_too_long',
  'stream_interrupted',
]);

/**
 * Runs `attempt` until it completes, retrying retryable failures that happen before any event reached the
 * caller. Each retry is announced as a `retry` event first, so the UI can show why it is waiting. Once an
 * event was yielded, a failure is final for this call (the runtime may redo the whole turn): retrying here
 * would hand the caller the same text twice.
 */
export async function* streamWithRetry(
  attempt: (signal: AbortSignal | undefined) => AsyncIterable<StreamEvent>,
  options: RetryLoopOptions,
): AsyncGenerator<StreamEvent> {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const { policy, signal } = options;
  const startedAt = now();
  for (let retry = 0; ; retry++) {
    let started = false;
    try {
      for await (const event of attempt(signal)) {
        started = true;
        yield event;
      }
      return;
    } catch (caught) {
      if (signal?.aborted) throw abortedError();
      const error =
        caught instanceof ApiError
          ? caught
          : new ApiError('network', caught instanceof Error ? caught.message : String(caught), {
              retryable: true,
              cause: caught,
            });
      if (started) throw KEEP_AFTER_START.has(error.kind) ? error : options.interrupted(error);
      const maxRetries = Math.min(policy.maxRetries, error.retryLimit ?? policy.maxRetries);
      if (!error.retryable || retry >= maxRetries) throw error;
      const delayMs = error.retryAfterMs ?? backoffDelay(retry + 1, policy, random);
      if (now() - startedAt + delayMs > policy.maxElapsedMs) throw error;
      yield {
        type: 'retry',
        attempt: retry + 1,
        maxAttempts: maxRetries,
        delayMs,
        reason: retryReason(error, delayMs, retry + 1, maxRetries),
      };
      await sleep(delayMs, signal);
    }
  }
}
