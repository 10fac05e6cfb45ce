import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const invalidToolInputScenario: ScenarioDefinition = {
  name: 'invalid_tool_input',
  description: 'read_file with wrong types ({"path":42,"limit":"ten"}), then text quoting the error result.',
  steps: [
    { toolUses: [{ name: 'read_file', input: { path: 42, limit: 'ten' } }] },
    echoToolResults('read_file returned:'),
  ],
};
