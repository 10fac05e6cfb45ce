import { ApiError, type ApiErrorKind } from './errors.js';
import { parseRetryAfter } from './retry-after.js';
import type { ProviderKind } from './types.js';

/** Which credential a provider sent, described without its value so hints can name the right env var. */
export interface CredentialInfo {
  kind: 'api-key' | 'auth-token' | 'none';
  /** The env var (or setting) users set to supply this credential, e.g. `ANTHROPIC_API_KEY`. */
  source?: string;
  /** A recognised prefix shape of the value, for the "wrong variable" hints. Never the value itself. */
  shape?: 'anthropic-api-key' | 'anthropic-oauth-token' | 'other';
}

export interface ErrorContext {
  provider: ProviderKind;
  model?: string;
  baseURL?: string;
  credential: CredentialInfo;
  /** Proxy variables are set: a refused connection may be the proxy's, not the server's. */
  proxied?: boolean;
}

export interface HttpFailure {
  status?: number;
  body: unknown;
  headers?: Headers;
  requestId?: string;
}

/** Statuses worth retrying: timeouts, lock conflicts, rate limits, transient server errors, overload. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

const ERROR_TYPE_KINDS: Record<string, ApiErrorKind> = {
  authentication_error: 'auth',
  invalid_api_key: 'auth',
  permission_error: 'permission',
  not_found_error: 'not_found',
  model_not_found: 'not_found',
  rate_limit_error: 'rate_limit',
  rate_limit_exceeded: 'rate_limit',
  insufficient_quota: 'rate_limit',
  overloaded_error: 'overloaded',
  invalid_request_error: 'invalid_request',
  request_too_large: 'invalid_request',
  api_error: 'server',
  server_error: 'server',
  timeout_error: 'timeout',
  context_length_exceeded: 'context_too_long',
  // llama.cpp's server.
  exceed_context_size_error: 'context_too_long',
};

/**
 * Messages that mean "the input (plus max_tokens) does not fit the window", whatever status or type came with
 * them: Anthropic's "prompt is too long" and "input length and `max_tokens` exceed context limit: a + b > c",
 * OpenAI's context_length_exceeded, llama.cpp's "exceeds the available context size", vLLM's "maximum context".
 */
const CONTEXT_OVERFLOW =
  /prompt is too long|context length|context window|maximum context|context_length_exceeded|too many tokens|input is too long|exceeds? (the )?context limit|available context size/i;

/** Anthropic names the numbers: "input length and `max_tokens` exceed context limit: 188240 + 64000 > 200000". */
const CONTEXT_LIMIT_NUMBERS = /exceeds? context limit:\s*(\d+)\s*\+\s*(\d+)\s*>\s*(\d+)/i;

/**
 * The largest max_tokens that fits next to the input, when the server's error says both numbers (Anthropic
 * does when input + max_tokens passes the window); undefined when it did not or when the input alone is too
 * long. Lets the runtime retry the request once with a smaller max_tokens instead of failing the turn.
 */
export function fittingMaxTokens(error: ApiError): number | undefined {
  if (error.kind !== 'context_too_long') return undefined;
  const match = CONTEXT_LIMIT_NUMBERS.exec(error.message);
  if (!match) return undefined;
  const input = Number(match[1]);
  const limit = Number(match[3]);
  const room = limit - input;
  return room > 0 ? room : undefined;
}

/** DNS failures: retrying in a few seconds rarely helps, so they get one retry, not the full policy. */
const DNS_FAILURE_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN']);

export function detectCredentialShape(value: string): CredentialInfo['shape'] {
  if (value.startsWith('sk-ant-api')) return 'anthropic-api-key';
  if (value.startsWith('sk-ant-oat')) return 'anthropic-oauth-token';
  return 'other';
}

