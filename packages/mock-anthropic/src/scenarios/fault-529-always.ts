import type { ScenarioDefinition } from './step.js';

export const fault529AlwaysScenario: ScenarioDefinition = {
  name: 'fault_529_always',
  description: '529 overloaded_error on every attempt, so the client must give up after its retries.',
  steps: [
    {
      fault: {
        kind: 'http_error',
        status: 529,
        errorType: 'overloaded_error',
        message: 'Overloaded',
        failAttempts: 'always',
      },
    },
  ],
};
