import { splitIntoChunks } from '../chunking.js';
import type { PlannedBlock, PlannedReply } from '../reply-plan.js';
import type { SseEvent } from '../sse-event.js';

export interface MessageIdentity {
  id: string;
  model: string;
}

function finalBlock(block: PlannedBlock): Record<string, unknown> {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  }
}

/** The complete message, as the non-streaming `POST /v1/messages` returns it. */
export function anthropicMessage(reply: PlannedReply, identity: MessageIdentity): Record<string, unknown> {
  return {
    id: identity.id,
    type: 'message',
    role: 'assistant',
    model: identity.model,
    content: reply.blocks.map(finalBlock),
    stop_reason: reply.stopReason,
    stop_sequence: reply.stopSequence,
    usage: { ...reply.usage },
  };
}

function startBlock(block: PlannedBlock): Record<string, unknown> {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'text':
      return { type: 'text', text: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

function blockDeltas(block: PlannedBlock, reply: PlannedReply): Record<string, unknown>[] {
  switch (block.type) {
    case 'thinking':
      return [
        ...splitIntoChunks(block.thinking, reply.textChunkSizes).map((thinking) => ({
          type: 'thinking_delta',
          thinking,
        })),
        { type: 'signature_delta', signature: block.signature },
      ];
    case 'text':
      return splitIntoChunks(block.text, reply.textChunkSizes).map((text) => ({ type: 'text_delta', text }));
    case 'tool_use':
      return splitIntoChunks(block.streamedJson, reply.toolInputChunkSizes).map((partial_json) => ({
        type: 'input_json_delta',
        partial_json,
      }));
  }
}

/**
 * The event sequence of a streamed reply: message_start, ping, per block start / deltas / stop,
 * message_delta (stop reason and final usage), message_stop.
 */
export function anthropicStreamEvents(reply: PlannedReply, identity: MessageIdentity): SseEvent[] {
  const event = (name: string, data: Record<string, unknown>, isContentDelta = false): SseEvent => ({
    event: name,
    data: { type: name, ...data },
    isContentDelta,
  });
  const startUsage = { ...reply.usage, output_tokens: Math.min(1, reply.usage.output_tokens) };
  const message = {
    ...anthropicMessage(reply, identity),
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  const events: SseEvent[] = [
    event('message_start', { message: { ...message, usage: startUsage } }),
    event('ping', {}),
  ];
  reply.blocks.forEach((block, index) => {
    events.push(event('content_block_start', { index, content_block: startBlock(block) }));
    for (const delta of blockDeltas(block, reply))
      events.push(event('content_block_delta', { index, delta }, true));
    events.push(event('content_block_stop', { index }));
  });
  events.push(
    event('message_delta', {
      delta: { stop_reason: reply.stopReason, stop_sequence: reply.stopSequence },
      usage: { ...reply.usage },
    }),
    event('message_stop', {}),
  );
  return events;
}