/** Removes anything that looks like a key or bearer token, in case a server echoes one back. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\bsk-[A-Za-z0-9_-]{6,}/g, 'sk-…redacted')
    .replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 …redacted');
}

function describeBody(body: unknown): { type?: string; code?: string; message?: string } {
  if (typeof body === 'string') return body.trim() ? { message: body.trim().slice(0, 500) } : {};
  if (body === null || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const inner = record.error;
  if (typeof inner === 'string') return { message: inner };
  if (inner !== null && typeof inner === 'object') {
    const err = inner as Record<string, unknown>;
    return {
      type: typeof err.type === 'string' ? err.type : undefined,
      code: typeof err.code === 'string' ? err.code : undefined,
      message: typeof err.message === 'string' ? err.message : undefined,
    };
  }
  return { message: typeof record.message === 'string' ? record.message : undefined };
}

function kindFromStatus(status: number | undefined): ApiErrorKind {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return 'invalid_request';
    case 401:
      return 'auth';
    case 402:
      return 'rate_limit';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 429:
      return 'rate_limit';
    case 529:
      return 'overloaded';
    default:
      return 'server';
  }
}

const PROVIDER_LABEL: Record<ProviderKind, string> = {
  anthropic: 'Anthropic API',
  'openai-compatible': 'OpenAI-compatible API',
};

const KIND_TITLE: Record<ApiErrorKind, string> = {
  auth: 'authentication failed',
  permission: 'permission denied',
  not_found: 'not found',
  rate_limit: 'rate limited',
  overloaded: 'overloaded',
  invalid_request: 'rejected the request',
  context_too_long: 'prompt is too long for the model',
  network: 'could not be reached',
  timeout: 'timed out',
  server: 'server error',
  aborted: 'request aborted',
  stream_interrupted: 'stream interrupted',
  invalid_response: 'sent an invalid response',
};

function authHint(ctx: ErrorContext): string {
  const { credential } = ctx;
  if (credential.kind === 'auth-token' && credential.shape === 'anthropic-api-key') {
    return `${credential.source ?? 'The auth token'} holds an API key (sk-ant-api…); set it as ANTHROPIC_API_KEY instead, which is sent as x-api-key.`;
  }
  if (credential.kind === 'api-key' && credential.shape === 'anthropic-oauth-token') {
    return `${credential.source ?? 'The API key'} holds an OAuth token (sk-ant-oat…); set it as ANTHROPIC_AUTH_TOKEN instead, or run \`claw login\`.`;
  }
  if (credential.kind === 'none') {
    return ctx.provider === 'anthropic'
      ? 'No credential was sent: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN), or run `claw login`.'
      : 'No API key was sent: set OPENAI_API_KEY for this server.';
  }
  return `Check that ${credential.source ?? 'the credential'} is valid and not revoked; \`claw login\` signs in again.`;
}

function hintFor(kind: ApiErrorKind | 'request_too_large', ctx: ErrorContext): string | undefined {
  switch (kind) {
    case 'auth':
      return authHint(ctx);
    case 'permission':
      return `Your credential is not allowed to use ${ctx.model ? `model '${ctx.model}'` : 'this resource'}; check the organisation, plan or key scope.`;
    case 'not_found':
      return `Check the model name${ctx.model ? ` '${ctx.model}'` : ''} (--model, settings "model", aliases) and the base URL${ctx.baseURL ? ` ${ctx.baseURL}` : ''}.`;
    case 'rate_limit':
      return 'Rate limit reached; wait a moment, or raise your usage tier.';
    case 'overloaded':
      return 'The provider is overloaded; try again shortly or pick another model with --model.';
    case 'context_too_long':
      return 'Run /compact to summarise older turns, or start a new session.';
    case 'invalid_request':
      return 'The provider rejected the request shape; rerun with --verbose and report it if it persists.';
    case 'request_too_large':
      return 'The request is too large for the API: run /compact to shrink the conversation, or remove large attachments (images, pasted files).';
    case 'network':
      return `Check the network, proxy variables (HTTPS_PROXY/NO_PROXY) and the base URL${ctx.baseURL ? ` ${ctx.baseURL}` : ''}.`;
    case 'timeout':
      return 'The server did not answer in time; try again, or raise CLAW_API_TIMEOUT_MS (wait for a response) or CLAW_STREAM_IDLE_TIMEOUT_MS (silence mid-stream).';
    case 'server':
      return 'The provider had an internal error; try again later.';
    case 'stream_interrupted':
      return 'The response stopped part-way; the turn can be retried.';
    default:
      return undefined;
  }
}

function withRequestId(message: string, requestId: string | undefined): string {
  return requestId ? `${message} (request-id ${requestId})` : message;
}

/** Maps an HTTP error response (or an SSE `error` event, which has no status) to an ApiError. */
export function apiErrorFromHttp(failure: HttpFailure, ctx: ErrorContext): ApiError {
  const described = describeBody(failure.body);
  const typeKind =
    (described.code ? ERROR_TYPE_KINDS[described.code] : undefined) ??
    (described.type ? ERROR_TYPE_KINDS[described.type] : undefined);
  let kind: ApiErrorKind = typeKind ?? kindFromStatus(failure.status);
  if (
    (kind === 'invalid_request' || failure.status === 413) &&
    CONTEXT_OVERFLOW.test(described.message ?? '')
  ) {
    kind = 'context_too_long';
  }
  const requestId =
    failure.requestId ?? failure.headers?.get('request-id') ?? failure.headers?.get('x-request-id');
  let retryable =
    failure.status !== undefined
      ? RETRYABLE_STATUSES.has(failure.status)
      : kind === 'overloaded' || kind === 'rate_limit' || kind === 'server' || kind === 'timeout';
  // Anthropic tells clients explicitly when a retry is (not) useful; that beats our status table.
  const shouldRetry = failure.headers?.get('x-should-retry');
  if (shouldRetry === 'true') retryable = true;
  if (shouldRetry === 'false') retryable = false;
  const status = failure.status === undefined ? '' : ` (${failure.status})`;
  const detail = described.message ? `: ${redactSecrets(described.message)}` : '';
  const message = withRequestId(
    `${PROVIDER_LABEL[ctx.provider]} ${KIND_TITLE[kind]}${status}${detail}`,
    requestId ?? undefined,
  );
  const tooLarge =
    kind === 'invalid_request' && (failure.status === 413 || described.type === 'request_too_large');
  return new ApiError(kind, message, {
    hint: hintFor(tooLarge ? 'request_too_large' : kind, ctx),
    status: failure.status,
    retryable,
    requestId: requestId ?? undefined,
    retryAfterMs: failure.headers ? parseRetryAfter(failure.headers) : undefined,
  });
}

