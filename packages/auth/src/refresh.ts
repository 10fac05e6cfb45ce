import { makeCredential, type ResolvedCredential } from './credential.js';
import type { StoredOAuthTokens } from './credentials-file.js';
import { AuthError, LOGIN_HINT } from './errors.js';
import { type FetchLike, requestTokens } from './oauth-client.js';
import { type OAuthSettings, resolveOAuthConfig } from './settings.js';
import type { CredentialStore } from './token-store.js';

/** Refresh this long before `expiresAt`, so a request does not start with a token about to die. */
export const DEFAULT_REFRESH_SKEW_MS = 5 * 60_000;
const REFRESH_REQUEST_TIMEOUT_MS = 30_000;

export interface RefreshOptions {
  store: CredentialStore;
  /** Settings `oauth`; used when the stored tokens do not record their token endpoint and client id. */
  oauth?: OAuthSettings;
  fetch?: FetchLike;
  now?: () => number;
  skewMs?: number;
  signal?: AbortSignal;
}

export function needsRefresh(
  tokens: Pick<StoredOAuthTokens, 'expiresAt'>,
  now: number,
  skewMs: number,
): boolean {
  return tokens.expiresAt !== undefined && tokens.expiresAt - skewMs <= now;
}

/** One refresh per store (and per rejected token) at a time within this process. */
const inFlight = new Map<string, Promise<StoredOAuthTokens>>();

/**
 * Returns stored OAuth tokens that are good for at least `skewMs`, refreshing them if needed. With
 * `rejectedAccessToken` (after a 401) it refreshes unless the store already holds a different token.
 *
 * Concurrency: callers in this process share one promise; across processes the store's lock serializes
 * refreshers, and the store is re-read after the lock is taken, so a process that waited finds the token
 * the first one wrote and does not spend the (possibly rotated, single-use) refresh token again.
 */
export function refreshStoredOAuthTokens(
  options: RefreshOptions & { rejectedAccessToken?: string },
): Promise<StoredOAuthTokens> {
  const key = `${options.store.location}\u0000${options.rejectedAccessToken ?? ''}`;
  const existing = inFlight.get(key);
  if (existing) return existing;
  const promise = refreshUnderLock(options).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

/**
 * After the API answered 401 for `rejectedAccessToken`: a new bearer credential from a refresh (or from
 * another process's refresh). Throws AuthError('refresh-failed'/'not-logged-in') with the login hint.
 */
export async function refreshAfterUnauthorized(
  options: RefreshOptions & { rejectedAccessToken: string },
): Promise<ResolvedCredential> {
  return oauthCredential(await refreshStoredOAuthTokens(options));
}

export function oauthCredential(tokens: StoredOAuthTokens): ResolvedCredential {
  return makeCredential({
    kind: 'bearer',
    value: tokens.accessToken,
    source: 'oauth',
    scopes: tokens.scopes,
    ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}),
  });
}

async function refreshUnderLock(
  options: RefreshOptions & { rejectedAccessToken?: string },
): Promise<StoredOAuthTokens> {
  const now = options.now ?? Date.now;
  const skewMs = options.skewMs ?? DEFAULT_REFRESH_SKEW_MS;
  return options.store.transaction(async (file, write) => {
    const current = file.oauth;
    if (current === undefined) {
      throw new AuthError(
        'not-logged-in',
        'You are not signed in to claw (no stored OAuth tokens).',
        LOGIN_HINT,
      );
    }
    const alreadyReplaced =
      options.rejectedAccessToken !== undefined && current.accessToken !== options.rejectedAccessToken;
    if (alreadyReplaced && !isExpired(current, now())) return current;
    if (options.rejectedAccessToken === undefined && !needsRefresh(current, now(), skewMs)) return current;

    const config = resolveOAuthConfig(options.oauth);
    const clientId = current.clientId ?? config.clientId;
    if (current.refreshToken === undefined || clientId === undefined) {
      throw new AuthError(
        'refresh-failed',
        'Your claw sign-in has expired and cannot be renewed automatically.',
        LOGIN_HINT,
      );
    }
    const timeout = AbortSignal.timeout(REFRESH_REQUEST_TIMEOUT_MS);
    const refreshed = await requestTokens({
      tokenUrl: current.tokenUrl ?? config.tokenUrl,
      clientId,
      format: config.tokenRequestFormat,
      params: { grant_type: 'refresh_token', refresh_token: current.refreshToken },
      requestedScopes: current.scopes,
      fetch: options.fetch ?? fetch,
      now,
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
      failureReason: 'refresh-failed',
      failureHint: LOGIN_HINT,
    }).catch((error: unknown) => {
      if (error instanceof AuthError && error.reason === 'refresh-failed') {
        throw new AuthError(
          'refresh-failed',
          `Your claw sign-in could not be renewed. ${error.message}`,
          LOGIN_HINT,
          {
            cause: error,
          },
        );
      }
      throw error;
    });
    // RFC 6749 §6: the server may keep the old refresh token by not returning a new one.
    const next: StoredOAuthTokens = {
      ...refreshed,
      ...(refreshed.refreshToken === undefined ? { refreshToken: current.refreshToken } : {}),
    };
    await write({ ...file, oauth: next });
    return next;
  }, options.signal);
}

function isExpired(tokens: StoredOAuthTokens, now: number): boolean {
  return tokens.expiresAt !== undefined && tokens.expiresAt <= now;
}
