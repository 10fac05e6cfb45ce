import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const unknownToolScenario: ScenarioDefinition = {
  name: 'unknown_tool',
  description: 'A tool_use of a tool that does not exist (no_such_tool), then text quoting the error result.',
  steps: [
    { toolUses: [{ name: 'no_such_tool', input: { anything: true } }] },
    echoToolResults('no_such_tool returned:'),
  ],
};
