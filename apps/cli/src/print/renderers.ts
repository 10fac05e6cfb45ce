import type { AgentEvent } from '@claw/runtime';
import { createPartialMessageWriter } from './partial-messages.js';

export interface PrintRenderer {
  onEvent(event: AgentEvent): void;
}

/**
 * stream-json: one line per message, Claude Code compatible; with `includePartialMessages`, also one
 * `stream_event` line per event of the model's stream.
 */
export function createStreamJsonRenderer(
  sessionId: string,
  write: (line: string) => void,
  options: { includePartialMessages?: boolean } = {},
): PrintRenderer {
  const partial = options.includePartialMessages ? createPartialMessageWriter(sessionId, write) : undefined;
  /** An assistant or user message line; a sub-agent's names the Task call it runs for. */
  const writeMessage = (event: AgentEvent, parentToolUseId: string | null): void => {
    if (event.type === 'assistant_message') {
      const m = event.message;
      write(
        JSON.stringify({
          type: 'assistant',
          message: {
            id: m.id,
            type: 'message',
            role: 'assistant',
            model: m.model,
            content: m.content,
            stop_reason: m.stopReason,
            stop_sequence: m.stopSequence ?? null,
            usage: m.usage,
          },
          parent_tool_use_id: parentToolUseId,
          session_id: sessionId,
        }),
      );
    } else if (event.type === 'user_message') {
      write(
        JSON.stringify({
          type: 'user',
          message: { role: 'user', content: event.message.content },
          parent_tool_use_id: parentToolUseId,
          session_id: sessionId,
        }),
      );
    }
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'stream_event':
          partial?.(event.event);
          break;
        case 'assistant_message':
        case 'user_message':
          writeMessage(event, null);
          break;
        case 'subagent_event':
          writeMessage(event.event, event.parentToolUseId);
          break;
        case 'retry':
          write(
            JSON.stringify({
              type: 'system',
              subtype: 'api_retry',
              attempt: event.attempt,
              max_retries: event.maxAttempts,
              retry_delay_ms: event.delayMs,
              error: event.reason,
              session_id: sessionId,
            }),
          );
          break;
        case 'compaction':
          write(
            JSON.stringify({
              type: 'system',
              subtype: 'compact_boundary',
              session_id: sessionId,
              compact_metadata: { trigger: event.trigger, replaced_messages: event.replacedCount },
            }),
          );
          break;
        case 'warning':
          write(
            JSON.stringify({
              type: 'system',
              subtype: 'warning',
              message: event.message,
              session_id: sessionId,
            }),
          );
          break;
        default:
          break;
      }
    },
  };
}

/**
 * text: the reply on stdout. When stdout is a terminal it streams as it arrives; otherwise only the final
 * text is printed, so scripts get exactly the answer. Progress goes to stderr only when stderr is a TTY.
 */
export function createTextRenderer(options: {
  streamToStdout: boolean;
  progressToStderr: boolean;
  verbose: boolean;
}): PrintRenderer & { streamed: boolean } {
  const state = { streamed: false, atLineStart: true };
  return {
    get streamed() {
      return state.streamed;
    },
    onEvent(event) {
      switch (event.type) {
        case 'text_delta':
          if (options.streamToStdout) {
            process.stdout.write(event.text);
            state.streamed = true;
            state.atLineStart = event.text.endsWith('\n');
          }
          break;
        case 'tool_start':
          if (options.streamToStdout && !state.atLineStart) {
            process.stdout.write('\n');
            state.atLineStart = true;
          }
          if (options.progressToStderr) process.stderr.write(`  ⏺ ${event.summary}\n`);
          break;
        case 'tool_end':
          if (options.progressToStderr && event.result.isError) {
            const text = typeof event.result.content === 'string' ? event.result.content : '(error)';
            process.stderr.write(`    ⎿ ${text.split('\n')[0]}\n`);
          }
          break;
        case 'retry':
          process.stderr.write(`${event.reason}\n`);
          break;
        case 'warning':
          process.stderr.write(`warning: ${event.message}\n`);
          break;
        case 'permission_denied':
          if (options.progressToStderr || options.verbose)
            process.stderr.write(`  denied: ${event.reason}\n`);
          break;
        default:
          break;
      }
    },
  };
}
