import type { ToolResultBlock, ToolUseBlock } from '@claw/api-client';
import {
  type AnyTool,
  findTool,
  isConcurrencySafe,
  type PermissionLevel,
  parseToolInput,
  resolvePermissionLevel,
  type ToolContext,
  type ToolResult,
} from '@claw/tools';
import type { AgentEvent } from './events.js';

export type AuthorizationDecision =
  | { allowed: true; updatedInput?: unknown }
  | {
      allowed: false;
      reason: string /** True when the user or a rule said no (reported in permission_denials). */;
      denial: boolean;
    };

export interface ToolCallRequest {
  tool: AnyTool;
  toolUseId: string;
  input: unknown;
  level: PermissionLevel;
  subject: string | undefined;
}

export interface ToolExecutionDeps {
  tools: AnyTool[];
  /** Permission policy + PreToolUse hooks + prompting, composed by the caller. */
  authorize(call: ToolCallRequest, signal: AbortSignal): Promise<AuthorizationDecision>;
  /** PostToolUse hooks; may append context for the model. */
  afterTool?(
    call: ToolCallRequest,
    result: ToolResult,
    signal: AbortSignal,
  ): Promise<{ additionalContext?: string }>;
  /**
   * Loads what classifying these calls needs (the Bash parser) before any permission level is computed; kept
   * out of start-up so a prompt that runs no command never pays for it.
   */
  beforeCalls?(tools: AnyTool[]): Promise<void>;
  /** Builds the context a tool runs with. */
  contextFor(call: ToolCallRequest, signal: AbortSignal): ToolContext;
  /** Shortens tool output for the model (full output kept on disk). */
  capOutput(result: ToolResult, ctx: ToolContext): Promise<ToolResult>;
  emit(event: AgentEvent): void;
}

function errorResult(toolUseId: string, text: string): ToolResultBlock {
  return { type: 'tool_result', tool_use_id: toolUseId, content: text, is_error: true };
}

function toResultBlock(toolUseId: string, result: ToolResult, extra?: string): ToolResultBlock {
  let content = result.content;
  if (extra) {
    content =
      typeof content === 'string' ? `${content}\n\n${extra}` : [...content, { type: 'text', text: extra }];
  }
  const block: ToolResultBlock = { type: 'tool_result', tool_use_id: toolUseId, content };
  if (result.isError) block.is_error = true;
  return block;
}

interface PreparedCall {
  block: ToolUseBlock;
  request?: ToolCallRequest;
  /** Set when the call can't run at all (unknown tool, invalid input). */
  failure?: string;
}

function prepare(block: ToolUseBlock, tools: AnyTool[]): PreparedCall {
  const tool = findTool(tools, block.name);
  if (!tool) {
    const names = tools.map((t) => t.name).join(', ');
    return { block, failure: `Error: no tool named "${block.name}". Available tools: ${names}.` };
  }
  const parsed = parseToolInput(tool, block.input);
  if (!parsed.ok) {
    return { block, failure: `Error: invalid input for ${tool.name}: ${parsed.message}` };
  }
  const input = parsed.value;
  return {
    block,
    request: {
      tool,
      toolUseId: block.id,
      input,
      level: resolvePermissionLevel(tool, input),
      subject: tool.ruleSubject?.(input),
    },
  };
}

async function runOne(
  call: PreparedCall,
  deps: ToolExecutionDeps,
  signal: AbortSignal,
): Promise<ToolResultBlock> {
  const { block } = call;
  if (!call.request) {
    const failure = call.failure ?? 'Error: tool call could not be prepared.';
    deps.emit({
      type: 'tool_end',
      toolUseId: block.id,
      name: block.name,
      result: { content: failure, isError: true },
      durationMs: 0,
    });
    return errorResult(block.id, failure);
  }
  let request = call.request;
  const summary = request.tool.summarize?.(request.input) ?? request.tool.name;
  deps.emit({
    type: 'tool_start',
    toolUseId: block.id,
    name: request.tool.name,
    input: request.input,
    summary,
  });
  const started = performance.now();
  const finish = (result: ToolResult): void => {
    deps.emit({
      type: 'tool_end',
      toolUseId: block.id,
      name: request.tool.name,
      result,
      durationMs: Math.round(performance.now() - started),
    });
  };

  const decision = await deps.authorize(request, signal);
  if (!decision.allowed) {
    if (decision.denial) {
      deps.emit({
        type: 'permission_denied',
        denial: { tool_name: request.tool.name, tool_use_id: block.id, tool_input: block.input },
        reason: decision.reason,
      });
    }
    const text = `Permission to use ${request.tool.name} was denied: ${decision.reason}`;
    finish({ content: text, isError: true });
    return errorResult(block.id, text);
  }
  if (decision.updatedInput !== undefined) {
    const reparsed = parseToolInput(request.tool, decision.updatedInput);
    if (!reparsed.ok) {
      const text = `Error: a hook rewrote the input of ${request.tool.name} into something invalid: ${reparsed.message}`;
      finish({ content: text, isError: true });
      return errorResult(block.id, text);
    }
    request = { ...request, input: reparsed.value };
  }

  const ctx = deps.contextFor(request, signal);
  let result: ToolResult;
  try {
    result = await request.tool.execute(request.input, ctx);
  } catch (error) {
    if (signal.aborted)
      result = { content: `${request.tool.name} was interrupted by the user.`, isError: true };
    else {
      const message = error instanceof Error ? error.message : String(error);
      result = { content: `Error: ${request.tool.name} failed: ${message}`, isError: true };
    }
  }
  result = await deps.capOutput(result, ctx);
  finish(result);
  const after = deps.afterTool ? await deps.afterTool(request, result, signal) : {};
  return toResultBlock(block.id, result, after.additionalContext);
}

/**
 * Runs the tool_use blocks of one assistant message. When every call is concurrency-safe they run at once;
 * otherwise in order, because a write followed by a read of the same file must see the write. Results come
 * back in the order of the tool_use blocks either way, as the API requires.
 */
export async function executeToolCalls(
  blocks: ToolUseBlock[],
  deps: ToolExecutionDeps,
  signal: AbortSignal,
): Promise<ToolResultBlock[]> {
  if (deps.beforeCalls) {
    const called = blocks.flatMap((block) => findTool(deps.tools, block.name) ?? []);
    await deps.beforeCalls(called);
  }
  const prepared = blocks.map((block) => prepare(block, deps.tools));
  const allSafe = prepared.every((p) => !p.request || isConcurrencySafe(p.request.tool, p.request.input));
  if (allSafe && prepared.length > 1) {
    return Promise.all(prepared.map((p) => runOne(p, deps, signal)));
  }
  const results: ToolResultBlock[] = [];
  for (const call of prepared) {
    if (signal.aborted) {
      results.push(errorResult(call.block.id, 'Not run: the turn was interrupted by the user.'));
      continue;
    }
    results.push(await runOne(call, deps, signal));
  }
  return results;
}
