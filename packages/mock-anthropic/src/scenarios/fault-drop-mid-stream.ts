import type { ScenarioDefinition } from './step.js';

export const faultDropMidStreamScenario: ScenarioDefinition = {
  name: 'fault_drop_mid_stream',
  description:
    'Two text deltas, then the socket is destroyed (first attempt only); the retry streams it all.',
  steps: [
    {
      fault: { kind: 'drop_mid_stream', afterDeltas: 2 },
      text: 'This reply is cut off once, then streamed in full on retry.',
      textChunkSize: 8,
    },
  ],
};
