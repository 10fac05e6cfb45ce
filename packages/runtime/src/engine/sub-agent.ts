import type { ClawProvider, Message, Usage } from '@claw/api-client';
import type { AgentDefinition } from '@claw/plugins';
import type { AnyTool } from '@claw/tools';
import type { HookRunner } from '../hooks/index.js';
import { type AgentLoopOptions, runAgentLoop } from '../loop/agent-loop.js';
import type { AgentEvent } from '../loop/events.js';
import type { ToolExecutionDeps } from '../loop/tool-executor.js';
import type { UsageMeter } from '../loop/usage-meter.js';
import type { ChildRun } from './task-tool.js';
import { specOf } from './tool-setup.js';

export interface SubAgentDeps {
  provider: ClawProvider;
  parentModel: string;
  parentSystem: string;
  /** Tools the parent may dispatch to, and the names it offers the model. */
  tools: AnyTool[];
  offeredNames: Set<string>;
  toolDeps: Omit<ToolExecutionDeps, 'emit' | 'tools'>;
  maxTurns: number;
  costOf(model: string, usage: Usage): number | undefined;
  meter: UsageMeter;
  onUsage(usage: Usage, costUsd: number | undefined, model: string): void;
  hooks: HookRunner | undefined;
  /** The parent run's event stream; the child's events go there as `subagent_event`s. */
  emit?: (event: AgentEvent) => void;
  /** The parent's request sizing, thinking budget and turn-retry policy (`loopModelOptions`). */
  modelOptions?: Pick<AgentLoopOptions, 'contextWindow' | 'thinkingBudgetTokens' | 'turnRetry'>;
}

/**
 * Runs a sub-agent for the Task tool: a fresh history, the agent's tool subset (never Task itself, so agents
 * cannot recurse), the agent's model or the parent's, and usage counted on the parent's meter.
 */
export async function runSubAgent(
  deps: SubAgentDeps,
  agent: AgentDefinition,
  prompt: string,
  signal: AbortSignal,
  parentToolUseId?: string,
): Promise<ChildRun> {
  const allowed = agent.tools;
  const tools = deps.tools.filter(
    (t) =>
      t.name !== 'Task' &&
      (!allowed || allowed.includes(t.name) || t.aliases.some((a) => allowed.includes(a))),
  );
  const model = agent.model && agent.model !== 'inherit' ? agent.model : deps.parentModel;
  const history: Message[] = [{ role: 'user', content: [{ type: 'text', text: prompt }] }];
  // The parent's window belongs to the parent's model; a child on another model is not sized by it.
  const { contextWindow, ...modelOptions } = deps.modelOptions ?? {};
  const sizing = model === deps.parentModel && contextWindow !== undefined ? { contextWindow } : {};
  const result = await runAgentLoop(
    history,
    {
      provider: deps.provider,
      model,
      maxOutputTokens: deps.provider.modelInfo.maxOutputTokens,
      ...modelOptions,
      ...sizing,
      system: `${deps.parentSystem}\n\n# You are the sub-agent "${agent.name}"\n\n${agent.systemPrompt}\n\nWhen you are done, reply with your final answer as text; it is returned to the agent that started you.`,
      toolSpecs: tools.filter((t) => deps.offeredNames.has(t.name)).map(specOf),
      toolDeps: { ...deps.toolDeps, tools },
      maxTurns: deps.maxTurns,
      costOf: deps.costOf,
      meter: deps.meter,
      onUsage: deps.onUsage,
      // Tagged with the Task call it answers; usage is counted by `onUsage` on the parent's meter instead.
      emit: (event) => {
        if (parentToolUseId === undefined || event.type === 'usage') return;
        deps.emit?.({ type: 'subagent_event', parentToolUseId, agent: agent.name, event });
      },
    },
    signal,
  );
  if (deps.hooks) {
    await deps.hooks.run(
      'SubagentStop',
      { stop_hook_active: false, last_assistant_message: result.text },
      signal,
    );
  }
  const text =
    result.subtype === 'success'
      ? result.text
      : `${result.text}\n\n[sub-agent stopped: ${result.error?.message ?? result.subtype}]`;
  return { text: text.trim(), isError: result.subtype !== 'success', turns: result.numTurns };
}
