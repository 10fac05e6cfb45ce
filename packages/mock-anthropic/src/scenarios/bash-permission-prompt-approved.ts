import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

export const bashPermissionPromptApprovedScenario: ScenarioDefinition = {
  name: 'bash_permission_prompt_approved',
  description:
    'A bash command that writes a file (needs danger-full-access), approved; then text with the result.',
  steps: [
    {
      toolUses: [
        {
          name: 'bash',
          input: {
            command: "mkdir -p generated && printf 'approved' > generated/bash-approved.txt",
            timeout: 5000,
          },
        },
      ],
    },
    echoToolResults('bash result:'),
  ],
};
