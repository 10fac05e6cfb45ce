import type { ScenarioDefinition } from './step.js';

export const autoCompactTriggeredScenario: ScenarioDefinition = {
  name: 'auto_compact_triggered',
  description: 'A reply reporting 190,000 input tokens, so the client auto-compacts; then a plain reply.',
  steps: [
    { text: 'This reply reports a nearly full context window.', usage: { input_tokens: 190_000 } },
    { text: 'Continuing after compaction.' },
  ],
};
