import { describe, expect, it } from 'vitest';
import {
  addUsage,
  assertRequestFits,
  costUsd,
  createProvider,
  estimateRequestTokens,
  type ModelRequest,
  ollamaBaseURL,
  resolveModel,
  selectProvider,
} from '../src/index.js';
import { textReply } from './helpers/anthropic-events.js';
import { collect, instantRetries, userRequest } from './helpers/collect.js';
import { dataOnly, scriptedFetch } from './helpers/fake-fetch.js';

describe('resolveModel', () => {
  it.each([
    ['opus', 'claude-opus-5-5', 'opus'],
    ['sonnet', 'claude-sonnet-5-5', 'sonnet'],
    ['HAIKU', 'claude-haiku-5-5', 'HAIKU'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001', undefined],
  ])('%s → %s', (name, id, aliasOf) => {
    const info = resolveModel(name);
    expect(info.id).toBe(id);
    expect(info.aliasOf).toBe(aliasOf);
    expect(info.provider).toBe('anthropic');
    expect(info.known).toBe(true);
  });

  it('reads limits from the table, including dated ids', () => {
    expect(resolveModel('claude-haiku-4-5-20251001')).toMatchObject({
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
    });
    expect(resolveModel('opus')).toMatchObject({ contextWindow: 1_000_000, maxOutputTokens: 128_000 });
    expect(resolveModel('gpt-4o')).toMatchObject({
      provider: 'openai-compatible',
      contextWindow: 128_000,
      known: true,
    });
    expect(resolveModel('ollama/llama3.1:8b')).toMatchObject({ contextWindow: 131_072, known: true });
  });

  it('lets user aliases shadow built-ins and chain', () => {
    const aliases = { sonnet: 'claude-sonnet-4-6', fast: 'haiku', mine: 'ollama/qwen2.5-coder' };
    expect(resolveModel('sonnet', aliases).id).toBe('claude-sonnet-4-6');
    expect(resolveModel('fast', aliases)).toMatchObject({ id: 'claude-haiku-5-5', aliasOf: 'fast' });
    expect(resolveModel('mine', aliases)).toMatchObject({
      id: 'ollama/qwen2.5-coder',
      provider: 'openai-compatible',
      contextWindow: 32_768,
    });
    expect(resolveModel('loop', { loop: 'loop2', loop2: 'loop' }).id).toMatch(/^loop2?$/);
  });

  it('resolves unknown models with conservative limits and no price', () => {
    expect(resolveModel('claude-future-9')).toMatchObject({
      provider: 'anthropic',
      known: false,
      contextWindow: 200_000,
    });
    expect(resolveModel('mistral-small')).toMatchObject({ provider: 'openai-compatible', known: false });
    expect(resolveModel('mistral-small').pricing).toBeUndefined();
  });
});

describe('selectProvider', () => {
  it.each<[string, Record<string, string>, boolean, { kind: string; model: string; baseURL: string }]>([
    [
      'claude-sonnet-5-5',
      {},
      true,
      { kind: 'anthropic', model: 'claude-sonnet-5-5', baseURL: 'https://api.anthropic.com' },
    ],
    [
      'claude-sonnet-5-5',
      { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' },
      false,
      { kind: 'anthropic', model: 'claude-sonnet-5-5', baseURL: 'http://127.0.0.1:9' },
    ],
    [
      'claude-sonnet-5-5',
      { OPENAI_BASE_URL: 'https://gw.example/v1' },
      false,
      { kind: 'openai-compatible', model: 'claude-sonnet-5-5', baseURL: 'https://gw.example/v1' },
    ],
    [
      'gpt-4o',
      {},
      false,
      { kind: 'openai-compatible', model: 'gpt-4o', baseURL: 'https://api.openai.com/v1' },
    ],
    [
      'gpt-4o',
      { OPENAI_BASE_URL: 'http://localhost:8080/v1' },
      true,
      { kind: 'openai-compatible', model: 'gpt-4o', baseURL: 'http://localhost:8080/v1' },
    ],
    ['o3', {}, true, { kind: 'openai-compatible', model: 'o3', baseURL: 'https://api.openai.com/v1' }],
    [
      'o4-mini',
      {},
      true,
      { kind: 'openai-compatible', model: 'o4-mini', baseURL: 'https://api.openai.com/v1' },
    ],
    [
      'openai/gpt-4o',
      {},
      false,
      { kind: 'openai-compatible', model: 'gpt-4o', baseURL: 'https://api.openai.com/v1' },
    ],
    [
      'openai/gpt-4o',
      { OPENAI_BASE_URL: 'https://openrouter.ai/api/v1' },
      false,
      { kind: 'openai-compatible', model: 'openai/gpt-4o', baseURL: 'https://openrouter.ai/api/v1' },
    ],
    [
      'anthropic/claude-sonnet-5-5',
      { OPENAI_BASE_URL: 'https://openrouter.ai/api/v1' },
      true,
      {
        kind: 'openai-compatible',
        model: 'anthropic/claude-sonnet-5-5',
        baseURL: 'https://openrouter.ai/api/v1',
      },
    ],
    [
      'anthropic/claude-sonnet-5-5',
      {},
      true,
      { kind: 'anthropic', model: 'claude-sonnet-5-5', baseURL: 'https://api.anthropic.com' },
    ],
    [
      'ollama/llama3.1',
      {},
      false,
      { kind: 'openai-compatible', model: 'llama3.1', baseURL: 'http://127.0.0.1:11434/v1' },
    ],
    [
      'ollama/llama3.1',
      { OLLAMA_HOST: 'gpu-box' },
      false,
      { kind: 'openai-compatible', model: 'llama3.1', baseURL: 'http://gpu-box:11434/v1' },
    ],
    [
      'local/qwen',
      { OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1' },
      false,
      { kind: 'openai-compatible', model: 'qwen', baseURL: 'http://127.0.0.1:1234/v1' },
    ],
    [
      'qwen2.5-coder',
      { OLLAMA_HOST: '0.0.0.0:11500' },
      true,
      { kind: 'openai-compatible', model: 'qwen2.5-coder', baseURL: 'http://127.0.0.1:11500/v1' },
    ],
    [
      'my-finetune',
      {},
      true,
      { kind: 'anthropic', model: 'my-finetune', baseURL: 'https://api.anthropic.com' },
    ],
  ])('%s with %j (anthropic credential: %s)', (model, env, hasAnthropicCredential, expected) => {
    const route = selectProvider({ model, env, hasAnthropicCredential });
    expect(route).toMatchObject(expected);
    expect(route.reason).toContain(`'${model}'`);
  });

  it('explains the route for claw status', () => {
    const route = selectProvider({
      model: 'gpt-4o',
      env: { OPENAI_BASE_URL: 'http://gw/v1' },
      hasAnthropicCredential: false,
    });
    expect(route.reason).toBe(
      "model 'gpt-4o' starts with 'gpt-' → openai-compatible at $OPENAI_BASE_URL (http://gw/v1)",
    );
    expect(route.apiKeyEnv).toBe('OPENAI_API_KEY');
    expect(
      selectProvider({ model: 'ollama/x', env: {}, hasAnthropicCredential: false }).apiKeyEnv,
    ).toBeUndefined();
  });

  it.each([
    [undefined, 'http://127.0.0.1:11434/v1'],
    ['127.0.0.1', 'http://127.0.0.1:11434/v1'],
    ['http://box:8000', 'http://box:8000/v1'],
    ['https://ollama.example.com/v1', 'https://ollama.example.com/v1'],
    ['box', 'http://box:11434/v1'],
  ])('normalises OLLAMA_HOST %s', (host, expected) => {
    expect(ollamaBaseURL(host)).toBe(expected);
  });
});

describe('cost', () => {
  const usage = {
    input_tokens: 1_000_000,
    output_tokens: 1_000_000,
    cache_creation_input_tokens: 1_000_000,
    cache_read_input_tokens: 1_000_000,
  };

  it('prices input, output, cache write (1.25×) and cache read (0.1×)', () => {
    // Sonnet 4.6: 3 + 15 + 3.75 + 0.30
    expect(costUsd('claude-sonnet-4-6', usage)).toBeCloseTo(22.05, 6);
    expect(
      costUsd('claude-haiku-4-5-20251001', {
        ...usage,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      }),
    ).toBeCloseTo(6, 6);
    expect(
      costUsd('anthropic/claude-opus-4-6', {
        input_tokens: 2000,
        output_tokens: 1000,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      }),
    ).toBeCloseTo(0.035, 9);
  });

  it('applies long-context tiers per request', () => {
    const small = {
      input_tokens: 50_000,
      output_tokens: 1_000,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    };
    const large = { ...small, input_tokens: 150_000 };
    expect(costUsd('claude-haiku-5-5', small)).toBeCloseTo((50_000 * 0.1 + 1_000 * 0.5) / 1e6, 9);
    expect(costUsd('claude-haiku-5-5', large)).toBeCloseTo((150_000 * 0.5 + 1_000 * 2.5) / 1e6, 9);
  });

  it('uses OpenAI cached-input prices and never invents a price', () => {
    expect(
      costUsd('gpt-4o', {
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 1_000_000,
      }),
    ).toBeCloseTo(1.25, 6);
    expect(costUsd('llama3.1', usage)).toBeUndefined();
    expect(costUsd('claude-unknown', usage)).toBeUndefined();
  });

  it('adds usage field by field', () => {
    expect(
      addUsage(usage, {
        input_tokens: 1,
        output_tokens: 2,
        cache_creation_input_tokens: 3,
        cache_read_input_tokens: 4,
      }),
    ).toEqual({
      input_tokens: 1_000_001,
      output_tokens: 1_000_002,
      cache_creation_input_tokens: 1_000_003,
      cache_read_input_tokens: 1_000_004,
    });
  });
});

describe('preflight', () => {
  const huge: ModelRequest = userRequest('x'.repeat(900_000));

  it('estimates tokens from text, tools and images', () => {
    expect(estimateRequestTokens(userRequest('abcd'.repeat(100)))).toBe(104);
    const withImage = userRequest('');
    withImage.messages[0]?.content.push({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'x' },
    });
    expect(estimateRequestTokens(withImage)).toBeGreaterThanOrEqual(1600);
  });

  it('refuses a request that cannot fit a known window, and lets unknown models through', () => {
    expect(() => assertRequestFits(huge, resolveModel('claude-haiku-4-5'))).toThrowError(/context window/);
    try {
      assertRequestFits(huge, resolveModel('claude-haiku-4-5'));
    } catch (error) {
      expect(error).toMatchObject({ kind: 'context_too_long', hint: expect.stringContaining('/compact') });
    }
    expect(assertRequestFits(huge, resolveModel('claude-sonnet-4-6'))).toBeGreaterThan(200_000);
    expect(() => assertRequestFits(huge, resolveModel('some-local-model'))).not.toThrow();
  });
});

describe('createProvider', () => {
  it('routes an alias to Anthropic with the env key and resolves the wire model', async () => {
    const fetch = scriptedFetch([{ body: textReply('hi') }]);
    const provider = createProvider({
      model: 'haiku',
      env: { ANTHROPIC_API_KEY: 'sk-ant-api03-env', ANTHROPIC_BASE_URL: 'http://mock.test' },
      fetch,
      ...instantRetries(),
    });
    expect(provider.kind).toBe('anthropic');
    expect(provider.modelInfo).toMatchObject({ id: 'claude-haiku-5-5', aliasOf: 'haiku' });
    await collect(provider.stream(userRequest('hi', { model: 'haiku' })));
    expect(fetch.requests[0]?.body.model).toBe('claude-haiku-5-5');
    expect(fetch.requests[0]?.headers['x-api-key']).toBe('sk-ant-api03-env');
  });

  it('routes ollama/ models to OLLAMA_HOST without a key and strips the prefix', async () => {
    const fetch = scriptedFetch([
      {
        body: [
          dataOnly({ id: 'c', choices: [{ delta: { content: 'yo' }, finish_reason: 'stop' }] }),
          dataOnly('[DONE]'),
        ],
      },
    ]);
    const provider = createProvider({
      model: 'ollama/llama3.1',
      env: { OLLAMA_HOST: 'box:9999', OPENAI_API_KEY: 'sk-not-for-ollama' },
      fetch,
    });
    expect(provider.route.baseURL).toBe('http://box:9999/v1');
    const { message } = await collect(provider.stream(userRequest('hi', { model: 'ollama/llama3.1' })));
    expect(message?.content).toEqual([{ type: 'text', text: 'yo' }]);
    expect(fetch.requests[0]?.url).toBe('http://box:9999/v1/chat/completions');
    expect(fetch.requests[0]?.body.model).toBe('llama3.1');
    expect(fetch.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses an oversized request before sending it', async () => {
    const fetch = scriptedFetch([{ body: textReply('never') }]);
    const provider = createProvider({ model: 'claude-haiku-4-5', env: { ANTHROPIC_API_KEY: 'k' }, fetch });
    const { error } = await collect(
      provider.stream(userRequest('x'.repeat(900_000), { model: 'claude-haiku-4-5' })),
    );
    expect(error?.kind).toBe('context_too_long');
    expect(fetch.requests).toHaveLength(0);
  });
});
