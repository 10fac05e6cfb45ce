import { createHash } from 'node:crypto';
import type { FailAttempts } from './scenarios/step.js';

/**
 * Counts attempts of faulted requests: the server's only state. A client's retry is byte-identical, so
 * (scenario, step, raw body) identifies "the same request", and a fault can fail the first N attempts only.
 */
export class FaultTracker {
  readonly #attempts = new Map<string, number>();

  /** Records one attempt and says whether it should fail. */
  recordAttempt(key: string, failAttempts: FailAttempts = 1): boolean {
    const attempt = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, attempt);
    return failAttempts === 'always' || attempt <= failAttempts;
  }

  reset(): void {
    this.#attempts.clear();
  }
}

export function faultKey(scenario: string, stepIndex: number, rawBody: string): string {
  return createHash('sha256').update(`${scenario}\0${stepIndex}\0${rawBody}`).digest('hex');
}
