import type { Usage } from './types.js';

/** USD per million tokens. */
export interface ModelPricing {
  input: number;
  output: number;
  /** 5-minute cache write; defaults to 1.25 × input (Anthropic's rate). */
  cacheWrite?: number;
  /** Cache read; defaults to 0.1 × input. */
  cacheRead?: number;
  /**
   * Tiered models bill the whole request at higher rates once the prompt (input + cache read + cache write)
   * passes a threshold.
   */
  longContext?: {
    aboveTokens: number;
    input: number;
    output: number;
    cacheWrite?: number;
    cacheRead?: number;
  };
}

/**
 * List prices, USD / MTok, checked against platform.claude.com model pages and OpenAI's pricing page.
 * Batch, priority and 1-hour cache rates are not modelled. Models missing here have no cost (the UI shows
 * "cost unknown"); never guess a price.
 */
export const PRICING: Readonly<Record<string, ModelPricing>> = {
  // Claude 5.x (current line-up).
  'claude-fable-5-1': { input: 10, output: 50 },
  'claude-opus-5-5': { input: 4, output: 20 },
  'claude-sonnet-5-5': { input: 2, output: 10 },
  // Haiku 5.5 is tiered at 100K prompt tokens ($0.10/$0.50 below, $0.50/$2.50 above).
  'claude-haiku-5-5': {
    input: 0.1,
    output: 0.5,
    longContext: { aboveTokens: 100_000, input: 0.5, output: 2.5 },
  },
  'claude-opus-5': { input: 5, output: 25 },
  // Sources disagree for Sonnet 5 ($2/$10 on the Claude docs, $3/$15 in a third-party note); docs win.
  'claude-sonnet-5': { input: 2, output: 10 },
  // Claude 4.x.
  'claude-opus-4-8': { input: 5, output: 25 },
  'claude-opus-4-7': { input: 5, output: 25 },
  'claude-opus-4-6': { input: 5, output: 25 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4': { input: 3, output: 15 },
  // OpenAI: cached input is their cache read; they charge no cache-write premium. From memory of
  // openai.com/api/pricing — verify before relying on these for billing.
  'gpt-5': { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 1.25 },
  'gpt-5-mini': { input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: 0.25 },
  'gpt-4.1': { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 2 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cacheRead: 0.1, cacheWrite: 0.4 },
  'gpt-4o': { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 2.5 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cacheRead: 0.075, cacheWrite: 0.15 },
  o3: { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 2 },
  'o4-mini': { input: 1.1, output: 4.4, cacheRead: 0.275, cacheWrite: 1.1 },
};

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    cache_creation_input_tokens: a.cache_creation_input_tokens + b.cache_creation_input_tokens,
    cache_read_input_tokens: a.cache_read_input_tokens + b.cache_read_input_tokens,
  };
}

/** Gateway slugs (`anthropic/claude-…`, `openai/gpt-4o`) and dated ids share their base model's price. */
export function pricingKey(modelId: string): string {
  const bare = modelId.includes('/') ? modelId.slice(modelId.lastIndexOf('/') + 1) : modelId;
  return bare.replace(/-\d{8}$/, '');
}

export function pricingFor(modelId: string): ModelPricing | undefined {
  return PRICING[modelId] ?? PRICING[pricingKey(modelId)];
}

/**
 * Cost of one request's usage in USD, or undefined when the model has no known price. Call it per request
 * (tiered pricing depends on each request's prompt size), then sum.
 */
export function costUsd(
  modelId: string,
  usage: Usage,
  table?: Readonly<Record<string, ModelPricing>>,
): number | undefined {
  const pricing = table ? (table[modelId] ?? table[pricingKey(modelId)]) : pricingFor(modelId);
  if (!pricing) return undefined;
  const prompt = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  const tier =
    pricing.longContext && prompt > pricing.longContext.aboveTokens ? pricing.longContext : pricing;
  const cacheWrite = tier.cacheWrite ?? tier.input * 1.25;
  const cacheRead = tier.cacheRead ?? tier.input * 0.1;
  const dollars =
    usage.input_tokens * tier.input +
    usage.output_tokens * tier.output +
    usage.cache_creation_input_tokens * cacheWrite +
    usage.cache_read_input_tokens * cacheRead;
  return dollars / 1_000_000;
}
