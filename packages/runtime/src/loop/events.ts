import type { AssistantMessage, Message, StreamEvent, Usage } from '@claw/api-client';
import type { ToolResult } from '@claw/tools';

export interface PermissionDenial {
  tool_name: string;
  tool_use_id: string;
  tool_input: unknown;
}

/**
 * Everything a front end shows comes out of this stream. The REPL, print mode, stream-json and tests all
 * consume the same events; none of them runs a loop of its own.
 */
export type AgentEvent =
  | { type: 'turn_start'; turn: number }
  | { type: 'text_delta'; text: string }
  /**
   * Every event of the model's stream as the provider sent it (message start, block starts, deltas of text,
   * thinking and tool input, block and message stops), for front ends that show partial messages. A stream
   * retried after a drop starts again with `message_start`.
   */
  | { type: 'stream_event'; event: StreamEvent }
  | { type: 'thinking_delta'; text: string }
  | { type: 'retry'; attempt: number; maxAttempts: number; delayMs: number; reason: string }
  | { type: 'assistant_message'; message: AssistantMessage }
  | { type: 'tool_start'; toolUseId: string; name: string; input: unknown; summary: string }
  | { type: 'tool_end'; toolUseId: string; name: string; result: ToolResult; durationMs: number }
  | { type: 'user_message'; message: Message }
  | { type: 'permission_denied'; denial: PermissionDenial; reason: string }
  | {
      type: 'usage';
      turn: Usage;
      total: Usage;
      turnCostUsd: number | undefined;
      totalCostUsd: number | undefined;
    }
  | { type: 'warning'; message: string }
  /**
   * An event of a sub-agent the Task tool runs, tagged with that Task call's `tool_use` id (stream-json
   * prints the child's messages with it as `parent_tool_use_id`, as Claude Code does). Not recorded in the
   * parent's session: the Task result stands for the child there.
   */
  | { type: 'subagent_event'; parentToolUseId: string; agent: string; event: AgentEvent }
  | { type: 'compaction'; summary: string; replacedCount: number; trigger: 'auto' | 'manual' };

export type AgentResultSubtype = 'success' | 'error_max_turns' | 'error_during_execution';

export interface AgentResult {
  subtype: AgentResultSubtype;
  /** Final assistant text (the last assistant message's text blocks). */
  text: string;
  numTurns: number;
  durationApiMs: number;
  usage: Usage;
  totalCostUsd: number | undefined;
  permissionDenials: PermissionDenial[];
  /** Set when subtype is error_during_execution. */
  error?: { kind: string; message: string; hint?: string };
}
