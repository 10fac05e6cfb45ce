import { z } from 'zod';
import { applyEdit, type EditRequest } from './edit-match.js';
import { commitFileChange, type LoadedFile, loadFileForChange } from './file-change.js';
import { applyTextStyle, styleToKeep, toModelText } from './text-style.js';
import type { Tool, ToolContext, ToolResult } from './tool.js';
import { errorResult, textResult } from './tool-result.js';
import { unifiedDiff } from './unified-diff.js';

const editInput = z.strictObject({
  file_path: z.string().describe('Absolute path of the file to modify.'),
  old_string: z.string().describe('The exact text to replace (without Read line-number prefixes).'),
  new_string: z.string().describe('The text to put in its place (must differ from old_string).'),
  replace_all: z.boolean().optional().describe('Replace every occurrence of old_string (default false).'),
});
export type EditInput = z.infer<typeof editInput>;

const DESCRIPTION = `Performs an exact string replacement in a file.
- Read the file first in this session; edits to unread files, or files changed on disk since the read, are refused.
- old_string must match the file exactly (indentation included) and must be unique in the file unless replace_all is true. Add surrounding lines to make it unique.
- Do not include the line-number prefix of Read output (spaces, number, tab) in old_string or new_string.
- Use replace_all to rename something across the file.
- With an empty old_string on a file that does not exist, the file is created with new_string.
- Line endings (CRLF/LF), BOM and the final newline of the file are kept; write \\n in your strings.`;

export function createEditTool(): Tool<EditInput> {
  return {
    name: 'Edit',
    aliases: ['edit_file'],
    description: DESCRIPTION,
    inputSchema: editInput,
    inputAliases: { path: 'file_path' },
    permission: 'workspace-write',
    concurrencySafe: false,
    ruleSubject: (input) => input.file_path,
    summarize: (input) => `Edit(${input.file_path})`,
    execute: (input, ctx) => runEdits(ctx, 'Edit', input.file_path, [input]),
  };
}

/**
 * Applies edits in order to an in-memory copy and writes once, so a failing edit leaves the file untouched
 * (MultiEdit's all-or-nothing rule; Edit is the one-edit case).
 */
export async function runEdits(
  ctx: ToolContext,
  toolName: string,
  filePath: string,
  edits: EditRequest[],
): Promise<ToolResult> {
  const loaded = await loadFileForChange(ctx, toolName, filePath);
  if (!loaded.ok) return errorResult(loaded.message);
  const { file } = loaded;
  const path = file.guarded.displayPath;
  const creating = file.raw === undefined;
  if (creating && !(edits[0]?.old_string === '')) {
    return errorResult(
      `File does not exist: ${filePath}. To create it, use Write (or Edit with an empty old_string).`,
    );
  }
  const before = file.raw === undefined ? '' : toModelText(file.raw);
  let text = before;
  let replacements = 0;
  for (const [index, edit] of edits.entries()) {
    // An empty old_string fills a new or empty file, as in Claude Code.
    if (index === 0 && edit.old_string === '' && text === '') {
      text = edit.new_string.replace(/\r\n/g, '\n');
      replacements++;
      continue;
    }
    const outcome = applyEdit(text, edit, path);
    if (!outcome.ok) {
      const which =
        edits.length > 1 ? `Edit ${index + 1} of ${edits.length} failed; no edit was applied. ` : '';
      return errorResult(which + outcome.message);
    }
    text = outcome.text;
    replacements += outcome.replacements;
  }
  return writeEdited(ctx, file, before, text, replacements);
}

async function writeEdited(
  ctx: ToolContext,
  file: LoadedFile,
  before: string,
  after: string,
  replacements: number,
): Promise<ToolResult> {
  const style = styleToKeep(file.raw, after);
  const failure = await commitFileChange(ctx, file, style ? applyTextStyle(after, style) : after);
  if (failure) return errorResult(failure);
  const path = file.guarded.displayPath;
  const diff = unifiedDiff(before, after, path);
  const created = file.raw === undefined;
  const snippet = created
    ? `File created successfully at: ${path}`
    : `The file ${path} has been updated (${replacements} replacement${replacements === 1 ? '' : 's'}).`;
  return textResult(`${snippet}\n${summariseDiff(diff)}`, { kind: 'diff', path, diff, created });
}

/** A short view of what changed, so the model sees the result without reading the file again. */
function summariseDiff(diff: string): string {
  const lines = diff
    .split('\n')
    .filter((line) => line.startsWith('@@') || line.startsWith('+') || line.startsWith('-'));
  const body = lines.filter((line) => !line.startsWith('+++') && !line.startsWith('---'));
  const shown = body.slice(0, 40);
  const rest = body.length > shown.length ? `\n… (${body.length - shown.length} more diff lines)` : '';
  return shown.join('\n') + rest;
}
