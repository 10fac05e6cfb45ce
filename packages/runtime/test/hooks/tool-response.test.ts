import { describe, expect, it } from 'vitest';
import { toolResponseForHooks } from '../../src/hooks/index.js';

const root = '/work/ws';

describe('toolResponseForHooks: Claude Code shaped tool_response per tool', () => {
  it.each([
    {
      tool: 'Bash',
      input: { command: 'ls' },
      result: { content: 'a\nb', display: { kind: 'command' as const, command: 'ls', exitCode: 0 } },
      expected: { stdout: 'a\nb', stderr: '', interrupted: false, isImage: false, exitCode: 0 },
    },
    {
      tool: 'Bash',
      input: { command: 'sleep 9' },
      result: {
        content: 'Command timed out',
        isError: true,
        display: { kind: 'command' as const, command: 'sleep 9', exitCode: null, signal: 'SIGKILL' },
      },
      expected: { stdout: 'Command timed out', interrupted: true, exitCode: null },
    },
    {
      tool: 'Write',
      input: { file_path: 'src/a.ts', content: 'x' },
      result: {
        content: 'wrote',
        display: { kind: 'diff' as const, path: '/work/ws/src/a.ts', diff: '', created: true },
      },
      expected: { type: 'create', filePath: '/work/ws/src/a.ts', content: 'x', success: true },
    },
    {
      tool: 'Edit',
      input: { file_path: '/abs/b.ts', old_string: 'a', new_string: 'b' },
      result: { content: 'no match', isError: true },
      expected: {
        filePath: '/abs/b.ts',
        oldString: 'a',
        newString: 'b',
        replaceAll: false,
        success: false,
        error: 'no match',
      },
    },
    {
      tool: 'Read',
      input: { file_path: 'fixture.txt' },
      result: { content: '1\tbody' },
      expected: {
        type: 'text',
        file: { filePath: '/work/ws/fixture.txt', content: '1\tbody' },
        filePath: '/work/ws/fixture.txt',
        success: true,
      },
    },
    {
      tool: 'mcp__srv__tool',
      input: {},
      result: { content: 'hello' },
      expected: { content: 'hello' },
    },
    {
      tool: 'Glob',
      input: { pattern: '*' },
      result: { content: 'bad pattern', isError: true },
      expected: { content: 'bad pattern', isError: true },
    },
  ])('$tool → $expected', ({ tool, input, result, expected }) => {
    const response = toolResponseForHooks(tool, input, result, root);
    expect(response).toMatchObject(expected);
    if (tool.startsWith('mcp__') || tool === 'Glob') expect(response).toEqual(expected);
  });
});
