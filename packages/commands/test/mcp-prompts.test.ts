import { describe, expect, it } from 'vitest';
import { createCommandRegistry } from '../src/index.js';
import type { CommandContext, CommandEngine, McpPromptCommandView } from '../src/types.js';
import { fakeEngine, fakeServices } from './fake-engine.js';

const prompts: McpPromptCommandView[] = [
  { name: 'mcp__everything__simple_prompt', description: 'A prompt without arguments', usage: '' },
  { name: 'mcp__everything__complex_prompt', usage: '<temperature> [style]' },
];

function contextWith(engine: Partial<CommandEngine>): CommandContext & { expanded: string[][] } {
  const expanded: string[][] = [];
  const base = fakeEngine();
  return {
    engine: Object.assign(base, engine, {
      expandMcpPrompt: engine.expandMcpPrompt
        ? async (name: string, args: string[], signal?: AbortSignal) => {
            expanded.push([name, ...args]);
            return engine.expandMcpPrompt?.(name, args, signal);
          }
        : undefined,
    }),
    services: fakeServices,
    signal: new AbortController().signal,
    expanded,
  };
}

describe('MCP prompts as slash commands', () => {
  const registry = createCommandRegistry();

  it('submits the expanded prompt, with the words after the name as its arguments', async () => {
    const ctx = contextWith({
      expandMcpPrompt: async (name, args) =>
        name === 'mcp__everything__complex_prompt' ? `Temperature ${args[0]}, style ${args[1]}` : undefined,
    });
    const output = await registry.execute('/mcp__everything__complex_prompt 0.7 "very terse"', ctx);
    expect(output).toEqual({ action: 'submit', prompt: 'Temperature 0.7, style very terse' });
    expect(ctx.expanded).toEqual([['mcp__everything__complex_prompt', '0.7', 'very terse']]);
  });

  it('says so when no connected server offers the prompt, and reports a usage error as an error', async () => {
    const none = await registry.execute(
      '/mcp__gone__prompt',
      contextWith({ expandMcpPrompt: async () => undefined }),
    );
    expect(none.isError).toBe(true);
    expect(none.text).toMatch(/No connected MCP server offers \/mcp__gone__prompt/);
    const failing = await registry.execute(
      '/mcp__everything__complex_prompt',
      contextWith({
        expandMcpPrompt: async () => {
          throw new Error('missing required argument "temperature"');
        },
      }),
    );
    expect(failing).toMatchObject({ isError: true, text: expect.stringMatching(/temperature/) });
  });

  it('is an unknown command for an engine without MCP prompts', async () => {
    const output = await registry.execute('/mcp__everything__simple_prompt', contextWith({}));
    expect(output).toMatchObject({ isError: true, text: expect.stringMatching(/Unknown command/) });
  });

  it('completes MCP prompt names once the user types /mcp', async () => {
    const engine = Object.assign(fakeEngine(), { mcpPromptCommands: async () => prompts });
    const completion = await registry.complete('/mcp__every', { engine, services: fakeServices });
    expect(completion.candidates).toEqual([
      '/mcp__everything__simple_prompt',
      '/mcp__everything__complex_prompt',
    ]);
    const plain = await registry.complete('/co', { engine, services: fakeServices });
    expect(plain.candidates.some((c) => c.startsWith('/mcp__'))).toBe(false);
  });
});
