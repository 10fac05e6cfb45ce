import { describe, expect, it } from 'vitest';
import { createAnthropicProvider, type StopReason } from '../src/index.js';
import { messageEnd, messageStart, textBlock, textReply, toolBlock } from './helpers/anthropic-events.js';
import { collect, instantRetries, userRequest } from './helpers/collect.js';
import { scriptedFetch, sse } from './helpers/fake-fetch.js';

function provider(
  fetch: ReturnType<typeof scriptedFetch>,
  extra: Parameters<typeof createAnthropicProvider>[0] = {},
) {
  return createAnthropicProvider({
    apiKey: 'sk-ant-api03-test',
    baseURL: 'http://mock.test',
    fetch,
    env: {},
    ...instantRetries(),
    ...extra,
  });
}

describe('anthropic provider: streaming', () => {
  it('streams text deltas and ends with the assembled message', async () => {
    const fetch = scriptedFetch([
      {
        body: [messageStart(), ...textBlock(0, 'Hel', 'lo'), ...messageEnd('end_turn', { output_tokens: 7 })],
        headers: { 'request-id': 'req_42' },
      },
    ]);
    const { events, message } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'text_delta',
      'text_delta',
      'block_stop',
      'message_stop',
    ]);
    expect(message?.content).toEqual([{ type: 'text', text: 'Hello' }]);
    expect(message?.usage).toEqual({
      input_tokens: 10,
      output_tokens: 7,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    expect(message?.requestId).toBe('req_42');
    expect(fetch.requests[0]?.url).toBe('http://mock.test/v1/messages');
    expect(fetch.requests[0]?.body.stream).toBe(true);
  });

  it.each<[string, StopReason | null]>([
    ['end_turn', 'end_turn'],
    ['tool_use', 'tool_use'],
    ['max_tokens', 'max_tokens'],
    ['stop_sequence', 'stop_sequence'],
    ['refusal', 'refusal'],
    ['pause_turn', 'pause_turn'],
    ['model_context_window_exceeded', 'max_tokens'],
  ])('maps stop_reason %s', async (wire, expected) => {
    const fetch = scriptedFetch([
      {
        body: [
          messageStart(),
          ...textBlock(0, 'x'),
          ...messageEnd(wire, { output_tokens: 1 }, wire === 'stop_sequence' ? 'STOP' : null),
        ],
      },
    ]);
    const { message } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(message?.stopReason).toBe(expected);
    if (wire === 'stop_sequence') expect(message?.stopSequence).toBe('STOP');
  });

  it('assembles tool input JSON once, at content_block_stop', async () => {
    const fetch = scriptedFetch([
      {
        body: [
          messageStart(),
          ...textBlock(0, 'Reading.'),
          ...toolBlock(1, 'toolu_1', 'read_file', ['{"pa', 'th": "a.t', 'xt"}']),
          ...toolBlock(2, 'toolu_2', 'list', []),
          ...messageEnd('tool_use'),
        ],
      },
    ]);
    const { events, message } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(events.filter((e) => e.type === 'tool_input_delta')).toHaveLength(3);
    expect(events.find((e) => e.type === 'tool_use_start')).toEqual({
      type: 'tool_use_start',
      index: 1,
      id: 'toolu_1',
      name: 'read_file',
    });
    expect(message?.content).toEqual([
      { type: 'text', text: 'Reading.' },
      { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'a.txt' } },
      { type: 'tool_use', id: 'toolu_2', name: 'list', input: {} },
    ]);
    expect(message?.stopReason).toBe('tool_use');
  });

  it('fails with invalid_response when a finished tool call has broken JSON', async () => {
    const fetch = scriptedFetch([
      {
        body: [
          messageStart(),
          ...toolBlock(0, 'toolu_1', 'bash', ['{"command": ']),
          ...messageEnd('tool_use'),
        ],
      },
    ]);
    const { error } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(error?.kind).toBe('invalid_response');
    expect(error?.message).toContain("tool call 'bash'");
  });

  it('reports a tool call cut by max_tokens as incompleteToolUse instead of failing', async () => {
    const fetch = scriptedFetch([
      {
        body: [
          messageStart(),
          ...textBlock(0, 'Writing'),
          ...toolBlock(1, 'toolu_9', 'write_file', ['{"path": "a", "content": "lo']),
          ...messageEnd('max_tokens'),
        ],
      },
    ]);
    const { message, error } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(error).toBeUndefined();
    expect(message?.stopReason).toBe('max_tokens');
    expect(message?.content).toEqual([{ type: 'text', text: 'Writing' }]);
    expect(message?.incompleteToolUse).toEqual({
      index: 1,
      id: 'toolu_9',
      name: 'write_file',
      partialJson: '{"path": "a", "content": "lo',
    });
  });

  it('keeps thinking and redacted_thinking blocks with signatures and sends them back unchanged', async () => {
    const fetch = scriptedFetch([
      {
        body: [
          messageStart(),
          sse('content_block_start', {
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'thinking', thinking: '', signature: '' },
          }),
          sse('content_block_delta', {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'thinking_delta', thinking: 'Let me think' },
          }),
          sse('content_block_delta', {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'signature_delta', signature: 'sig==' },
          }),
          sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
          sse('content_block_start', {
            type: 'content_block_start',
            index: 1,
            content_block: { type: 'redacted_thinking', data: 'ENC' },
          }),
          sse('content_block_stop', { type: 'content_block_stop', index: 1 }),
          ...textBlock(2, 'Answer'),
          ...messageEnd('end_turn'),
        ],
      },
      { body: textReply('ok') },
    ]);
    const p = provider(fetch);
    const first = await collect(p.stream(userRequest('hi', { thinkingBudgetTokens: 2048 })));
    expect(first.events.some((e) => e.type === 'thinking_delta')).toBe(true);
    expect(first.message?.content.slice(0, 2)).toEqual([
      { type: 'thinking', thinking: 'Let me think', signature: 'sig==' },
      { type: 'redacted_thinking', data: 'ENC' },
    ]);
    expect(fetch.requests[0]?.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    const assistant = first.message;
    if (!assistant) throw new Error('no message');
    await collect(
      p.stream({
        model: 'claude-sonnet-5-5',
        maxTokens: 100,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
          { role: 'assistant', content: assistant.content },
          { role: 'user', content: [{ type: 'text', text: 'more' }] },
        ],
      }),
    );
    const sent = fetch.requests[1]?.body.messages as Array<{ content: unknown[] }>;
    expect(sent[1]?.content.slice(0, 2)).toEqual([
      { type: 'thinking', thinking: 'Let me think', signature: 'sig==' },
      { type: 'redacted_thinking', data: 'ENC' },
    ]);
  });

  it('reports cache read and write tokens from message_start and message_delta', async () => {
    const fetch = scriptedFetch([
      {
        body: [
          messageStart({ input_tokens: 3, cache_creation_input_tokens: 1200, cache_read_input_tokens: 5000 }),
          ...textBlock(0, 'x'),
          ...messageEnd('end_turn', { output_tokens: 42 }),
        ],
      },
    ]);
    const { message } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(message?.usage).toEqual({
      input_tokens: 3,
      output_tokens: 42,
      cache_creation_input_tokens: 1200,
      cache_read_input_tokens: 5000,
    });
  });

  it('fails with invalid_response on unparseable SSE data', async () => {
    const fetch = scriptedFetch([
      { body: [messageStart(), 'event: content_block_start\ndata: {not json\n\n'] },
    ]);
    const { error } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(error?.kind).toBe('invalid_response');
    expect(error?.retryable).toBe(false);
  });

  it('fails with invalid_response on a delta for a block that never started', async () => {
    const fetch = scriptedFetch([
      {
        body: [
          messageStart(),
          sse('content_block_delta', {
            type: 'content_block_delta',
            index: 3,
            delta: { type: 'text_delta', text: 'x' },
          }),
        ],
      },
    ]);
    const { error } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(error?.kind).toBe('invalid_response');
  });

  it('ignores ping events and unknown block types', async () => {
    const fetch = scriptedFetch([
      {
        body: [
          messageStart(),
          sse('ping', { type: 'ping' }),
          sse('content_block_start', {
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'server_tool_use', id: 's', name: 'web_search', input: {} },
          }),
          sse('content_block_delta', {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json: '{}' },
          }),
          sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
          ...textBlock(1, 'done'),
          ...messageEnd('end_turn'),
        ],
      },
    ]);
    const { message } = await collect(provider(fetch).stream(userRequest('hi')));
    expect(message?.content).toEqual([{ type: 'text', text: 'done' }]);
  });
});
