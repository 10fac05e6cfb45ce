import { type ApiKeyHelperCache, getApiKeyFromHelper } from './api-key-helper.js';
import { resolveConfigHome } from './config-home.js';
import { makeCredential, type ResolvedCredential } from './credential.js';
import { type CredentialStore, createFileCredentialStore } from './token-store.js';

export interface ResolveCredentialOptions {
  /** The process environment (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, CLAW_CONFIG_HOME). */
  env: Readonly<Record<string, string | undefined>>;
  /** Defaults to `resolveConfigHome(env)`. */
  configHome?: string;
  /** `--api-key-helper` or settings `apiKeyHelper`: a command whose stdout is the key. */
  apiKeyHelper?: string;
  apiKeyHelperTtlMs?: number;
  apiKeyHelperTimeoutMs?: number;
  apiKeyHelperCache?: ApiKeyHelperCache;
  /** Defaults to the file store in `configHome`. */
  store?: CredentialStore;
  now?: () => number;
  signal?: AbortSignal;
}

/**
 * Finds the credential to use, first match wins:
 * 1. `apiKeyHelper` (flag or settings), 2. `ANTHROPIC_API_KEY`, 3. `ANTHROPIC_AUTH_TOKEN`,
 * 4. stored OAuth tokens, 5. stored API key.
 * Sources later in the order are not consulted, so a broken credentials file does not matter while an env
 * variable wins. A stored OAuth token is returned as stored, even near expiry; `CredentialProvider`
 * refreshes. Returns undefined when nothing is configured.
 */
export async function resolveCredential(
  options: ResolveCredentialOptions,
): Promise<ResolvedCredential | undefined> {
  if (options.apiKeyHelper !== undefined && options.apiKeyHelper !== '') {
    const value = await getApiKeyFromHelper({
      command: options.apiKeyHelper,
      env: options.env,
      ...optionalHelperSettings(options),
    });
    return makeCredential({ kind: 'api-key', value, source: 'apiKeyHelper' });
  }
  const apiKey = nonEmpty(options.env.ANTHROPIC_API_KEY);
  if (apiKey !== undefined)
    return makeCredential({ kind: 'api-key', value: apiKey, source: 'ANTHROPIC_API_KEY' });
  const authToken = nonEmpty(options.env.ANTHROPIC_AUTH_TOKEN);
  if (authToken !== undefined) {
    return makeCredential({ kind: 'bearer', value: authToken, source: 'ANTHROPIC_AUTH_TOKEN' });
  }
  const file = await storeFor(options).read();
  if (file.oauth !== undefined) {
    return makeCredential({
      kind: 'bearer',
      value: file.oauth.accessToken,
      source: 'oauth',
      scopes: file.oauth.scopes,
      ...(file.oauth.expiresAt !== undefined ? { expiresAt: file.oauth.expiresAt } : {}),
    });
  }
  if (file.apiKey !== undefined) {
    return makeCredential({ kind: 'api-key', value: file.apiKey.key, source: 'stored-api-key' });
  }
  return undefined;
}

export function storeFor(
  options: Pick<ResolveCredentialOptions, 'store' | 'configHome' | 'env'>,
): CredentialStore {
  return options.store ?? createFileCredentialStore(options.configHome ?? resolveConfigHome(options.env));
}

export function optionalHelperSettings(options: ResolveCredentialOptions): {
  ttlMs?: number;
  timeoutMs?: number;
  cache?: ApiKeyHelperCache;
  now?: () => number;
  signal?: AbortSignal;
} {
  return {
    ...(options.apiKeyHelperTtlMs !== undefined ? { ttlMs: options.apiKeyHelperTtlMs } : {}),
    ...(options.apiKeyHelperTimeoutMs !== undefined ? { timeoutMs: options.apiKeyHelperTimeoutMs } : {}),
    ...(options.apiKeyHelperCache !== undefined ? { cache: options.apiKeyHelperCache } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
