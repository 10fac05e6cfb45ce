import type { ApiError } from './api-error.js';
import type { ConversationView } from './conversation/view.js';
import { type FaultTracker, faultKey } from './fault-tracker.js';
import { type PlannedReply, planReply } from './reply-plan.js';
import { type SelectedReply, selectReply } from './reply-selection.js';
import type { RouteContext } from './route-context.js';
import type { ChunkSize } from './scenarios/step.js';
import type { StreamFault } from './sse-writer.js';

export interface ReplySettings {
  textChunkSize: ChunkSize;
  toolInputChunkSize: ChunkSize;
}

export interface PrepareContext {
  rawBody: string;
  faults: FaultTracker;
  inputTokens: number;
  settings: ReplySettings;
  /** `toolu_mock` for Anthropic, `call_mock` for OpenAI. */
  toolIdPrefix: string;
  /** The request enabled extended thinking (Anthropic only). */
  thinkingEnabled?: boolean;
}

export type PreparedReply =
  | { kind: 'error'; error: ApiError; selection?: SelectedReply }
  | { kind: 'reset'; selection: SelectedReply }
  | { kind: 'reply'; selection: SelectedReply; reply: PlannedReply; streamFault?: StreamFault };

function retryHeaders(fault: { retryAfterSeconds?: number; retryAfterMs?: number }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  return headers;
}

/** Selects the step, applies its fault if this attempt should fail, and plans the reply. Shared by both APIs. */
export function prepareReply(conversation: ConversationView, context: PrepareContext): PreparedReply {
  const selection = selectReply(conversation);
  if (!selection.ok) {
    return {
      kind: 'error',
      error: { status: 400, type: 'invalid_request_error', message: selection.problem },
    };
  }
  const { step } = selection;
  const fault = step.fault;
  const failing =
    fault !== undefined &&
    context.faults.recordAttempt(
      faultKey(selection.scenario, selection.stepIndex, context.rawBody),
      fault.failAttempts,
    );
  if (failing && fault.kind === 'http_error') {
    const error: ApiError = {
      status: fault.status,
      type: fault.errorType,
      message:
        fault.message ??
        `Mock ${fault.errorType} (scenario ${selection.scenario}, step ${selection.stepIndex}).`,
      headers: retryHeaders(fault),
    };
    return { kind: 'error', error, selection };
  }
  const reply = planReply(step, {
    inputTokens: context.inputTokens,
    messageCount: conversation.messages.length,
    textChunkSize: context.settings.textChunkSize,
    toolInputChunkSize: context.settings.toolInputChunkSize,
    toolIdPrefix: context.toolIdPrefix,
    ...(context.thinkingEnabled ? { thinkingEnabled: true } : {}),
  });
  if (failing && fault.kind === 'connection_reset') return { kind: 'reset', selection };
  const streamFault =
    failing && fault.kind !== 'http_error' && fault.kind !== 'connection_reset' ? fault : undefined;
  return { kind: 'reply', selection, reply, ...(streamFault ? { streamFault } : {}) };
}

/** The `connection_reset` fault: the socket closes before the status line, so no byte of a response exists. */
export function resetConnection(context: RouteContext): void {
  context.response.socket?.destroy();
}
