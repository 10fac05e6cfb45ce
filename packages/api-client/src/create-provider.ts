import type { Dispatcher } from 'undici';
import { ApiError } from './errors.js';
import type { Env, FetchLike } from './http-fetch.js';
import { type ModelInfo, resolveModel, withBetaLimits } from './models.js';
import { assertRequestFits } from './preflight.js';
import { createAnthropicProvider } from './providers/anthropic.js';
import { createOpenAICompatibleProvider } from './providers/openai-compatible.js';
import type { RetryDeps, RetryPolicy } from './retry.js';
import {
  ANTHROPIC_DEFAULT_BASE_URL,
  OPENAI_DEFAULT_BASE_URL,
  type ProviderRoute,
  selectProvider,
} from './routing.js';
import type { ModelRequest, Provider, StreamEvent, StreamOptions } from './types.js';

export interface CreateProviderConfig extends RetryDeps {
  /** Model name, alias (`sonnet`) or routed name (`ollama/llama3.1`, `openai/gpt-4o`). */
  model: string;
  /** User aliases from settings; they shadow the built-in ones. */
  aliases?: Record<string, string>;
  /**
   * Defaults to process.env. Read: ANTHROPIC_*, OPENAI_*, OLLAMA_HOST, proxies, CLAW_MAX_RETRIES,
   * CLAW_RETRY_MAX_MS, CLAW_API_TIMEOUT_MS, CLAW_STREAM_IDLE_TIMEOUT_MS.
   */
  env?: Env;
  /** Credentials resolved elsewhere (@claw/auth token store); they win over the env vars. */
  anthropic?: { apiKey?: string; authToken?: string; credentialSource?: string; betas?: string[] };
  openai?: { apiKey?: string; credentialSource?: string };
  /** Overrides the routed base URL (settings `apiBaseUrl`). */
  baseURL?: string;
  fetch?: FetchLike;
  dispatcher?: Dispatcher;
  defaultHeaders?: Record<string, string>;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  promptCaching?: boolean;
  /** Refuse requests that cannot fit the model's context window before sending (default true). */
  preflight?: boolean;
}

/** A Provider that also says where it goes and why, for `claw status` and cost reporting. */
export interface ClawProvider extends Provider {
  readonly route: ProviderRoute;
  readonly modelInfo: ModelInfo;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

export function createProvider(config: CreateProviderConfig): ClawProvider {
  const env = config.env ?? process.env;
  const aliases = config.aliases ?? {};
  const betas = config.anthropic?.betas;
  const modelInfo = withBetaLimits(resolveModel(config.model, aliases), betas);
  const apiKey = nonEmpty(config.anthropic?.apiKey) ?? nonEmpty(env.ANTHROPIC_API_KEY);
  const authToken = apiKey
    ? undefined
    : (nonEmpty(config.anthropic?.authToken) ?? nonEmpty(env.ANTHROPIC_AUTH_TOKEN));
  const hasAnthropicCredential = Boolean(apiKey ?? authToken);
  const route = selectProvider({ model: modelInfo.id, env, hasAnthropicCredential });
  const baseURL = nonEmpty(config.baseURL) ?? route.baseURL;
  const shared = {
    fetch: config.fetch,
    dispatcher: config.dispatcher,
    defaultHeaders: config.defaultHeaders,
    timeoutMs: config.timeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
    retry: config.retry,
    env,
    sleep: config.sleep,
    random: config.random,
    now: config.now,
  };

  let inner: Provider;
  let missingCredential: ApiError | undefined;
  if (route.kind === 'anthropic') {
    if (!hasAnthropicCredential && sameOrigin(baseURL, ANTHROPIC_DEFAULT_BASE_URL)) {
      missingCredential = new ApiError('auth', 'No Anthropic credential found, so nothing was sent.', {
        hint: 'Set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN), or run `claw login`.',
      });
    }
    const fromConfig = Boolean(nonEmpty(config.anthropic?.apiKey) ?? nonEmpty(config.anthropic?.authToken));
    inner = createAnthropicProvider({
      ...shared,
      apiKey,
      authToken,
      credentialSource: fromConfig
        ? config.anthropic?.credentialSource
        : apiKey
          ? 'ANTHROPIC_API_KEY'
          : 'ANTHROPIC_AUTH_TOKEN',
      baseURL,
      betas: config.anthropic?.betas,
      promptCaching: config.promptCaching,
    });
  } else {
    const key = route.apiKeyEnv
      ? (nonEmpty(config.openai?.apiKey) ?? nonEmpty(env[route.apiKeyEnv]))
      : nonEmpty(config.openai?.apiKey);
    if (!key && route.apiKeyEnv && sameOrigin(baseURL, OPENAI_DEFAULT_BASE_URL)) {
      missingCredential = new ApiError('auth', `No API key found for ${baseURL}, so nothing was sent.`, {
        hint: `Set ${route.apiKeyEnv}, or point OPENAI_BASE_URL / OLLAMA_HOST at a server that needs no key.`,
      });
    }
    inner = createOpenAICompatibleProvider({
      ...shared,
      baseURL,
      apiKey: key,
      credentialSource: config.openai?.credentialSource ?? route.apiKeyEnv,
    });
  }

  /** The runtime passes the name the user chose; the wire needs the routed id (alias resolved, prefix cut). */
  const wireModel = (name: string): { model: string; info: ModelInfo } => {
    if (name === config.model || name === modelInfo.id || name === route.model)
      return { model: route.model, info: modelInfo };
    const info = withBetaLimits(resolveModel(name, aliases), betas);
    return { model: selectProvider({ model: info.id, env, hasAnthropicCredential }).model, info };
  };

  async function* stream(request: ModelRequest, options?: StreamOptions): AsyncGenerator<StreamEvent> {
    const { model, info } = wireModel(request.model);
    const routed = { ...request, model };
    // The provider's own endpoint always wants a credential: fail at once instead of waiting for a 401 (or,
    // offline, for minutes of DNS retries). Gateways and local servers may take none, so they are asked.
    if (missingCredential) throw missingCredential;
    if (config.preflight ?? true) assertRequestFits(routed, info);
    yield* inner.stream(routed, options);
  }

  return { kind: route.kind, route, modelInfo, stream };
}
