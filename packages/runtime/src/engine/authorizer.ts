import { parseToolInput, resolvePermissionLevel } from '@claw/tools';
import type { HookRunner } from '../hooks/index.js';
import type { AuthorizationDecision, ToolCallRequest } from '../loop/tool-executor.js';
import type { PermissionPolicy } from '../permissions/index.js';
import type { PromptToolDecider } from './prompt-tool.js';
import { suggestedRule } from './suggested-rule.js';
import type { PermissionPrompter } from './types.js';

export interface AuthorizerDeps {
  policy: PermissionPolicy;
  hooks: HookRunner | undefined;
  /** The REPL's prompter; undefined in print mode, where anything that would ask is denied. */
  prompter: PermissionPrompter | undefined;
  /** Print mode's `--permission-prompt-tool`: an MCP tool decides what would ask. */
  promptTool?: PromptToolDecider | undefined;
  /** Writes an "always allow" rule to `.claw/settings.local.json`. */
  persistRule(rule: string): Promise<void>;
  /** Current Bash working directory, so redirections resolve where the command runs. */
  bashCwd(): string | undefined;
  onWarning(message: string): void;
}

/**
 * Decides whether one tool call may run: PreToolUse hooks first (they may allow, deny, ask or rewrite),
 * then permission rules and mode, then — for `ask` — the person at the REPL, or a denial in print mode.
 */
export function createAuthorizer(deps: AuthorizerDeps) {
  return async function authorize(
    requested: ToolCallRequest,
    signal: AbortSignal,
  ): Promise<AuthorizationDecision> {
    let call = requested;
    let hookDecision: 'allow' | 'deny' | 'ask' | undefined;
    let hookReason: string | undefined;
    let hookInput: unknown;
    if (deps.hooks) {
      const outcome = await deps.hooks.run(
        'PreToolUse',
        { tool_name: call.tool.name, tool_input: call.input, tool_use_id: call.toolUseId },
        signal,
      );
      for (const message of outcome.messages) if (message.level !== 'info') deps.onWarning(message.text);
      if (outcome.blocked)
        return {
          allowed: false,
          reason: `blocked by a PreToolUse hook: ${outcome.blocked.reason}`,
          denial: true,
        };
      hookDecision = outcome.permissionDecision;
      hookReason = outcome.permissionDecisionReason;
      if (hookDecision === 'deny') {
        return {
          allowed: false,
          reason: `denied by a PreToolUse hook${hookReason ? `: ${hookReason}` : ''}`,
          denial: true,
        };
      }
      if (outcome.updatedInput) {
        // Rules, mode and the person judge the call that will run, not the one the model asked for.
        const rewritten = rewrittenCall(call, outcome.updatedInput);
        if (!rewritten.ok) return { allowed: false, reason: rewritten.reason, denial: false };
        call = rewritten.call;
        hookInput = call.input;
      }
    }
    const allowed = (decision: AuthorizationDecision): AuthorizationDecision =>
      decision.allowed && decision.updatedInput === undefined && hookInput !== undefined
        ? { allowed: true, updatedInput: hookInput }
        : decision;

    const decision = deps.policy.evaluate({
      toolName: call.tool.name,
      input: call.input,
      requiredLevel: call.level,
      ...(call.subject !== undefined ? { subject: call.subject } : {}),
      ...(call.tool.name === 'Bash' && deps.bashCwd() ? { cwd: deps.bashCwd() as string } : {}),
    });
    if (decision.behavior === 'deny') return { allowed: false, reason: decision.reason, denial: true };
    // A hook's "allow" skips the prompt but never overrides a deny rule (checked above).
    if (decision.behavior === 'allow' || hookDecision === 'allow') {
      if (hookDecision === 'ask' && decision.behavior === 'allow') {
        return allowed(
          await askPerson(call, hookReason ?? 'a PreToolUse hook asked for confirmation', deps, signal),
        );
      }
      return allowed({ allowed: true });
    }
    return allowed(await askPerson(call, decision.reason, deps, signal));
  };
}

/** The call with a hook's `updatedInput`, validated against the tool's schema as the model's input is. */
function rewrittenCall(
  call: ToolCallRequest,
  updatedInput: Record<string, unknown>,
): { ok: true; call: ToolCallRequest } | { ok: false; reason: string } {
  const parsed = parseToolInput(call.tool, updatedInput);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: `a PreToolUse hook rewrote the input of ${call.tool.name} into something invalid: ${parsed.message}`,
    };
  }
  const input = parsed.value;
  let subject: string | undefined;
  try {
    subject = call.tool.ruleSubject?.(input);
  } catch {
    subject = undefined;
  }
  return {
    ok: true,
    call: { ...call, input, level: resolvePermissionLevel(call.tool, input), subject },
  };
}

async function askPerson(
  call: ToolCallRequest,
  reason: string,
  deps: AuthorizerDeps,
  signal: AbortSignal,
): Promise<AuthorizationDecision> {
  if (!deps.prompter) {
    if (deps.promptTool) return askPromptTool(call, reason, deps, deps.promptTool, signal);
    return { allowed: false, reason: `${reason}; nobody can approve it in print mode`, denial: true };
  }
  const rule = suggestedRule(call);
  const answer = await deps.prompter(
    {
      toolName: call.tool.name,
      input: call.input,
      summary: call.tool.summarize?.(call.input) ?? call.tool.name,
      reason,
      ...(rule === undefined ? {} : { suggestedRule: rule }),
    },
    signal,
  );
  switch (answer.decision) {
    case 'allow-once':
      return { allowed: true };
    case 'allow-session':
      if (rule !== undefined) deps.policy.addSessionRule(rule, 'allow');
      return { allowed: true };
    case 'allow-always':
      if (rule === undefined) return { allowed: true };
      deps.policy.addSessionRule(rule, 'allow');
      try {
        await deps.persistRule(rule);
      } catch (error) {
        deps.onWarning(`could not save the rule ${rule}: ${(error as Error).message}`);
      }
      return { allowed: true };
    case 'deny':
      return {
        allowed: false,
        reason: answer.feedback ? `the user denied it and said: ${answer.feedback}` : 'the user denied it',
        denial: true,
      };
  }
}

/** `--permission-prompt-tool`: the MCP tool answers for the person; its `updatedInput` may not dodge a deny rule. */
async function askPromptTool(
  call: ToolCallRequest,
  reason: string,
  deps: AuthorizerDeps,
  promptTool: PromptToolDecider,
  signal: AbortSignal,
): Promise<AuthorizationDecision> {
  const answer = await promptTool(
    { toolName: call.tool.name, input: call.input, toolUseId: call.toolUseId, reason },
    signal,
  );
  if (answer.behavior === 'deny') return { allowed: false, reason: answer.message, denial: true };
  if (answer.updatedInput === undefined) return { allowed: true };
  let subject: string | undefined;
  try {
    subject = call.tool.ruleSubject?.(answer.updatedInput);
  } catch {
    // An input the tool cannot read is rejected when the executor validates it; rules see no subject.
    subject = undefined;
  }
  const recheck = deps.policy.evaluate({
    toolName: call.tool.name,
    input: answer.updatedInput,
    requiredLevel: call.level,
    ...(subject !== undefined ? { subject } : {}),
  });
  if (recheck.behavior === 'deny') {
    return {
      allowed: false,
      reason: `the permission prompt tool rewrote the input, and the rewritten call is denied: ${recheck.reason}`,
      denial: true,
    };
  }
  return { allowed: true, updatedInput: answer.updatedInput };
}
