import { grantedLevel, levelAllows, type PermissionLevel, type PermissionMode } from './mode.js';
import type { CompiledRule } from './rule-set.js';
import type { RuleBehavior } from './rules.js';

export interface PermissionDecision {
  behavior: RuleBehavior;
  /** One sentence for the UI and for `permission_denials`. */
  reason: string;
  /** The rule that decided, when one did. */
  rule?: { text: string; source: string };
}

export function byRule(behavior: RuleBehavior, rule: CompiledRule, what: string): PermissionDecision {
  const verb = behavior === 'allow' ? 'allowed' : behavior === 'deny' ? 'denied' : 'needs approval';
  return {
    behavior,
    reason: `${what} ${verb} by rule ${rule.text} (${rule.source})`,
    rule: { text: rule.text, source: rule.source },
  };
}

/**
 * The mode decides when no rule did. Above the mode's level the answer is `ask`, never `deny`: SPEC §5 has
 * the REPL ask the user and print mode deny (and record it), so the caller turns `ask` into either.
 */
export function byMode(
  mode: PermissionMode,
  required: PermissionLevel,
  what: string,
  why?: string,
): PermissionDecision {
  const granted = grantedLevel(mode);
  const because = why === undefined ? '' : ` (${why})`;
  if (levelAllows(granted, required)) {
    return { behavior: 'allow', reason: `${what} needs ${required}${because}; ${mode} mode allows it` };
  }
  return {
    behavior: 'ask',
    reason: `${what} needs ${required}${because}, above what ${mode} mode grants (${granted})`,
  };
}
