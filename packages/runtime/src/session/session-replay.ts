import { emptyUsage, type Message, type Usage } from '@claw/api-client';
import { historyAfterCompaction } from '../compaction/compact.js';
import type { MetaEvent, SessionEvent, Todo } from './session-events.js';
import { pairingWarning, repairToolPairing } from './tool-pairing.js';

/** A session's state rebuilt from its events. */
export interface LoadedSession {
  meta?: MetaEvent;
  /** The conversation to send next: after a compaction, its summary message then the messages it kept. */
  messages: Message[];
  usageTotals: Usage;
  /**
   * Sum of the `costUsd` of usage events; undefined as soon as one request used a model without a price
   * (a partial sum would understate the cost), as the live usage meter does.
   */
  costTotal: number | undefined;
  /** Model requests recorded (one usage event each). */
  requestCount: number;
  /**
   * Input tokens (fresh + cache) of the last model request since the last compaction: how full the context
   * window was when the session stopped, so auto-compaction can act before a resumed run's first request.
   */
  contextTokens: number;
  todos: Todo[];
  title?: string;
  /** The first user text of the session, for listings. */
  firstPrompt?: string;
  /** Every message ever recorded, compacted or not. */
  totalMessageCount: number;
  compactions: number;
  eventCount: number;
  lastTs?: string;
  warnings: string[];
}

function firstText(message: Message): string | undefined {
  for (const block of message.content) {
    if (block.type === 'text' && block.text.trim()) return block.text.trim();
  }
  return undefined;
}

/**
 * Folds events into state. Pure. A compaction line replaces the first `replacedCount` messages before it
 * with the summary message; messages after it append as usual.
 */
export function replaySessionEvents(events: readonly SessionEvent[], warnings: string[] = []): LoadedSession {
  let messages: Message[] = [];
  const usageTotals = emptyUsage();
  const state: LoadedSession = {
    messages,
    usageTotals,
    costTotal: 0,
    contextTokens: 0,
    requestCount: 0,
    todos: [],
    totalMessageCount: 0,
    compactions: 0,
    eventCount: events.length,
    warnings,
  };
  for (const event of events) {
    if ('ts' in event && typeof event.ts === 'string') state.lastTs = event.ts;
    switch (event.type) {
      case 'meta':
        state.meta ??= event;
        break;
      case 'message':
        messages.push(event.message);
        state.totalMessageCount++;
        if (state.firstPrompt === undefined && event.message.role === 'user') {
          const text = firstText(event.message);
          if (text !== undefined) state.firstPrompt = text;
        }
        break;
      case 'usage':
        usageTotals.input_tokens += event.usage.input_tokens ?? 0;
        usageTotals.output_tokens += event.usage.output_tokens ?? 0;
        usageTotals.cache_creation_input_tokens += event.usage.cache_creation_input_tokens ?? 0;
        usageTotals.cache_read_input_tokens += event.usage.cache_read_input_tokens ?? 0;
        state.requestCount++;
        state.costTotal =
          state.costTotal === undefined || typeof event.costUsd !== 'number'
            ? undefined
            : state.costTotal + event.costUsd;
        state.contextTokens =
          (event.usage.input_tokens ?? 0) +
          (event.usage.cache_creation_input_tokens ?? 0) +
          (event.usage.cache_read_input_tokens ?? 0);
        break;
      case 'compaction':
        if (event.replacedCount > messages.length) {
          warnings.push(
            `compaction replaces ${event.replacedCount} messages but only ${messages.length} precede it`,
          );
        }
        messages = historyAfterCompaction(event.summary, messages.slice(event.replacedCount));
        state.compactions++;
        // The summary request's own usage line precedes this one; the compacted context is small again.
        state.contextTokens = 0;
        break;
      case 'todos':
        state.todos = event.todos;
        break;
      case 'title':
        state.title = event.title;
        break;
      case 'permission':
      case 'error':
        break;
    }
  }
  const repair = repairToolPairing(messages);
  const warning = pairingWarning(repair);
  if (warning) warnings.push(warning);
  state.messages = repair.messages;
  return state;
}
