import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const bashPermissionPromptDeniedScenario: ScenarioDefinition = {
  name: 'bash_permission_prompt_denied',
  description:
    'A bash command that writes a file (needs danger-full-access), denied; then text with the denial.',
  steps: [
    {
      toolUses: [
        {
          name: 'bash',
          input: {
            command: "mkdir -p generated && printf 'denied' > generated/bash-denied.txt",
            timeout: 5000,
          },
        },
      ],
    },
    echoToolResults('bash result:'),
  ],
};
