import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const writeFileAllowedScenario: ScenarioDefinition = {
  name: 'write_file_allowed',
  description: 'write_file generated/output.txt (permitted), then text confirming the result.',
  steps: [
    {
      toolUses: [
        {
          name: 'write_file',
          input: { path: 'generated/output.txt', content: 'written by the write_file_allowed scenario\n' },
        },
      ],
    },
    echoToolResults('write_file completed:'),
  ],
};
