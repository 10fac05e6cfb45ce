/** A tool result the client sent back, flattened to text. */
export interface ToolResultView {
  toolUseId: string;
  content: string;
  isError: boolean;
}

/** A tool call the model made earlier in the conversation. */
export interface ToolCallView {
  id: string;
  name: string;
}

/**
 * One message, provider-neutral. OpenAI `tool` messages become `user` messages holding only tool results,
 * which is how the Anthropic API carries them, so scenario selection treats both providers alike.
 */
export interface MessageView {
  role: 'user' | 'assistant';
  /** Text content only (text blocks, string content, text parts). */
  texts: string[];
  toolResults: ToolResultView[];
  toolCalls: ToolCallView[];
}

/** The parts of a request the scenarios look at. */
export interface ConversationView {
  model: string;
  system: string;
  messages: MessageView[];
  /** `stop_sequences` (Anthropic) or `stop` (OpenAI). */
  stopSequences: string[];
}

export function joinedText(message: MessageView): string {
  return message.texts.join('\n');
}

/** The tool results of the most recent user message that has any. */
export function latestToolResults(conversation: ConversationView): ToolResultView[] {
  for (let index = conversation.messages.length - 1; index >= 0; index--) {
    const message = conversation.messages[index];
    if (message && message.toolResults.length > 0) return message.toolResults;
  }
  return [];
}
