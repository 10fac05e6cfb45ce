import { z } from 'zod';
import type { HookEventName } from './hook-config.js';

export type PermissionDecision = 'allow' | 'deny' | 'ask';

export interface HookMessage {
  /** `info`: hook output for the transcript/verbose view; `warning`/`error`: shown to the user. */
  level: 'info' | 'warning' | 'error';
  text: string;
}

/** How one hook process ended; produced by `runHookCommand`, read by `interpretHookExecution`. */
export interface HookExecution {
  command: string;
  exitCode: number | undefined;
  signal?: string;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  /** The shell could not be started at all. */
  spawnError?: string;
  durationMs: number;
  timeoutSeconds: number;
}

/** What the hooks of one event decided, merged over every hook that ran. */
export interface HookOutcome {
  /** Block the action. PreToolUse: the tool is not run and `reason` goes to the model; Stop: keep going with `reason`. */
  blocked?: { reason: string };
  /** PreToolUse only; the most restrictive of the hooks' answers (deny > ask > allow). */
  permissionDecision?: PermissionDecision;
  permissionDecisionReason?: string;
  /** PreToolUse only: a hook's `hookSpecificOutput.updatedInput`, replacing the tool's whole input. */
  updatedInput?: Record<string, unknown>;
  /** Text for the model's context (UserPromptSubmit/SessionStart stdout, `additionalContext`). */
  additionalContext?: string[];
  messages: HookMessage[];
  /** A hook answered `{"continue": false}`: end the turn. */
  stop?: { reason: string };
  executions: Array<Pick<HookExecution, 'command' | 'exitCode' | 'timedOut' | 'durationMs'>>;
}

