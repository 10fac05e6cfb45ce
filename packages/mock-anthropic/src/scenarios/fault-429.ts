import type { ScenarioDefinition } from './step.js';

export const fault429Scenario: ScenarioDefinition = {
  name: 'fault_429',
  description:
    '429 rate_limit_error with retry-after: 1 and retry-after-ms: 1000 on the first attempt; the retry succeeds.',
  steps: [
    {
      fault: {
        kind: 'http_error',
        status: 429,
        errorType: 'rate_limit_error',
        message: 'Number of requests has exceeded your rate limit.',
        retryAfterSeconds: 1,
        retryAfterMs: 1000,
      },
      text: 'Recovered after a 429 rate limit.',
    },
  ],
};
