import type { Message, ToolResultBlock, ToolUseBlock } from '@claw/api-client';

const INTERRUPTED =
  'Not run to completion: claw stopped (a crash, a kill or an interrupt) before this tool call finished. ' +
  'Its effects, if any, are unknown; check them before retrying.';

/**
 * A session that died mid tool round ends with an assistant message whose tool calls have no results. The API
 * rejects such a history, so the next user message must answer each call first; these are those answers.
 */
export function answerInterruptedToolUses(history: readonly Message[]): ToolResultBlock[] {
  const last = history.at(-1);
  if (last?.role !== 'assistant') return [];
  return last.content
    .filter((block): block is ToolUseBlock => block.type === 'tool_use')
    .map((block) => ({ type: 'tool_result', tool_use_id: block.id, content: INTERRUPTED, is_error: true }));
}
