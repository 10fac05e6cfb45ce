import type { Message, ToolResultBlock, ToolUseBlock } from '@claw/api-client';
import type { ClawEngine, EngineOptions } from './engine/types.js';
import type { AgentLoopOptions } from './loop/agent-loop.js';
import type { AgentResult } from './loop/events.js';
import type { ToolExecutionDeps } from './loop/tool-executor.js';

/*
 * The engine, the agent loop and the tool executor pull in every built-in tool, the providers and the MCP
 * client. Commands that only read settings or sessions (`claw doctor`, `claw config`, `claw sessions`)
 * import the runtime too, so these entry points load their modules on first call, not with the package.
 */

export async function openClawEngine(options: EngineOptions): Promise<ClawEngine> {
  const { openClawEngine: open } = await import('./engine/open-engine.js');
  return open(options);
}

export async function runAgentLoop(
  messages: Message[],
  options: AgentLoopOptions,
  signal: AbortSignal,
): Promise<AgentResult> {
  const { runAgentLoop: run } = await import('./loop/agent-loop.js');
  return run(messages, options, signal);
}

export async function executeToolCalls(
  blocks: ToolUseBlock[],
  deps: ToolExecutionDeps,
  signal: AbortSignal,
): Promise<ToolResultBlock[]> {
  const { executeToolCalls: execute } = await import('./loop/tool-executor.js');
  return execute(blocks, deps, signal);
}
