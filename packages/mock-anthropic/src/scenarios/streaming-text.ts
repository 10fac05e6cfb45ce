import type { ScenarioDefinition } from './step.js';

export const streamingTextScenario: ScenarioDefinition = {
  name: 'streaming_text',
  description: 'One text reply streamed in many small text_delta chunks.',
  steps: [
    {
      text: 'Mock streaming says hello. This reply arrives in several text deltas, in order.',
      textChunkSize: 7,
    },
  ],
};
