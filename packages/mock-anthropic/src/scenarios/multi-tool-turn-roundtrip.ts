import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const multiToolTurnRoundtripScenario: ScenarioDefinition = {
  name: 'multi_tool_turn_roundtrip',
  description: 'One message with read_file and grep_search, then text summarising both results.',
  steps: [
    {
      text: 'Reading the fixture and searching it.',
      toolUses: [
        { name: 'read_file', input: { path: 'fixture.txt' } },
        { name: 'grep_search', input: { pattern: 'parity', path: 'fixture.txt', output_mode: 'count' } },
      ],
    },
    echoToolResults('Both tools returned:'),
  ],
};
