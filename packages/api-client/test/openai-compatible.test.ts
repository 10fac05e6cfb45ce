import { describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, type ModelRequest } from '../src/index.js';
import { collect, instantRetries } from './helpers/collect.js';
import { dataOnly, type Script, scriptedFetch } from './helpers/fake-fetch.js';

type Chunk = Record<string, unknown>;

function chunk(delta: Record<string, unknown>, finish: string | null = null, extra: Chunk = {}): Chunk {
  return {
    id: 'chatcmpl-1',
    model: 'gpt-4o',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  };
}

function stream(...chunks: Chunk[]): string[] {
  return [...chunks.map((c) => dataOnly(c)), dataOnly('[DONE]')];
}

function provider(
  scripts: Script[],
  extra: Partial<Parameters<typeof createOpenAICompatibleProvider>[0]> = {},
) {
  const fetch = scriptedFetch(scripts);
  const p = createOpenAICompatibleProvider({
    baseURL: 'http://local.test/v1',
    fetch,
    env: {},
    ...instantRetries(),
    ...extra,
  });
  return { p, fetch };
}

const request: ModelRequest = {
  model: 'gpt-4o',
  maxTokens: 100,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};

describe('openai-compatible provider', () => {
  it('streams text and maps usage including cached prompt tokens', async () => {
    const { p, fetch } = provider([
      {
        body: stream(
          chunk({ role: 'assistant', content: 'Hel' }),
          chunk({ content: 'lo' }),
          chunk({}, 'stop'),
          {
            id: 'chatcmpl-1',
            choices: [],
            usage: { prompt_tokens: 100, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 60 } },
          },
        ),
      },
    ]);
    const { events, message } = await collect(p.stream(request));
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'text_delta',
      'text_delta',
      'block_stop',
      'message_stop',
    ]);
    expect(message?.content).toEqual([{ type: 'text', text: 'Hello' }]);
    expect(message?.stopReason).toBe('end_turn');
    expect(message?.usage).toEqual({
      input_tokens: 40,
      output_tokens: 5,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 60,
    });
    expect(fetch.requests[0]?.url).toBe('http://local.test/v1/chat/completions');
    expect(fetch.requests[0]?.body.stream_options).toEqual({ include_usage: true });
    expect(fetch.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('assembles tool calls streamed as deltas', async () => {
    const { p } = provider([
      {
        body: stream(
          chunk({
            tool_calls: [
              { index: 0, id: 'call_a', type: 'function', function: { name: 'read_file', arguments: '' } },
            ],
          }),
          chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
          chunk({ tool_calls: [{ index: 0, function: { arguments: '"a.txt"}' } }] }),
          chunk({
            tool_calls: [
              {
                index: 1,
                id: 'call_b',
                type: 'function',
                function: { name: 'bash', arguments: '{"command":"ls"}' },
              },
            ],
          }),
          chunk({}, 'tool_calls'),
        ),
      },
    ]);
    const { events, message } = await collect(p.stream(request));
    expect(events.filter((e) => e.type === 'tool_use_start')).toHaveLength(2);
    expect(message?.stopReason).toBe('tool_use');
    expect(message?.content).toEqual([
      { type: 'tool_use', id: 'call_a', name: 'read_file', input: { path: 'a.txt' } },
      { type: 'tool_use', id: 'call_b', name: 'bash', input: { command: 'ls' } },
    ]);
    expect(message?.usage.input_tokens).toBe(0);
  });

  it.each<[string, Chunk[], unknown[]]>([
    [
      'arguments as an object',
      [
        chunk(
          { tool_calls: [{ index: 0, id: 'c1', function: { name: 'bash', arguments: { command: 'pwd' } } }] },
          'tool_calls',
        ),
      ],
      [{ type: 'tool_use', id: 'c1', name: 'bash', input: { command: 'pwd' } }],
    ],
    [
      'missing ids and indexes (ids synthesized, stable)',
      [
        chunk({
          tool_calls: [
            { function: { name: 'read_file', arguments: '{"path":"x"}' } },
            { function: { name: 'bash', arguments: '{}' } },
          ],
        }),
        chunk({}, 'tool_calls'),
      ],
      [
        { type: 'tool_use', id: 'call_chatcmpl-1_0', name: 'read_file', input: { path: 'x' } },
        { type: 'tool_use', id: 'call_chatcmpl-1_1', name: 'bash', input: {} },
      ],
    ],
    [
      'every call numbered index 0 but with distinct ids',
      [
        chunk({ tool_calls: [{ index: 0, id: 'x1', function: { name: 'a', arguments: '{}' } }] }),
        chunk({ tool_calls: [{ index: 0, id: 'x2', function: { name: 'b', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ],
      [
        { type: 'tool_use', id: 'x1', name: 'a', input: {} },
        { type: 'tool_use', id: 'x2', name: 'b', input: {} },
      ],
    ],
    [
      'finish_reason stop after a tool call',
      [chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'bash', arguments: '' } }] }, 'stop')],
      [{ type: 'tool_use', id: 'c1', name: 'bash', input: {} }],
    ],
  ])('tolerates %s', async (_name, chunks, content) => {
    const { p } = provider([{ body: stream(...chunks) }]);
    const { message, error } = await collect(p.stream(request));
    expect(error).toBeUndefined();
    expect(message?.content).toEqual(content);
    expect(message?.stopReason).toBe('tool_use');
  });

  it('uses the same synthesized id in tool_use_start and the final message', async () => {
    const { p } = provider([
      {
        body: stream({
          choices: [
            {
              delta: { tool_calls: [{ function: { name: 'bash', arguments: '{}' } }] },
              finish_reason: 'tool_calls',
            },
          ],
        }),
      },
    ]);
    const { events, message } = await collect(p.stream(request));
    const start = events.find((e) => e.type === 'tool_use_start');
    const block = message?.content[0];
    expect(start?.type === 'tool_use_start' && start.id).toBe(block?.type === 'tool_use' && block.id);
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['stop', 'end_turn'],
  ])('maps finish_reason %s to %s', async (finish, stop) => {
    const { p } = provider([{ body: stream(chunk({ content: 'x' }, finish)) }]);
    const { message } = await collect(p.stream(request));
    expect(message?.stopReason).toBe(stop);
  });

  it('reports a tool call cut by length as incompleteToolUse', async () => {
    const { p } = provider([
      {
        body: stream(
          chunk(
            {
              tool_calls: [
                { index: 0, id: 'c', function: { name: 'write_file', arguments: '{"content":"ab' } },
              ],
            },
            'length',
          ),
        ),
      },
    ]);
    const { message } = await collect(p.stream(request));
    expect(message?.stopReason).toBe('max_tokens');
    expect(message?.content).toEqual([]);
    expect(message?.incompleteToolUse).toMatchObject({
      id: 'c',
      name: 'write_file',
      partialJson: '{"content":"ab',
    });
  });

  it('fails with invalid_response on broken arguments when not cut by length', async () => {
    const { p } = provider([
      {
        body: stream(
          chunk(
            { tool_calls: [{ index: 0, id: 'c', function: { name: 'bash', arguments: '{"comm' } }] },
            'tool_calls',
          ),
        ),
      },
    ]);
    const { error } = await collect(p.stream(request));
    expect(error?.kind).toBe('invalid_response');
  });

  it('fails with invalid_response on malformed SSE data', async () => {
    const { p } = provider([{ body: ['data: {oops\n\n'] }]);
    const { error } = await collect(p.stream(request));
    expect(error?.kind).toBe('invalid_response');
  });

  it('retries a 503 and maps context_length_exceeded', async () => {
    const { p, fetch } = provider([
      { status: 503, body: JSON.stringify({ error: { message: 'loading model', type: 'server_error' } }) },
      {
        status: 400,
        body: JSON.stringify({
          error: {
            message: "This model's maximum context length is 8192 tokens",
            code: 'context_length_exceeded',
          },
        }),
      },
    ]);
    const { events, error } = await collect(p.stream(request));
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
    expect(error?.kind).toBe('context_too_long');
    expect(fetch.requests).toHaveLength(2);
  });

  it('names OPENAI_API_KEY on a 401 without a key, and sends the key as Bearer when given', async () => {
    const { p } = provider([
      {
        status: 401,
        body: JSON.stringify({
          error: { message: 'no key', type: 'invalid_request_error', code: 'invalid_api_key' },
        }),
      },
    ]);
    const { error } = await collect(p.stream(request));
    expect(error?.kind).toBe('auth');
    expect(error?.hint).toContain('OPENAI_API_KEY');
    const keyed = provider([{ body: stream(chunk({ content: 'x' }, 'stop')) }], { apiKey: 'sk-test-123456' });
    await collect(keyed.p.stream(request));
    expect(keyed.fetch.requests[0]?.headers.authorization).toBe('Bearer sk-test-123456');
  });

  it('treats a stream without finish_reason as cut', async () => {
    const { p } = provider([{ body: [dataOnly(chunk({ content: 'half' }))] }]);
    const { error } = await collect(p.stream(request));
    expect(error?.kind).toBe('stream_interrupted');
  });

  it('translates tools, tool results, images and system without loss', async () => {
    const { p, fetch } = provider([{ body: stream(chunk({ content: 'ok' }, 'stop')) }]);
    await collect(
      p.stream({
        model: 'o3',
        maxTokens: 50,
        system: 'be brief',
        tools: [
          {
            name: 'bash',
            description: 'Run',
            input_schema: { type: 'object', properties: { command: { type: 'string' } } },
          },
        ],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'QUJD' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hm', signature: 's' },
              { type: 'text', text: 'running' },
              { type: 'tool_use', id: 't1', name: 'bash', input: { command: 'ls' } },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 't1',
                content: [
                  { type: 'text', text: 'a.png' },
                  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'WFla' } },
                ],
              },
              { type: 'text', text: 'next' },
            ],
          },
        ],
      }),
    );
    const body = fetch.requests[0]?.body ?? {};
    expect(body.max_completion_tokens).toBe(50);
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'bash',
          description: 'Run',
          parameters: { type: 'object', properties: { command: { type: 'string' } } },
        },
      },
    ]);
    expect(body.messages).toEqual([
      { role: 'system', content: 'be brief' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,QUJD' } },
        ],
      },
      {
        role: 'assistant',
        content: 'running',
        tool_calls: [
          { id: 't1', type: 'function', function: { name: 'bash', arguments: '{"command":"ls"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 't1', content: 'a.png' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Image output of tool call t1:' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,WFla' } },
        ],
      },
      { role: 'user', content: 'next' },
    ]);
  });
});
