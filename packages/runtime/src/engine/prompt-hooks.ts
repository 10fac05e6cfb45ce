import type { HookRunner } from '../hooks/index.js';
import type { AgentResult } from '../loop/events.js';

/** How often Stop hooks may send the model back to work before the turn ends anyway. */
const MAX_STOP_HOOK_CONTINUATIONS = 3;

/**
 * UserPromptSubmit: the text the hooks add to the prompt, or why they blocked it. Warnings go to `warn`.
 */
export async function runUserPromptHooks(
  hooks: HookRunner,
  prompt: string,
  signal: AbortSignal,
  warn: (message: string) => void,
): Promise<{ blocked: string } | { context: string[] }> {
  const outcome = await hooks.run('UserPromptSubmit', { prompt }, signal);
  for (const m of outcome.messages) if (m.level !== 'info') warn(m.text);
  if (outcome.blocked || outcome.stop)
    return { blocked: outcome.blocked?.reason ?? outcome.stop?.reason ?? 'blocked' };
  return { context: outcome.additionalContext ?? [] };
}

/**
 * Stop hooks may ask the model to go on (`decision: "block"` with a reason): the reason is recorded as a user
 * note and the loop runs again, up to a bound, the results summed as one turn's.
 */
export async function continueWhileStopHooksBlock(
  hooks: HookRunner,
  first: AgentResult,
  signal: AbortSignal,
  again: (note: string) => Promise<AgentResult>,
): Promise<AgentResult> {
  let result = first;
  for (let i = 0; i < MAX_STOP_HOOK_CONTINUATIONS && result.subtype === 'success'; i++) {
    const outcome = await hooks.run(
      'Stop',
      { stop_hook_active: i > 0, last_assistant_message: result.text },
      signal,
    );
    if (!outcome.blocked) break;
    const next = await again(`A Stop hook asks to continue: ${outcome.blocked.reason}`);
    result = {
      ...next,
      numTurns: result.numTurns + next.numTurns,
      durationApiMs: result.durationApiMs + next.durationApiMs,
      permissionDenials: [...result.permissionDenials, ...next.permissionDenials],
    };
  }
  return result;
}
