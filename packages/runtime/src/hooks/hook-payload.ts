import type { PermissionMode } from '../permissions/index.js';
import type { HookEventName } from './hook-config.js';

/**
 * Event-specific fields of the JSON a hook reads on stdin, with Claude Code's names, per event so callers get
 * the right fields checked. The runner adds `session_id`, `transcript_path`, `cwd`, `permission_mode` and
 * `hook_event_name`.
 */
export interface HookPayloadByEvent {
  PreToolUse: { tool_name: string; tool_input: unknown; tool_use_id?: string };
  PostToolUse: { tool_name: string; tool_input: unknown; tool_response: unknown; tool_use_id?: string };
  UserPromptSubmit: { prompt: string };
  Stop: { stop_hook_active: boolean; last_assistant_message?: string };
  SubagentStop: { stop_hook_active: boolean; last_assistant_message?: string };
  SessionStart: { source: SessionStartSource };
  SessionEnd: { reason: SessionEndReason };
  PreCompact: { trigger: 'manual' | 'auto'; custom_instructions: string };
  Notification: { message: string; notification_type?: string };
}

/** Why a session (re)starts, with Claude Code's names. */
export type SessionStartSource = 'startup' | 'resume' | 'clear' | 'compact';
/** Why a session ends, with Claude Code's names (`other`: print mode finished, claw was stopped by a signal). */
export type SessionEndReason = 'clear' | 'logout' | 'prompt_input_exit' | 'other';

/** Claude Code's name for claw's permission mode (SPEC §5), sent as `permission_mode` in every payload. */
export function claudeCodePermissionMode(
  mode: PermissionMode,
): 'plan' | 'acceptEdits' | 'bypassPermissions' | 'default' {
  switch (mode) {
    case 'read-only':
      return 'plan';
    case 'workspace-write':
      return 'acceptEdits';
    case 'danger-full-access':
      return 'bypassPermissions';
    case 'prompt':
      return 'default';
  }
}

/** Any event's fields. */
export type HookPayload = HookPayloadByEvent[HookEventName];

/** The value a group's `matcher` is tested against for each event; undefined: the matcher is ignored. */
export function matchSubject(event: HookEventName, payload: Record<string, unknown>): string | undefined {
  switch (event) {
    case 'PreToolUse':
    case 'PostToolUse':
      return typeof payload.tool_name === 'string' ? payload.tool_name : '';
    case 'PreCompact':
      return typeof payload.trigger === 'string' ? payload.trigger : undefined;
    case 'SessionStart':
      return typeof payload.source === 'string' ? payload.source : undefined;
    case 'SessionEnd':
      return typeof payload.reason === 'string' ? payload.reason : undefined;
    case 'Notification':
      return typeof payload.notification_type === 'string' ? payload.notification_type : undefined;
    case 'UserPromptSubmit':
    case 'Stop':
    case 'SubagentStop':
      return undefined;
  }
}
