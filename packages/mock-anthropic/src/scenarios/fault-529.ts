import type { ScenarioDefinition } from './step.js';

export const fault529Scenario: ScenarioDefinition = {
  name: 'fault_529',
  description: '529 overloaded_error on the first attempt; the retry succeeds.',
  steps: [
    {
      fault: { kind: 'http_error', status: 529, errorType: 'overloaded_error', message: 'Overloaded' },
      text: 'Recovered after a 529 overloaded_error.',
    },
  ],
};
