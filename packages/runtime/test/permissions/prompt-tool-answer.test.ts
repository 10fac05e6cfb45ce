import { tmpdir } from 'node:os';
import type { AnyTool, ToolResult } from '@claw/tools';
import { describe, expect, it } from 'vitest';
import {
  createPromptToolDecider,
  findPromptTool,
  parsePromptToolAnswer,
} from '../../src/engine/prompt-tool.js';

const TOOL = 'mcp__perm__approve';
const text = (value: string, isError = false): ToolResult => ({
  content: [{ type: 'text', text: value }],
  ...(isError ? { isError: true } : {}),
});

describe('parsePromptToolAnswer (fail closed)', () => {
  it.each([
    [
      'allow with updatedInput',
      text('{"behavior":"allow","updatedInput":{"command":"ls"}}'),
      { behavior: 'allow', updatedInput: { command: 'ls' } },
    ],
    ['allow without updatedInput', text(' {"behavior":"allow"}\n'), { behavior: 'allow' }],
    ['allow as a plain string', { content: '{"behavior":"allow"}' }, { behavior: 'allow' }],
    [
      'deny with a message',
      text('{"behavior":"deny","message":"no"}'),
      { behavior: 'deny', message: `denied by the permission prompt tool ${TOOL}: no` },
    ],
    [
      'deny without a message',
      text('{"behavior":"deny"}'),
      { behavior: 'deny', message: `denied by the permission prompt tool ${TOOL}` },
    ],
  ] as const)('%s', (_, result, expected) => {
    expect(parsePromptToolAnswer(TOOL, result)).toEqual(expected);
  });

  it.each<[string, ToolResult, RegExp]>([
    ['prose', text('yes, go ahead'), /did not answer with JSON/],
    ['an unknown behavior', text('{"behavior":"ask"}'), /answered \{"behavior":"ask"\}/],
    [
      'updatedInput that is not an object',
      text('{"behavior":"allow","updatedInput":"rm -rf /"}'),
      /answered/,
    ],
    ['a JSON array', text('[]'), /answered \[\]/],
    [
      'an error result that says allow',
      text('{"behavior":"allow"}', true),
      /failed \(\{"behavior":"allow"\}\)/,
    ],
    ['no content', { content: [] }, /did not answer with JSON/],
  ])('denies %s', (_, result, why) => {
    const decision = parsePromptToolAnswer(TOOL, result);
    expect(decision.behavior).toBe('deny');
    expect(decision.behavior === 'deny' && decision.message).toMatch(why);
  });
});

function fakeTool(answers: ToolResult[], calls: unknown[]): AnyTool {
  return {
    name: TOOL,
    aliases: [],
    description: 'approves',
    permission: 'read-only',
    execute: async (input: unknown) => {
      calls.push(input);
      const answer = answers.shift();
      if (!answer) throw new Error('the approval server went away');
      return answer;
    },
  } as unknown as AnyTool;
}

describe('createPromptToolDecider', () => {
  const request = (toolUseId: string) => ({
    toolName: 'Bash',
    input: { command: 'ls' },
    toolUseId,
    reason: 'why',
  });

  it("sends Claude Code's payload and asks once per allowed tool_use_id", async () => {
    const calls: unknown[] = [];
    const decide = createPromptToolDecider(fakeTool([text('{"behavior":"allow"}')], calls), '/ws', tmpdir());
    const signal = new AbortController().signal;
    expect(await decide(request('toolu_1'), signal)).toEqual({ behavior: 'allow' });
    expect(await decide(request('toolu_1'), signal)).toEqual({ behavior: 'allow' });
    expect(calls).toEqual([{ tool_name: 'Bash', input: { command: 'ls' }, tool_use_id: 'toolu_1' }]);
    // A thrown error is an unreadable answer: deny.
    const next = await decide(request('toolu_2'), signal);
    expect(next).toMatchObject({ behavior: 'deny', message: expect.stringMatching(/went away/) });
  });
});

describe('findPromptTool', () => {
  const tools = [fakeTool([], [])];
  it('finds the MCP tool by its full name', () => {
    expect(findPromptTool(TOOL, tools).name).toBe(TOOL);
  });
  it.each([
    ['mcp__perm__other', /no MCP tool has that name \(available: mcp__perm__approve\)/],
    ['Bash', /expected an MCP tool name/],
  ])('refuses %s', (name, why) => {
    expect(() => findPromptTool(name, tools)).toThrow(why);
  });
});
