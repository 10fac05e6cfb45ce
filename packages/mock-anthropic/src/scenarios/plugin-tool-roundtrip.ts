import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const pluginToolRoundtripScenario: ScenarioDefinition = {
  name: 'plugin_tool_roundtrip',
  description:
    'plugin_echo {"message":"hello from the plugin scenario"}, then text echoing the plugin output.',
  steps: [
    { toolUses: [{ name: 'plugin_echo', input: { message: 'hello from the plugin scenario' } }] },
    echoToolResults('plugin_echo returned:'),
  ],
};