/** A connection-level failure (DNS, refused, reset, TLS) or a timeout before/while streaming. */
export function apiErrorFromNetwork(
  cause: unknown,
  ctx: ErrorContext,
  kind: 'network' | 'timeout' = 'network',
): ApiError {
  const reason = cause instanceof Error ? describeCause(cause) : String(cause);
  const where = ctx.baseURL ? ` at ${ctx.baseURL}` : '';
  const code = kind === 'network' ? causeCode(cause) : undefined;
  const persistent = persistentFailureHint(code, ctx);
  return new ApiError(
    kind,
    `${PROVIDER_LABEL[ctx.provider]}${where} ${KIND_TITLE[kind]}: ${redactSecrets(reason)}`,
    {
      hint: persistent ?? hintFor(kind, ctx),
      retryable: true,
      ...(persistent ? { retryLimit: 1 } : {}),
      cause,
    },
  );
}

/** A connection that closed before the message was complete: the server was reached, so not "unreachable". */
export function connectionClosedError(ctx: ErrorContext, detail: string, requestId?: string): ApiError {
  const where = ctx.baseURL ? ` at ${ctx.baseURL}` : '';
  return new ApiError(
    'network',
    withRequestId(
      `${PROVIDER_LABEL[ctx.provider]}${where} closed the connection before the response was complete (${detail})`,
      requestId,
    ),
    {
      hint: 'The connection dropped mid-response (a proxy or gateway timeout, a restart); the request is retried.',
      retryable: true,
      requestId,
    },
  );
}

function causeCode(cause: unknown): string | undefined {
  let next: unknown = cause;
  for (let depth = 0; depth < 4 && next instanceof Error; depth++) {
    const code = (next as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    next = next.cause;
  }
  return undefined;
}

function isLoopback(baseURL: string | undefined): boolean {
  if (!baseURL) return false;
  try {
    const host = new URL(baseURL).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

/**
 * Failures that waiting will not fix: a host name that does not resolve, or nothing listening on a local
 * port (Ollama or llama.cpp not started). They get one retry and a hint that names the likely cause.
 */
function persistentFailureHint(code: string | undefined, ctx: ErrorContext): string | undefined {
  if (code !== undefined && DNS_FAILURE_CODES.has(code)) {
    return `The host name${ctx.baseURL ? ` of ${ctx.baseURL}` : ''} could not be resolved (${code}): check the network connection, DNS and the base URL.`;
  }
  if (code === 'ECONNREFUSED' && isLoopback(ctx.baseURL) && !ctx.proxied) {
    return `Nothing is listening there: is the local server running at ${ctx.baseURL}? (Start it, e.g. \`ollama serve\`, or fix OLLAMA_HOST / OPENAI_BASE_URL.)`;
  }
  return undefined;
}

/** undici hides the useful part ("ECONNREFUSED", "other side closed") in `cause`. */
function describeCause(error: Error): string {
  const parts = [error.message];
  let next: unknown = error.cause;
  for (let depth = 0; depth < 3 && next instanceof Error; depth++) {
    const code = (next as Error & { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${next.message} (${code})` : next.message);
    next = next.cause;
  }
  return parts.filter((part) => part.length > 0).join(': ');
}

export function abortedError(): ApiError {
  return new ApiError('aborted', 'Request aborted.', { retryable: false });
}

export function invalidResponseError(ctx: ErrorContext, detail: string, requestId?: string): ApiError {
  return new ApiError(
    'invalid_response',
    withRequestId(
      `${PROVIDER_LABEL[ctx.provider]} sent an invalid response: ${redactSecrets(detail)}`,
      requestId,
    ),
    {
      hint: 'The stream was malformed; try again. If it repeats, the server or gateway is not speaking the expected protocol.',
      retryable: false,
      requestId,
    },
  );
}

/** A stream that broke after content reached the caller: retrying inside would duplicate text. */
export function streamInterruptedError(cause: unknown, ctx: ErrorContext, requestId?: string): ApiError {
  const reason =
    cause instanceof ApiError ? cause.message : cause instanceof Error ? describeCause(cause) : String(cause);
  const message = `${PROVIDER_LABEL[ctx.provider]} stream interrupted after output started: ${redactSecrets(reason)}`;
  return new ApiError(
    'stream_interrupted',
    // The cause's own message may already name the request id; once is enough.
    requestId && message.includes(requestId) ? message : withRequestId(message, requestId),
    {
      hint: hintFor('stream_interrupted', ctx),
      retryable: true,
      requestId,
      // An overloaded_error event carries no retry-after, but a cause with one (a gateway's) is honoured.
      ...(cause instanceof ApiError && cause.retryAfterMs !== undefined
        ? { retryAfterMs: cause.retryAfterMs }
        : {}),
      cause,
    },
  );
}
