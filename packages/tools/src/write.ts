import { z } from 'zod';
import { commitFileChange, loadFileForChange } from './file-change.js';
import { applyTextStyle, styleToKeep, toModelText } from './text-style.js';
import type { Tool } from './tool.js';
import { errorResult, textResult } from './tool-result.js';
import { unifiedDiff } from './unified-diff.js';

const writeInput = z.strictObject({
  file_path: z
    .string()
    .describe('Absolute path of the file to write (relative paths resolve against the workspace).'),
  content: z.string().describe('The complete new content of the file.'),
});
export type WriteInput = z.infer<typeof writeInput>;

const DESCRIPTION = `Writes a file, replacing it if it exists.
- An existing file must have been read with Read first in this session, and must not have changed since; otherwise the write is refused.
- Prefer Edit for changing part of an existing file: it sends only the change.
- Missing parent directories are created. The write is atomic.
- Write plain text with \\n line endings: an existing file's line endings (CRLF/LF), BOM and final newline are kept.
- Do not create documentation or README files unless asked.`;

export function createWriteTool(): Tool<WriteInput> {
  return {
    name: 'Write',
    aliases: ['write_file'],
    description: DESCRIPTION,
    inputSchema: writeInput,
    inputAliases: { path: 'file_path' },
    permission: 'workspace-write',
    concurrencySafe: false,
    ruleSubject: (input) => input.file_path,
    summarize: (input) => `Write(${input.file_path})`,
    async execute(input, ctx) {
      // Replacing the whole file never keeps an untouched byte, so one that is not valid UTF-8 may go.
      const loaded = await loadFileForChange(ctx, 'Write', input.file_path, { replacesWholeFile: true });
      if (!loaded.ok) return errorResult(loaded.message);
      const { file } = loaded;
      const before = file.raw === undefined ? '' : toModelText(file.raw);
      const style = styleToKeep(file.raw, input.content);
      const content = style ? applyTextStyle(input.content, style) : input.content;
      const failure = await commitFileChange(ctx, file, content);
      if (failure) return errorResult(failure);
      const path = file.guarded.displayPath;
      const diff = unifiedDiff(before, toModelText(content), path);
      const created = file.stats === undefined;
      const lines = countLines(input.content);
      const counted = `${lines} line${lines === 1 ? '' : 's'}`;
      const recoded = file.undecodable ? ' It was not valid UTF-8 before; it is UTF-8 now.' : '';
      const message = created
        ? `File created successfully at: ${path} (${counted})`
        : `The file ${path} has been updated (${counted}).${recoded}`;
      return textResult(message, { kind: 'diff', path, diff, created });
    },
  };
}

/** Lines as an editor counts them: a final newline ends the last line rather than starting another. */
function countLines(text: string): number {
  if (text === '') return 0;
  const breaks = text.split('\n').length - 1;
  return text.endsWith('\n') ? breaks : breaks + 1;
}
