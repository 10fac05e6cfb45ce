import { join } from 'node:path';
import {
  type CapOptions,
  capToolOutput,
  DEFAULT_MAX_OUTPUT_CHARS,
  type PermissionRequest,
  type ToolContext,
  type ToolResult,
  type ToolSessionState,
} from '@claw/tools';
import { type HookRunner, toolResponseForHooks } from '../hooks/index.js';
import type { ToolCallRequest } from '../loop/tool-executor.js';
import type { PermissionPolicy } from '../permissions/index.js';
import type { PromptToolDecider } from './prompt-tool.js';
import { type Redactor, redactToolResult } from './secret-redaction.js';
import type { PermissionPrompter } from './types.js';

/** What tools need from the engine while they run. */
export interface ToolRuntimeDeps {
  workspaceRoot: string;
  allowedRoots: string[];
  tempDir: string;
  childEnv: NodeJS.ProcessEnv;
  policy: PermissionPolicy;
  /** Only in the REPL; print mode denies whatever would need a person. */
  prompter: PermissionPrompter | undefined;
  /** Print mode's `--permission-prompt-tool`, asked instead of denying. */
  promptTool?: PromptToolDecider | undefined;
  hooks: HookRunner | undefined;
  maxOutputChars: number;
  /** claw's credentials out of every result, before the model, the UI, the session or a spill file. */
  redact?: Redactor;
}

export function createToolContext(
  deps: ToolRuntimeDeps,
  call: ToolCallRequest,
  session: { id: string; state: ToolSessionState },
  signal: AbortSignal,
): ToolContext {
  const readRules = deps.policy.readRuleFilter();
  return {
    ...(readRules ? { readRules } : {}),
    workspaceRoot: deps.workspaceRoot,
    allowedRoots: deps.allowedRoots,
    readOnlyRoots: [deps.tempDir],
    signal,
    toolUseId: call.toolUseId,
    ask: (request) => askDuringTool(deps, call, request, signal),
    sessionId: session.id,
    scratchDir: join(deps.tempDir, session.id),
    env: deps.childEnv,
    state: session.state,
  };
}

/** A tool asks mid-run (a protected path, a path outside the workspace): the same policy decides. */
async function askDuringTool(
  deps: ToolRuntimeDeps,
  call: ToolCallRequest,
  request: PermissionRequest,
  signal: AbortSignal,
): Promise<boolean> {
  const subject = request.path ?? request.command;
  const decision = deps.policy.evaluate({
    toolName: call.tool.name,
    input: call.input,
    requiredLevel: request.level,
    ...(subject !== undefined ? { subject } : {}),
  });
  if (decision.behavior !== 'ask') return decision.behavior === 'allow';
  if (!deps.prompter) {
    if (!deps.promptTool) return false;
    const answer = await deps.promptTool(
      { toolName: call.tool.name, input: call.input, toolUseId: call.toolUseId, reason: request.reason },
      signal,
    );
    return answer.behavior === 'allow';
  }
  const answer = await deps.prompter(
    {
      toolName: call.tool.name,
      input: call.input,
      summary: call.tool.summarize?.(call.input) ?? call.tool.name,
      reason: request.reason,
      suggestedRule: call.tool.name,
    },
    signal,
  );
  return answer.decision !== 'deny';
}

/**
 * Redacts claw's credentials and caps what the model receives; the full (redacted) text is saved next to
 * the session's scratch files.
 */
export async function capResultOutput(
  deps: ToolRuntimeDeps,
  raw: ToolResult,
  ctx: ToolContext,
): Promise<ToolResult> {
  const result = deps.redact ? redactToolResult(raw, deps.redact) : raw;
  const options = { maxChars: deps.maxOutputChars, scratchDir: ctx.scratchDir, label: 'tool' };
  if (typeof result.content === 'string') {
    const capped = await capToolOutput(result.content, options);
    return capped.truncated ? { ...result, content: capped.text } : result;
  }
  return { ...result, content: await capTextBlocks(result.content, options) };
}

/**
 * Block results (every MCP tool's) count their text blocks together against the cap: when they pass it, one
 * capped text block, cut like a string result and saved in full, takes the place of the first; images stay.
 */
async function capTextBlocks(
  blocks: Exclude<ToolResult['content'], string>,
  options: CapOptions,
): Promise<Exclude<ToolResult['content'], string>> {
  const texts = blocks.flatMap((block) => (block.type === 'text' ? [block.text] : []));
  const total = texts.reduce((sum, text) => sum + text.length, 0);
  if (total <= (options.maxChars ?? DEFAULT_MAX_OUTPUT_CHARS)) return blocks;
  const capped = await capToolOutput(texts.join('\n'), options);
  const first = blocks.findIndex((block) => block.type === 'text');
  return blocks.flatMap((block, index): Exclude<ToolResult['content'], string> => {
    if (block.type !== 'text') return [block];
    return index === first ? [{ type: 'text' as const, text: capped.text }] : [];
  });
}

/** PostToolUse hooks: their context and block reasons go to the model with the tool result. */
export async function runPostToolHooks(
  hooks: HookRunner,
  call: ToolCallRequest,
  result: ToolResult,
  signal: AbortSignal,
): Promise<{ additionalContext?: string }> {
  const outcome = await hooks.run(
    'PostToolUse',
    {
      tool_name: call.tool.name,
      tool_input: call.input,
      tool_response: toolResponseForHooks(call.tool.name, call.input, result, hooks.cwd),
      tool_use_id: call.toolUseId,
    },
    signal,
  );
  const notes = [...(outcome.additionalContext ?? [])];
  if (outcome.blocked) notes.push(`PostToolUse hook feedback: ${outcome.blocked.reason}`);
  return notes.length > 0 ? { additionalContext: notes.join('\n') } : {};
}
