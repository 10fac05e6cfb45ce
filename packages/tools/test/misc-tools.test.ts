import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  capToolOutput,
  createNotebookEditTool,
  createReadTool,
  createTodoWriteTool,
  createToolSearchTool,
  unifiedDiff,
} from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

describe('TodoWrite', () => {
  it('stores todos in session state and shows them', async () => {
    const ctx = makeContext(await tempDir());
    const todos = [
      { content: 'Write tests', status: 'in_progress', activeForm: 'Writing tests' },
      { content: 'Ship', status: 'pending', activeForm: 'Shipping' },
    ];
    const result = await run(createTodoWriteTool(), { todos }, ctx);
    expect(ctx.state.todos).toEqual(todos);
    expect(result.display).toEqual({ kind: 'todos', todos });
  });
});

describe('NotebookEdit', () => {
  const notebook = {
    cells: [
      { id: 'a1', cell_type: 'markdown', metadata: {}, source: ['# Title\n', 'text'] },
      {
        id: 'b2',
        cell_type: 'code',
        metadata: {},
        source: 'print(1)',
        outputs: [{ output_type: 'stream', text: '1' }],
        execution_count: 3,
      },
    ],
    metadata: { kernelspec: { name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };

  async function setup() {
    const root = await tempDir();
    const file = join(root, 'n.ipynb');
    await writeFile(file, `${JSON.stringify(notebook, null, 1)}\n`);
    const ctx = makeContext(root);
    await run(createReadTool(), { file_path: file }, ctx);
    return { file, ctx };
  }

  it('replaces a code cell, clearing outputs, keeping the rest', async () => {
    const { file, ctx } = await setup();
    const result = await run(
      createNotebookEditTool(),
      { notebook_path: file, cell_id: 'b2', new_source: 'print(2)' },
      ctx,
    );
    expect(result.isError, text(result)).toBeFalsy();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.cells[1]).toMatchObject({ source: 'print(2)', outputs: [], execution_count: null });
    expect(saved.metadata).toEqual(notebook.metadata);
    expect((await readFile(file, 'utf8')).startsWith('{\n "cells"')).toBe(true);
  });

  it('inserts and deletes cells', async () => {
    const { file, ctx } = await setup();
    const tool = createNotebookEditTool();
    await run(
      tool,
      {
        notebook_path: file,
        cell_id: 'a1',
        new_source: 'x = 1\ny = 2',
        cell_type: 'code',
        edit_mode: 'insert',
      },
      ctx,
    );
    let saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.cells).toHaveLength(3);
    expect(saved.cells[1]).toMatchObject({ cell_type: 'code', source: ['x = 1\n', 'y = 2'] });
    expect(saved.cells[1].id).toMatch(/^[0-9a-f]{8}$/);
    await run(tool, { notebook_path: file, cell_id: 'a1', new_source: '', edit_mode: 'delete' }, ctx);
    saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.cells.map((cell: { id: string }) => cell.id)).not.toContain('a1');
    expect(text(await run(tool, { notebook_path: file, cell_id: 'zz', new_source: '' }, ctx))).toMatch(
      /not found/,
    );
  });
});

describe('ToolSearch', () => {
  it('finds deferred tools by keyword and by select:', async () => {
    const tool = createToolSearchTool({
      deferredTools: () => [
        {
          name: 'mcp__github__create_issue',
          description: 'Create a GitHub issue',
          inputSchema: { type: 'object' },
        },
        { name: 'mcp__slack__post', description: 'Post a message to Slack' },
      ],
    });
    const ctx = makeContext(await tempDir());
    const found = JSON.parse(text(await run(tool, { query: 'github issue' }, ctx)));
    expect(found.tools.map((entry: { name: string }) => entry.name)).toEqual(['mcp__github__create_issue']);
    const selected = JSON.parse(text(await run(tool, { query: 'select:mcp__slack__post' }, ctx)));
    expect(selected.tools[0]).toMatchObject({ name: 'mcp__slack__post', input_schema: { type: 'object' } });
    expect(text(await run(tool, { query: 'jira' }, ctx))).toMatch(/No deferred tools/);
  });
});

describe('capToolOutput', () => {
  it('keeps head and tail and saves the full text', async () => {
    const dir = await tempDir();
    const full = Array.from({ length: 10_000 }, (_, index) => `line ${index}`).join('\n');
    const capped = await capToolOutput(full, { maxChars: 1000, scratchDir: dir, label: 't' });
    expect(capped.truncated).toBe(true);
    expect(capped.text.length).toBeLessThanOrEqual(1000 + 300);
    expect(capped.text.startsWith('line 0\n')).toBe(true);
    expect(capped.text.endsWith('line 9999')).toBe(true);
    expect(capped.text).toContain(capped.savedPath!);
    expect(await readFile(capped.savedPath!, 'utf8')).toBe(full);
    expect(await capToolOutput('short', { maxChars: 1000 })).toEqual({
      text: 'short',
      truncated: false,
      originalChars: 5,
    });
  });
});

describe('unifiedDiff', () => {
  it('produces hunks with context', () => {
    const before = Array.from({ length: 20 }, (_, index) => `l${index}`).join('\n');
    const after = before.replace('l10', 'L10');
    expect(unifiedDiff(`${before}\n`, `${after}\n`, 'f.txt')).toBe(
      '--- a/f.txt\n+++ b/f.txt\n@@ -8,7 +8,7 @@\n l7\n l8\n l9\n-l10\n+L10\n l11\n l12\n l13\n',
    );
    expect(unifiedDiff('', 'new\n', 'n.txt')).toBe('--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,1 @@\n+new\n');
    expect(unifiedDiff('same\n', 'same\n', 'x')).toBe('');
  });
});

describe('capToolOutput with a long scratch path', () => {
  it('stays within maxChars however long the saved path is', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const base = mkdtempSync(join(tmpdir(), 'claw-cap-'));
    const deep = join(base, 'a-rather-long-directory-name'.repeat(6), 'run-XXXXXX', '20260101-000000-abcdef');
    const capped = await capToolOutput('x\n'.repeat(50_000), { maxChars: 30_000, scratchDir: deep });
    rmSync(base, { recursive: true, force: true });
    expect(capped.truncated).toBe(true);
    expect(capped.text).toContain(deep);
    expect(capped.text.length).toBeLessThanOrEqual(30_000);
  });
});
