import { describe, expect, it } from 'vitest';
import { createAnthropicProvider, type ModelRequest } from '../src/index.js';
import { textReply } from './helpers/anthropic-events.js';
import { collect, instantRetries } from './helpers/collect.js';
import { scriptedFetch } from './helpers/fake-fetch.js';

type Body = Record<string, unknown>;

async function send(request: ModelRequest, options: Parameters<typeof createAnthropicProvider>[0] = {}) {
  const fetch = scriptedFetch([{ body: textReply('ok') }]);
  const provider = createAnthropicProvider({
    apiKey: 'sk-ant-api03-k',
    baseURL: 'http://mock.test',
    fetch,
    env: {},
    ...instantRetries(),
    ...options,
  });
  const result = await collect(provider.stream(request));
  expect(result.error).toBeUndefined();
  const sent = fetch.requests[0];
  if (!sent) throw new Error('no request');
  return sent;
}

function cacheMarks(body: Body): string[] {
  const marks: string[] = [];
  (body.tools as Body[] | undefined)?.forEach((tool, i) => {
    if (tool.cache_control) marks.push(`tool:${i}`);
  });
  (body.system as Body[] | undefined)?.forEach((block, i) => {
    if (block.cache_control) marks.push(`system:${i}`);
  });
  (body.messages as Array<{ content: Body[] }>).forEach((message, m) => {
    message.content.forEach((block, b) => {
      if (block.cache_control) marks.push(`message:${m}:${b}`);
    });
  });
  return marks;
}

const conversation: ModelRequest = {
  model: 'claude-sonnet-5-5',
  maxTokens: 512,
  system: 'You are claw.',
  tools: [
    {
      name: 'read_file',
      description: 'Read',
      input_schema: { type: 'object', properties: { path: { type: 'string' } } },
    },
    {
      name: 'bash',
      description: 'Run',
      input_schema: { type: 'object', properties: { command: { type: 'string' } } },
    },
  ],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'first', cache_control: { type: 'ephemeral' } }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'bash', input: { command: 'ls' } }] },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't1', content: 'a\nb' },
        { type: 'text', text: 'and?' },
      ],
    },
    { role: 'assistant', content: [{ type: 'text', text: 'two files' }] },
    { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
  ],
};

describe('anthropic provider: request shape', () => {
  it('places cache breakpoints on the last tool, the system prompt and the two latest user turns', async () => {
    const sent = await send(conversation);
    expect(cacheMarks(sent.body)).toEqual(['tool:1', 'system:0', 'message:2:1', 'message:4:0']);
    expect(cacheMarks(sent.body).length).toBeLessThanOrEqual(4);
  });

  it('sends no breakpoints when prompt caching is off', async () => {
    const sent = await send(conversation, { promptCaching: false });
    expect(cacheMarks(sent.body)).toEqual([]);
  });

  it('uses the spare breakpoints on user turns when there are no tools or system prompt', async () => {
    const { tools: _tools, system: _system, ...bare } = conversation;
    const sent = await send(bare);
    expect(cacheMarks(sent.body)).toEqual(['message:2:1', 'message:4:0']);
  });

  it('sends API keys as x-api-key and never as a bearer token', async () => {
    const sent = await send(conversation, { apiKey: 'sk-ant-api03-secret' });
    expect(sent.headers['x-api-key']).toBe('sk-ant-api03-secret');
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('sends auth tokens as Authorization: Bearer and no x-api-key', async () => {
    const sent = await send(conversation, { apiKey: undefined, authToken: 'sk-ant-oat01-token' });
    expect(sent.headers.authorization).toBe('Bearer sk-ant-oat01-token');
    expect(sent.headers['x-api-key']).toBeUndefined();
  });

  it('sends no credential at all when none is configured (and reads no env)', async () => {
    const sent = await send(conversation, { apiKey: undefined });
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers['x-api-key']).toBeUndefined();
  });

  it('joins betas into one anthropic-beta header and keeps default headers', async () => {
    const sent = await send(conversation, {
      betas: ['context-1m-2025-08-07', 'interleaved-thinking-2025-05-14'],
      defaultHeaders: { 'x-claw-session': 's1' },
    });
    expect(sent.headers['anthropic-beta']).toBe('context-1m-2025-08-07,interleaved-thinking-2025-05-14');
    expect(sent.headers['x-claw-session']).toBe('s1');
    expect(sent.headers['x-stainless-retry-count']).toBe('0');
  });

  it('translates system, tools, stop sequences and images', async () => {
    const sent = await send({
      model: 'claude-haiku-4-5',
      maxTokens: 64,
      system: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
      stopSequences: ['END'],
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA' } }],
        },
      ],
    });
    expect(sent.body.model).toBe('claude-haiku-4-5');
    expect(sent.body.max_tokens).toBe(64);
    expect(sent.body.stop_sequences).toEqual(['END']);
    expect(sent.body.system).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b', cache_control: { type: 'ephemeral' } },
    ]);
    expect((sent.body.messages as Array<{ content: Body[] }>)[0]?.content[0]?.source).toEqual({
      type: 'base64',
      media_type: 'image/png',
      data: 'AAA',
    });
  });

  it('drops thinking blocks without a signature (from other providers)', async () => {
    const sent = await send({
      model: 'claude-sonnet-5-5',
      maxTokens: 64,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'local reasoning', signature: '' },
            { type: 'text', text: 'a' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'q2' }] },
      ],
    });
    expect((sent.body.messages as Array<{ content: Body[] }>)[1]?.content).toEqual([
      { type: 'text', text: 'a' },
    ]);
  });
  const question = { role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] };
  const followUp = { role: 'user' as const, content: [{ type: 'text' as const, text: 'q2' }] };
  const readCall = { type: 'tool_use' as const, id: 't1', name: 'Read', input: { file_path: 'a' } };
  const readResult = {
    role: 'user' as const,
    content: [{ type: 'tool_result' as const, tool_use_id: 't1', content: 'x' }],
  };

  // The API answers each of these with 400 ("text content blocks must be non-empty", "... must contain
  // non-whitespace text", "all messages must have non-empty content ..."): one row per way claw could send them.
  it.each([
    [
      'an empty text block the model streamed before a tool call',
      [
        question,
        { role: 'assistant' as const, content: [{ type: 'text' as const, text: '' }, readCall] },
        readResult,
      ],
      [question, { role: 'assistant', content: [readCall] }, readResult],
    ],
    [
      'a whitespace-only text block before a tool call',
      [
        question,
        { role: 'assistant' as const, content: [{ type: 'text' as const, text: '\n\n' }, readCall] },
        readResult,
      ],
      [question, { role: 'assistant', content: [readCall] }, readResult],
    ],
    [
      'an assistant message with only blank text',
      [question, { role: 'assistant' as const, content: [{ type: 'text' as const, text: ' ' }] }, followUp],
      [question, followUp],
    ],
    [
      'an assistant message with only unsigned thinking',
      [
        question,
        {
          role: 'assistant' as const,
          content: [{ type: 'thinking' as const, thinking: 'local', signature: '' }],
        },
        followUp,
      ],
      [question, followUp],
    ],
  ])('never sends %s', async (_case, messages, expected) => {
    const sent = await send(
      { model: 'claude-sonnet-5-5', maxTokens: 64, messages },
      { promptCaching: false },
    );
    expect(sent.body.messages).toEqual(expected);
  });
});
