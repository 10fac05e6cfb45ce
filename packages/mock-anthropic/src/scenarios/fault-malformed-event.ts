import type { ScenarioDefinition } from './step.js';

export const faultMalformedEventScenario: ScenarioDefinition = {
  name: 'fault_malformed_event',
  description: 'One text delta, then an SSE event whose data is not JSON (first attempt only).',
  steps: [
    {
      fault: { kind: 'malformed_event', afterDeltas: 1 },
      text: 'Recovered after a malformed event.',
      textChunkSize: 8,
    },
  ],
};
