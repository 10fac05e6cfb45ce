import type { AgentDefinition } from '@claw/plugins';
import type { Tool, ToolResult } from '@claw/tools';
import { z } from 'zod';

const TaskInputSchema = z.object({
  description: z.string().min(1).describe('A short (3-5 word) description of the task.'),
  prompt: z.string().min(1).describe('The complete task for the agent, with all the context it needs.'),
  subagent_type: z.string().optional().describe('Which agent definition to use (default: general-purpose).'),
});
export type TaskInput = z.infer<typeof TaskInputSchema>;

export interface ChildRun {
  text: string;
  isError: boolean;
  turns: number;
}

export type RunChildAgent = (
  agent: AgentDefinition,
  prompt: string,
  signal: AbortSignal,
  /** The parent's Task `tool_use` id, which the child's messages name as their parent. */
  parentToolUseId?: string,
) => Promise<ChildRun>;

/**
 * The Task tool (`Agent`/`agent` too): runs a sub-agent with a fresh context and its own tool subset and
 * returns its final text. Several Task calls in one message run in parallel (it is concurrency-safe: each
 * child has its own history), and each child's tool calls still go through the permission policy.
 */
export function createTaskTool(agents: readonly AgentDefinition[], runChild: RunChildAgent): Tool<TaskInput> {
  const list = agents
    .map((a) => `- ${a.name}: ${a.description}${a.tools ? ` (tools: ${a.tools.join(', ')})` : ''}`)
    .join('\n');
  return {
    name: 'Task',
    aliases: ['Agent', 'agent'],
    description: `Launch a sub-agent that works on a task on its own, with a fresh context, and returns its final answer. Use it for searches and multi-step work whose details the main conversation does not need. Launch several at once (several Task calls in one message) to work in parallel. Give each a complete, self-contained prompt.\n\nAvailable agents:\n${list}`,
    inputSchema: TaskInputSchema,
    permission: 'danger-full-access',
    concurrencySafe: true,
    summarize: (input) => `Task(${input.description})`,
    async execute(input, ctx): Promise<ToolResult> {
      const name = input.subagent_type ?? 'general-purpose';
      const agent = agents.find((a) => a.name === name);
      if (!agent) {
        return {
          content: `Error: no agent named "${name}". Available: ${agents.map((a) => a.name).join(', ')}.`,
          isError: true,
        };
      }
      const run = await runChild(agent, input.prompt, ctx.signal, ctx.toolUseId);
      return {
        content: run.text || '(the agent returned no text)',
        ...(run.isError ? { isError: true } : {}),
        display: { kind: 'text', text: `${agent.name}: ${run.turns} turn(s)` },
      };
    },
  };
}
