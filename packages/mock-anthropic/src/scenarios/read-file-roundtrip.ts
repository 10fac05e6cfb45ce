import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const readFileRoundtripScenario: ScenarioDefinition = {
  name: 'read_file_roundtrip',
  description: 'read_file {"path":"fixture.txt"}, then text quoting the tool result.',
  steps: [
    { text: 'Reading fixture.txt.', toolUses: [{ name: 'read_file', input: { path: 'fixture.txt' } }] },
    echoToolResults('read_file returned:'),
  ],
};
