import { type ApiKeyHelperCache, defaultApiKeyHelperCache } from './api-key-helper.js';
import type { ResolvedCredential } from './credential.js';
import { AuthError, LOGIN_HINT } from './errors.js';
import type { FetchLike } from './oauth-client.js';
import {
  DEFAULT_REFRESH_SKEW_MS,
  needsRefresh,
  oauthCredential,
  refreshAfterUnauthorized,
  refreshStoredOAuthTokens,
} from './refresh.js';
import { type ResolveCredentialOptions, resolveCredential, storeFor } from './resolve.js';
import type { OAuthSettings } from './settings.js';

/** What the runtime holds: a credential per request, and one retry after a 401. */
export interface CredentialProvider {
  /** The credential for the next request, refreshed when it expires within the skew. */
  get(): Promise<ResolvedCredential>;
  /**
   * The API answered 401 to the credential `get()` last returned: a replacement to retry with once, or
   * undefined when there is nothing better (env keys, or the replacement was itself rejected).
   */
  onUnauthorized(): Promise<ResolvedCredential | undefined>;
}

export interface CredentialProviderOptions extends ResolveCredentialOptions {
  oauth?: OAuthSettings;
  refreshSkewMs?: number;
  fetch?: FetchLike;
}

export function createCredentialProvider(options: CredentialProviderOptions): CredentialProvider {
  const store = storeFor(options);
  const resolveOptions: ResolveCredentialOptions = { ...options, store };
  const helperCache: ApiKeyHelperCache = options.apiKeyHelperCache ?? defaultApiKeyHelperCache;
  const now = options.now ?? Date.now;
  const skewMs = options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
  const refreshOptions = {
    store,
    ...(options.oauth ? { oauth: options.oauth } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    now,
    skewMs,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let last: { credential: ResolvedCredential; isRetry: boolean } | undefined;

  const get = async (): Promise<ResolvedCredential> => {
    let credential = await resolveCredential(resolveOptions);
    if (credential === undefined) {
      throw new AuthError('no-credentials', 'No credentials found for the Anthropic API.', LOGIN_HINT);
    }
    if (credential.source === 'oauth' && needsRefresh(credential, now(), skewMs)) {
      try {
        credential = oauthCredential(await refreshStoredOAuthTokens(refreshOptions));
      } catch (error) {
        // Inside the skew window the old token still works; use it and let the next call retry.
        const stillValid = credential.expiresAt !== undefined && credential.expiresAt > now();
        if (!stillValid) throw error;
      }
    }
    last = { credential, isRetry: false };
    return credential;
  };

  const onUnauthorized = async (): Promise<ResolvedCredential | undefined> => {
    if (last === undefined || last.isRetry) return undefined;
    const rejected = last.credential;
    let replacement: ResolvedCredential | undefined;
    switch (rejected.source) {
      case 'oauth':
        replacement = await refreshAfterUnauthorized({
          ...refreshOptions,
          rejectedAccessToken: rejected.value,
        });
        break;
      case 'apiKeyHelper':
        // The cached key is known bad; ask the helper again.
        helperCache.invalidate(options.apiKeyHelper);
        replacement = await resolveCredential(resolveOptions);
        break;
      case 'ANTHROPIC_API_KEY':
      case 'ANTHROPIC_AUTH_TOKEN':
      case 'stored-api-key':
        return undefined;
    }
    if (replacement === undefined || replacement.value === rejected.value) return undefined;
    last = { credential: replacement, isRetry: true };
    return replacement;
  };

  return { get, onUnauthorized };
}
