import { arrayField, isObject, type JsonObject, stringField, stringList } from './json-shapes.js';
import type { ConversationView, MessageView } from './view.js';

/** Text of a string or an array of content parts (only `text` parts count). */
function partTexts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) =>
    isObject(part) && part.type === 'text' && typeof part.text === 'string' ? [part.text] : [],
  );
}

function toolCallsOf(raw: JsonObject): MessageView['toolCalls'] {
  return arrayField(raw, 'tool_calls')
    .filter(isObject)
    .map((call) => ({
      id: stringField(call, 'id') ?? '',
      name: isObject(call.function) ? (stringField(call.function, 'name') ?? '') : '',
    }));
}

/**
 * Reads a `POST /v1/chat/completions` body. System messages join the system text; each `tool` message
 * becomes a tool-result-only user message, merged with an immediately preceding one, as Anthropic carries
 * parallel results in one user message.
 */
export function conversationFromOpenAiRequest(body: JsonObject): ConversationView {
  const systemTexts: string[] = [];
  const messages: MessageView[] = [];
  for (const raw of arrayField(body, 'messages')) {
    if (!isObject(raw)) continue;
    if (raw.role === 'system' || raw.role === 'developer') {
      systemTexts.push(...partTexts(raw.content));
    } else if (raw.role === 'user' || raw.role === 'assistant') {
      const toolCalls = raw.role === 'assistant' ? toolCallsOf(raw) : [];
      messages.push({ role: raw.role, texts: partTexts(raw.content), toolResults: [], toolCalls });
    } else if (raw.role === 'tool') {
      const result = {
        toolUseId: stringField(raw, 'tool_call_id') ?? '',
        content: partTexts(raw.content).join('\n'),
        isError: false,
      };
      const previous = messages.at(-1);
      if (previous && previous.role === 'user' && previous.texts.length === 0)
        previous.toolResults.push(result);
      else messages.push({ role: 'user', texts: [], toolResults: [result], toolCalls: [] });
    }
  }
  return {
    model: stringField(body, 'model') ?? '',
    system: systemTexts.join('\n'),
    messages,
    stopSequences: stringList(body.stop),
  };
}
