import type { ScenarioDefinition } from './step.js';

export const refusalScenario: ScenarioDefinition = {
  name: 'refusal',
  description: 'A short text with stop_reason refusal.',
  steps: [{ text: "I can't help with that request.", stopReason: 'refusal' }],
};
