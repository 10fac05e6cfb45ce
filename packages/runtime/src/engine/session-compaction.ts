import type { ClawProvider, Message, Usage } from '@claw/api-client';
import { compactConversation, shouldAutoCompact } from '../compaction/compact.js';
import type { AutoCompactConfig } from '../config/index.js';
import type { HookRunner } from '../hooks/index.js';
import type { AgentEvent } from '../loop/events.js';
import type { UsageMeter } from '../loop/usage-meter.js';
import type { Session } from '../session/index.js';

export interface CompactionDeps {
  provider: ClawProvider;
  model: string;
  hooks: HookRunner | undefined;
  session: Session;
  meter: UsageMeter;
  costOf(model: string, usage: Usage): number | undefined;
  emit(event: AgentEvent): void;
}

export interface RecordedCompaction {
  messages: Message[];
  summary: string;
  replacedCount: number;
}

/**
 * Compacts the history and records it in the session: the summary request's usage, a `compaction` line (the
 * replaced messages stay on disk above it), and the acknowledgement message a manual compaction adds, so a
 * resume rebuilds exactly the history the model continues with. A PreCompact hook may veto it.
 */
export async function compactAndRecord(
  deps: CompactionDeps,
  messages: Message[],
  instructions: string | undefined,
  trigger: 'auto' | 'manual',
  signal: AbortSignal,
): Promise<RecordedCompaction | undefined> {
  if (deps.hooks) {
    const outcome = await deps.hooks.run(
      'PreCompact',
      { trigger, custom_instructions: instructions ?? '' },
      signal,
    );
    if (outcome.blocked) {
      deps.emit({
        type: 'warning',
        message: `compaction skipped: a PreCompact hook blocked it (${outcome.blocked.reason})`,
      });
      return undefined;
    }
  }
  const result = await compactConversation({
    provider: deps.provider,
    model: deps.model,
    maxOutputTokens: deps.provider.modelInfo.maxOutputTokens,
    messages,
    ...(instructions ? { instructions } : {}),
    signal,
  });
  if (!result) return undefined;
  const model = result.model || deps.model;
  const cost = deps.costOf(model, result.usage);
  deps.meter.add(result.usage, cost);
  deps.session.append({
    type: 'usage',
    usage: result.usage,
    model,
    ...(cost !== undefined ? { costUsd: cost } : {}),
  });
  deps.session.append({
    type: 'compaction',
    summary: result.summary,
    replacedCount: result.replacedCount,
    trigger,
  });
  const acknowledgement = result.messages[1];
  if (
    result.messages.length === 2 &&
    acknowledgement?.role === 'assistant' &&
    result.replacedCount === messages.length
  ) {
    deps.session.append({ type: 'message', message: acknowledgement });
  }
  deps.emit({ type: 'compaction', summary: result.summary, replacedCount: result.replacedCount, trigger });
  return { messages: result.messages, summary: result.summary, replacedCount: result.replacedCount };
}

/**
 * Compacts when the last request's input came close to the window (settings `autoCompact`), recording it like
 * a manual one. Undefined when it was not due, or the summary could not be made.
 */
export async function autoCompactIfDue(
  deps: CompactionDeps,
  config: AutoCompactConfig,
  messages: Message[],
  lastInputTokens: number,
  signal: AbortSignal,
): Promise<RecordedCompaction | undefined> {
  if (!config.enabled) return undefined;
  const due = shouldAutoCompact({
    lastInputTokens,
    contextWindow: deps.provider.modelInfo.contextWindow,
    threshold: config.threshold,
    ...(config.tokens !== undefined ? { tokenLimit: config.tokens } : {}),
  });
  if (!due) return undefined;
  return compactAndRecord(deps, messages, undefined, 'auto', signal);
}
