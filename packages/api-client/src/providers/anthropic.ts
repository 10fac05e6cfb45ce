import type Anthropic from '@anthropic-ai/sdk';
import type { Dispatcher } from 'undici';
import {
  abortedError,
  type CredentialInfo,
  connectionClosedError,
  detectCredentialShape,
  type ErrorContext,
  invalidResponseError,
  streamInterruptedError,
} from '../error-mapping.js';
import type { ApiError } from '../errors.js';
import { createHttpFetch, type Env, type FetchLike, proxySettingsFromEnv } from '../http-fetch.js';
import { IdleTimeoutError, withIdleTimeout } from '../idle-timeout.js';
import { type RetryDeps, type RetryPolicy, resolveRetryPolicy, streamWithRetry } from '../retry.js';
import { ANTHROPIC_DEFAULT_BASE_URL } from '../routing.js';
import { resolveTimeouts } from '../timeouts.js';
import type { ModelRequest, Provider, StreamEvent, StreamOptions } from '../types.js';
import { buildAnthropicParams } from './anthropic-request.js';
import { AnthropicStreamAssembler } from './anthropic-stream.js';
import {
  isAnthropicMessage,
  isEventStream,
  jsonErrorBody,
  messageAsStreamEvents,
  notAnEventStreamError,
  readNonStreamBody,
} from './non-sse-response.js';
import { mapSdkError } from './sdk-errors.js';

export interface AnthropicProviderOptions extends RetryDeps {
  /** Sent as `x-api-key`. */
  apiKey?: string;
  /** OAuth / gateway token, sent as `Authorization: Bearer`. Used only when no apiKey is given. */
  authToken?: string;
  /** Where the credential came from (`ANTHROPIC_API_KEY`, `claw login`), for error hints. */
  credentialSource?: string;
  baseURL?: string;
  fetch?: FetchLike;
  dispatcher?: Dispatcher;
  /** Joined into one `anthropic-beta` header. */
  betas?: string[];
  defaultHeaders?: Record<string, string>;
  /** Wait for response headers, per attempt. Default 10 minutes (the SDK's). */
  timeoutMs?: number;
  /** Longest silence allowed between stream events. Default 5 minutes; 0 disables. */
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Env for proxy variables and retry overrides; defaults to process.env. */
  env?: Env;
  /** Adds cache_control breakpoints (default true). */
  promptCaching?: boolean;
}

/** Longest wait for the end of the body after message_stop; well-behaved servers end it at once. */
const DRAIN_AFTER_STOP_MS = 2_000;

type AnthropicSdk = typeof import('./anthropic-sdk.js');
/** Loaded on the first request, so importing @claw/api-client (routing, pricing) stays cheap. */
let sdk: Promise<AnthropicSdk> | undefined;

function authHeaders(options: AnthropicProviderOptions): Record<string, string | null> {
  // The SDK would send an API key as a Bearer token; the API documents x-api-key for keys, and gateways
  // that forward keys rely on that header, so claw sets both headers itself.
  if (options.apiKey) return { 'x-api-key': options.apiKey, authorization: null };
  if (options.authToken) return { authorization: `Bearer ${options.authToken}`, 'x-api-key': null };
  return { authorization: null, 'x-api-key': null };
}

function credentialInfo(options: AnthropicProviderOptions): CredentialInfo {
  if (options.apiKey) {
    return {
      kind: 'api-key',
      source: options.credentialSource ?? 'ANTHROPIC_API_KEY',
      shape: detectCredentialShape(options.apiKey),
    };
  }
  if (options.authToken) {
    return {
      kind: 'auth-token',
      source: options.credentialSource ?? 'ANTHROPIC_AUTH_TOKEN',
      shape: detectCredentialShape(options.authToken),
    };
  }
  return { kind: 'none' };
}

/**
 * A 200 that is not SSE: a gateway's whole JSON message is replayed as the events it would have streamed;
 * a JSON error becomes that error; anything else (an HTML page) is a wrong base URL, not a network failure.
 */
async function wholeMessageEvents(
  raw: Response,
  ctx: ErrorContext,
  url: string,
  requestId: string | undefined,
): Promise<Anthropic.RawMessageStreamEvent[]> {
  const body = await readNonStreamBody(raw);
  if (body.kind === 'json') {
    if (isAnthropicMessage(body.value)) return messageAsStreamEvents(body.value);
    const error = jsonErrorBody(body.value, ctx, raw.headers);
    if (error) throw error;
  }
  const got = body.kind === 'json' ? 'JSON that is not a message' : body.mediaType;
  throw notAnEventStreamError(ctx, raw.url || url, got, requestId);
}

