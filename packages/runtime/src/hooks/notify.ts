import type { PermissionPrompter } from '../engine/types.js';
import type { HookRunner } from './hook-runner.js';

/**
 * Fires the `Notification` hook (Claude Code's `permission_prompt` type) each time a person is asked to
 * decide, so a hook can ping them (desktop notification, chat message) while the prompt waits. The hook runs
 * beside the prompt, never in front of it: a slow or failing hook must not delay or change the answer.
 */
export function notifyingPrompter(
  prompter: PermissionPrompter,
  hooks: HookRunner | undefined,
  onWarning: (message: string) => void,
): PermissionPrompter {
  if (!hooks) return prompter;
  return (request, signal) => {
    const payload = {
      message: `claw needs your permission to use ${request.toolName}`,
      notification_type: 'permission_prompt',
    };
    if (hooks.matching('Notification', payload).length > 0) {
      hooks.run('Notification', payload, signal).then(
        (outcome) => {
          for (const m of outcome.messages) if (m.level !== 'info') onWarning(m.text);
        },
        (error: unknown) => onWarning(`Notification hook failed: ${String(error)}`),
      );
    }
    return prompter(request, signal);
  };
}
