import type { ScenarioDefinition } from './step.js';

export const faultOverloadedMidStreamScenario: ScenarioDefinition = {
  name: 'fault_overloaded_mid_stream',
  description: 'One text delta, then an SSE error event with overloaded_error (first attempt only).',
  steps: [
    {
      fault: {
        kind: 'stream_error_event',
        errorType: 'overloaded_error',
        message: 'Overloaded',
        afterDeltas: 1,
      },
      text: 'Recovered after an overloaded error mid-stream.',
      textChunkSize: 8,
    },
  ],
};
