/** Wait for response headers, per attempt: the SDKs' own default, 10 minutes. */
export const DEFAULT_TIMEOUT_MS = 600_000;
/** Longest silence between stream events before the request is abandoned as stalled. */
export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;
