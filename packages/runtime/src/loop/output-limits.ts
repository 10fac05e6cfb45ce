import { estimateRequestTokens, type ModelRequest } from '@claw/api-client';

/** Below this, shrinking max_tokens to fit makes no useful reply; the server (or preflight) decides instead. */
const MIN_OUTPUT_TOKENS = 1_024;
/** Anthropic's smallest thinking budget. */
const MIN_THINKING_BUDGET = 1_024;
/** The estimate counts about 4 characters per token; code and JSON tokenize denser, so leave room. */
const ESTIMATE_CUSHION = 1.1;

export interface OutputLimitsInput {
  request: Omit<ModelRequest, 'maxTokens' | 'thinkingBudgetTokens'>;
  /** The model's output limit. */
  maxOutputTokens: number;
  /** Known context window; undefined leaves max_tokens alone. */
  contextWindow?: number;
  thinkingBudgetTokens?: number;
  /** A max_tokens the server said fits (from its context-limit error), for one retry. */
  fitsServer?: number;
}

/**
 * max_tokens for one request: the model's output limit, reduced when the estimated input would leave less
 * room than that in the window (the API rejects input + max_tokens over the window, even when the reply
 * would have been short). Thinking, when on, must stay below max_tokens, so its budget shrinks with it.
 */
export function outputLimits(input: OutputLimitsInput): { maxTokens: number; thinkingBudgetTokens?: number } {
  let maxTokens = input.maxOutputTokens;
  if (input.contextWindow !== undefined) {
    const estimate = Math.ceil(estimateRequestTokens({ ...input.request, maxTokens }) * ESTIMATE_CUSHION);
    const room = input.contextWindow - estimate;
    if (room < maxTokens) maxTokens = Math.max(MIN_OUTPUT_TOKENS, room);
  }
  if (input.fitsServer !== undefined) maxTokens = Math.min(maxTokens, input.fitsServer);
  const budget = input.thinkingBudgetTokens;
  if (budget === undefined || budget <= 0) return { maxTokens };
  const thinking = Math.min(budget, maxTokens - 1);
  return thinking >= MIN_THINKING_BUDGET ? { maxTokens, thinkingBudgetTokens: thinking } : { maxTokens };
}
