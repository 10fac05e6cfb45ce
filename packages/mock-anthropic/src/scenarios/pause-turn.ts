import type { ScenarioDefinition } from './step.js';

export const pauseTurnScenario: ScenarioDefinition = {
  name: 'pause_turn',
  description: 'Text with stop_reason pause_turn; when the client sends the paused turn back, it completes.',
  steps: [
    { text: 'Working on a long-running server-side task.', stopReason: 'pause_turn' },
    { text: 'The paused turn is now complete.' },
  ],
};