export function createAnthropicProvider(options: AnthropicProviderOptions = {}): Provider {
  const env = options.env ?? process.env;
  const baseURL = (options.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const policy = resolveRetryPolicy(options.retry, env);
  const timeouts = resolveTimeouts(options, env);
  const fetchImpl = createHttpFetch({ fetch: options.fetch, dispatcher: options.dispatcher, env, timeouts });
  const idleTimeoutMs = timeouts.idleMs;
  const credential = credentialInfo(options);
  let client: { messages: InstanceType<AnthropicSdk['Messages']>; errors: AnthropicSdk } | undefined;

  const getClient = async () => {
    if (client) return client;
    sdk ??= import('./anthropic-sdk.js');
    const loaded = await sdk;
    const core = new loaded.BaseAnthropic({
      // A placeholder keeps the SDK from reading env vars or credential files; headers below decide auth.
      apiKey: 'unused',
      baseURL,
      fetch: fetchImpl,
      maxRetries: 0,
      timeout: timeouts.requestMs,
      logLevel: 'off',
      openTelemetry: false,
      defaultHeaders: {
        ...options.defaultHeaders,
        ...(options.betas?.length ? { 'anthropic-beta': options.betas.join(',') } : {}),
        ...authHeaders(options),
      },
    });
    client = { messages: new loaded.Messages(core), errors: loaded };
    return client;
  };

  async function* attempt(
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamEvent> {
    if (signal?.aborted) throw abortedError();
    const ctx: ErrorContext = {
      provider: 'anthropic',
      model: request.model,
      baseURL,
      credential,
      proxied: proxySettingsFromEnv(env) !== undefined,
    };
    const { messages, errors } = await getClient();
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let idleFired = false;
    const mapError = (error: unknown, requestId?: string): ApiError =>
      mapSdkError({
        error,
        sdk: errors,
        ctx,
        signal,
        idle: { fired: idleFired, timeoutMs: idleTimeoutMs, unit: 'event' },
        ...(requestId !== undefined ? { requestId } : {}),
        httpBody: (e) => e.error,
      });

    try {
      let stream: AsyncIterable<Anthropic.RawMessageStreamEvent>;
      let requestId: string | undefined;
      let raw: Response;
      try {
        const params = buildAnthropicParams(request, { promptCaching: options.promptCaching ?? true });
        const response = await messages.create(params, { signal: controller.signal }).withResponse();
        stream = response.data;
        raw = response.response;
        requestId = response.request_id ?? undefined;
      } catch (error) {
        throw mapError(error);
      }
      const assembler = new AnthropicStreamAssembler(
        (detail) => invalidResponseError(ctx, detail, requestId),
        requestId,
      );
      if (!isEventStream(raw.headers)) {
        const events = await wholeMessageEvents(raw, ctx, `${baseURL}/v1/messages`, requestId).catch(
          (error: unknown) => {
            throw mapError(error, requestId);
          },
        );
        stream = (async function* () {
          yield* events;
        })();
      }
      let drainTimer: NodeJS.Timeout | undefined;
      try {
        const guarded = withIdleTimeout(stream, idleTimeoutMs, () => {
          idleFired = true;
          controller.abort();
        });
        for await (const raw of guarded) {
          // After message_stop the rest of the body is read and dropped instead of aborting the request:
          // an abort destroys the keep-alive socket, so the next turn would pay a new TCP and TLS handshake.
          if (assembler.done) continue;
          for (const event of assembler.handle(raw)) yield event;
          if (assembler.done) {
            // A server that holds the body open after message_stop is cut off rather than waited for.
            drainTimer = setTimeout(() => controller.abort(), DRAIN_AFTER_STOP_MS);
          }
        }
      } catch (error) {
        // The message is complete; a failure while draining the connection changes nothing for the caller.
        if (assembler.done) return;
        throw mapError(error, requestId);
      } finally {
        clearTimeout(drainTimer);
      }
      if (assembler.done) return;
      // The SDK ends the iteration quietly when the request is aborted, and so does a server that closes
      // the connection early: either way no message_stop arrived.
      if (signal?.aborted) throw abortedError();
      if (idleFired) throw mapError(new IdleTimeoutError(idleTimeoutMs), requestId);
      throw connectionClosedError(ctx, 'no message_stop', requestId);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    kind: 'anthropic',
    stream(request: ModelRequest, streamOptions: StreamOptions = {}): AsyncIterable<StreamEvent> {
      return streamWithRetry((signal) => attempt(request, signal), {
        policy,
        signal: streamOptions.signal,
        sleep: options.sleep,
        random: options.random,
        now: options.now,
        interrupted: (error) =>
          streamInterruptedError(
            error,
            { provider: 'anthropic', model: request.model, baseURL, credential },
            error.requestId,
          ),
      });
    },
  };
}
