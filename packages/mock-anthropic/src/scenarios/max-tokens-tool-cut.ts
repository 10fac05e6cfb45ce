import type { ScenarioDefinition } from './step.js';

export const maxTokensToolCutScenario: ScenarioDefinition = {
  name: 'max_tokens_tool_cut',
  description: 'A write_file tool_use cut off mid-JSON with stop_reason max_tokens; then a closing text.',
  steps: [
    {
      text: 'Writing the long file now.',
      toolUses: [
        {
          name: 'write_file',
          input: { path: 'generated/long.txt', content: 'a long body that never finishes streaming' },
          truncateInputAt: 40,
        },
      ],
      stopReason: 'max_tokens',
    },
    { text: 'The previous tool call was cut off by max_tokens.' },
  ],
};
