import { z } from 'zod';
import type { SettingsIssue } from '../config/settings-issue.js';

/** The hook events claw fires, with Claude Code's names. */
export const HOOK_EVENTS = [
  'PreToolUse',
  'PostToolUse',
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
  'SessionStart',
  'SessionEnd',
  'PreCompact',
  'Notification',
] as const;
export type HookEventName = (typeof HOOK_EVENTS)[number];

export function isHookEventName(value: string): value is HookEventName {
  return (HOOK_EVENTS as readonly string[]).includes(value);
}

export const DEFAULT_HOOK_TIMEOUT_SECONDS = 60;

export const HookCommandSchema = z.strictObject({
  type: z.literal('command'),
  command: z.string().trim().min(1, 'empty command'),
  /** Seconds, as Claude Code. */
  timeout: z.number().positive().max(3600).optional(),
});
export type HookCommand = z.infer<typeof HookCommandSchema> & {
  /** Set by the plugin loader on a plugin's hooks (settings cannot set it): exported as `CLAUDE_PLUGIN_ROOT`. */
  pluginRoot?: string;
};

export const HookMatcherSchema = z.object({
  matcher: z.string().optional(),
  hooks: z.array(HookCommandSchema),
});
export type HookMatcher = z.infer<typeof HookMatcherSchema>;

export const HooksConfigSchema = z.partialRecord(z.enum(HOOK_EVENTS), z.array(HookMatcherSchema));
export type HooksConfig = z.infer<typeof HooksConfigSchema>;

/** A matcher that is not a plain name list is a JavaScript regex; a bad one would throw at every tool call. */
export function matcherError(matcher: string): string | undefined {
  if (matcher === '' || matcher === '*' || /^[\w|-]+$/.test(matcher)) return undefined;
  try {
    new RegExp(matcher);
    return undefined;
  } catch (error) {
    return `invalid matcher regex: ${(error as Error).message}`;
  }
}

function zodReason(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Validates settings `hooks` entry by entry: a bad command or matcher is dropped and reported, its siblings
 * are kept. Issues use the settings error format so `claw status` lists them with the other settings errors.
 */
export function validateHooksConfig(
  raw: unknown,
  file: string,
): { config: HooksConfig; issues: SettingsIssue[] } {
  const issues: SettingsIssue[] = [];
  const config: HooksConfig = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.push({ file, key: 'hooks', reason: 'expected an object keyed by event name', severity: 'error' });
    return { config, issues };
  }
  for (const [event, groups] of Object.entries(raw)) {
    const base = `hooks.${event}`;
    if (!isHookEventName(event)) {
      const reason = `unknown hook event (known: ${HOOK_EVENTS.join(', ')})`;
      issues.push({ file, key: base, reason, severity: 'error' });
      continue;
    }
    if (!Array.isArray(groups)) {
      issues.push({ file, key: base, reason: 'expected an array of matcher groups', severity: 'error' });
      continue;
    }
    const kept: HookMatcher[] = [];
    groups.forEach((group: unknown, gi) => {
      const groupKey = `${base}[${gi}]`;
      if (typeof group !== 'object' || group === null || Array.isArray(group)) {
        issues.push({
          file,
          key: groupKey,
          reason: 'expected {"matcher", "hooks": [...]}',
          severity: 'error',
        });
        return;
      }
      const { matcher, hooks } = group as { matcher?: unknown; hooks?: unknown };
      if (matcher !== undefined && typeof matcher !== 'string') {
        issues.push({ file, key: `${groupKey}.matcher`, reason: 'expected a string', severity: 'error' });
        return;
      }
      const badMatcher = matcher === undefined ? undefined : matcherError(matcher);
      if (badMatcher) {
        issues.push({ file, key: `${groupKey}.matcher`, reason: badMatcher, severity: 'error' });
        return;
      }
      if (!Array.isArray(hooks)) {
        issues.push({
          file,
          key: `${groupKey}.hooks`,
          reason: 'expected an array of hooks',
          severity: 'error',
        });
        return;
      }
      const commands: HookCommand[] = [];
      hooks.forEach((hook: unknown, hi) => {
        const parsed = HookCommandSchema.safeParse(hook);
        if (parsed.success) commands.push(parsed.data);
        else
          issues.push({
            file,
            key: `${groupKey}.hooks[${hi}]`,
            reason: zodReason(parsed.error),
            severity: 'error',
          });
      });
      if (commands.length > 0)
        kept.push(matcher === undefined ? { hooks: commands } : { matcher, hooks: commands });
    });
    if (kept.length > 0) config[event] = kept;
  }
  return { config, issues };
}
