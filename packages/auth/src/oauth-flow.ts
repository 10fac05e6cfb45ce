import {
  type AuthorizationCode,
  startLoopbackCallbackServer,
  stateMismatchError,
} from './callback-server.js';
import { resolveConfigHome } from './config-home.js';
import { AuthError } from './errors.js';
import { abortedError, type FetchLike, requestTokens } from './oauth-client.js';
import { openUrlInBrowser } from './open-url.js';
import { createOAuthState, createPkcePair } from './pkce.js';
import { type OAuthSettings, resolveOAuthConfig } from './settings.js';
import { type CredentialStore, createFileCredentialStore } from './token-store.js';

export interface OAuthLoginOptions {
  /** Defaults to `resolveConfigHome(process.env)`. */
  configHome?: string;
  /** Settings `oauth` (endpoints, client id, scopes, redirect path, token request format). */
  oauth?: OAuthSettings;
  /** Prints one line for the user (the CLI decides where: stderr, a TUI panel…). */
  print: (line: string) => void;
  /** Opens the URL in a browser. Defaults to the platform opener. */
  openUrl?: (url: string) => Promise<void>;
  /**
   * False on headless machines (`claw login --no-browser`, no display): the URL is only printed, and the
   * wording says so. Default true.
   */
  openBrowser?: boolean;
  /**
   * Reads what the user pasted: the `code`, `code#state`, or the whole redirect URL. Called again after an
   * empty answer; `signal` aborts when the browser callback wins. Omit it to rely on the callback only.
   */
  readPastedCode?: (signal: AbortSignal) => Promise<string>;
  /** The whole flow, browser included. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: FetchLike;
  now?: () => number;
  store?: CredentialStore;
}

export interface LoginResult {
  method: 'oauth' | 'api-key';
  /** Where the credential was stored (a path, never the secret). */
  location: string;
  expiresAt?: number;
  scopes?: string[];
}

const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60_000;

/**
 * `claw login`: OAuth 2.0 authorization code flow with PKCE (S256) and `state`, a loopback callback on
 * 127.0.0.1, and a paste-the-code fallback for machines without a browser. Stores the tokens on success.
 */
export async function loginWithOAuth(options: OAuthLoginOptions): Promise<LoginResult> {
  const config = resolveOAuthConfig(options.oauth);
  const clientId = config.clientId;
  if (clientId === undefined) {
    throw new AuthError(
      'oauth-not-configured',
      'OAuth sign-in needs a client id, and none is configured.',
      'Set `oauth.clientId` (and the endpoints) in settings, or use `claw login --api-key` with a key on stdin.',
    );
  }
  options.signal?.throwIfAborted();
  const store = options.store ?? createFileCredentialStore(options.configHome ?? resolveConfigHome());
  const pkce = createPkcePair();
  const state = createOAuthState();
  const callback = await startLoopbackCallbackServer({
    path: config.redirectPath,
    port: config.callbackPort,
    expectedState: state,
  });
  const authorizeUrl = buildAuthorizeUrl(config.authorizeUrl, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: callback.redirectUri,
    scope: config.scopes.join(' '),
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
  });

  const stop = new AbortController();
  try {
    const openBrowser = options.openBrowser ?? true;
    if (openBrowser) {
      options.print('Opening your browser to sign in to claw…');
      options.print('If it does not open, visit this URL:');
    } else options.print('Open this URL in a browser to sign in to claw:');
    options.print(authorizeUrl);
    if (options.readPastedCode) options.print('Or paste the code (or the full redirect URL) here:');
    if (openBrowser) {
      (options.openUrl ?? openUrlInBrowser)(authorizeUrl).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        options.print(`Could not open a browser (${reason}); open the URL above manually.`);
      });
    }

    const { code } = await waitForCode({
      callback: callback.result,
      readPastedCode: options.readPastedCode,
      expectedState: state,
      timeoutMs: options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS,
      signal: options.signal,
      stop: stop.signal,
    });

    const tokens = await requestTokens({
      tokenUrl: config.tokenUrl,
      clientId,
      format: config.tokenRequestFormat,
      params: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: callback.redirectUri,
        code_verifier: pkce.verifier,
      },
      requestedScopes: config.scopes,
      fetch: options.fetch ?? fetch,
      now: options.now ?? Date.now,
      ...(options.signal ? { signal: options.signal } : {}),
      failureReason: 'token-exchange',
      failureHint: 'Run `claw login` again; if it keeps failing, check the `oauth` settings.',
    });
    await store.transaction(async (current, write) => {
      // One stored login at a time: a new OAuth login replaces a stored API key.
      const { apiKey: _replaced, ...rest } = current;
      await write({ ...rest, oauth: tokens });
    }, options.signal);
    return {
      method: 'oauth',
      location: store.location,
      scopes: tokens.scopes,
      ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}),
    };
  } finally {
    stop.abort();
    await callback.close();
  }
}

