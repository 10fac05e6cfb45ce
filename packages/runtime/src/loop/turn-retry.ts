import {
  ApiError,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  defaultSleep,
  formatDelay,
  type RetryPolicy,
  type Sleep,
} from '@claw/api-client';

export interface TurnRetryOptions {
  /** The provider's policy (settings `retry`, CLAW_MAX_RETRIES): a turn redone after a drop waits the same way. */
  policy?: RetryPolicy;
  sleep?: Sleep;
  random?: () => number;
}

export interface TurnRetryPlan {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
}

/** Short labels for what broke the stream, like the provider's own retry reasons. */
function causeLabel(error: ApiError): string {
  const cause = error.cause instanceof ApiError ? error.cause.kind : undefined;
  switch (cause) {
    case 'overloaded':
      return 'overloaded mid-reply';
    case 'rate_limit':
      return 'rate limited mid-reply';
    case 'timeout':
      return 'stream stalled';
    case 'server':
      return 'server error mid-reply';
    default:
      return 'stream interrupted';
  }
}

/**
 * A stream that broke after output started cannot be retried inside the provider (it would repeat text), so
 * the loop redoes the whole turn — with the same back-off, retry-after and retry count as a failure before
 * output, so an overloaded server gets the same time to recover either way.
 */
export class TurnRetries {
  private count = 0;
  private readonly policy: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(options: TurnRetryOptions = {}) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  get retrying(): boolean {
    return this.count > 0;
  }

  /** A completed reply: the next request gets the full budget again. */
  reset(): void {
    this.count = 0;
  }

  /** The next retry for this failure, or undefined when it is not retried (another kind, budget spent). */
  plan(error: unknown): TurnRetryPlan | undefined {
    if (!(error instanceof ApiError) || error.kind !== 'stream_interrupted') return undefined;
    if (this.count >= this.policy.maxRetries) return undefined;
    this.count += 1;
    const delayMs = error.retryAfterMs ?? backoffDelay(this.count, this.policy, this.random);
    const max = this.policy.maxRetries;
    return {
      attempt: this.count,
      maxAttempts: max,
      delayMs,
      reason: `${causeLabel(error)}, retrying the turn in ${formatDelay(delayMs)} (${this.count}/${max})`,
    };
  }

  wait(plan: TurnRetryPlan, signal: AbortSignal): Promise<void> {
    return this.sleep(plan.delayMs, signal);
  }
}
