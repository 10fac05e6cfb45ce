import {
  ApiError,
  type AssistantMessage,
  fittingMaxTokens,
  type Message,
  type Provider,
  type StreamEvent,
  type ToolSpec,
  type ToolUseBlock,
  type Usage,
} from '@claw/api-client';
import type { AgentEvent, AgentResult, PermissionDenial } from './events.js';
import { finalText } from './final-text.js';
import { outputLimits } from './output-limits.js';
import { executeToolCalls, type ToolExecutionDeps } from './tool-executor.js';
import { TurnRetries, type TurnRetryOptions } from './turn-retry.js';
import type { UsageMeter } from './usage-meter.js';

export interface AgentLoopOptions {
  provider: Provider;
  model: string;
  maxOutputTokens: number;
  /** The model's known context window: max_tokens is reduced so estimated input + max_tokens fit it. */
  contextWindow?: number;
  /** Extended thinking budget (MAX_THINKING_TOKENS, `alwaysThinkingEnabled`); kept below max_tokens. */
  thinkingBudgetTokens?: number;
  /** Back-off for a turn redone after its stream broke part-way; defaults to the default retry policy. */
  turnRetry?: TurnRetryOptions;
  system: string;
  toolSpecs: ToolSpec[];
  toolDeps: Omit<ToolExecutionDeps, 'emit'>;
  /** Model calls allowed for this prompt; undefined = unlimited. */
  maxTurns?: number;
  costOf(model: string, usage: Usage): number | undefined;
  meter: UsageMeter;
  /** Persists every message as it is appended (the session); `interrupted` marks a reply cut short by an abort. */
  onMessage?(message: Message, meta?: { interrupted: true }): void;
  onUsage?(usage: Usage, costUsd: number | undefined, model: string): void;
  /** Called after each model reply and each tool round, before the next request: make them durable. */
  checkpoint?(): Promise<void>;
  /** Input tokens of the last request before this prompt (a resumed session's), for the first compaction check. */
  contextTokens?: number;
  /** Called before each model request; returns a replacement history when it compacted. */
  maybeCompact?(
    messages: Message[],
    lastInputTokens: number,
    signal: AbortSignal,
  ): Promise<Message[] | undefined>;
  emit(event: AgentEvent): void;
}

/** How often a reply cut off by max_tokens is continued before giving up. */
const MAX_CONTINUATIONS = 3;

const CUT_TOOL_NOTE =
  'Your last tool call was cut off at the output token limit and was not run. Retry it with a smaller input (for example write the file in several parts).';
const CONTINUE_NOTE = 'Your reply was cut off at the output token limit. Continue exactly where you stopped.';

/**
 * Counts text already shown for the current turn. When a dropped stream is retried as a whole turn, the
 * replayed prefix is not shown again.
 */
interface ShownText {
  /** Characters of this turn's text already emitted. */
  chars: number;
  /** Position in the current attempt's text stream. */
  position: number;
}

/** What the stream in flight has delivered, kept when an abort stops it before `message_stop`. */
interface PartialReply {
  text: string;
  /** From `message_start`: the input was processed (and billed) even if the reply never finishes. */
  usage?: Usage;
  model?: string;
}

async function streamOnce(
  options: AgentLoopOptions,
  messages: Message[],
  signal: AbortSignal,
  shown: ShownText,
  fitsServer: number | undefined,
  partial: PartialReply,
): Promise<AssistantMessage> {
  const request = {
    model: options.model,
    system: options.system,
    messages,
    tools: options.toolSpecs,
  };
  const limits = outputLimits({
    request,
    maxOutputTokens: options.maxOutputTokens,
    ...(options.contextWindow !== undefined ? { contextWindow: options.contextWindow } : {}),
    ...(options.thinkingBudgetTokens !== undefined
      ? { thinkingBudgetTokens: options.thinkingBudgetTokens }
      : {}),
    ...(fitsServer !== undefined ? { fitsServer } : {}),
  });
  const stream = options.provider.stream({ ...request, ...limits }, { signal });
  let final: AssistantMessage | undefined;
  for await (const event of stream as AsyncIterable<StreamEvent>) {
    if (event.type !== 'retry') options.emit({ type: 'stream_event', event });
    switch (event.type) {
      case 'text_delta': {
        partial.text += event.text;
        const start = shown.position;
        shown.position += event.text.length;
        const text = event.text.slice(Math.max(0, shown.chars - start));
        if (text) {
          shown.chars = shown.position;
          options.emit({ type: 'text_delta', text });
        }
        break;
      }
      case 'thinking_delta':
        options.emit({ type: 'thinking_delta', text: event.thinking });
        break;
      case 'retry':
        options.emit({
          type: 'retry',
          attempt: event.attempt,
          maxAttempts: event.maxAttempts,
          delayMs: event.delayMs,
          reason: event.reason,
        });
        break;
      case 'message_stop':
        final = event.message;
        break;
      case 'message_start':
        partial.usage = event.usage;
        partial.model = event.model;
        break;
      case 'tool_use_start':
      case 'tool_input_delta':
      case 'block_stop':
        break;
    }
  }
  if (!final) throw new ApiError('invalid_response', 'The model stream ended without a complete message.');
  return final;
}

