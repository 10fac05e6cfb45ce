import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const parallelReadsScenario: ScenarioDefinition = {
  name: 'parallel_reads',
  description: 'Three read_file calls in one message (a.txt, b.txt, c.txt), then text quoting all results.',
  steps: [
    {
      toolUses: [
        { name: 'read_file', input: { path: 'a.txt' } },
        { name: 'read_file', input: { path: 'b.txt' } },
        { name: 'read_file', input: { path: 'c.txt' } },
      ],
    },
    echoToolResults('The three reads returned:'),
  ],
};
