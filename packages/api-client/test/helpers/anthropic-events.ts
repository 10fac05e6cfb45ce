import { sse } from './fake-fetch.js';

export function messageStart(usage: Record<string, number> = {}): string {
  return sse('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        output_tokens: 1,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        ...usage,
      },
    },
  });
}

export function textBlock(index: number, ...pieces: string[]): string[] {
  return [
    sse('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'text', text: '' },
    }),
    ...pieces.map((text) =>
      sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }),
    ),
    sse('content_block_stop', { type: 'content_block_stop', index }),
  ];
}

export function toolBlock(
  index: number,
  id: string,
  name: string,
  jsonPieces: string[],
  stop = true,
): string[] {
  return [
    sse('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id, name, input: {} },
    }),
    ...jsonPieces.map((partial_json) =>
      sse('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json },
      }),
    ),
    ...(stop ? [sse('content_block_stop', { type: 'content_block_stop', index })] : []),
  ];
}

export function messageEnd(
  stopReason: string,
  usage: Record<string, number> = { output_tokens: 5 },
  stopSequence: string | null = null,
): string[] {
  return [
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: stopSequence },
      usage,
    }),
    sse('message_stop', { type: 'message_stop' }),
  ];
}

/** A complete text reply. */
export function textReply(text: string, stopReason = 'end_turn'): string[] {
  return [messageStart(), ...textBlock(0, text), ...messageEnd(stopReason)];
}

export function errorBody(type: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message } });
}
