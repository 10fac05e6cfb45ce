import type { ScenarioDefinition } from './step.js';

/** Fixed usage so cost can be asserted exactly: every figure differs, so a swapped field shows. */
export const TOKEN_COST_REPORTING_USAGE = {
  input_tokens: 1200,
  output_tokens: 340,
  cache_creation_input_tokens: 2048,
  cache_read_input_tokens: 4096,
} as const;

export const tokenCostReportingScenario: ScenarioDefinition = {
  name: 'token_cost_reporting',
  description: 'A text reply with fixed usage including cache read and cache creation tokens.',
  steps: [{ text: 'Token usage for this reply is fixed.', usage: { ...TOKEN_COST_REPORTING_USAGE } }],
};
