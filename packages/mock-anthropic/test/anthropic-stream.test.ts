import { describe, expect, it } from 'vitest';
import { DEFAULT_REPLY_TEXT } from '../src/index.js';
import { assembleMessage, streamMessages, useMockServer, userMessage, type WireJson } from './helpers.js';

const server = useMockServer();

function eventTypes(events: WireJson[]): string[] {
  return events.map((event) =>
    event.type === 'content_block_delta' ? `delta:${event.delta.type}` : event.type,
  );
}

describe('POST /v1/messages with stream: true', () => {
  it('streams a text reply with the exact framing, event order and shapes', async () => {
    const { response, events } = await streamMessages(server(), [
      userMessage('PARITY_SCENARIO:streaming_text'),
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('request-id')).toMatch(/^req_mock_/);

    const types = eventTypes(events);
    expect(types.slice(0, 3)).toEqual(['message_start', 'ping', 'content_block_start']);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(types.filter((type) => type === 'delta:text_delta').length).toBeGreaterThan(3);

    const start = events[0]!;
    expect(start.message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [],
      stop_reason: null,
      stop_sequence: null,
    });
    expect(start.message.id).toMatch(/^msg_mock_/);
    expect(Object.keys(start.message.usage).sort()).toEqual([
      'cache_creation_input_tokens',
      'cache_read_input_tokens',
      'input_tokens',
      'output_tokens',
    ]);
    expect(events[2]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });

    const message = assembleMessage(events);
    expect(message.content[0].text).toBe(
      'Mock streaming says hello. This reply arrives in several text deltas, in order.',
    );
    expect(message.stop_reason).toBe('end_turn');
    expect(events.at(-2)).toMatchObject({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
    });
  });

  it('frames every event as "event: NAME\\ndata: JSON\\n\\n"', async () => {
    const response = await fetch(`${server().url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', max_tokens: 10, stream: true, messages: [userMessage('hi')] }),
    });
    const body = await response.text();
    expect(body).toMatch(/^(event: [a-z_]+\ndata: \{[^\n]*\}\n\n)+$/);
  });

  it('answers a message without a token with the default text', async () => {
    const { events } = await streamMessages(server(), [userMessage('hello there')]);
    const message = assembleMessage(events);
    expect(message.content).toEqual([{ type: 'text', text: DEFAULT_REPLY_TEXT }]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('streams tool input JSON in 1–3 character chunks that reassemble to the input', async () => {
    const { events } = await streamMessages(server(), [userMessage('PARITY_SCENARIO:grep_chunk_assembly')]);
    const pieces = events
      .filter((event) => event.type === 'content_block_delta')
      .map((event) => event.delta.partial_json as string);
    expect(pieces.length).toBeGreaterThan(20);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(3);
    expect(new Set(pieces.map((piece) => piece.length))).toEqual(new Set([1, 2, 3]));

    const message = assembleMessage(events);
    expect(message.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'grep_search',
      input: { pattern: 'parity', path: '.', output_mode: 'content' },
    });
    expect(message.content[0].id).toMatch(/^toolu_mock_/);
    expect(events.find((event) => event.type === 'content_block_start')!.content_block.input).toEqual({});
    expect(message.stop_reason).toBe('tool_use');
  });

  it('honours the server toolInputChunkSize option', async () => {
    const { events } = await streamMessages(server(), [userMessage('PARITY_SCENARIO:read_file_roundtrip')]);
    const pieces = events
      .filter((event) => event.type === 'content_block_delta' && event.delta.type === 'input_json_delta')
      .map((event) => event.delta.partial_json as string);
    expect(pieces.join('')).toBe('{"path":"fixture.txt"}');
    expect(pieces[0]).toHaveLength(16);
  });

  it('streams thinking deltas then a signature_delta, then the text block', async () => {
    const { events } = await streamMessages(server(), [userMessage('PARITY_SCENARIO:thinking_text')]);
    const types = eventTypes(events);
    const signatureAt = types.indexOf('delta:signature_delta');
    expect(types.indexOf('delta:thinking_delta')).toBeLessThan(signatureAt);
    expect(types[signatureAt + 1]).toBe('content_block_stop');
    expect(events[2]!.content_block).toEqual({ type: 'thinking', thinking: '', signature: '' });

    const message = assembleMessage(events);
    expect(message.content).toEqual([
      {
        type: 'thinking',
        thinking: 'The user wants a short greeting. One sentence is enough.',
        signature: 'mock-signature-thinking-text',
      },
      { type: 'text', text: 'Hello after thinking.' },
    ]);
  });

  it('puts several tool_use blocks in one message with distinct ids', async () => {
    const { events } = await streamMessages(server(), [userMessage('PARITY_SCENARIO:parallel_reads')]);
    const message = assembleMessage(events);
    expect(message.content.map((block: WireJson) => block.input.path)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(new Set(message.content.map((block: WireJson) => block.id)).size).toBe(3);
  });

  it('cuts a tool call mid-JSON with stop_reason max_tokens', async () => {
    const { events } = await streamMessages(server(), [userMessage('PARITY_SCENARIO:max_tokens_tool_cut')]);
    const message = assembleMessage(events);
    const tool = message.content[1];
    expect(tool.type).toBe('tool_use');
    expect(tool.partial_json).toHaveLength(40);
    expect(() => JSON.parse(tool.partial_json)).toThrow();
    expect(message.stop_reason).toBe('max_tokens');
  });

  it('reports the request stop sequence', async () => {
    const { events } = await streamMessages(server(), [userMessage('PARITY_SCENARIO:stop_sequence')], {
      stop_sequences: ['STOP!'],
    });
    expect(events.at(-2)!.delta).toEqual({ stop_reason: 'stop_sequence', stop_sequence: 'STOP!' });
  });

  it.each([
    ['refusal', 'refusal'],
    ['pause_turn', 'pause_turn'],
    ['max_tokens_text', 'max_tokens'],
  ])('scenario %s stops with %s', async (scenario, stopReason) => {
    const { events } = await streamMessages(server(), [userMessage(`PARITY_SCENARIO:${scenario}`)]);
    expect(assembleMessage(events).stop_reason).toBe(stopReason);
  });

  it('reports usage in message_start and final usage in message_delta', async () => {
    const { events } = await streamMessages(server(), [userMessage('PARITY_SCENARIO:token_cost_reporting')]);
    expect(events[0]!.message.usage).toEqual({
      input_tokens: 1200,
      cache_creation_input_tokens: 2048,
      cache_read_input_tokens: 4096,
      output_tokens: 1,
    });
    expect(events.at(-2)!.usage).toEqual({
      input_tokens: 1200,
      cache_creation_input_tokens: 2048,
      cache_read_input_tokens: 4096,
      output_tokens: 340,
    });
  });

  it('paces slow_stream events by MOCK_DELAY_MS', async () => {
    const started = Date.now();
    const { events } = await streamMessages(server(), [
      userMessage('PARITY_SCENARIO:slow_stream MOCK_DELAY_MS:5'),
    ]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(5 * (events.length - 1) - 5);
    expect(assembleMessage(events).content[0].text).toContain('A slow stream');
  });
});
