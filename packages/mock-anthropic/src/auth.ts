import type { IncomingHttpHeaders } from 'node:http';
import type { ApiError } from './api-error.js';

/** The credential value tests use to provoke an authentication failure. */
export const INVALID_CREDENTIAL = 'invalid';

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const OPENAI_KEYS_PAGE = 'https://platform.openai.com/account/api-keys';

/** How OpenAI shows a rejected key: its first and last few characters. */
function maskedKey(key: string): string {
  return key.length > 8
    ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`
    : '*'.repeat(key.length);
}

/**
 * An OpenAI-compatible server reads only `Authorization: Bearer` and words its 401s its own way; an
 * `x-api-key` header means nothing to it.
 */
function openAiAuthenticationFailure(
  bearer: string | undefined,
  revoked: ReadonlySet<string>,
): ApiError | undefined {
  if (!bearer) {
    return {
      status: 401,
      type: 'authentication_error',
      message: `You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from ${OPENAI_KEYS_PAGE}.`,
    };
  }
  if (bearer === INVALID_CREDENTIAL || revoked.has(bearer)) {
    return {
      status: 401,
      type: 'authentication_error',
      message: `Incorrect API key provided: ${maskedKey(bearer)}. You can find your API key at ${OPENAI_KEYS_PAGE}.`,
    };
  }
  return undefined;
}

/**
 * Accepts any `x-api-key` or `Authorization: Bearer` value except `invalid` and the `revoked` ones, like the
 * API accepts any valid key; a request with neither is rejected as the API rejects it. OpenAI-compatible
 * routes take only the bearer key.
 */
export function authenticationFailure(
  headers: IncomingHttpHeaders,
  revoked: ReadonlySet<string> = new Set(),
  flavor: 'anthropic' | 'openai' = 'anthropic',
): ApiError | undefined {
  const apiKey = singleHeader(headers['x-api-key'])?.trim();
  const bearer = /^Bearer\s+(.+)$/i.exec(singleHeader(headers.authorization) ?? '')?.[1]?.trim();
  if (flavor === 'openai') return openAiAuthenticationFailure(bearer, revoked);
  if (!apiKey && !bearer) {
    return {
      status: 401,
      type: 'authentication_error',
      message: 'x-api-key header is required (or Authorization: Bearer <token>).',
    };
  }
  if (apiKey === INVALID_CREDENTIAL || bearer === INVALID_CREDENTIAL) {
    return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
  }
  // A revoked or expired OAuth token, or a deleted key: the API answers 401 whatever the request asks for.
  if (bearer !== undefined && revoked.has(bearer)) {
    return { status: 401, type: 'authentication_error', message: 'OAuth token has expired or was revoked.' };
  }
  if (apiKey !== undefined && revoked.has(apiKey)) {
    return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
  }
  return undefined;
}
