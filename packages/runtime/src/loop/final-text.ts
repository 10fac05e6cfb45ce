import type { AssistantMessage, TextBlock } from '@claw/api-client';

/** The text of an assistant message, its text blocks joined. */
export function finalText(message: AssistantMessage | undefined): string {
  if (!message) return '';
  return message.content
    .filter((b): b is TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('');
}
