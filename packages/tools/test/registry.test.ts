import { describe, expect, it } from 'vitest';
import {
  createBuiltinTools,
  findTool,
  isConcurrencySafe,
  parseToolInput,
  resolvePermissionLevel,
  toolSpec,
} from '../src/index.js';

const tools = createBuiltinTools();

describe('registry', () => {
  it('lists every built-in tool once, with canonical names', () => {
    expect(tools.map((tool) => tool.name)).toEqual([
      'Read',
      'Write',
      'Edit',
      'MultiEdit',
      'Glob',
      'Grep',
      'Bash',
      'BashOutput',
      'KillShell',
      'WebFetch',
      'WebSearch',
      'TodoWrite',
      'NotebookEdit',
      'ToolSearch',
    ]);
  });

  it.each([
    ['Read', 'Read'],
    ['read_file', 'Read'],
    ['write_file', 'Write'],
    ['edit_file', 'Edit'],
    ['glob_search', 'Glob'],
    ['grep_search', 'Grep'],
    ['bash', 'Bash'],
    ['web_fetch', 'WebFetch'],
    ['web_search', 'WebSearch'],
    ['todo_write', 'TodoWrite'],
    ['notebook_edit', 'NotebookEdit'],
    ['tool_search', 'ToolSearch'],
  ])('findTool(%s) → %s', (name, canonical) => {
    expect(findTool(tools, name)?.name).toBe(canonical);
  });

  it('is case-sensitive for canonical names', () => {
    expect(findTool(tools, 'read')).toBeUndefined();
    expect(findTool(tools, 'READ_FILE')).toBeUndefined();
  });

  it('derives an API spec with a JSON Schema object and no $schema noise', () => {
    for (const tool of tools) {
      const spec = toolSpec(tool);
      expect(spec.name).toBe(tool.name);
      expect(spec.input_schema.type).toBe('object');
      expect(spec.input_schema.$schema).toBeUndefined();
      expect(JSON.stringify(spec.input_schema)).not.toContain('9007199254740991');
    }
    expect(toolSpec(findTool(tools, 'Read')!).input_schema.required).toEqual(['file_path']);
  });

  it.each([
    ['read_file', { path: '/x' }, { file_path: '/x' }],
    ['write_file', { path: '/x', content: 'c' }, { file_path: '/x', content: 'c' }],
    [
      'edit_file',
      { path: '/x', old_string: 'a', new_string: 'b' },
      { file_path: '/x', old_string: 'a', new_string: 'b' },
    ],
    [
      'grep_search',
      { pattern: 'p', path: 'src', output_mode: 'content' },
      { pattern: 'p', path: 'src', output_mode: 'content' },
    ],
    ['glob_search', { pattern: '*.ts', path: 'src' }, { pattern: '*.ts', path: 'src' }],
    ['bash', { command: 'ls', timeout: 5000 }, { command: 'ls', timeout: 5000 }],
  ])('accepts claw-code input fields for %s', (name, raw, expected) => {
    const parsed = parseToolInput(findTool(tools, name)!, raw);
    expect(parsed).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['Read', { file_path: 42 }, /"file_path" must be string, got number/],
    ['Read', {}, /"file_path" is required/],
    ['Read', { file_path: '/x', bogus: 1 }, /unexpected field "bogus"/],
    ['Read', 'not an object', /must be a JSON object, got string/],
    ['Read', null, /must be a JSON object, got null/],
    ['Read', { file_path: '/x', limit: -1 }, /"limit"/],
    ['Bash', { command: 'ls', timeout: 10_000_000 }, /"timeout"/],
    ['Grep', { pattern: 'x', output_mode: 'lines' }, /"output_mode"/],
    ['TodoWrite', { todos: [{ content: 'a', status: 'done', activeForm: 'A' }] }, /"todos\.0\.status"/],
    ['MultiEdit', { file_path: '/x', edits: 'nope' }, /"edits" must be array, got string/],
  ])('rejects bad %s input without throwing', (name, raw, message) => {
    const parsed = parseToolInput(findTool(tools, name)!, raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
    // The runtime says "invalid input for <tool>:" itself; the message must not say it again.
    if (!parsed.ok) expect(parsed.message).not.toMatch(new RegExp(`invalid input|${name} input`, 'i'));
  });

  it('resolves permission and concurrency per input', () => {
    const bash = findTool(tools, 'Bash')!;
    expect(resolvePermissionLevel(bash, { command: 'git status' })).toBe('read-only');
    expect(resolvePermissionLevel(bash, { command: 'rm -rf /' })).toBe('danger-full-access');
    expect(isConcurrencySafe(bash, { command: 'ls' })).toBe(true);
    expect(isConcurrencySafe(bash, { command: 'npm install' })).toBe(false);
    expect(resolvePermissionLevel(findTool(tools, 'Write')!, { file_path: 'a', content: '' })).toBe(
      'workspace-write',
    );
    expect(isConcurrencySafe(findTool(tools, 'Read')!, { file_path: 'a' })).toBe(true);
  });

  it('lets the runtime plug in its own command classifier', () => {
    const bash = findTool(createBuiltinTools({ classifyCommand: () => 'workspace-write' }), 'Bash')!;
    expect(resolvePermissionLevel(bash, { command: 'ls' })).toBe('workspace-write');
  });
});
