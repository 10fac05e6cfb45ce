import type { ScenarioDefinition } from './step.js';

export const thinkingTextScenario: ScenarioDefinition = {
  name: 'thinking_text',
  description: 'A thinking block (thinking_delta + signature_delta), then a text block.',
  steps: [
    {
      thinking: 'The user wants a short greeting. One sentence is enough.',
      thinkingSignature: 'mock-signature-thinking-text',
      text: 'Hello after thinking.',
      textChunkSize: 10,
    },
  ],
};