/**
 * The agent loop: stream a reply, run the tools it asks for, send the results, repeat until the model ends
 * its turn, the turn budget runs out, or the user aborts. `messages` is mutated in place so the caller's
 * history always matches what was persisted, even when the loop stops half way.
 */
export async function runAgentLoop(
  messages: Message[],
  options: AgentLoopOptions,
  signal: AbortSignal,
): Promise<AgentResult> {
  const denials: PermissionDenial[] = [];
  const emit = (event: AgentEvent): void => {
    if (event.type === 'permission_denied') denials.push(event.denial);
    options.emit(event);
  };
  let turns = 0;
  let apiMs = 0;
  let continuations = 0;
  const turnRetries = new TurnRetries(options.turnRetry);
  /** A max_tokens the server said fits, for the one retry of a request it refused as too long. */
  let fitsServer: number | undefined;
  /**
   * The reply so far: one message, or several when max_tokens cut it and the model continued, so the final
   * text is the whole answer, not its last fragment.
   */
  let reply: AssistantMessage[] = [];
  let continuing = false;
  const shown: ShownText = { chars: 0, position: 0 };
  const result = (subtype: AgentResult['subtype'], error?: AgentResult['error']): AgentResult => ({
    subtype,
    text: reply.map((message) => finalText(message)).join(''),
    numTurns: turns,
    durationApiMs: Math.round(apiMs),
    usage: options.meter.usage,
    totalCostUsd: options.meter.costUsd,
    permissionDenials: denials,
    ...(error ? { error } : {}),
  });
  const append = (message: Message): void => {
    messages.push(message);
    options.onMessage?.(message);
  };

  let contextTokens = options.contextTokens ?? 0;
  /** The attempt in flight; reset for each request, cleared once its message is complete. */
  let partial: PartialReply = { text: '' };
  /**
   * An abort mid-stream keeps what the user saw as an assistant message (marked interrupted in the session),
   * so a resumed conversation knows it, and counts the request's input tokens, which were billed.
   */
  const keepInterruptedReply = (): void => {
    const { text, usage, model } = partial;
    partial = { text: '' };
    if (usage) {
      const name = model || options.model;
      const cost = options.costOf(name, usage);
      options.meter.add(usage, cost);
      options.onUsage?.(usage, cost, name);
    }
    if (!text) return;
    const message: Message = { role: 'assistant', content: [{ type: 'text', text }] };
    messages.push(message);
    options.onMessage?.(message, { interrupted: true });
  };

  try {
    for (;;) {
      if (options.maybeCompact && contextTokens > 0) {
        const compacted = await options.maybeCompact(messages, contextTokens, signal);
        if (compacted) {
          messages.splice(0, messages.length, ...compacted);
          contextTokens = 0;
        }
      }
      if (options.maxTurns !== undefined && turns >= options.maxTurns) {
        return result('error_max_turns', {
          kind: 'max_turns',
          message: `Reached the maximum number of turns (${options.maxTurns}).`,
          hint: 'Raise --max-turns or split the task.',
        });
      }
      turns += 1;
      if (!turnRetries.retrying || shown.position !== 0) {
        shown.chars = 0;
        shown.position = 0;
      }
      emit({ type: 'turn_start', turn: turns });
      const started = performance.now();
      let message: AssistantMessage;
      try {
        partial = { text: '' };
        message = await streamOnce({ ...options, emit }, messages, signal, shown, fitsServer, partial);
        partial = { text: '' };
      } catch (error) {
        apiMs += performance.now() - started;
        if (signal.aborted) {
          keepInterruptedReply();
          throw error;
        }
        const plan = turnRetries.plan(error);
        if (plan) {
          turns -= 1;
          shown.position = 0;
          emit({ type: 'retry', ...plan });
          await turnRetries.wait(plan, signal);
          continue;
        }
        // "input length and `max_tokens` exceed context limit: a + b > c": the numbers say what fits.
        const fits =
          error instanceof ApiError && fitsServer === undefined ? fittingMaxTokens(error) : undefined;
        if (fits !== undefined) {
          fitsServer = fits;
          turns -= 1;
          emit({
            type: 'warning',
            message: `The input left too little room for the reply; retrying with max_tokens ${fits}.`,
          });
          continue;
        }
        throw error;
      }
      apiMs += performance.now() - started;
      turnRetries.reset();
      fitsServer = undefined;
      reply = continuing ? [...reply, message] : [message];
      continuing = false;
      const cost = options.costOf(message.model || options.model, message.usage);
      options.meter.add(message.usage, cost);
      options.onUsage?.(message.usage, cost, message.model || options.model);
      emit({
        type: 'usage',
        turn: message.usage,
        total: options.meter.usage,
        turnCostUsd: cost,
        totalCostUsd: options.meter.costUsd,
      });

      // The provider already left a tool call cut off by max_tokens out of `content` (the API would reject it
      // unanswered) and reports it separately.
      const content = message.content;
      const cutToolUse = message.incompleteToolUse !== undefined;
      if (content.length > 0) append({ role: 'assistant', content });
      emit({ type: 'assistant_message', message });

      const toolUses = content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
      if (message.stopReason === 'refusal') {
        return result('error_during_execution', {
          kind: 'refusal',
          message: 'The model declined to answer this request (stop_reason refusal).',
          hint: 'Rephrase the request; a refusal is the model declining, not an error claw can retry.',
        });
      }
      if (toolUses.length > 0) {
        // On disk before any tool runs: after a crash, a resume knows which calls may have had effects.
        await options.checkpoint?.();
        const results = await executeToolCalls(toolUses, { ...options.toolDeps, emit }, signal);
        // A call cut off by max_tokens next to complete ones was never run: say so, or the model assumes it was.
        const userMessage: Message = {
          role: 'user',
          content: cutToolUse ? [...results, { type: 'text', text: CUT_TOOL_NOTE }] : results,
        };
        if (cutToolUse) {
          emit({
            type: 'warning',
            message: `The ${message.incompleteToolUse?.name ?? ''} call was cut off at the output token limit and not run; the model is told.`,
          });
        }
        append(userMessage);
        emit({ type: 'user_message', message: userMessage });
        if (signal.aborted) return result('error_during_execution', abortedError(signal.reason));
      } else if (message.stopReason === 'max_tokens') {
        if (continuations >= MAX_CONTINUATIONS) {
          return result('error_during_execution', {
            kind: 'max_tokens',
            message: 'The reply was cut off at the output token limit several times in a row.',
            hint: 'Ask for a shorter answer or raise the model output limit.',
          });
        }
        continuations += 1;
        const note = cutToolUse ? CUT_TOOL_NOTE : CONTINUE_NOTE;
        // The continuation completes the same answer; a retried tool call starts a new one.
        continuing = !cutToolUse;
        if (content.length === 0)
          append({ role: 'assistant', content: [{ type: 'text', text: '(cut off)' }] });
        append({ role: 'user', content: [{ type: 'text', text: note }] });
        emit({
          type: 'warning',
          message: 'The reply hit the output token limit; asking the model to continue.',
        });
      } else if (message.stopReason === 'pause_turn') {
        // The server paused a long-running turn; sending the conversation back lets it resume.
      } else {
        return result('success');
      }
      await options.checkpoint?.();
      contextTokens =
        message.usage.input_tokens +
        message.usage.cache_read_input_tokens +
        message.usage.cache_creation_input_tokens;
    }
  } catch (error) {
    if (signal.aborted) return result('error_during_execution', abortedError(signal.reason));
    if (error instanceof ApiError) {
      return result('error_during_execution', {
        kind: error.kind,
        message: error.message,
        ...(error.hint ? { hint: error.hint } : {}),
      });
    }
    throw error;
  }
}

/** A string abort reason (`controller.abort('stopped by SIGTERM')`) says who stopped the turn; else the user did. */
function abortedError(reason?: unknown): NonNullable<AgentResult['error']> {
  const why = typeof reason === 'string' && reason.length > 0 ? reason : 'Interrupted by the user';
  return {
    kind: 'aborted',
    message: `${why.charAt(0).toUpperCase()}${why.slice(1)}.`,
    hint: 'The session was kept; resume with --continue.',
  };
}
