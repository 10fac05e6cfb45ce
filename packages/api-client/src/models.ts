import { type ModelPricing, pricingFor, pricingKey } from './pricing.js';
import type { ProviderKind } from './types.js';

export interface ModelInfo {
  /** The model name after alias resolution, as the user would route it (gateway slugs kept). */
  id: string;
  /** The provider the name implies on its own; `selectProvider` may still pick another from the env. */
  provider: ProviderKind;
  contextWindow: number;
  maxOutputTokens: number;
  pricing?: ModelPricing;
  /** The alias the user typed, when one was resolved (`opus`). */
  aliasOf?: string;
  /** False when the model is not in the table and the limits are conservative guesses. */
  known: boolean;
}

interface ModelLimits {
  contextWindow: number;
  maxOutputTokens: number;
}

/**
 * Context window and max output per model, from platform.claude.com model pages (Claude) and OpenAI's model
 * docs (from memory; marked where unsure). Dated ids (`claude-haiku-4-5-20251001`) resolve to their base.
 */
export const MODEL_LIMITS: Readonly<Record<string, ModelLimits>> = {
  'claude-fable-5-1': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-opus-5-5': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-sonnet-5-5': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-haiku-5-5': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-opus-5': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-sonnet-5': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-opus-4-8': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  // Opus 4.7's 1M window is documented; its max output is assumed to match 4.6/4.8.
  'claude-opus-4-7': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-opus-4-6': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-sonnet-4-6': { contextWindow: 1_000_000, maxOutputTokens: 128_000 },
  'claude-opus-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000 },
  // 200K without the context-1m beta header.
  'claude-sonnet-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000 },
  'claude-haiku-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000 },
  'claude-opus-4-1': { contextWindow: 200_000, maxOutputTokens: 32_000 },
  'claude-opus-4': { contextWindow: 200_000, maxOutputTokens: 32_000 },
  'claude-sonnet-4': { contextWindow: 200_000, maxOutputTokens: 64_000 },
  'gpt-5': { contextWindow: 400_000, maxOutputTokens: 128_000 },
  'gpt-5-mini': { contextWindow: 400_000, maxOutputTokens: 128_000 },
  'gpt-4.1': { contextWindow: 1_047_576, maxOutputTokens: 32_768 },
  'gpt-4.1-mini': { contextWindow: 1_047_576, maxOutputTokens: 32_768 },
  'gpt-4o': { contextWindow: 128_000, maxOutputTokens: 16_384 },
  'gpt-4o-mini': { contextWindow: 128_000, maxOutputTokens: 16_384 },
  o3: { contextWindow: 200_000, maxOutputTokens: 100_000 },
  'o4-mini': { contextWindow: 200_000, maxOutputTokens: 100_000 },
  // Local models: the model's own window. Ollama may run them with a smaller num_ctx unless configured.
  'llama3.1': { contextWindow: 131_072, maxOutputTokens: 8_192 },
  'qwen2.5-coder': { contextWindow: 32_768, maxOutputTokens: 8_192 },
};

/** Built-in aliases point at the current model of each tier. */
export const BUILTIN_ALIASES: Readonly<Record<string, string>> = {
  opus: 'claude-opus-5-5',
  sonnet: 'claude-sonnet-5-5',
  haiku: 'claude-haiku-5-5',
};

export const DEFAULT_MODEL = BUILTIN_ALIASES.sonnet as string;

/** Prefixes that only say where to send a model; stripped before looking the model up. */
const ROUTING_PREFIXES = ['ollama/', 'local/'];

/** Which provider a model name implies by itself. */
export function providerForModelName(name: string): ProviderKind {
  const lower = name.toLowerCase();
  if (lower.startsWith('claude')) return 'anthropic';
  return 'openai-compatible';
}

function lookupLimits(name: string): ModelLimits | undefined {
  const bare = ROUTING_PREFIXES.find((prefix) => name.startsWith(prefix))
    ? name.slice(name.indexOf('/') + 1)
    : name;
  // Ollama tags (`llama3.1:8b`) share the base model's window.
  return (
    MODEL_LIMITS[bare] ?? MODEL_LIMITS[pricingKey(bare)] ?? MODEL_LIMITS[pricingKey(bare).split(':')[0] ?? '']
  );
}

function fallbackLimits(name: string): ModelLimits {
  const lower = name.toLowerCase();
  if (lower.includes('claude')) return { contextWindow: 200_000, maxOutputTokens: 32_000 };
  if (/^(openai\/)?(gpt-|o\d)/.test(lower)) return { contextWindow: 128_000, maxOutputTokens: 16_384 };
  return { contextWindow: 32_768, maxOutputTokens: 8_192 };
}

/**
 * Resolves an alias (user aliases from settings first, so they can shadow built-ins; chains allowed) and
 * returns what is known about the model. Unknown names still resolve, with conservative limits and
 * `known: false`, because local servers and gateways carry models no table can list.
 */
export function resolveModel(
  nameOrAlias: string,
  userAliases: Readonly<Record<string, string>> = {},
): ModelInfo {
  const typed = nameOrAlias.trim();
  let name = typed;
  const seen = new Set<string>();
  for (let depth = 0; depth < 8; depth++) {
    const target = Object.hasOwn(userAliases, name)
      ? userAliases[name]
      : Object.hasOwn(BUILTIN_ALIASES, name.toLowerCase())
        ? BUILTIN_ALIASES[name.toLowerCase()]
        : undefined;
    if (target === undefined || seen.has(name)) break;
    seen.add(name);
    name = target.trim();
  }
  const limits = lookupLimits(name);
  const pricing = pricingFor(name.startsWith('ollama/') || name.startsWith('local/') ? '' : name);
  const info: ModelInfo = {
    id: name,
    provider: providerForModelName(name),
    ...(limits ?? fallbackLimits(name)),
    known: limits !== undefined,
  };
  if (pricing) info.pricing = pricing;
  if (name !== typed) info.aliasOf = typed;
  return info;
}

/** The beta header that raises Sonnet 4 and 4.5 from 200K to a 1M-token window. */
export const CONTEXT_1M_BETA = 'context-1m-2025-08-07';
const CONTEXT_1M_MODELS = /^claude-sonnet-4(-5)?(-\d{8})?$/;

/**
 * The limits a request really has once beta headers apply: with `context-1m-2025-08-07` (settings
 * `anthropicBeta`), Sonnet 4 and 4.5 get a 1,000,000-token window, so preflight and auto-compact use it.
 */
export function withBetaLimits(info: ModelInfo, betas: readonly string[] | undefined): ModelInfo {
  if (!betas?.includes(CONTEXT_1M_BETA)) return info;
  const bare = info.id.slice(info.id.lastIndexOf('/') + 1);
  if (!CONTEXT_1M_MODELS.test(bare) || info.contextWindow >= 1_000_000) return info;
  return { ...info, contextWindow: 1_000_000 };
}
