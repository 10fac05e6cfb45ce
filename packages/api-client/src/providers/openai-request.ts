import type {
  ChatCompletionContentPart,
  ChatCompletionContentPartImage,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ImageBlock, Message, ModelRequest, TextBlock, ToolResultBlock } from '../types.js';

function imagePart(block: ImageBlock): ChatCompletionContentPartImage {
  return {
    type: 'image_url',
    image_url: { url: `data:${block.source.media_type};base64,${block.source.data}` },
  };
}

function textOf(blocks: TextBlock[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}

/** Plain strings when there are no images: several local servers only accept string content. */
function userContent(parts: ChatCompletionContentPart[]): string | ChatCompletionContentPart[] {
  if (parts.every((part) => part.type === 'text')) {
    return parts.map((part) => (part.type === 'text' ? part.text : '')).join('\n\n');
  }
  return parts;
}

/**
 * Chat Completions answers tool calls with one `role: 'tool'` message each, and tool messages carry text
 * only; images a tool returned follow in a user message that names the call, so none are dropped.
 */
function toolResultMessages(block: ToolResultBlock): ChatCompletionMessageParam[] {
  const parts =
    typeof block.content === 'string' ? [{ type: 'text' as const, text: block.content }] : block.content;
  const text = textOf(parts.filter((part): part is TextBlock => part.type === 'text'));
  const images = parts.filter((part): part is ImageBlock => part.type === 'image');
  const out: ChatCompletionMessageParam[] = [
    { role: 'tool', tool_call_id: block.tool_use_id, content: block.is_error ? `Error: ${text}` : text },
  ];
  if (images.length > 0) {
    out.push({
      role: 'user',
      content: [
        { type: 'text', text: `Image output of tool call ${block.tool_use_id}:` },
        ...images.map(imagePart),
      ],
    });
  }
  return out;
}

function userMessages(message: Message): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  const parts: ChatCompletionContentPart[] = [];
  // Tool results answer the previous assistant message, so they must come before the user's new content.
  for (const block of message.content) {
    if (block.type === 'tool_result') out.push(...toolResultMessages(block));
    else if (block.type === 'text') parts.push({ type: 'text', text: block.text });
    else if (block.type === 'image') parts.push(imagePart(block));
  }
  if (parts.length > 0) out.push({ role: 'user', content: userContent(parts) });
  return out;
}

function assistantMessage(message: Message): ChatCompletionMessageParam | undefined {
  const text = textOf(message.content.filter((block): block is TextBlock => block.type === 'text'));
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  // Thinking blocks have no Chat Completions form; the model does not need them back.
  if (!text && toolCalls.length === 0) return undefined;
  return {
    role: 'assistant',
    content: text || null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

/** OpenAI's reasoning models reject `max_tokens` and want `max_completion_tokens`. */
function usesMaxCompletionTokens(model: string): boolean {
  return /^(openai\/)?(o\d|gpt-5)/i.test(model);
}

export function buildOpenAIParams(
  request: ModelRequest,
  options: { includeUsage: boolean },
): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (request.system) {
    const system = typeof request.system === 'string' ? request.system : textOf(request.system);
    if (system) messages.push({ role: 'system', content: system });
  }
  for (const message of request.messages) {
    if (message.role === 'user') messages.push(...userMessages(message));
    else {
      const assistant = assistantMessage(message);
      if (assistant) messages.push(assistant);
    }
  }
  const params: ChatCompletionCreateParamsStreaming = { model: request.model, messages, stream: true };
  if (usesMaxCompletionTokens(request.model)) params.max_completion_tokens = request.maxTokens;
  else params.max_tokens = request.maxTokens;
  if (options.includeUsage) params.stream_options = { include_usage: true };
  if (request.tools?.length) {
    params.tools = request.tools.map(
      (tool): ChatCompletionTool => ({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.input_schema },
      }),
    );
  }
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.stopSequences?.length) params.stop = request.stopSequences;
  return params;
}
