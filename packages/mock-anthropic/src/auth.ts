import type { IncomingHttpHeaders } from 'node:http';
import type { ApiError } from './api-error.js';

/** The credential value tests use to provoke an authentication failure. */
export const INVALID_CREDENTIAL = 'invalid';

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Accepts any `x-api-key` or `Authorization: Bearer` value except `invalid` and the `revoked` ones, like the
 * API accepts any valid key; a request with neither is rejected as the API rejects it.
 */
export function authenticationFailure(
  headers: IncomingHttpHeaders,
  revoked: ReadonlySet<string> = new Set(),
): ApiError | undefined {
  const apiKey = singleHeader(headers['x-api-key'])?.trim();
  const bearer = /^Bearer\s+(.+)$/i.exec(singleHeader(headers.authorization) ?? '')?.[1]?.trim();
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
