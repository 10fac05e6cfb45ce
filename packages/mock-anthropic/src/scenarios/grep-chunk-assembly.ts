import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const grepChunkAssemblyScenario: ScenarioDefinition = {
  name: 'grep_chunk_assembly',
  description: 'grep_search whose input JSON streams in 1–3 character chunks, then text quoting the result.',
  steps: [
    {
      toolUses: [{ name: 'grep_search', input: { pattern: 'parity', path: '.', output_mode: 'content' } }],
      // Cycling sizes split keys, escapes and values at every possible boundary.
      toolInputChunkSize: [1, 2, 3],
    },
    echoToolResults('grep_search returned:'),
  ],
};
