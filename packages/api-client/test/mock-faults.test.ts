import { type ApiErrorType, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorKind } from '../src/index.js';
import { collect } from './helpers/collect.js';
import {
  mockProvider,
  modelRequests,
  PROVIDER_KINDS,
  retryEvents,
  scripted,
  shownText,
} from './helpers/mock-providers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

const REPLY = 'Recovered after the fault, in full.';

describe.each(PROVIDER_KINDS)('%s against the mock: HTTP statuses', (kind) => {
  it.each<[number, ApiErrorType, string]>([
    [408, 'api_error', 'server error 408'],
    [409, 'api_error', 'server error 409'],
    [429, 'rate_limit_error', 'rate limited'],
    [500, 'api_error', 'server error 500'],
    [502, 'api_error', 'server error 502'],
    [503, 'api_error', 'server error 503'],
    [504, 'api_error', 'server error 504'],
    [529, 'overloaded_error', 'overloaded'],
  ])('retries %i, announcing it, then succeeds', async (status, errorType, label) => {
    const { provider, delays } = mockProvider(kind, server);
    const request = scripted(kind, [{ text: REPLY, fault: { kind: 'http_error', status, errorType } }]);
    const { events, message, error } = await collect(provider.stream(request));
    expect(error).toBeUndefined();
    expect(message?.content).toEqual([{ type: 'text', text: REPLY }]);
    expect(retryEvents(events).map((e) => e.reason)).toEqual([`${label}, retrying in 0.5 s (1/8)`]);
    expect(events[0]?.type).toBe('retry');
    expect(delays).toEqual([500]);
    expect(modelRequests(server)).toBe(2);
  });

  it.each<[number, ApiErrorType, ApiErrorKind]>([
    [400, 'invalid_request_error', 'invalid_request'],
    [401, 'authentication_error', 'auth'],
    [403, 'permission_error', 'permission'],
    [404, 'not_found_error', 'not_found'],
    [413, 'request_too_large', 'invalid_request'],
  ])('does not retry %i (%s)', async (status, errorType, expectedKind) => {
    const { provider } = mockProvider(kind, server);
    const request = scripted(kind, [
      { text: REPLY, fault: { kind: 'http_error', status, errorType, message: 'no good' } },
    ]);
    const { events, error } = await collect(provider.stream(request));
    expect(error).toMatchObject({ kind: expectedKind, status, retryable: false });
    expect(error?.requestId).toMatch(/^req_mock_/);
    expect(error?.message).toContain('no good');
    expect(error?.hint).toBeTruthy();
    expect(retryEvents(events)).toEqual([]);
    expect(modelRequests(server)).toBe(1);
  });

  it.each<[string, { retryAfterSeconds?: number; retryAfterMs?: number }, number, string]>([
    ['retry-after seconds', { retryAfterSeconds: 3 }, 3000, '3 s'],
    ['retry-after-ms over retry-after', { retryAfterSeconds: 9, retryAfterMs: 1500 }, 1500, '1.5 s'],
  ])('honours %s', async (_name, headers, waitMs, shown) => {
    const { provider, delays } = mockProvider(kind, server);
    const request = scripted(kind, [
      { text: REPLY, fault: { kind: 'http_error', status: 429, errorType: 'rate_limit_error', ...headers } },
    ]);
    const { events, message } = await collect(provider.stream(request));
    expect(message?.content).toEqual([{ type: 'text', text: REPLY }]);
    expect(delays).toEqual([waitMs]);
    expect(retryEvents(events)[0]).toMatchObject({
      delayMs: waitMs,
      reason: `rate limited, retrying in ${shown} (1/8)`,
    });
  });

  it('gives up after the configured retries and surfaces the last error', async () => {
    const { provider } = mockProvider(kind, server, { retry: { maxRetries: 2 } });
    const request = scripted(kind, [
      { fault: { kind: 'http_error', status: 529, errorType: 'overloaded_error', failAttempts: 'always' } },
    ]);
    const { events, error } = await collect(provider.stream(request));
    expect(error).toMatchObject({ kind: 'overloaded', status: 529 });
    expect(retryEvents(events).map((e) => e.reason.split(',')[0])).toEqual(['overloaded', 'overloaded']);
    expect(modelRequests(server)).toBe(3);
  });
});

