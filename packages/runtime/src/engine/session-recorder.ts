import type { createToolSessionState } from '@claw/tools';
import type { AgentEvent } from '../loop/events.js';
import type { Session } from '../session/index.js';
import type { Todo } from './types.js';

/**
 * Wraps a prompt's event sink so the events that change session state reach the session file too: the todo
 * list after a TodoWrite that changed it, and each permission denial with its reason.
 */
export function recordingEmitter(
  session: Session,
  toolState: ReturnType<typeof createToolSessionState>,
  onEvent: (event: AgentEvent) => void,
): (event: AgentEvent) => void {
  const todosBefore = JSON.stringify(toolState.todos ?? []);
  return (event) => {
    if (event.type === 'tool_end' && event.name === 'TodoWrite') {
      const now = JSON.stringify(toolState.todos ?? []);
      if (now !== todosBefore)
        session.append({
          type: 'todos',
          todos: (toolState.todos ?? []).map((t) => ({ ...t, status: t.status as Todo['status'] })),
        });
    }
    if (event.type === 'permission_denied') {
      session.append({
        type: 'permission',
        toolName: event.denial.tool_name,
        decision: 'deny',
        reason: event.reason,
        toolUseId: event.denial.tool_use_id,
      });
    }
    onEvent(event);
  };
}
