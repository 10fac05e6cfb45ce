import { z } from 'zod';
import type { StoredOAuthTokens } from './credentials-file.js';
import { AuthError, type AuthErrorReason } from './errors.js';
import { redactSecretsInText } from './redact.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** RFC 6749 §5.1 successful token response. */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().nonnegative().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

/** RFC 6749 §5.2 error response; only the code and description are ever shown. */
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export interface TokenRequest {
  tokenUrl: string;
  clientId: string;
  format: 'form' | 'json';
  params: Record<string, string>;
  /** Used when the server's response omits `scope` (RFC 6749: scope unchanged). */
  requestedScopes: string[];
  fetch: FetchLike;
  now: () => number;
  signal?: AbortSignal;
  /** Which AuthError reason a failure maps to (`token-exchange` for login, `refresh-failed` for refresh). */
  failureReason: AuthErrorReason;
  failureHint: string;
}

/** POSTs a token request and turns the response into what the store keeps. */
export async function requestTokens(request: TokenRequest): Promise<StoredOAuthTokens> {
  const body = { ...request.params, client_id: request.clientId };
  const secrets = Object.values(body);
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: string;
  if (request.format === 'json') {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(body).toString();
  }
  const fail = (message: string, cause?: unknown): AuthError =>
    new AuthError(request.failureReason, redactSecretsInText(message, secrets), request.failureHint, {
      cause,
    });

  let response: Response;
  try {
    response = await request.fetch(request.tokenUrl, {
      method: 'POST',
      headers,
      body: payload,
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    if (request.signal?.aborted) throw abortedError();
    const detail = error instanceof Error ? error.message : String(error);
    throw fail(`Could not reach the token endpoint ${request.tokenUrl}: ${detail}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const oauthError = tokenErrorSchema.safeParse(json);
    const detail = oauthError.success
      ? `${oauthError.data.error}${oauthError.data.error_description ? `: ${oauthError.data.error_description}` : ''}`
      : `HTTP ${response.status}`;
    throw fail(`The token endpoint rejected the request (${response.status} ${detail}).`);
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw fail(`The token endpoint ${request.tokenUrl} returned a response without a usable access_token.`);
  }
  const now = request.now();
  const data = parsed.data;
  return {
    accessToken: data.access_token,
    ...(data.refresh_token ? { refreshToken: data.refresh_token } : {}),
    ...(data.expires_in !== undefined ? { expiresAt: now + Math.round(data.expires_in * 1000) } : {}),
    scopes: data.scope !== undefined ? data.scope.split(' ').filter(Boolean) : [...request.requestedScopes],
    tokenType: data.token_type ?? 'Bearer',
    tokenUrl: request.tokenUrl,
    clientId: request.clientId,
    obtainedAt: now,
  };
}

export function abortedError(): AuthError {
  return new AuthError('aborted', 'Sign-in was cancelled.', 'Run `claw login` to try again.');
}
