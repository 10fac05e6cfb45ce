/**
 * Wait for response headers, per attempt: 5 minutes. The SDKs say 10, but Node's fetch gives up on headers
 * after 5 anyway; longer waits (`CLAW_API_TIMEOUT_MS`) switch to an undici agent that allows them.
 */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** Longest silence between stream events before the request is abandoned as stalled. */
export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;

export interface Timeouts {
  /** Wait for response headers, per attempt. */
  requestMs: number;
  /** Longest silence between stream events; 0 disables the check. */
  idleMs: number;
}

function envMs(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * Options give the timeouts; `CLAW_API_TIMEOUT_MS` and `CLAW_STREAM_IDLE_TIMEOUT_MS` override them, as the
 * retry variables do, so a slow local model can be given room without code or settings changes. Invalid env
 * values are ignored. A request timeout of 0 would fail every request, so it falls back to the default.
 */
export function resolveTimeouts(
  options: { timeoutMs?: number | undefined; idleTimeoutMs?: number | undefined },
  env: Record<string, string | undefined>,
): Timeouts {
  const request = envMs(env.CLAW_API_TIMEOUT_MS) ?? options.timeoutMs;
  return {
    requestMs: request !== undefined && request > 0 ? request : DEFAULT_TIMEOUT_MS,
    idleMs: envMs(env.CLAW_STREAM_IDLE_TIMEOUT_MS) ?? options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
  };
}
