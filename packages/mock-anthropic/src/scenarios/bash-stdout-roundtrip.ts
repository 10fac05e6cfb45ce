import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const bashStdoutRoundtripScenario: ScenarioDefinition = {
  name: 'bash_stdout_roundtrip',
  description: `bash {"command":"printf 'hello from bash'"}, then text echoing its stdout.`,
  steps: [
    { toolUses: [{ name: 'bash', input: { command: "printf 'hello from bash'", timeout: 5000 } }] },
    echoToolResults('bash printed:'),
  ],
};
