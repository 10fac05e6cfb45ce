import type { ContentBlock, Message } from '@claw/api-client';
import type { Session } from './session.js';
import type { LoadedSession } from './session-replay.js';

export type SessionExportFormat = 'markdown' | 'json';

function fence(text: string, lang = ''): string {
  // A fence longer than any backtick run inside, so the content cannot close it.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

function blockToMarkdown(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'thinking':
      return `<details><summary>thinking</summary>\n\n${block.thinking}\n\n</details>`;
    case 'redacted_thinking':
      return '_(redacted thinking)_';
    case 'image':
      return `_(image, ${block.source.media_type})_`;
    case 'tool_use':
      return `**Tool call** \`${block.name}\`\n\n${fence(JSON.stringify(block.input, null, 2), 'json')}`;
    case 'tool_result': {
      const text =
        typeof block.content === 'string'
          ? block.content
          : block.content
              .map((b) => (b.type === 'text' ? b.text : `(image, ${b.source.media_type})`))
              .join('\n');
      return `**Tool result**${block.is_error ? ' (error)' : ''}\n\n${fence(text)}`;
    }
  }
}

function messageToMarkdown(message: Message): string {
  const heading = message.role === 'user' ? '## User' : '## Assistant';
  return `${heading}\n\n${message.content.map(blockToMarkdown).join('\n\n')}`;
}

/** Renders a loaded session as Markdown (the conversation as it stands, compaction summary included). Pure. */
export function renderSessionMarkdown(id: string, loaded: LoadedSession): string {
  const lines = [`# ${loaded.title ?? `Session ${id}`}`, ''];
  if (loaded.meta) {
    lines.push(
      `- id: \`${id}\``,
      `- created: ${loaded.meta.createdAt}`,
      `- model: ${loaded.meta.model}`,
      `- cwd: \`${loaded.meta.cwd}\``,
    );
    if (loaded.meta.forkedFrom) lines.push(`- forked from: \`${loaded.meta.forkedFrom}\``);
  }
  const u = loaded.usageTotals;
  lines.push(
    `- tokens: ${u.input_tokens} in, ${u.output_tokens} out, ${u.cache_read_input_tokens} cache read, ${u.cache_creation_input_tokens} cache write`,
    `- cost: ${loaded.costTotal === undefined ? 'unknown (a model without a known price was used)' : `$${loaded.costTotal.toFixed(4)}`}`,
    '',
  );
  for (const message of loaded.messages) lines.push(messageToMarkdown(message), '');
  if (loaded.todos.length > 0) {
    lines.push('## Todos', '');
    for (const todo of loaded.todos)
      lines.push(`- [${todo.status === 'completed' ? 'x' : ' '}] ${todo.content}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The JSON export: stable keys, the conversation as the model would see it next. Pure. */
export function renderSessionJson(id: string, loaded: LoadedSession): string {
  return `${JSON.stringify(
    {
      id,
      meta: loaded.meta ?? null,
      title: loaded.title ?? null,
      messages: loaded.messages,
      usage: loaded.usageTotals,
      costUsd: loaded.costTotal ?? null,
      todos: loaded.todos,
      warnings: loaded.warnings,
    },
    null,
    2,
  )}\n`;
}

export async function exportSession(session: Session, format: SessionExportFormat): Promise<string> {
  const loaded = await session.load();
  return format === 'markdown'
    ? renderSessionMarkdown(session.id, loaded)
    : renderSessionJson(session.id, loaded);
}
