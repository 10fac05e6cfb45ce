import { formatCost } from '@claw/commands';
import type { LoadedSession, SessionSummary } from '@claw/runtime';
import { formatTable, formatTimestamp, oneLine } from './table.js';

/** `claw sessions list`: one row per session, newest first (the store already sorts). */
export function renderSessionList(sessions: readonly SessionSummary[]): string {
  if (sessions.length === 0) return 'No sessions in this workspace yet.\n';
  const rows = [
    ['ID', 'UPDATED', 'MSGS', 'COST', 'TITLE'],
    ...sessions.map((s) => [
      s.id,
      formatTimestamp(s.updatedAt),
      String(s.messageCount),
      formatCost(s.costUsd),
      `${s.locked ? '(in use) ' : ''}${oneLine(s.title ?? s.firstPrompt ?? '', 50)}`,
    ]),
  ];
  return `${formatTable(rows)}\n`;
}

type LoadedMessage = LoadedSession['messages'][number];

/** A message in one line: its first text, or the tools it calls / answers. */
export function messagePreview(message: LoadedMessage): string {
  const parts: string[] = [];
  for (const block of message.content) {
    if (block.type === 'text' && block.text.trim()) parts.push(block.text);
    else if (block.type === 'tool_use') parts.push(`[tool ${block.name}]`);
    else if (block.type === 'tool_result') parts.push(`[result${block.is_error ? ' (error)' : ''}]`);
    else if (block.type === 'thinking') parts.push('[thinking]');
  }
  return oneLine(parts.join(' '), 90);
}

/** `claw sessions show ID`: header lines then the transcript, one line per message. */
export function renderSessionSummary(id: string, path: string, loaded: LoadedSession): string {
  const u = loaded.usageTotals;
  const header = formatTable([
    ['Session', id],
    ['Title', loaded.title ?? loaded.firstPrompt ?? '(none)'],
    ['File', path],
    ['Created', loaded.meta?.createdAt ?? 'unknown'],
    ['Model', loaded.meta?.model ?? 'unknown'],
    ['Workspace', loaded.meta?.cwd ?? 'unknown'],
    [
      'Messages',
      `${loaded.totalMessageCount}${loaded.compactions > 0 ? ` (${loaded.compactions} compaction(s))` : ''}`,
    ],
    [
      'Tokens',
      `${u.input_tokens} in, ${u.output_tokens} out, ${u.cache_read_input_tokens} cache read, ${u.cache_creation_input_tokens} cache write`,
    ],
    ['Cost', formatCost(loaded.costTotal)],
    ...(loaded.meta?.forkedFrom ? [['Forked from', loaded.meta.forkedFrom]] : []),
  ]);
  const transcript = loaded.messages.map(
    (m) => `  ${m.role === 'user' ? 'user     ' : 'assistant'}  ${messagePreview(m)}`,
  );
  const warnings = loaded.warnings.map((w) => `warning: ${w}`);
  return `${[header, '', 'Transcript:', ...(transcript.length > 0 ? transcript : ['  (empty)']), ...warnings].join('\n')}\n`;
}
