import type { StreamEvent } from '@claw/api-client';

/**
 * `--include-partial-messages`: the model's stream as Claude Code's headless mode prints it, one
 * `{"type":"stream_event","event":{…}}` line per Messages API streaming event. claw's providers yield
 * provider-neutral events; this turns them back into the API's shapes, starting each text or thinking block
 * at its first delta (the neutral stream has no separate start for them).
 */
export function createPartialMessageWriter(
  sessionId: string,
  write: (line: string) => void,
): (event: StreamEvent) => void {
  const started = new Set<number>();
  const emit = (event: Record<string, unknown>) =>
    write(JSON.stringify({ type: 'stream_event', event, session_id: sessionId, parent_tool_use_id: null }));
  const startBlock = (index: number, contentBlock: Record<string, unknown>) => {
    if (started.has(index)) return;
    started.add(index);
    emit({ type: 'content_block_start', index, content_block: contentBlock });
  };
  return (event) => {
    switch (event.type) {
      case 'message_start':
        started.clear();
        emit({
          type: 'message_start',
          message: {
            id: event.id,
            type: 'message',
            role: 'assistant',
            model: event.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: event.usage,
          },
        });
        return;
      case 'text_delta':
        startBlock(event.index, { type: 'text', text: '' });
        emit({
          type: 'content_block_delta',
          index: event.index,
          delta: { type: 'text_delta', text: event.text },
        });
        return;
      case 'thinking_delta':
        startBlock(event.index, { type: 'thinking', thinking: '', signature: '' });
        emit({
          type: 'content_block_delta',
          index: event.index,
          delta: { type: 'thinking_delta', thinking: event.thinking },
        });
        return;
      case 'tool_use_start':
        startBlock(event.index, { type: 'tool_use', id: event.id, name: event.name, input: {} });
        return;
      case 'tool_input_delta':
        emit({
          type: 'content_block_delta',
          index: event.index,
          delta: { type: 'input_json_delta', partial_json: event.partialJson },
        });
        return;
      case 'block_stop':
        // A block that streamed no delta (an empty text block, a redacted thinking block) still starts first.
        startBlock(event.index, event.block as unknown as Record<string, unknown>);
        if (event.block.type === 'thinking' && event.block.signature) {
          emit({
            type: 'content_block_delta',
            index: event.index,
            delta: { type: 'signature_delta', signature: event.block.signature },
          });
        }
        emit({ type: 'content_block_stop', index: event.index });
        return;
      case 'message_stop': {
        const message = event.message;
        emit({
          type: 'message_delta',
          delta: { stop_reason: message.stopReason, stop_sequence: message.stopSequence ?? null },
          usage: message.usage,
        });
        emit({ type: 'message_stop' });
        return;
      }
      case 'retry':
        return;
    }
  };
}
