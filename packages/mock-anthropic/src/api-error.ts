import type { ApiErrorType } from './scenarios/step.js';

/** An error response the server sends, in whichever provider's shape the route speaks. */
export interface ApiError {
  status: number;
  type: ApiErrorType;
  message: string;
  headers?: Record<string, string>;
}

/** `{"type":"error","error":{"type":…,"message":…}}`, the Anthropic error body (also used in SSE `error` events). */
export function anthropicErrorBody(type: ApiErrorType, message: string): Record<string, unknown> {
  return { type: 'error', error: { type, message } };
}

// OpenAI's `code` values for the statuses the mock produces; the `type` keeps the Anthropic name.
const OPENAI_CODES: Record<number, string> = {
  400: 'invalid_request',
  401: 'invalid_api_key',
  404: 'not_found',
  429: 'rate_limit_exceeded',
  500: 'server_error',
  529: 'overloaded',
};

/** `{"error":{"message","type","param","code"}}`, the OpenAI error body. */
export function openAiErrorBody(error: ApiError): Record<string, unknown> {
  return {
    error: {
      message: error.message,
      type: error.type,
      param: null,
      code: OPENAI_CODES[error.status] ?? null,
    },
  };
}

const STATUS_BY_TYPE: Record<ApiErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/** The HTTP status the real API uses for an error type. */
export function statusForErrorType(type: ApiErrorType): number {
  return STATUS_BY_TYPE[type];
}