export function buildAuthorizeUrl(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * What a user may paste: the bare code, `code#state` (the form some consoles display), or the redirect URL.
 * A state that comes with the paste must match; a bare code carries none to check.
 */
export function parsePastedCode(input: string, expectedState: string): AuthorizationCode | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  let code: string | null;
  let state: string | null;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new AuthError(
        'token-exchange',
        'The pasted redirect URL is not a valid URL.',
        'Paste the code or the full redirect URL.',
      );
    }
    const error = url.searchParams.get('error');
    if (error !== null) {
      throw new AuthError(
        'oauth-denied',
        `The authorization server returned "${error}".`,
        'Run `claw login` to try again.',
      );
    }
    code = url.searchParams.get('code');
    state = url.searchParams.get('state');
  } else if (text.includes('#')) {
    const hash = text.indexOf('#');
    code = text.slice(0, hash);
    state = text.slice(hash + 1);
  } else {
    code = text;
    state = null;
  }
  if (code === null || code === '') {
    throw new AuthError(
      'token-exchange',
      'The pasted text has no authorization code in it.',
      'Paste the code or the full redirect URL.',
    );
  }
  if (state !== null && state !== expectedState) throw stateMismatchError();
  return { code };
}

interface WaitOptions {
  callback: Promise<AuthorizationCode>;
  readPastedCode: ((signal: AbortSignal) => Promise<string>) | undefined;
  expectedState: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  stop: AbortSignal;
}

/** The first of: browser callback, a pasted code, the timeout, the caller's abort. */
function waitForCode(options: WaitOptions): Promise<AuthorizationCode> {
  return new Promise<AuthorizationCode>((resolve, reject) => {
    let settled = false;
    const cleanup: (() => void)[] = [];
    const succeed = (value: AuthorizationCode): void => {
      if (settled) return;
      settled = true;
      for (const fn of cleanup) fn();
      resolve(value);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      for (const fn of cleanup) fn();
      reject(error);
    };

    options.callback.then(succeed, fail);

    const timer = setTimeout(
      () =>
        fail(
          new AuthError(
            'login-timeout',
            `Sign-in did not finish within ${Math.round(options.timeoutMs / 1000)} s.`,
            'Run `claw login` again and complete it in the browser, or paste the code.',
          ),
        ),
      options.timeoutMs,
    );
    cleanup.push(() => clearTimeout(timer));

    if (options.signal) {
      const onAbort = (): void => fail(abortedError());
      if (options.signal.aborted) onAbort();
      options.signal.addEventListener('abort', onAbort, { once: true });
      cleanup.push(() => options.signal?.removeEventListener('abort', onAbort));
    }

    const reader = options.readPastedCode;
    if (reader) {
      const readLoop = async (): Promise<void> => {
        while (!settled) {
          const input = await reader(options.stop);
          if (settled) return;
          const parsed = parsePastedCode(input, options.expectedState);
          if (parsed) return succeed(parsed);
        }
      };
      readLoop().catch((error: unknown) => {
        // A reader that stops (stdin closed, or aborted because the callback won) leaves the browser path
        // running; only a paste we understood and rejected (state mismatch) ends the flow.
        if (error instanceof AuthError) fail(error);
      });
    }
  });
}