describe.each(PROVIDER_KINDS)('%s against the mock: broken connections and streams', (kind) => {
  it('retries a connection reset before the first byte', async () => {
    const { provider } = mockProvider(kind, server);
    const request = scripted(kind, [{ text: REPLY, fault: { kind: 'connection_reset' } }]);
    const { events, message, error } = await collect(provider.stream(request));
    expect(error).toBeUndefined();
    expect(message?.content).toEqual([{ type: 'text', text: REPLY }]);
    expect(retryEvents(events).map((e) => e.reason)).toEqual(['connection failed, retrying in 0.5 s (1/8)']);
    expect(modelRequests(server)).toBe(2);
  });

  it('reports a network error once connection resets exhaust the retries', async () => {
    const { provider } = mockProvider(kind, server, { retry: { maxRetries: 1 } });
    const request = scripted(kind, [{ fault: { kind: 'connection_reset', failAttempts: 'always' } }]);
    const { error } = await collect(provider.stream(request));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error?.message).toContain(server.url);
    expect(modelRequests(server)).toBe(2);
  });

  it('surfaces a drop after content as a recoverable stream_interrupted, never repeating shown text', async () => {
    const { provider } = mockProvider(kind, server);
    const request = scripted(kind, [
      { text: REPLY, textChunkSize: 5, fault: { kind: 'drop_mid_stream', afterDeltas: 3 } },
    ]);
    const first = await collect(provider.stream(request));
    expect(first.error).toMatchObject({ kind: 'stream_interrupted', retryable: true });
    expect(first.message).toBeUndefined();
    expect(retryEvents(first.events)).toEqual([]);
    // Whatever reached the caller is a strict prefix of the reply, each piece shown once.
    const shown = shownText(first.events);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(REPLY.length);
    expect(REPLY.startsWith(shown)).toBe(true);
    expect(modelRequests(server)).toBe(1);

    // The runtime recovers by redoing the turn: the same request now streams the whole reply once.
    const again = await collect(provider.stream(request));
    expect(again.message?.content).toEqual([{ type: 'text', text: REPLY }]);
    expect(shownText(again.events)).toBe(REPLY);
    expect(modelRequests(server)).toBe(2);
  });

  it('turns an error event in the middle of the stream into stream_interrupted', async () => {
    const { provider } = mockProvider(kind, server);
    const request = scripted(kind, [
      { text: REPLY, textChunkSize: 5, fault: { kind: 'stream_error_event', message: 'Overloaded now' } },
    ]);
    const { error } = await collect(provider.stream(request));
    expect(error).toMatchObject({ kind: 'stream_interrupted', retryable: true });
    expect(error?.message).toContain('Overloaded now');
    expect(modelRequests(server)).toBe(1);
  });

  it.each([
    ['after content', 2],
    ['before any content', 0],
  ])('fails with invalid_response on malformed SSE data %s, without retrying', async (_when, afterDeltas) => {
    const { provider } = mockProvider(kind, server);
    const request = scripted(kind, [{ text: REPLY, fault: { kind: 'malformed_event', afterDeltas } }]);
    const { events, error } = await collect(provider.stream(request));
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false });
    expect(error?.requestId).toMatch(/^req_mock_/);
    expect(retryEvents(events)).toEqual([]);
    expect(modelRequests(server)).toBe(1);
  });

  it('abandons a stream that stalls after content past the idle timeout, recoverably', async () => {
    // Generous enough that the healthy second stream never trips it on a loaded machine.
    const { provider } = mockProvider(kind, server, { idleTimeoutMs: 400 });
    const request = scripted(kind, [
      { text: REPLY, textChunkSize: 5, fault: { kind: 'stall_mid_stream', afterDeltas: 2 } },
    ]);
    const first = await collect(provider.stream(request));
    expect(first.error).toMatchObject({ kind: 'stream_interrupted', retryable: true });
    expect(first.error?.cause).toMatchObject({ kind: 'timeout' });
    const shown = shownText(first.events);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(REPLY.length);
    expect(REPLY.startsWith(shown)).toBe(true);
    expect(retryEvents(first.events)).toEqual([]);
    expect(modelRequests(server)).toBe(1);

    const again = await collect(provider.stream(request));
    expect(shownText(again.events)).toBe(REPLY);
    expect(again.message?.stopReason).toBe('end_turn');
  });

  it('times out a stream that sends no content within the idle timeout', async () => {
    const { provider } = mockProvider(kind, server, { idleTimeoutMs: 150, retry: { maxRetries: 0 } });
    const request = scripted(kind, [{ text: REPLY, textChunkSize: 5, delayMs: 5_000 }]);
    const { error, message } = await collect(provider.stream(request));
    expect(message).toBeUndefined();
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(error?.hint).toContain('CLAW_STREAM_IDLE_TIMEOUT_MS');
    expect(modelRequests(server)).toBe(1);
  });

  it('retries a stall that happens before any content, within the retry budget', async () => {
    const { provider } = mockProvider(kind, server, { idleTimeoutMs: 150, retry: { maxRetries: 2 } });
    const request = scripted(kind, [{ text: REPLY, delayMs: 5_000 }]);
    const { events, error } = await collect(provider.stream(request));
    expect(error?.kind).toBe('timeout');
    expect(retryEvents(events).map((e) => e.reason.split(',')[0])).toEqual(['timed out', 'timed out']);
    expect(shownText(events)).toBe('');
    expect(modelRequests(server)).toBe(3);
  });
});
