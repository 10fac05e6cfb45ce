import type { MessageView } from './types.js';

/** A Markdown transcript of the conversation for `/export`: text as-is, tool calls and results summarised. */
export function formatTranscript(messages: readonly MessageView[]): string {
  const parts: string[] = [];
  for (const message of messages) {
    const lines: string[] = [];
    for (const block of message.content) {
      if (block.type === 'text' && block.text) lines.push(block.text);
      else if (block.type === 'tool_use')
        lines.push(`> tool: ${block.name ?? '?'} ${JSON.stringify(block.input)}`);
      else if (block.type === 'tool_result') lines.push(`> result: ${firstLine(resultText(block.content))}`);
    }
    if (lines.length) parts.push(`## ${message.role}\n\n${lines.join('\n\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((c: unknown) =>
        typeof c === 'object' && c && 'text' in c ? String((c as { text: unknown }).text) : '',
      )
      .join('');
  }
  return '';
}

function firstLine(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return rest.length ? `${first} … (${rest.length} more lines)` : first;
}
