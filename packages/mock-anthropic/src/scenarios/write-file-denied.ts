import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const writeFileDeniedScenario: ScenarioDefinition = {
  name: 'write_file_denied',
  description: 'The same write_file, run where it is denied; then text reporting the (error) tool result.',
  steps: [
    {
      toolUses: [
        {
          name: 'write_file',
          input: { path: 'generated/output.txt', content: 'written by the write_file_denied scenario\n' },
        },
      ],
    },
    echoToolResults('write_file result:'),
  ],
};
