import type { ScenarioDefinition } from './step.js';

/** Pause between events; `MOCK_DELAY_MS:<n>` in the user text overrides it. */
export const SLOW_STREAM_DEFAULT_DELAY_MS = 50;

export const slowStreamScenario: ScenarioDefinition = {
  name: 'slow_stream',
  description: 'Text in 4-character deltas with 50 ms between events (override with MOCK_DELAY_MS:<n>).',
  steps: [
    {
      text: 'A slow stream, for testing cancellation and spinners.',
      textChunkSize: 4,
      delayMs: SLOW_STREAM_DEFAULT_DELAY_MS,
    },
  ],
};
