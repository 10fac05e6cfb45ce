import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import { z } from 'zod';
import { commitFileChange, loadFileForChange } from './file-change.js';
import type { Tool } from './tool.js';
import { errorResult, textResult } from './tool-result.js';
import { unifiedDiff } from './unified-diff.js';

const notebookEditInput = z.strictObject({
  notebook_path: z.string().describe('Absolute path of the .ipynb file.'),
  cell_id: z
    .string()
    .optional()
    .describe(
      'ID of the cell to edit (or its 0-based index). For insert: the new cell goes after it (at the start when omitted).',
    ),
  new_source: z.string().describe('The new source of the cell (ignored for delete).'),
  cell_type: z.enum(['code', 'markdown']).optional().describe('Cell type; required for insert.'),
  edit_mode: z
    .enum(['replace', 'insert', 'delete'])
    .optional()
    .describe('replace (default), insert or delete.'),
});
export type NotebookEditInput = z.infer<typeof notebookEditInput>;

interface NotebookCell {
  id?: string;
  cell_type: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

interface Notebook {
  cells: NotebookCell[];
  nbformat?: number;
  nbformat_minor?: number;
  [key: string]: unknown;
}

export function createNotebookEditTool(): Tool<NotebookEditInput> {
  return {
    name: 'NotebookEdit',
    aliases: ['notebook_edit'],
    description:
      'Replaces, inserts or deletes one cell of a Jupyter notebook (.ipynb). Read the notebook first. Identify cells by cell_id (or 0-based index). Replacing a code cell clears its outputs. Everything else in the notebook is kept as is.',
    inputSchema: notebookEditInput,
    inputAliases: { path: 'notebook_path' },
    permission: 'workspace-write',
    concurrencySafe: false,
    ruleSubject: (input) => input.notebook_path,
    summarize: (input) => `NotebookEdit(${input.notebook_path}, ${input.edit_mode ?? 'replace'})`,
    async execute(input, ctx) {
      if (extname(input.notebook_path).toLowerCase() !== '.ipynb')
        return errorResult('notebook_path must be a .ipynb file.');
      const loaded = await loadFileForChange(ctx, 'NotebookEdit', input.notebook_path);
      if (!loaded.ok) return errorResult(loaded.message);
      const { file } = loaded;
      if (file.raw === undefined) return errorResult(`Notebook does not exist: ${input.notebook_path}`);
      let notebook: Notebook;
      try {
        notebook = JSON.parse(file.raw) as Notebook;
      } catch (error) {
        return errorResult(`${file.guarded.displayPath} is not valid JSON: ${String(error)}`);
      }
      if (!Array.isArray(notebook.cells))
        return errorResult(`${file.guarded.displayPath} has no cells array.`);
      const outcome = applyNotebookEdit(notebook, input);
      if (!outcome.ok) return errorResult(outcome.message);
      const indent = /^\{\n( +)"/.exec(file.raw)?.[1]?.length ?? 1;
      const text = JSON.stringify(notebook, null, indent) + (file.raw.endsWith('\n') ? '\n' : '');
      const failure = await commitFileChange(ctx, file, text);
      if (failure) return errorResult(failure);
      const path = file.guarded.displayPath;
      return textResult(outcome.message, {
        kind: 'diff',
        path,
        diff: unifiedDiff(file.raw, text, path),
        created: false,
      });
    },
  };
}

type NotebookEditOutcome = { ok: true; message: string } | { ok: false; message: string };

/** Mutates the notebook in memory; nothing is written when it refuses. */
function applyNotebookEdit(notebook: Notebook, input: NotebookEditInput): NotebookEditOutcome {
  const mode = input.edit_mode ?? 'replace';
  const index = input.cell_id === undefined ? -1 : findCell(notebook.cells, input.cell_id);
  if (input.cell_id !== undefined && index === -1) {
    return {
      ok: false,
      message: `Cell ${input.cell_id} not found. Cell ids: ${notebook.cells.map((cell, at) => cell.id ?? String(at)).join(', ')}`,
    };
  }
  if (mode === 'insert') {
    if (!input.cell_type) return { ok: false, message: 'cell_type is required when inserting a cell.' };
    const cell: NotebookCell = {
      cell_type: input.cell_type,
      metadata: {},
      source: toSource(input.new_source, true),
    };
    if (usesCellIds(notebook)) cell.id = randomBytes(4).toString('hex');
    if (input.cell_type === 'code') Object.assign(cell, { execution_count: null, outputs: [] });
    notebook.cells.splice(index + 1, 0, cell);
    const where = `at position ${index + 1}`;
    return { ok: true, message: `Inserted ${input.cell_type} cell${cell.id ? ` ${cell.id}` : ''} ${where}.` };
  }
  if (index === -1) return { ok: false, message: `cell_id is required to ${mode} a cell.` };
  const cell = notebook.cells[index]!;
  if (mode === 'delete') {
    notebook.cells.splice(index, 1);
    return { ok: true, message: `Deleted cell ${input.cell_id}.` };
  }
  cell.source = toSource(input.new_source, Array.isArray(cell.source));
  if (input.cell_type && input.cell_type !== cell.cell_type) {
    cell.cell_type = input.cell_type;
    if (input.cell_type === 'markdown') {
      delete cell.outputs;
      delete cell.execution_count;
    }
  }
  if (cell.cell_type === 'code') Object.assign(cell, { execution_count: null, outputs: [] });
  return { ok: true, message: `Updated cell ${input.cell_id}.` };
}

function findCell(cells: NotebookCell[], id: string): number {
  const byId = cells.findIndex((cell) => cell.id === id);
  if (byId !== -1) return byId;
  const numeric = /^(?:cell-)?(\d+)$/.exec(id);
  if (numeric?.[1]) {
    const at = Number(numeric[1]);
    return at < cells.length ? at : -1;
  }
  return -1;
}

/** nbformat 4.5+ requires cell ids. */
function usesCellIds(notebook: Notebook): boolean {
  return (
    (notebook.nbformat ?? 4) > 4 || ((notebook.nbformat ?? 4) === 4 && (notebook.nbformat_minor ?? 0) >= 5)
  );
}

/** nbformat stores source as a string or as lines that keep their `\n`; keep the file's choice. */
function toSource(text: string, asLines: boolean): string | string[] {
  if (!asLines) return text;
  return text.split(/(?<=\n)/);
}
