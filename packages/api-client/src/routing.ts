import type { Env } from './http-fetch.js';
import type { ProviderKind } from './types.js';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const OLLAMA_DEFAULT_BASE_URL = 'http://127.0.0.1:11434/v1';

export interface SelectProviderInput {
  /** A resolved model name (aliases already applied). */
  model: string;
  env: Env;
  /** True when an Anthropic API key or OAuth token exists (env, token store or settings). */
  hasAnthropicCredential: boolean;
}

export interface ProviderRoute {
  kind: ProviderKind;
  /** The model name to send, with routing-only prefixes (`ollama/`, `local/`, `openai/` when direct) removed. */
  model: string;
  baseURL: string;
  /** Env var that supplies the key for this route; undefined when the server takes none (Ollama). */
  apiKeyEnv?: string;
  /** Why this route was chosen, for `claw status`. */
  reason: string;
}

function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

/** `OLLAMA_HOST` is a bind address (`0.0.0.0`, `host:port`, or a URL); turn it into a client base URL. */
export function ollamaBaseURL(host: string | undefined): string {
  if (!host) return OLLAMA_DEFAULT_BASE_URL;
  const withScheme = /^[a-z]+:\/\//i.test(host) ? host : `http://${host}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return OLLAMA_DEFAULT_BASE_URL;
  }
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  // Ollama's port applies to a bare host; a full URL means what it says (https on 443 behind a proxy).
  if (withScheme !== host) {
    if (!url.port) url.port = '11434';
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/v1') ? path : `${path}/v1`}`;
}

function isOpenAIHost(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

const OPENAI_NAME = /^(gpt-|chatgpt-|o1|o3|o4|codex-|text-|davinci)/i;

/**
 * Chooses the provider for a model: first by the model's name (prefixes), then by which endpoints and
 * credentials the environment has. Pure: everything it reads is passed in, so `claw status` can explain it.
 */
export function selectProvider(input: SelectProviderInput): ProviderRoute {
  const { model, env, hasAnthropicCredential } = input;
  const openaiBase = envValue(env, 'OPENAI_BASE_URL');
  const ollamaHost = envValue(env, 'OLLAMA_HOST');
  const anthropicBase = envValue(env, 'ANTHROPIC_BASE_URL');
  const openai = openaiBase ?? OPENAI_DEFAULT_BASE_URL;
  const openaiWhere = openaiBase ? `$OPENAI_BASE_URL (${openaiBase})` : OPENAI_DEFAULT_BASE_URL;
  const lower = model.toLowerCase();

  if (lower.startsWith('ollama/')) {
    const baseURL = ollamaBaseURL(ollamaHost);
    return {
      kind: 'openai-compatible',
      model: model.slice('ollama/'.length),
      baseURL,
      reason: `model '${model}' starts with 'ollama/' → openai-compatible at ${ollamaHost ? `$OLLAMA_HOST (${baseURL})` : baseURL}`,
    };
  }
  if (lower.startsWith('local/')) {
    const baseURL = openaiBase ?? ollamaBaseURL(ollamaHost);
    const where = openaiBase ? openaiWhere : ollamaHost ? `$OLLAMA_HOST (${baseURL})` : baseURL;
    return {
      kind: 'openai-compatible',
      model: model.slice('local/'.length),
      baseURL,
      apiKeyEnv: openaiBase ? 'OPENAI_API_KEY' : undefined,
      reason: `model '${model}' starts with 'local/' → openai-compatible at ${where}`,
    };
  }
  if (lower.startsWith('openai/')) {
    // A gateway (OpenRouter, LiteLLM) wants the full slug; OpenAI itself only knows the bare name.
    const direct = !openaiBase || isOpenAIHost(openaiBase);
    return {
      kind: 'openai-compatible',
      model: direct ? model.slice('openai/'.length) : model,
      baseURL: openai,
      apiKeyEnv: 'OPENAI_API_KEY',
      reason: `model '${model}' starts with 'openai/' → openai-compatible at ${openaiWhere}${direct ? ' (prefix stripped)' : ' (gateway slug kept)'}`,
    };
  }
  if (lower.startsWith('anthropic/') && !openaiBase && hasAnthropicCredential) {
    return {
      kind: 'anthropic',
      model: model.slice('anthropic/'.length),
      baseURL: anthropicBase ?? ANTHROPIC_DEFAULT_BASE_URL,
      reason: `model '${model}' is a gateway slug but OPENAI_BASE_URL is unset and an Anthropic credential exists → anthropic (prefix stripped)`,
    };
  }
  if (model.includes('/')) {
    return {
      kind: 'openai-compatible',
      model,
      baseURL: openai,
      apiKeyEnv: 'OPENAI_API_KEY',
      reason: `model '${model}' is a vendor/model slug → openai-compatible gateway at ${openaiWhere}`,
    };
  }
  if (lower.startsWith('claude')) {
    if (!hasAnthropicCredential && !anthropicBase && openaiBase) {
      return {
        kind: 'openai-compatible',
        model,
        baseURL: openaiBase,
        apiKeyEnv: 'OPENAI_API_KEY',
        reason: `model '${model}' starts with 'claude' but no Anthropic credential or ANTHROPIC_BASE_URL exists and OPENAI_BASE_URL is set → openai-compatible gateway at ${openaiWhere}`,
      };
    }
    const baseURL = anthropicBase ?? ANTHROPIC_DEFAULT_BASE_URL;
    return {
      kind: 'anthropic',
      model,
      baseURL,
      reason: `model '${model}' starts with 'claude' → anthropic at ${anthropicBase ? `$ANTHROPIC_BASE_URL (${baseURL})` : baseURL}`,
    };
  }
  if (OPENAI_NAME.test(model)) {
    const prefix = OPENAI_NAME.exec(model)?.[1] ?? '';
    return {
      kind: 'openai-compatible',
      model,
      baseURL: openai,
      apiKeyEnv: 'OPENAI_API_KEY',
      reason: `model '${model}' starts with '${prefix}' → openai-compatible at ${openaiWhere}`,
    };
  }
  // A bare name no prefix claims (`llama3.1:8b`, `qwen2.5-coder`): go where the environment points.
  if (ollamaHost && !openaiBase) {
    const baseURL = ollamaBaseURL(ollamaHost);
    return {
      kind: 'openai-compatible',
      model,
      baseURL,
      reason: `model '${model}' has no provider prefix and OLLAMA_HOST is set → openai-compatible at $OLLAMA_HOST (${baseURL})`,
    };
  }
  if (openaiBase) {
    return {
      kind: 'openai-compatible',
      model,
      baseURL: openaiBase,
      apiKeyEnv: 'OPENAI_API_KEY',
      reason: `model '${model}' has no provider prefix and OPENAI_BASE_URL is set → openai-compatible at ${openaiWhere}`,
    };
  }
  const baseURL = anthropicBase ?? ANTHROPIC_DEFAULT_BASE_URL;
  return {
    kind: 'anthropic',
    model,
    baseURL,
    reason: `model '${model}' has no provider prefix and no OPENAI_BASE_URL/OLLAMA_HOST is set → anthropic at ${anthropicBase ? `$ANTHROPIC_BASE_URL (${baseURL})` : baseURL}`,
  };
}
