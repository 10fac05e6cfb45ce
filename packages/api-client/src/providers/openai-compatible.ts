import type OpenAI from 'openai';
import type { Dispatcher } from 'undici';
import {
  abortedError,
  type CredentialInfo,
  connectionClosedError,
  type ErrorContext,
  invalidResponseError,
  streamInterruptedError,
} from '../error-mapping.js';
import type { ApiError } from '../errors.js';
import { createHttpFetch, type Env, type FetchLike, proxySettingsFromEnv } from '../http-fetch.js';
import { IdleTimeoutError, withIdleTimeout } from '../idle-timeout.js';
import { type RetryDeps, type RetryPolicy, resolveRetryPolicy, streamWithRetry } from '../retry.js';
import { resolveTimeouts } from '../timeouts.js';
import type { ModelRequest, Provider, StreamEvent, StreamOptions } from '../types.js';
import {
  isEventStream,
  jsonErrorBody,
  notAnEventStreamError,
  readNonStreamBody,
} from './non-sse-response.js';
import { buildOpenAIParams } from './openai-request.js';
import { OpenAIStreamAssembler } from './openai-stream.js';
import { mapSdkError } from './sdk-errors.js';

export interface OpenAICompatibleProviderOptions extends RetryDeps {
  /** e.g. `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`, `https://openrouter.ai/api/v1`. */
  baseURL: string;
  /** Sent as `Authorization: Bearer`; local servers usually need none. */
  apiKey?: string;
  /** Where the key came from, for error hints (default `OPENAI_API_KEY`). */
  credentialSource?: string;
  fetch?: FetchLike;
  dispatcher?: Dispatcher;
  defaultHeaders?: Record<string, string>;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  env?: Env;
  /** Ask for `usage` in the last chunk (`stream_options.include_usage`); default true. */
  includeUsage?: boolean;
}

type OpenAIModule = typeof import('./openai-sdk.js');
let sdk: Promise<OpenAIModule> | undefined;
/** Loaded on the first request, so importing @claw/api-client (routing, pricing) stays cheap. */
const loadSdk = (): Promise<OpenAIModule> => {
  sdk ??= import('./openai-sdk.js');
  return sdk;
};

let messageCounter = 0;

/**
 * A 200 that is not SSE: a server that ignored `stream: true` sends one chat.completion, which the stream
 * assembler reads like a single chunk (`choices[0].message`); a JSON error becomes that error; anything else
 * (an HTML page) means the base URL is wrong.
 */
async function wholeCompletion(raw: Response, ctx: ErrorContext, url: string): Promise<unknown> {
  const body = await readNonStreamBody(raw);
  if (body.kind === 'json') {
    const error = jsonErrorBody(body.value, ctx, raw.headers);
    if (error) throw error;
    const value = body.value as { choices?: unknown };
    if (Array.isArray(value?.choices)) return body.value;
  }
  const got = body.kind === 'json' ? 'JSON that is not a chat completion' : body.mediaType;
  throw notAnEventStreamError(ctx, raw.url || url, got);
}

export function createOpenAICompatibleProvider(options: OpenAICompatibleProviderOptions): Provider {
  const env = options.env ?? process.env;
  const baseURL = options.baseURL.replace(/\/+$/, '');
  const policy = resolveRetryPolicy(options.retry, env);
  const timeouts = resolveTimeouts(options, env);
  const fetchImpl = createHttpFetch({ fetch: options.fetch, dispatcher: options.dispatcher, env, timeouts });
  const idleTimeoutMs = timeouts.idleMs;
  const credential: CredentialInfo = options.apiKey
    ? { kind: 'api-key', source: options.credentialSource ?? 'OPENAI_API_KEY', shape: 'other' }
    : { kind: 'none' };
  let client: OpenAI | undefined;

  const getClient = async (): Promise<{ client: OpenAI; mod: OpenAIModule }> => {
    const mod = await loadSdk();
    client ??= new mod.OpenAI({
      // The SDK insists on a key; without one the Authorization header is removed below instead.
      apiKey: options.apiKey || 'no-key',
      organization: null,
      project: null,
      baseURL,
      fetch: fetchImpl,
      maxRetries: 0,
      timeout: timeouts.requestMs,
      logLevel: 'off',
      defaultHeaders: { ...options.defaultHeaders, ...(options.apiKey ? {} : { Authorization: null }) },
    });
    return { client, mod };
  };

  async function* attempt(
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamEvent> {
    if (signal?.aborted) throw abortedError();
    const ctx: ErrorContext = {
      provider: 'openai-compatible',
      model: request.model,
      baseURL,
      credential,
      proxied: proxySettingsFromEnv(env) !== undefined,
    };
    const { client: api, mod } = await getClient();
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let idleFired = false;
    const mapError = (error: unknown, requestId?: string): ApiError =>
      mapSdkError({
        error,
        sdk: mod,
        ctx,
        signal,
        idle: { fired: idleFired, timeoutMs: idleTimeoutMs, unit: 'data' },
        ...(requestId !== undefined ? { requestId } : {}),
        httpBody: // The SDK keeps only the body's `error` member; re-wrap it so codes like context_length_exceeded map.
          (e) => (e.error === undefined ? undefined : { error: e.error }),
      });

    try {
      let stream: AsyncIterable<unknown>;
      let requestId: string | undefined;
      try {
        const params = buildOpenAIParams(request, { includeUsage: options.includeUsage ?? true });
        const response = await api.chat.completions
          .create(params, { signal: controller.signal })
          .withResponse();
        stream = response.data;
        requestId = response.request_id ?? undefined;
        if (!isEventStream(response.response.headers)) {
          const whole = await wholeCompletion(response.response, ctx, `${baseURL}/chat/completions`);
          stream = (async function* () {
            yield whole;
          })();
        }
      } catch (error) {
        throw mapError(error);
      }
      messageCounter += 1;
      const assembler = new OpenAIStreamAssembler(
        request.model,
        (detail) => invalidResponseError(ctx, detail, requestId),
        `msg_local_${Date.now().toString(36)}_${messageCounter}`,
        requestId,
      );
      try {
        const guarded = withIdleTimeout(stream, idleTimeoutMs, () => {
          idleFired = true;
          controller.abort();
        });
        for await (const chunk of guarded) {
          for (const event of assembler.handle(chunk)) yield event;
        }
      } catch (error) {
        throw mapError(error, requestId);
      }
      if (signal?.aborted) throw abortedError();
      if (idleFired) throw mapError(new IdleTimeoutError(idleTimeoutMs), requestId);
      // Usage arrives in a chunk after the one with finish_reason, so the end of the stream, not the
      // finish_reason, closes the message. Without any finish_reason the stream was cut.
      if (!assembler.finished) throw connectionClosedError(ctx, 'no finish_reason', requestId);
      for (const event of assembler.finish()) yield event;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    kind: 'openai-compatible',
    stream(request: ModelRequest, streamOptions: StreamOptions = {}): AsyncIterable<StreamEvent> {
      return streamWithRetry((signal) => attempt(request, signal), {
        policy,
        signal: streamOptions.signal,
        sleep: options.sleep,
        random: options.random,
        now: options.now,
        interrupted: (error) =>
          streamInterruptedError(error, {
            provider: 'openai-compatible',
            model: request.model,
            baseURL,
            credential,
          }),
      });
    },
  };
}
