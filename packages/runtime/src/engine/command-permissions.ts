import { resolvePermissionLevel } from '@claw/tools';
import type { ToolCallRequest } from '../loop/tool-executor.js';
import type { PermissionPolicy } from '../permissions/index.js';
import type { EngineParts } from './engine-parts.js';
import type { ShellAuthorization } from './types.js';

/**
 * The session's policy with a custom command's `allowed-tools` added as allow rules, for that command only.
 * `withRules` must hold the session's configured rules plus the extra ones: its verdict only replaces an `ask`
 * of the base policy, so deny and ask rules (and anything the base already allows or denies) stay as they were.
 * Session rules ("allow for this session") keep living in the base policy.
 */
export function policyWithAllowRules(base: PermissionPolicy, withRules: PermissionPolicy): PermissionPolicy {
  return {
    get mode() {
      return base.mode;
    },
    warnings: base.warnings,
    setMode: (mode) => base.setMode(mode),
    addSessionRule: (rule, behavior) => base.addSessionRule(rule, behavior),
    readRuleFilter: () => base.readRuleFilter(),
    listRules: () => withRules.listRules(),
    evaluate(check) {
      const decision = base.evaluate(check);
      if (decision.behavior !== 'ask') return decision;
      withRules.setMode(base.mode);
      const widened = withRules.evaluate(check);
      return widened.behavior === 'allow' ? widened : decision;
    },
  };
}

/**
 * A custom command's `` !`cmd` `` goes through the decision a model's Bash call gets (PreToolUse hooks, rules,
 * mode, then the person at the REPL or a denial in print mode), as in Claude Code: the user's own command
 * file is no reason to skip it, since the file may come from a cloned repository or a plugin.
 */
export async function authorizeShellCommand(
  parts: Pick<EngineParts, 'builtinTools' | 'beforeToolCalls' | 'authorize' | 'authorizeWithAllowRules'>,
  command: string,
  options: { allowRules?: string[]; signal: AbortSignal },
): Promise<ShellAuthorization> {
  const bash = parts.builtinTools.find((tool) => tool.name === 'Bash');
  if (!bash) return { allowed: false, reason: 'the Bash tool is not available in this session' };
  await parts.beforeToolCalls([bash]);
  const input = { command };
  const call: ToolCallRequest = {
    tool: bash,
    toolUseId: `command_shell_${Date.now().toString(36)}`,
    input,
    level: resolvePermissionLevel(bash, input),
    subject: bash.ruleSubject?.(input),
  };
  const rules = options.allowRules ?? [];
  const authorize = rules.length > 0 ? parts.authorizeWithAllowRules(rules) : parts.authorize;
  const decision = await authorize(call, options.signal);
  if (!decision.allowed) return { allowed: false, reason: decision.reason };
  // A hook that rewrote the command approved a different one: run nothing rather than the unapproved text.
  if (decision.updatedInput !== undefined && JSON.stringify(decision.updatedInput) !== JSON.stringify(input))
    return { allowed: false, reason: 'a PreToolUse hook rewrote the command' };
  return { allowed: true };
}
