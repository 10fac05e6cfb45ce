import type Anthropic from '@anthropic-ai/sdk';
import type { ContentBlock, Message, ModelRequest, TextBlock } from '../types.js';

const EPHEMERAL = { type: 'ephemeral' } as const;

/** The API accepts at most four cache_control breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

type ImageMediaType = Anthropic.Base64ImageSource['media_type'];

function toBlockParam(block: ContentBlock, cache: boolean): Anthropic.ContentBlockParam {
  const cacheControl = cache ? { cache_control: EPHEMERAL } : {};
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text, ...cacheControl };
    case 'image':
      return {
        type: 'image',
        source: {
          type: 'base64',
          media_type: block.source.media_type as ImageMediaType,
          data: block.source.data,
        },
        ...cacheControl,
      };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input, ...cacheControl };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: block.tool_use_id,
        content:
          typeof block.content === 'string'
            ? block.content
            : block.content.map(
                (part) => toBlockParam(part, false) as Anthropic.TextBlockParam | Anthropic.ImageBlockParam,
              ),
        ...(block.is_error ? { is_error: true } : {}),
        ...cacheControl,
      };
    // Thinking blocks go back byte for byte with their signatures; the API verifies them.
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
  }
}

function canCarryCache(block: ContentBlock): boolean {
  return block.type !== 'thinking' && block.type !== 'redacted_thinking';
}

/** Indexes of the user messages that get a breakpoint: the latest `count` with a cacheable block. */
function userBreakpoints(messages: Message[], count: number): Set<number> {
  const picked = new Set<number>();
  for (let i = messages.length - 1; i >= 0 && picked.size < count; i--) {
    const message = messages[i];
    if (message?.role === 'user' && message.content.some(canCarryCache)) picked.add(i);
  }
  return picked;
}

/**
 * Blocks the API would refuse and that carry nothing: blank text (the model itself sometimes streams an empty or
 * whitespace-only text block before a tool call; the API rejects it coming back) and thinking from other
 * providers, which has no signature to verify and is only context.
 */
function isSendable(block: ContentBlock): boolean {
  if (block.type === 'text') return block.text.trim() !== '';
  if (block.type === 'thinking') return Boolean(block.signature);
  return true;
}

/** Undefined for an assistant message left with nothing to send: the API refuses empty content. */
function toMessageParam(message: Message, cacheLast: boolean): Anthropic.MessageParam | undefined {
  const sendable = message.content.filter(isSendable);
  // A user message is what was asked; it goes as it is, even blank, rather than vanish.
  const blocks = message.role === 'user' && sendable.length === 0 ? message.content : sendable;
  if (blocks.length === 0) return undefined;
  let cacheAt = -1;
  if (cacheLast) {
    for (let i = blocks.length - 1; i >= 0; i--) {
      const block = blocks[i];
      if (block && canCarryCache(block)) {
        cacheAt = i;
        break;
      }
    }
  }
  return { role: message.role, content: blocks.map((block, i) => toBlockParam(block, i === cacheAt)) };
}

function systemParam(system: string | TextBlock[], cache: boolean): Anthropic.TextBlockParam[] {
  const blocks = typeof system === 'string' ? [{ type: 'text' as const, text: system }] : system;
  return blocks.map((block, i) => ({
    type: 'text',
    text: block.text,
    ...(cache && i === blocks.length - 1 ? { cache_control: EPHEMERAL } : {}),
  }));
}

/**
 * Builds the Messages API body. With caching on, breakpoints go where the prefix is stable between turns:
 * the last tool (the tool list rarely changes), the end of the system prompt, and the latest user turns, so
 * the next request reads everything before them from cache. Caller-set cache_control is replaced, keeping
 * the total within the API's limit of four.
 */
export function buildAnthropicParams(
  request: ModelRequest,
  options: { promptCaching: boolean },
): Anthropic.MessageCreateParamsStreaming {
  const caching = options.promptCaching;
  const system =
    request.system &&
    (typeof request.system === 'string' ? request.system.length > 0 : request.system.length > 0);
  const tools = request.tools ?? [];
  let budget = caching ? MAX_CACHE_BREAKPOINTS : 0;
  const cacheTools = budget > 0 && tools.length > 0;
  if (cacheTools) budget--;
  const cacheSystem = budget > 0 && Boolean(system);
  if (cacheSystem) budget--;
  const cachedUsers = userBreakpoints(request.messages, Math.min(budget, 2));

  const params: Anthropic.MessageCreateParamsStreaming = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: request.messages.flatMap((message, i) => toMessageParam(message, cachedUsers.has(i)) ?? []),
    stream: true,
  };
  if (request.system && system) params.system = systemParam(request.system, cacheSystem);
  if (tools.length > 0) {
    params.tools = tools.map((tool, i) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.input_schema as Anthropic.Tool.InputSchema,
      ...(cacheTools && i === tools.length - 1 ? { cache_control: EPHEMERAL } : {}),
    }));
  }
  if (request.stopSequences?.length) params.stop_sequences = request.stopSequences;
  if (request.thinkingBudgetTokens !== undefined && request.thinkingBudgetTokens > 0) {
    params.thinking = { type: 'enabled', budget_tokens: request.thinkingBudgetTokens };
  }
  // `temperature` is deliberately not sent: the current Messages API (SDK 1.x) no longer accepts it.
  return params;
}
