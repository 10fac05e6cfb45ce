import type { ScenarioDefinition } from './step.js';

export const fault500Scenario: ScenarioDefinition = {
  name: 'fault_500',
  description: '500 api_error on the first attempt; the retry succeeds.',
  steps: [
    {
      fault: { kind: 'http_error', status: 500, errorType: 'api_error', message: 'Internal server error' },
      text: 'Recovered after a 500 api_error.',
    },
  ],
};
