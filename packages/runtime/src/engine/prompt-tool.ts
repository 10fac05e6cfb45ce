import { join } from 'node:path';
import { type AnyTool, createToolSessionState, type ToolContext, type ToolResult } from '@claw/tools';
import { z } from 'zod';
import { EngineError } from './types.js';

/**
 * The answer of a `--permission-prompt-tool`, as Claude Code defines it: the tool's text result is this JSON.
 * `updatedInput` replaces the tool's input (absent: run it as the model asked).
 */
const PromptToolAnswer = z.discriminatedUnion('behavior', [
  z.object({ behavior: z.literal('allow'), updatedInput: z.record(z.string(), z.unknown()).optional() }),
  z.object({ behavior: z.literal('deny'), message: z.string().optional() }),
]);

export interface PromptToolRequest {
  toolName: string;
  input: unknown;
  toolUseId: string;
  /** Why the policy asks; not sent (Claude Code's payload has no such field), kept for the denial text. */
  reason: string;
}

export type PromptToolDecision =
  | { behavior: 'allow'; updatedInput?: Record<string, unknown> }
  | { behavior: 'deny'; message: string };

/** Decides one permission request through the MCP tool named by `--permission-prompt-tool`. */
export type PromptToolDecider = (
  request: PromptToolRequest,
  signal: AbortSignal,
) => Promise<PromptToolDecision>;

/**
 * Finds the tool `--permission-prompt-tool` names among the MCP tools that started. Missing means no
 * decision could ever be made, so the run stops before the model is called rather than deny everything.
 */
export function findPromptTool(name: string, mcpTools: readonly AnyTool[]): AnyTool {
  const hint =
    'Configure the MCP server (settings `mcpServers`, `.mcp.json` or --mcp-config) and name its tool as mcp__<server>__<tool>.';
  if (!name.startsWith('mcp__')) {
    throw new EngineError(
      'usage',
      `--permission-prompt-tool ${name}: expected an MCP tool name (mcp__…).`,
      hint,
    );
  }
  const tool = mcpTools.find((candidate) => candidate.name === name);
  if (tool) return tool;
  const offered = mcpTools.map((t) => t.name).filter((n) => n.startsWith('mcp__'));
  throw new EngineError(
    'usage',
    `--permission-prompt-tool ${name}: no MCP tool has that name (${offered.length > 0 ? `available: ${offered.join(', ')}` : 'no MCP tools are available'}).`,
    hint,
  );
}

/** The text of a tool result: a string, or its text blocks joined. */
function resultText(result: ToolResult): string {
  if (typeof result.content === 'string') return result.content;
  return result.content
    .filter((block) => block.type === 'text')
    .map((block) => (block as { text: string }).text)
    .join('');
}

/** Reads the tool's answer; anything else is a denial that says why (fail closed). */
export function parsePromptToolAnswer(toolName: string, result: ToolResult): PromptToolDecision {
  const text = resultText(result).trim();
  const unusable = (why: string): PromptToolDecision => ({
    behavior: 'deny',
    message: `the permission prompt tool ${toolName} ${why}, so the call is denied`,
  });
  if (result.isError) return unusable(`failed (${text.slice(0, 200) || 'no message'})`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return unusable(`did not answer with JSON (got ${JSON.stringify(text.slice(0, 80))})`);
  }
  const parsed = PromptToolAnswer.safeParse(value);
  if (!parsed.success) {
    return unusable(
      `answered ${JSON.stringify(value).slice(0, 120)}, not {"behavior":"allow","updatedInput":{…}} or {"behavior":"deny","message":"…"}`,
    );
  }
  if (parsed.data.behavior === 'deny') {
    return {
      behavior: 'deny',
      message: `denied by the permission prompt tool ${toolName}${parsed.data.message ? `: ${parsed.data.message}` : ''}`,
    };
  }
  return parsed.data.updatedInput === undefined
    ? { behavior: 'allow' }
    : { behavior: 'allow', updatedInput: parsed.data.updatedInput };
}

/**
 * Calls the prompt tool with Claude Code's payload `{tool_name, input, tool_use_id}`. One tool call may ask
 * twice (before it runs, then from inside, e.g. for a protected path the file tool resolves): an allow for
 * a tool_use_id answers later asks of the same call, so the tool is consulted once per call.
 */
export function createPromptToolDecider(
  tool: AnyTool,
  workspaceRoot: string,
  tempDir: string,
): PromptToolDecider {
  const allowed = new Set<string>();
  return async (request, signal) => {
    if (allowed.has(request.toolUseId)) return { behavior: 'allow' };
    const context: ToolContext = {
      workspaceRoot,
      allowedRoots: [workspaceRoot],
      signal,
      // The prompt tool deciding for others must not itself wait on a decision.
      ask: async () => false,
      sessionId: 'permission-prompt-tool',
      scratchDir: join(tempDir, 'permission-prompt-tool'),
      env: {},
      state: createToolSessionState(),
    };
    let result: ToolResult;
    try {
      result = await tool.execute(
        { tool_name: request.toolName, input: request.input, tool_use_id: request.toolUseId },
        context,
      );
    } catch (error) {
      result = { content: error instanceof Error ? error.message : String(error), isError: true };
    }
    const decision = parsePromptToolAnswer(tool.name, result);
    if (decision.behavior === 'allow') allowed.add(request.toolUseId);
    return decision;
  };
}
