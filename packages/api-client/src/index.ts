export type { ClawProvider, CreateProviderConfig } from './create-provider.js';
export { createProvider } from './create-provider.js';
export type { CredentialInfo, ErrorContext, HttpFailure } from './error-mapping.js';
export {
  apiErrorFromHttp,
  fittingMaxTokens,
  RETRYABLE_STATUSES,
  redactSecrets,
} from './error-mapping.js';
export type { ApiErrorKind } from './errors.js';
export { ApiError } from './errors.js';
export type { Env, FetchLike, HttpFetchOptions, ProxySettings } from './http-fetch.js';
export { createHttpFetch, proxySettingsFromEnv, undiciTimeoutsFor } from './http-fetch.js';
export type { ModelInfo } from './models.js';
export {
  BUILTIN_ALIASES,
  CONTEXT_1M_BETA,
  DEFAULT_MODEL,
  MODEL_LIMITS,
  providerForModelName,
  resolveModel,
  withBetaLimits,
} from './models.js';
export { assertRequestFits, estimateRequestTokens } from './preflight.js';
export type { ModelPricing } from './pricing.js';
export { addUsage, costUsd, PRICING, pricingFor } from './pricing.js';
export type { AnthropicProviderOptions } from './providers/anthropic.js';
export { createAnthropicProvider } from './providers/anthropic.js';
export type { OpenAICompatibleProviderOptions } from './providers/openai-compatible.js';
export { createOpenAICompatibleProvider } from './providers/openai-compatible.js';
export type { RetryDeps, RetryPolicy, Sleep } from './retry.js';
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  defaultSleep,
  formatDelay,
  resolveRetryPolicy,
} from './retry.js';
export { parseRetryAfter } from './retry-after.js';
export type { ProviderRoute, SelectProviderInput } from './routing.js';
export {
  ANTHROPIC_DEFAULT_BASE_URL,
  OLLAMA_DEFAULT_BASE_URL,
  OPENAI_DEFAULT_BASE_URL,
  ollamaBaseURL,
  selectProvider,
} from './routing.js';
export type { Timeouts } from './timeouts.js';
export { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, resolveTimeouts } from './timeouts.js';
export type {
  AssistantMessage,
  CacheControl,
  ContentBlock,
  ImageBlock,
  IncompleteToolUse,
  Message,
  ModelRequest,
  Provider,
  ProviderKind,
  RedactedThinkingBlock,
  Role,
  StopReason,
  StreamEvent,
  StreamOptions,
  TextBlock,
  ThinkingBlock,
  ToolResultBlock,
  ToolSpec,
  ToolUseBlock,
  Usage,
} from './types.js';
export { emptyUsage } from './types.js';
