import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CreateProviderConfig, createProvider, type ModelRequest } from '../src/index.js';
import { collect, instantRetries } from './helpers/collect.js';
import { modelRequests } from './helpers/mock-providers.js';

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

/** About 225,000 tokens by the chars/4 estimate: over a 200K or 128K window, under a 1M one. */
const OVERSIZE = 'x'.repeat(900_000);

function routed(model: string): CreateProviderConfig {
  return {
    model,
    env: { ANTHROPIC_BASE_URL: server.url, OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'sk-mock' },
    anthropic: { apiKey: 'sk-ant-api03-mock' },
    ...instantRetries(),
  };
}

function request(model: string, text: string): ModelRequest {
  return { model, maxTokens: 1024, messages: [{ role: 'user', content: [{ type: 'text', text }] }] };
}

describe('request preflight against the mock', () => {
  it.each([
    ['claude-haiku-4-5', 'anthropic', '200,000'],
    ['gpt-4o', 'openai-compatible', '128,000'],
    ['openai/gpt-4o', 'openai-compatible', '128,000'],
  ])('refuses an oversize request for %s (%s) before sending anything', async (model, kind, window) => {
    const provider = createProvider(routed(model));
    expect(provider.kind).toBe(kind);
    const { events, error } = await collect(provider.stream(request(model, OVERSIZE)));
    expect(error).toMatchObject({ kind: 'context_too_long', retryable: false });
    expect(error?.message).toContain(`${window}-token context window`);
    expect(error?.hint).toContain('/compact');
    expect(events).toEqual([]);
    expect(modelRequests(server)).toBe(0);
  });

  it.each([
    ['claude-sonnet-4-6', 'a known 1M window'],
    ['gpt-4.1', 'a known 1M window'],
    ['local/mystery-model', 'an unknown window, which the server judges'],
  ])('sends the same request for %s (%s)', async (model) => {
    const provider = createProvider(routed(model));
    const { message, error } = await collect(provider.stream(request(model, OVERSIZE)));
    expect(error).toBeUndefined();
    expect(message?.stopReason).toBe('end_turn');
    expect(modelRequests(server)).toBe(1);
  });
});