export const HookJsonOutputSchema = z.looseObject({
  continue: z.boolean().optional(),
  stopReason: z.string().optional(),
  suppressOutput: z.boolean().optional(),
  systemMessage: z.string().optional(),
  decision: z.enum(['block', 'approve']).optional(),
  reason: z.string().optional(),
  hookSpecificOutput: z
    .looseObject({
      hookEventName: z.string().optional(),
      permissionDecision: z.enum(['allow', 'deny', 'ask']).optional(),
      permissionDecisionReason: z.string().optional(),
      additionalContext: z.string().optional(),
      updatedInput: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type HookJsonOutput = z.infer<typeof HookJsonOutputSchema>;

/** One hook's contribution before merging. */
export interface HookVerdict {
  blocked?: string;
  permissionDecision?: PermissionDecision;
  permissionDecisionReason?: string;
  updatedInput?: Record<string, unknown>;
  additionalContext?: string;
  messages: HookMessage[];
  stop?: string;
}

/** Events where exit 2 / `decision: "block"` blocks something (elsewhere stderr is only shown to the user). */
const BLOCKING_EVENTS: ReadonlySet<HookEventName> = new Set([
  'PreToolUse',
  'PostToolUse',
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
]);
/** Events whose plain stdout (exit 0) is added to the model's context, as Claude Code. */
const CONTEXT_EVENTS: ReadonlySet<HookEventName> = new Set(['UserPromptSubmit', 'SessionStart']);

function firstLines(text: string, max = 20): string {
  const lines = text.trim().split('\n');
  return lines.length > max ? `${lines.slice(0, max).join('\n')}\n…` : lines.join('\n');
}

function failureText(exec: HookExecution): string | undefined {
  if (exec.spawnError) return `hook "${exec.command}" could not start: ${exec.spawnError}`;
  if (exec.timedOut) return `hook "${exec.command}" timed out after ${exec.timeoutSeconds}s and was killed`;
  if (exec.aborted) return `hook "${exec.command}" was cancelled`;
  if (exec.exitCode === 0 || exec.exitCode === 2) return undefined;
  const how =
    exec.exitCode === undefined ? `killed by ${exec.signal ?? 'a signal'}` : `exit ${exec.exitCode}`;
  const stderr = exec.stderr.trim();
  return `hook "${exec.command}" failed (${how})${stderr ? `: ${firstLines(stderr, 5)}` : ''}`;
}

/**
 * Claude Code's contract: exit 2 blocks, any other non-zero exit is a non-blocking error. Exits 126/127 are the
 * shell's own (the hook could not be executed or was not found), so the hook never ran and never answered.
 */
function isNonBlockingExit(exec: HookExecution): boolean {
  return (
    !exec.spawnError &&
    !exec.timedOut &&
    !exec.aborted &&
    exec.exitCode !== undefined &&
    exec.exitCode !== 126 &&
    exec.exitCode !== 127
  );
}

function failClosed(text: string): HookVerdict {
  // A PreToolUse guard that never gave an answer (did not start, hung, was killed, printed unreadable JSON)
  // has not said yes.
  const reason = `${text}; the tool call is denied because PreToolUse hooks fail closed`;
  return {
    blocked: reason,
    permissionDecision: 'deny',
    permissionDecisionReason: reason,
    messages: [{ level: 'error', text: reason }],
  };
}

function interpretJson(event: HookEventName, exec: HookExecution, output: HookJsonOutput): HookVerdict {
  const verdict: HookVerdict = { messages: [] };
  if (output.continue === false)
    verdict.stop = output.stopReason?.trim() || `stopped by hook "${exec.command}"`;
  if (output.systemMessage) verdict.messages.push({ level: 'warning', text: output.systemMessage });
  const reason = output.reason?.trim() || `blocked by hook "${exec.command}"`;
  if (output.decision === 'block' && BLOCKING_EVENTS.has(event)) {
    verdict.blocked = reason;
    if (event === 'PreToolUse') {
      verdict.permissionDecision = 'deny';
      verdict.permissionDecisionReason = reason;
    }
  } else if (output.decision === 'approve' && event === 'PreToolUse') {
    // Claude Code's older spelling of permissionDecision "allow".
    verdict.permissionDecision = 'allow';
    if (output.reason) verdict.permissionDecisionReason = output.reason;
  }
  const specific = output.hookSpecificOutput;
  if (specific) {
    if (specific.hookEventName && specific.hookEventName !== event) {
      verdict.messages.push({
        level: 'warning',
        text: `hook "${exec.command}" answered for ${specific.hookEventName} during ${event}; hookSpecificOutput ignored`,
      });
      return verdict;
    }
    if (specific.permissionDecision && event === 'PreToolUse') {
      const why = specific.permissionDecisionReason?.trim();
      verdict.permissionDecision = specific.permissionDecision;
      if (why) verdict.permissionDecisionReason = why;
      if (specific.permissionDecision === 'deny') verdict.blocked = why || `denied by hook "${exec.command}"`;
    }
    if (specific.updatedInput && event === 'PreToolUse') verdict.updatedInput = specific.updatedInput;
    if (specific.additionalContext) verdict.additionalContext = specific.additionalContext;
  }
  if (!output.suppressOutput && exec.stderr.trim())
    verdict.messages.push({ level: 'info', text: exec.stderr.trim() });
  return verdict;
}

/** Reads one hook's exit code and output the way Claude Code does (see docs/hooks.md). Pure. */
export function interpretHookExecution(event: HookEventName, exec: HookExecution): HookVerdict {
  const failure = failureText(exec);
  if (failure) {
    if (event !== 'PreToolUse') return { messages: [{ level: 'error', text: failure }] };
    if (!isNonBlockingExit(exec)) return failClosed(failure);
    const text = `${failure}; the tool call goes ahead (only exit 2 blocks it)`;
    return { messages: [{ level: 'warning', text }] };
  }

  if (exec.exitCode === 2) {
    const reason = exec.stderr.trim() || `blocked by hook "${exec.command}" (exit 2)`;
    if (!BLOCKING_EVENTS.has(event)) return { messages: [{ level: 'warning', text: reason }] };
    const verdict: HookVerdict = { blocked: reason, messages: [] };
    if (event === 'PreToolUse') {
      verdict.permissionDecision = 'deny';
      verdict.permissionDecisionReason = reason;
    }
    // A blocked prompt never reaches the model, so the person must see why.
    if (event === 'UserPromptSubmit') verdict.messages.push({ level: 'warning', text: reason });
    return verdict;
  }

  const stdout = exec.stdout.trim();
  if (stdout.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(stdout);
    } catch {
      json = undefined;
    }
    // Output that opens like a JSON decision but cannot be read might have been a deny: never guess allow.
    let text = `hook "${exec.command}" printed output that starts like JSON but is not valid JSON`;
    if (json !== undefined) {
      const parsed = HookJsonOutputSchema.safeParse(json);
      if (parsed.success) return interpretJson(event, exec, parsed.data);
      text = `hook "${exec.command}" printed JSON claw does not understand: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
    }
    return event === 'PreToolUse' ? failClosed(text) : { messages: [{ level: 'error', text }] };
  }
  if (!stdout) return { messages: [] };
  if (CONTEXT_EVENTS.has(event)) return { additionalContext: stdout, messages: [] };
  return { messages: [{ level: 'info', text: stdout }] };
}

const DECISION_RANK: Record<PermissionDecision, number> = { allow: 1, ask: 2, deny: 3 };

/** Merges the verdicts of hooks that ran in parallel, in configuration order. Pure. */
export function mergeHookVerdicts(verdicts: HookVerdict[], executions: HookExecution[]): HookOutcome {
  const outcome: HookOutcome = {
    messages: [],
    executions: executions.map(({ command, exitCode, timedOut, durationMs }) => ({
      command,
      exitCode,
      timedOut,
      durationMs,
    })),
  };
  const blockedReasons: string[] = [];
  const rewrites: Array<Record<string, unknown>> = [];
  const context: string[] = [];
  for (const verdict of verdicts) {
    outcome.messages.push(...verdict.messages);
    if (verdict.blocked) blockedReasons.push(verdict.blocked);
    if (verdict.additionalContext) context.push(verdict.additionalContext);
    if (verdict.updatedInput) rewrites.push(verdict.updatedInput);
    if (verdict.stop && !outcome.stop) outcome.stop = { reason: verdict.stop };
    const decision = verdict.permissionDecision;
    if (
      decision &&
      (!outcome.permissionDecision || DECISION_RANK[decision] > DECISION_RANK[outcome.permissionDecision])
    ) {
      outcome.permissionDecision = decision;
      if (verdict.permissionDecisionReason)
        outcome.permissionDecisionReason = verdict.permissionDecisionReason;
      else delete outcome.permissionDecisionReason;
    }
  }
  if (blockedReasons.length > 0) outcome.blocked = { reason: blockedReasons.join('\n') };
  if (context.length > 0) outcome.additionalContext = context;
  // Hooks run in parallel, so two rewrites cannot build on each other: the last in configuration order wins,
  // and the person is told that another rewrite was dropped.
  const rewrite = rewrites.at(-1);
  if (rewrite) {
    outcome.updatedInput = rewrite;
    const distinct = new Set(rewrites.map((r) => JSON.stringify(r)));
    if (distinct.size > 1)
      outcome.messages.push({
        level: 'warning',
        text: `${rewrites.length} PreToolUse hooks rewrote the tool input differently; the last one configured was used`,
      });
  }
  return outcome;
}
