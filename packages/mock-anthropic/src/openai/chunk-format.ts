import { splitIntoChunks } from '../chunking.js';
import type { PlannedBlock, PlannedReply } from '../reply-plan.js';
import type { OpenAiQuirk, StopReason } from '../scenarios/step.js';
import type { SseEvent } from '../sse-event.js';

export interface CompletionIdentity {
  id: string;
  model: string;
  created: number;
}

export interface CompletionShape {
  quirks: readonly OpenAiQuirk[];
  /** `stream_options.include_usage` was set. */
  includeUsage: boolean;
}

type ToolBlock = Extract<PlannedBlock, { type: 'tool_use' }>;

const FINISH_REASONS: Record<StopReason, string> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  stop_sequence: 'stop',
  refusal: 'content_filter',
  pause_turn: 'stop',
};

export function finishReason(stopReason: StopReason, quirks: readonly OpenAiQuirk[] = []): string {
  return quirks.includes('finish_stop') ? 'stop' : FINISH_REASONS[stopReason];
}

/** OpenAI counts cached prompt tokens inside `prompt_tokens`. */
export function openAiUsage(reply: PlannedReply): Record<string, unknown> {
  const { input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens } = reply.usage;
  const promptTokens = input_tokens + cache_creation_input_tokens + cache_read_input_tokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: output_tokens,
    total_tokens: promptTokens + output_tokens,
    prompt_tokens_details: { cached_tokens: cache_read_input_tokens },
  };
}

/** The JSON of a tool call's arguments: a string normally, an object with the `arguments_object` quirk. */
function argumentsValue(block: ToolBlock, quirks: readonly OpenAiQuirk[]): unknown {
  return quirks.includes('arguments_object') && block.complete ? block.input : block.streamedJson;
}

function toolCallHead(
  block: ToolBlock,
  index: number,
  quirks: readonly OpenAiQuirk[],
): Record<string, unknown> {
  const head: Record<string, unknown> = { index, type: 'function' };
  if (!quirks.includes('no_ids')) head.id = block.id;
  return head;
}

function textOf(reply: PlannedReply): string {
  return reply.blocks.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

function reasoningOf(reply: PlannedReply): string {
  return reply.blocks.map((block) => (block.type === 'thinking' ? block.thinking : '')).join('');
}

function toolBlocks(reply: PlannedReply): ToolBlock[] {
  return reply.blocks.filter((block): block is ToolBlock => block.type === 'tool_use');
}

/** The non-streaming `chat.completion` object. Thinking becomes `reasoning_content`, as vLLM and DeepSeek send it. */
export function chatCompletion(
  reply: PlannedReply,
  identity: CompletionIdentity,
  shape: CompletionShape,
): Record<string, unknown> {
  const text = textOf(reply);
  const reasoning = reasoningOf(reply);
  const tools = toolBlocks(reply);
  const message: Record<string, unknown> = { role: 'assistant', content: text === '' ? null : text };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (tools.length > 0) {
    message.tool_calls = tools.map((block, index) => {
      const { index: _index, ...head } = toolCallHead(block, index, shape.quirks);
      return { ...head, function: { name: block.name, arguments: argumentsValue(block, shape.quirks) } };
    });
  }
  const completion: Record<string, unknown> = {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: finishReason(reply.stopReason, shape.quirks) },
    ],
  };
  if (!shape.quirks.includes('no_usage')) completion.usage = openAiUsage(reply);
  return completion;
}

function toolCallDeltas(
  block: ToolBlock,
  index: number,
  reply: PlannedReply,
  quirks: readonly OpenAiQuirk[],
): Record<string, unknown>[] {
  const head = toolCallHead(block, index, quirks);
  const whole =
    quirks.includes('single_chunk') ||
    quirks.includes('whole_message') ||
    (quirks.includes('arguments_object') && block.complete);
  if (whole) return [{ ...head, function: { name: block.name, arguments: argumentsValue(block, quirks) } }];
  const pieces = splitIntoChunks(block.streamedJson, reply.toolInputChunkSizes);
  return [
    { ...head, function: { name: block.name, arguments: '' } },
    ...pieces.map((piece) => ({ index, function: { arguments: piece } })),
  ];
}

/** The `whole_message` quirk: the entire reply, finish_reason included, as one delta chunk. */
function wholeMessageEvent(
  reply: PlannedReply,
  chunk: (choices: unknown[]) => Record<string, unknown>,
  finish: string,
  quirks: readonly OpenAiQuirk[],
): SseEvent {
  const delta: Record<string, unknown> = { role: 'assistant', content: textOf(reply) };
  const reasoning = reasoningOf(reply);
  if (reasoning !== '') delta.reasoning_content = reasoning;
  const tools = toolBlocks(reply);
  if (tools.length > 0)
    delta.tool_calls = tools.flatMap((block, index) => toolCallDeltas(block, index, reply, quirks));
  return { data: chunk([{ index: 0, delta, logprobs: null, finish_reason: finish }]), isContentDelta: true };
}

/** The `data:` chunks of a streamed completion, ending with the finish chunk and (if asked) the usage chunk. */
export function chatCompletionChunks(
  reply: PlannedReply,
  identity: CompletionIdentity,
  shape: CompletionShape,
): SseEvent[] {
  const sendUsage = shape.includeUsage && !shape.quirks.includes('no_usage');
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    choices,
    ...(sendUsage ? { usage: null } : {}),
    ...extra,
  });
  const deltaEvent = (delta: Record<string, unknown>, isContentDelta = true): SseEvent => ({
    data: chunk([{ index: 0, delta, logprobs: null, finish_reason: null }]),
    isContentDelta,
  });

  const finish = finishReason(reply.stopReason, shape.quirks);
  const usageEvents: SseEvent[] = sendUsage
    ? [{ data: chunk([], { usage: openAiUsage(reply) }), isContentDelta: false }]
    : [];
  if (shape.quirks.includes('whole_message'))
    return [wholeMessageEvent(reply, chunk, finish, shape.quirks), ...usageEvents];

  const events: SseEvent[] = [deltaEvent({ role: 'assistant', content: '' }, false)];
  for (const piece of splitIntoChunks(reasoningOf(reply), reply.textChunkSizes)) {
    events.push(deltaEvent({ reasoning_content: piece }));
  }
  for (const piece of splitIntoChunks(textOf(reply), reply.textChunkSizes)) {
    events.push(deltaEvent({ content: piece }));
  }
  toolBlocks(reply).forEach((block, index) => {
    for (const call of toolCallDeltas(block, index, reply, shape.quirks))
      events.push(deltaEvent({ tool_calls: [call] }));
  });
  events.push({
    data: chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finish }]),
    isContentDelta: false,
  });
  return [...events, ...usageEvents];
}
