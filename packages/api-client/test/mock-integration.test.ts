import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider, createOpenAICompatibleProvider, type ModelRequest } from '../src/index.js';
import { collect, instantRetries } from './helpers/collect.js';

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

const ask = (text: string, model = 'claude-sonnet-5-5'): ModelRequest => ({
  model,
  maxTokens: 1024,
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
});

function anthropic(extra: Parameters<typeof createAnthropicProvider>[0] = {}) {
  return createAnthropicProvider({
    apiKey: 'sk-ant-api03-mock',
    baseURL: server.url,
    env: {},
    ...instantRetries(),
    ...extra,
  });
}

function openai(extra: Partial<Parameters<typeof createOpenAICompatibleProvider>[0]> = {}) {
  return createOpenAICompatibleProvider({
    baseURL: `${server.url}/v1`,
    apiKey: 'sk-mock',
    env: {},
    ...instantRetries(),
    ...extra,
  });
}

describe('against @claw/mock-anthropic (Messages API)', () => {
  it('streams text with the request id, headers and usage', async () => {
    const { events, message } = await collect(
      anthropic({ betas: ['b1', 'b2'] }).stream(ask('PARITY_SCENARIO:streaming_text')),
    );
    expect(events.filter((e) => e.type === 'text_delta').length).toBeGreaterThan(1);
    expect(message?.stopReason).toBe('end_turn');
    expect(message?.requestId).toMatch(/^req_mock_/);
    expect(message?.usage.output_tokens).toBeGreaterThan(0);
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['x-api-key']).toBe('sk-ant-api03-mock');
    expect(headers.authorization).toBeUndefined();
    expect(headers['anthropic-beta']).toBe('b1,b2');
  });

  it('assembles a tool call streamed in 1–3 character pieces', async () => {
    const { message } = await collect(anthropic().stream(ask('PARITY_SCENARIO:grep_chunk_assembly')));
    expect(message?.stopReason).toBe('tool_use');
    expect(message?.content.find((b) => b.type === 'tool_use')).toMatchObject({
      name: 'grep_search',
      input: expect.objectContaining({ pattern: expect.any(String) }),
    });
  });

  it('keeps thinking signatures', async () => {
    const { message } = await collect(anthropic().stream(ask('PARITY_SCENARIO:thinking_text')));
    const thinking = message?.content[0];
    expect(thinking?.type).toBe('thinking');
    expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(0);
  });

  it('reports cache tokens', async () => {
    const { message } = await collect(anthropic().stream(ask('PARITY_SCENARIO:token_cost_reporting')));
    expect(message?.usage.cache_read_input_tokens).toBeGreaterThan(0);
    expect(message?.usage.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it.each([
    ['max_tokens_text', 'max_tokens'],
    ['stop_sequence', 'stop_sequence'],
    ['refusal', 'refusal'],
    ['pause_turn', 'pause_turn'],
  ])('maps %s', async (scenario, stop) => {
    const { message } = await collect(anthropic().stream(ask(`PARITY_SCENARIO:${scenario}`)));
    expect(message?.stopReason).toBe(stop);
  });

  it('reports a tool call cut by max_tokens', async () => {
    const { message, error } = await collect(anthropic().stream(ask('PARITY_SCENARIO:max_tokens_tool_cut')));
    expect(error).toBeUndefined();
    expect(message?.incompleteToolUse?.name).toBe('write_file');
  });

  it.each(['fault_429', 'fault_500', 'fault_529'])('retries %s and then succeeds', async (scenario) => {
    const { events, message } = await collect(anthropic().stream(ask(`PARITY_SCENARIO:${scenario}`)));
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
    expect(message?.stopReason).toBe('end_turn');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on fault_529_always after the configured retries', async () => {
    const { error } = await collect(
      anthropic({ retry: { maxRetries: 2 } }).stream(ask('PARITY_SCENARIO:fault_529_always')),
    );
    expect(error?.kind).toBe('overloaded');
    expect(server.requests).toHaveLength(3);
  });

  it.each([
    ['fault_drop_mid_stream', 'stream_interrupted'],
    ['fault_overloaded_mid_stream', 'stream_interrupted'],
    ['fault_malformed_event', 'invalid_response'],
  ])('surfaces %s as %s without retrying', async (scenario, kind) => {
    const { error } = await collect(anthropic().stream(ask(`PARITY_SCENARIO:${scenario}`)));
    expect(error?.kind).toBe(kind);
    expect(server.requests).toHaveLength(1);
  });

  it('fails with auth and a hint for a rejected key', async () => {
    const { error } = await collect(anthropic({ apiKey: 'invalid' }).stream(ask('hi')));
    expect(error?.kind).toBe('auth');
    expect(error?.requestId).toMatch(/^req_mock_/);
  });

  it('times out a slow stream past the idle timeout', async () => {
    const { error } = await collect(
      anthropic({ idleTimeoutMs: 100 }).stream(ask('PARITY_SCENARIO:slow_stream MOCK_DELAY_MS:1000')),
    );
    expect(error?.kind).toBe('timeout');
  });
});

describe('against @claw/mock-anthropic (Chat Completions)', () => {
  it('streams a tool call round trip', async () => {
    const { message } = await collect(openai().stream(ask('PARITY_SCENARIO:read_file_roundtrip', 'gpt-4o')));
    expect(message?.stopReason).toBe('tool_use');
    expect(message?.content.find((b) => b.type === 'tool_use')).toMatchObject({
      name: 'read_file',
      input: { path: 'fixture.txt' },
    });
    expect(message?.usage.input_tokens).toBeGreaterThan(0);
  });

  it.each(['arguments_object', 'no_ids', 'single_chunk', 'no_usage'])(
    'tolerates OPENAI_QUIRK:%s',
    async (quirk) => {
      const { message, error } = await collect(
        openai().stream(ask(`PARITY_SCENARIO:multi_tool_turn_roundtrip OPENAI_QUIRK:${quirk}`, 'gpt-4o')),
      );
      expect(error).toBeUndefined();
      const calls = message?.content.filter((b) => b.type === 'tool_use') ?? [];
      expect(calls).toHaveLength(2);
      expect(new Set(calls.map((c) => c.type === 'tool_use' && c.id)).size).toBe(2);
      if (quirk === 'no_usage') expect(message?.usage.output_tokens).toBe(0);
    },
  );

  it('maps reasoning_content to thinking', async () => {
    const { message } = await collect(openai().stream(ask('PARITY_SCENARIO:thinking_text', 'gpt-4o')));
    expect(message?.content.map((b) => b.type)).toEqual(['thinking', 'text']);
  });
});
