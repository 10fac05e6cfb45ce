import { arrayField, isObject, type JsonObject, stringField, stringList } from './json-shapes.js';
import type { ConversationView, MessageView, ToolResultView } from './view.js';

/** Text of a string or an array of content blocks (only `text` blocks count). */
function blockTexts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((block) =>
    isObject(block) && block.type === 'text' && typeof block.text === 'string' ? [block.text] : [],
  );
}

function toolResultOf(block: JsonObject): ToolResultView {
  return {
    toolUseId: stringField(block, 'tool_use_id') ?? '',
    content: blockTexts(block.content).join('\n'),
    isError: block.is_error === true,
  };
}

function messageOf(raw: unknown): MessageView | undefined {
  if (!isObject(raw) || (raw.role !== 'user' && raw.role !== 'assistant')) return undefined;
  const blocks = Array.isArray(raw.content) ? raw.content.filter(isObject) : [];
  return {
    role: raw.role,
    texts: blockTexts(raw.content),
    toolResults: blocks.filter((block) => block.type === 'tool_result').map(toolResultOf),
    toolCalls: blocks
      .filter((block) => block.type === 'tool_use')
      .map((block) => ({ id: stringField(block, 'id') ?? '', name: stringField(block, 'name') ?? '' })),
  };
}

/** Reads a `POST /v1/messages` body (already checked to be an object with a `messages` array). */
export function conversationFromAnthropicRequest(body: JsonObject): ConversationView {
  return {
    model: stringField(body, 'model') ?? '',
    system: blockTexts(body.system).join('\n'),
    messages: arrayField(body, 'messages').flatMap((raw) => messageOf(raw) ?? []),
    stopSequences: stringList(body.stop_sequences),
  };
}
