import type { ScenarioDefinition } from './step.js';

export const stopSequenceScenario: ScenarioDefinition = {
  name: 'stop_sequence',
  description: 'Text ending at a stop sequence: the first of the request stop_sequences, or "###".',
  steps: [
    ({ conversation }) => ({
      text: 'Counting: 1, 2, 3',
      stopReason: 'stop_sequence',
      stopSequence: conversation.stopSequences[0] ?? '###',
    }),
  ],
};
