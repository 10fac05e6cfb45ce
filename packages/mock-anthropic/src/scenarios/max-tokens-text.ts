import type { ScenarioDefinition } from './step.js';

export const maxTokensTextScenario: ScenarioDefinition = {
  name: 'max_tokens_text',
  description: 'Text cut off with stop_reason max_tokens; the next step finishes the sentence.',
  steps: [
    { text: 'This answer is cut off in the mid', stopReason: 'max_tokens' },
    { text: 'dle of a sentence, and now it is finished.' },
  ],
};
