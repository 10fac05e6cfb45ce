import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  createAnthropicProvider,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  parseRetryAfter,
  resolveRetryPolicy,
  resolveTimeouts,
  type StreamEvent,
} from '../src/index.js';
import { errorBody, messageStart, textBlock, textReply } from './helpers/anthropic-events.js';
import { collect, instantRetries, userRequest } from './helpers/collect.js';
import { type Script, scriptedFetch } from './helpers/fake-fetch.js';

function provider(scripts: Script[], extra: Parameters<typeof createAnthropicProvider>[0] = {}) {
  const fetch = scriptedFetch(scripts);
  const deps = instantRetries();
  const p = createAnthropicProvider({
    apiKey: 'sk-ant-api03-k',
    baseURL: 'http://mock.test',
    fetch,
    env: {},
    ...deps,
    ...extra,
  });
  return { p, fetch, delays: deps.delays };
}

const retries = (events: StreamEvent[]) => events.filter((e) => e.type === 'retry');

describe('retries', () => {
  it.each([
    [408, 'timeout_error', 'timed out'],
    [409, 'api_error', 'server error 409'],
    [429, 'rate_limit_error', 'rate limited'],
    [500, 'api_error', 'server error 500'],
    [502, 'api_error', 'server error 502'],
    [503, 'api_error', 'server error 503'],
    [504, 'api_error', 'server error 504'],
    [529, 'overloaded_error', 'overloaded'],
  ])('retries %i and announces it', async (status, type, label) => {
    const { p, fetch } = provider([
      { status, body: errorBody(type, 'try later') },
      { body: textReply('ok') },
    ]);
    const { events, message } = await collect(p.stream(userRequest('hi')));
    expect(message?.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(fetch.requests).toHaveLength(2);
    const [retry] = retries(events);
    expect(retry).toMatchObject({ type: 'retry', attempt: 1, maxAttempts: 8 });
    expect(retry?.type === 'retry' && retry.reason).toBe(`${label}, retrying in 0.5 s (1/8)`);
    expect(events[0]?.type).toBe('retry');
  });

  it.each([
    [400, 'invalid_request_error', 'bad field', 'invalid_request'],
    [401, 'authentication_error', 'invalid x-api-key', 'auth'],
    [403, 'permission_error', 'no access', 'permission'],
    [404, 'not_found_error', 'model: claude-nope', 'not_found'],
    [413, 'request_too_large', 'request exceeds 32 MB', 'invalid_request'],
    [400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum', 'context_too_long'],
  ])('does not retry %i (%s)', async (status, type, message, kind) => {
    const { p, fetch } = provider([
      { status, body: errorBody(type, message), headers: { 'request-id': 'req_9' } },
    ]);
    const { events, error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe(kind);
    expect(error?.status).toBe(status);
    expect(error?.retryable).toBe(false);
    expect(error?.requestId).toBe('req_9');
    expect(error?.message).toContain('req_9');
    expect(error?.hint).toBeTruthy();
    expect(retries(events)).toHaveLength(0);
    expect(fetch.requests).toHaveLength(1);
  });

  it('suggests /compact when the prompt is too long', async () => {
    const { p } = provider([{ status: 400, body: errorBody('invalid_request_error', 'prompt is too long') }]);
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.hint).toContain('/compact');
  });

  it('honours retry-after seconds and retry-after-ms', async () => {
    const { p, delays } = provider([
      { status: 429, body: errorBody('rate_limit_error', 'slow'), headers: { 'retry-after': '4' } },
      {
        status: 529,
        body: errorBody('overloaded_error', 'busy'),
        headers: { 'retry-after-ms': '1500', 'retry-after': '9' },
      },
      { body: textReply('ok') },
    ]);
    const { events } = await collect(p.stream(userRequest('hi')));
    expect(delays).toEqual([4000, 1500]);
    expect(retries(events).map((e) => e.type === 'retry' && e.reason)).toEqual([
      'rate limited, retrying in 4 s (1/8)',
      'overloaded, retrying in 1.5 s (2/8)',
    ]);
  });

  it('parses retry-after HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers({}), now)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([1000, 2000, 4000, 5000]);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
  });

  it('gives up after maxRetries and surfaces the last error', async () => {
    const { p, fetch } = provider([{ status: 529, body: errorBody('overloaded_error', 'busy') }], {
      retry: { maxRetries: 2 },
    });
    const { events, error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('overloaded');
    expect(retries(events)).toHaveLength(2);
    expect(fetch.requests).toHaveLength(3);
  });

  it('stops when the next wait would pass the total time budget', async () => {
    const { p, fetch } = provider(
      [{ status: 503, body: errorBody('api_error', 'x'), headers: { 'retry-after': '60' } }],
      {
        retry: { maxElapsedMs: 10_000 },
      },
    );
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.status).toBe(503);
    expect(fetch.requests).toHaveLength(1);
  });

  it('takes CLAW_MAX_RETRIES and CLAW_RETRY_MAX_MS from the env over settings', () => {
    expect(
      resolveRetryPolicy({ maxRetries: 3 }, { CLAW_MAX_RETRIES: '1', CLAW_RETRY_MAX_MS: '5000' }),
    ).toMatchObject({
      maxRetries: 1,
      maxElapsedMs: 5000,
    });
    expect(resolveRetryPolicy({ maxRetries: 3 }, { CLAW_MAX_RETRIES: 'lots' }).maxRetries).toBe(3);
  });

  it('takes CLAW_API_TIMEOUT_MS and CLAW_STREAM_IDLE_TIMEOUT_MS from the env over options', async () => {
    expect(resolveTimeouts({ timeoutMs: 5, idleTimeoutMs: 6 }, {})).toEqual({ requestMs: 5, idleMs: 6 });
    expect(
      resolveTimeouts(
        { timeoutMs: 5, idleTimeoutMs: 6 },
        { CLAW_API_TIMEOUT_MS: '7000', CLAW_STREAM_IDLE_TIMEOUT_MS: '0' },
      ),
    ).toEqual({ requestMs: 7000, idleMs: 0 });
    expect(resolveTimeouts({}, { CLAW_API_TIMEOUT_MS: 'soon', CLAW_STREAM_IDLE_TIMEOUT_MS: '-1' })).toEqual({
      requestMs: DEFAULT_TIMEOUT_MS,
      idleMs: DEFAULT_IDLE_TIMEOUT_MS,
    });
    // Through a provider: the env's idle timeout is the one that fires (the hang never ends by itself).
    const { p } = provider([{ body: [{ hang: true }] }], {
      env: { CLAW_STREAM_IDLE_TIMEOUT_MS: '40' },
      idleTimeoutMs: 600_000,
      retry: { maxRetries: 0 },
    });
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toContain('no stream event for 40 ms');
  });

  it('respects x-should-retry: false', async () => {
    const { p, fetch } = provider([
      { status: 500, body: errorBody('api_error', 'x'), headers: { 'x-should-retry': 'false' } },
    ]);
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.retryable).toBe(false);
    expect(fetch.requests).toHaveLength(1);
  });

  it('retries connection errors before the first byte', async () => {
    const { p, fetch } = provider([new TypeError('fetch failed'), { body: textReply('ok') }]);
    const { events, message } = await collect(p.stream(userRequest('hi')));
    expect(message).toBeDefined();
    expect(fetch.requests).toHaveLength(2);
    expect(retries(events)[0]).toMatchObject({ reason: expect.stringContaining('connection failed') });
  });

  it('retries a stream that drops after message_start but before any content, without a second start', async () => {
    const { p, fetch } = provider([
      { body: [messageStart(), { drop: 'terminated' }] },
      { body: textReply('ok') },
    ]);
    const { events, message } = await collect(p.stream(userRequest('hi')));
    expect(fetch.requests).toHaveLength(2);
    expect(events.filter((e) => e.type === 'message_start')).toHaveLength(1);
    expect(message?.content).toEqual([{ type: 'text', text: 'ok' }]);
  });

  it('surfaces a drop after content as stream_interrupted without retrying (no duplicated text)', async () => {
    const { p, fetch } = provider([
      { body: [messageStart(), ...textBlock(0, 'partial ').slice(0, 2), { drop: 'terminated' }] },
      { body: textReply('never') },
    ]);
    const { events, error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('stream_interrupted');
    expect(error?.retryable).toBe(true);
    expect(fetch.requests).toHaveLength(1);
    expect(events.filter((e) => e.type === 'text_delta')).toHaveLength(1);
  });

  it('treats a connection closed before message_stop after content as stream_interrupted', async () => {
    const { p } = provider([{ body: [messageStart(), ...textBlock(0, 'cut')] }]);
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('stream_interrupted');
  });

  it('turns an SSE error event mid-stream into stream_interrupted', async () => {
    const { p } = provider([
      {
        body: [
          messageStart(),
          ...textBlock(0, 'x').slice(0, 2),
          `event: error\ndata: ${errorBody('overloaded_error', 'Overloaded')}\n\n`,
        ],
      },
    ]);
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('stream_interrupted');
    expect(error?.message).toContain('Overloaded');
  });

  it('abandons a stream that goes quiet after content as a recoverable interruption caused by the timeout', async () => {
    // The hang never ends by itself: only the idle timeout's abort lets this test finish.
    const { p, fetch } = provider(
      [{ body: [messageStart(), ...textBlock(0, 'x').slice(0, 2), { hang: true }] }],
      { idleTimeoutMs: 50 },
    );
    const { events, error } = await collect(p.stream(userRequest('hi')));
    expect(error).toMatchObject({ kind: 'stream_interrupted', retryable: true });
    expect(error?.message).toContain('no stream event for 50 ms');
    expect(error?.cause).toMatchObject({ kind: 'timeout' });
    expect(events.filter((e) => e.type === 'text_delta')).toHaveLength(1);
    expect(fetch.requests).toHaveLength(1);
  });

  it('retries an idle timeout that happens before any content', async () => {
    const { p, fetch } = provider([{ body: [{ hang: true }] }, { body: textReply('ok') }], {
      idleTimeoutMs: 250,
    });
    const { events, message } = await collect(p.stream(userRequest('hi')));
    expect(message).toBeDefined();
    expect(retries(events).map((e) => e.type === 'retry' && e.reason)).toEqual([
      'timed out, retrying in 0.5 s (1/8)',
    ]);
    expect(fetch.requests).toHaveLength(2);
  });

  it('aborts with kind aborted mid-stream', async () => {
    const controller = new AbortController();
    const { p } = provider([{ body: [messageStart(), ...textBlock(0, 'x').slice(0, 2), { hang: true }] }]);
    const events: StreamEvent[] = [];
    const outcome = await (async () => {
      for await (const event of p.stream(userRequest('hi'), { signal: controller.signal })) {
        events.push(event);
        if (event.type === 'text_delta') controller.abort();
      }
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(outcome).toMatchObject({ kind: 'aborted' });
    expect(events.map((e) => e.type)).toEqual(['message_start', 'text_delta']);
  });

  it('aborts a back-off wait at once instead of sleeping it out', async () => {
    // retry-after asks for 30 s, past the test timeout: only a cancelled wait lets this test pass.
    const waiting = new AbortController();
    const slow = createAnthropicProvider({
      apiKey: 'k',
      baseURL: 'http://mock.test',
      env: {},
      fetch: scriptedFetch([
        { status: 529, body: errorBody('overloaded_error', 'busy'), headers: { 'retry-after': '30' } },
      ]),
    });
    const seen: StreamEvent[] = [];
    const outcome = await (async () => {
      for await (const event of slow.stream(userRequest('hi'), { signal: waiting.signal })) {
        seen.push(event);
        // The wait starts when the loop resumes after this event; abort once it is under way.
        if (event.type === 'retry') setTimeout(() => waiting.abort(), 10);
      }
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(outcome).toMatchObject({ kind: 'aborted' });
    expect(seen).toEqual([expect.objectContaining({ type: 'retry', delayMs: 30_000 })]);
  });
});

describe('error messages and hints', () => {
  it('names the env var to set when no credential was sent', async () => {
    const { p } = provider(
      [{ status: 401, body: errorBody('authentication_error', 'x-api-key header is required') }],
      { apiKey: undefined },
    );
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('auth');
    expect(error?.hint).toContain('ANTHROPIC_API_KEY');
  });

  it('spots an API key put in ANTHROPIC_AUTH_TOKEN', async () => {
    const { p } = provider(
      [{ status: 401, body: errorBody('authentication_error', 'invalid bearer token') }],
      {
        apiKey: undefined,
        authToken: 'sk-ant-api03-abcdefghijkl',
      },
    );
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.hint).toContain('ANTHROPIC_API_KEY');
    expect(error?.hint).toContain('ANTHROPIC_AUTH_TOKEN');
  });

  it('never repeats a secret the server echoed back', async () => {
    const { p } = provider([
      { status: 401, body: errorBody('authentication_error', 'bad key sk-ant-api03-supersecretvalue') },
    ]);
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.message).not.toContain('supersecretvalue');
  });

  it('reports network failures with the base URL and a proxy hint', async () => {
    const { p } = provider(
      [
        Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        }),
      ],
      {
        retry: { maxRetries: 0 },
      },
    );
    const { error } = await collect(p.stream(userRequest('hi')));
    expect(error?.kind).toBe('network');
    expect(error?.message).toContain('http://mock.test');
    expect(error?.message).toContain('ECONNREFUSED');
    expect(error?.hint).toContain('HTTPS_PROXY');
  });
});
