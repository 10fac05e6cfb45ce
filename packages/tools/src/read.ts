import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { z } from 'zod';
import { recordRead } from './file-freshness.js';
import { guardPath } from './path-guard.js';
import { isDecodeError, looksBinary, sniffEncoding, type TextEncoding } from './text-encoding.js';
import type { Tool, ToolResult } from './tool.js';
import { describeError, errorCode, errorResult, textResult } from './tool-result.js';

export const DEFAULT_READ_LINES = 2000;
export const MAX_LINE_CHARS = 2000;
/** Whole-file reads beyond this size must page with offset/limit. */
export const MAX_WHOLE_FILE_BYTES = 256 * 1024;
/** A page whose numbered text passes this is cut at a line boundary with a hint to continue. */
const MAX_PAGE_CHARS = 100_000;
/** The API refuses images above 5 MB of base64; this is the raw-size equivalent. */
const MAX_IMAGE_BYTES = 3_750_000;
const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

const readInput = z.strictObject({
  file_path: z
    .string()
    .describe('Absolute path of the file to read (relative paths resolve against the workspace).'),
  offset: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Line number to start reading from (1-based). Use for large files.'),
  limit: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(`How many lines to read (default ${DEFAULT_READ_LINES}).`),
});
export type ReadInput = z.infer<typeof readInput>;

const DESCRIPTION = `Reads a file from the local filesystem.
- file_path should be an absolute path; relative paths resolve against the workspace root.
- By default reads up to ${DEFAULT_READ_LINES} lines from the start. For large files pass offset (1-based line) and limit.
- Output is in cat -n format: the line number, a tab, then the line. The numbers are not part of the file: never include them in Edit's old_string.
- Lines longer than ${MAX_LINE_CHARS} characters are cut.
- Images (png, jpg, gif, webp) are returned as images you can see.
- Binary files are refused; directories cannot be read (use Glob or Bash ls). UTF-16 files with a BOM are read; files that are not valid UTF-8 are shown decoded as Latin-1, with a note.
- A file must be read before it can be edited or overwritten.
- Call it on several files at once when you need several.`;

export function createReadTool(): Tool<ReadInput> {
  return {
    name: 'Read',
    aliases: ['read_file'],
    description: DESCRIPTION,
    inputSchema: readInput,
    inputAliases: { path: 'file_path' },
    permission: 'read-only',
    concurrencySafe: true,
    ruleSubject: (input) => input.file_path,
    summarize: (input) => `Read(${input.file_path})`,
    async execute(input, ctx) {
      const guarded = await guardPath(ctx, 'Read', input.file_path, 'read');
      if (!guarded.ok) return errorResult(guarded.message);
      if (!guarded.exists || !guarded.stats) return errorResult(`File does not exist: ${input.file_path}`);
      try {
        const stats = await stat(guarded.path);
        if (stats.isDirectory()) {
          return errorResult(`${guarded.displayPath} is a directory. Use Glob or Bash (ls) to list it.`);
        }
        if (!stats.isFile()) return errorResult(`${guarded.displayPath} is not a regular file.`);
        const mediaType = IMAGE_TYPES[extname(guarded.path).toLowerCase()];
        if (mediaType) return await readImage(guarded.path, guarded.displayPath, mediaType, stats.size);
        const head = await readHead(guarded.path);
        if (looksBinary(head)) {
          return errorResult(
            `${guarded.displayPath} is a binary file (it contains NUL bytes); it cannot be read as text.`,
          );
        }
        const paged = input.offset !== undefined || input.limit !== undefined;
        if (!paged && stats.size > MAX_WHOLE_FILE_BYTES) {
          return errorResult(
            `${guarded.displayPath} is ${stats.size} bytes, over the ${MAX_WHOLE_FILE_BYTES}-byte limit for reading a whole file. ` +
              'Read it in pages with offset and limit (e.g. offset: 1, limit: 500), or search it with Grep.',
          );
        }
        const offset = input.offset ?? 1;
        const limit = input.limit ?? DEFAULT_READ_LINES;
        const encoding = sniffEncoding(head);
        let page: Page;
        let note = '';
        try {
          page = await readLines(guarded.path, { offset, limit, signal: ctx.signal, encoding });
        } catch (error) {
          if (!isDecodeError(error)) throw error;
          // Shown rather than refused, and said plainly: the model must not take the characters for UTF-8.
          page = await readLines(guarded.path, {
            offset,
            limit,
            signal: ctx.signal,
            encoding: 'windows-1252',
          });
          note =
            `\n\n(${guarded.displayPath} is not valid ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()}; ` +
            'it is shown decoded as Latin-1 (Windows-1252), which may be wrong for some characters. ' +
            'Edit and MultiEdit refuse it; Write replaces it whole as UTF-8.)';
        }
        recordRead(ctx, guarded.path, stats);
        return formatPage(page, guarded.displayPath, offset, note);
      } catch (error) {
        return errorResult(`Cannot read ${guarded.displayPath}: ${errorCode(error) ?? describeError(error)}`);
      }
    },
  };
}

interface Page {
  lines: string[];
  totalLines: number;
  /** True when the file has lines after the page. */
  more: boolean;
}

function formatPage(page: Page, displayPath: string, offset: number, note: string): ToolResult {
  if (page.totalLines === 0) {
    return textResult(`<system-reminder>The file ${displayPath} exists but is empty.</system-reminder>`, {
      kind: 'file',
      path: displayPath,
      lines: 0,
    });
  }
  if (page.lines.length === 0) {
    return errorResult(`${displayPath} has ${page.totalLines} lines; offset ${offset} is past the end.`);
  }
  const out: string[] = [];
  let chars = 0;
  let shown = 0;
  for (const line of page.lines) {
    const cut = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line truncated]` : line;
    const numbered = `${String(offset + shown).padStart(6, ' ')}\t${cut.replace(/\r$/, '')}`;
    if (chars + numbered.length > MAX_PAGE_CHARS && shown > 0) break;
    out.push(numbered);
    chars += numbered.length + 1;
    shown++;
  }
  const next = offset + shown;
  const cutShort = shown < page.lines.length || page.more;
  const more = cutShort
    ? `\n\n(Showing lines ${offset}-${next - 1} of ${page.totalLines}${page.more ? '+' : ''}. Continue with offset: ${next}.)`
    : '';
  return textResult(out.join('\n') + more + note, { kind: 'file', path: displayPath, lines: shown });
}

/**
 * Streams the file so a page deep inside a huge log costs memory for the page only. Lines end at `\n` (a `\r`
 * before it is dropped when shown); a BOM is dropped. Strict decoding: invalid bytes throw (`isDecodeError`),
 * except in the Windows-1252 fallback, where every byte is a character.
 */
async function readLines(
  path: string,
  options: { offset: number; limit: number; signal: AbortSignal; encoding: TextEncoding | 'windows-1252' },
): Promise<Page> {
  const lines: string[] = [];
  let lineNumber = 0;
  let more = false;
  for await (const line of linesOf(path, options.encoding, options.signal)) {
    lineNumber++;
    if (lineNumber < options.offset) continue;
    if (lines.length >= options.limit) {
      more = true;
      break;
    }
    lines.push(line);
  }
  return { lines, totalLines: lineNumber, more };
}

async function* linesOf(path: string, encoding: string, signal: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252' });
  const stream = createReadStream(path, { signal });
  let carry = '';
  try {
    for await (const chunk of stream) {
      carry += decoder.decode(chunk as Buffer, { stream: true });
      let start = 0;
      for (let end = carry.indexOf('\n'); end !== -1; end = carry.indexOf('\n', start)) {
        yield carry.slice(start, end);
        start = end + 1;
      }
      carry = carry.slice(start);
    }
    carry += decoder.decode();
    if (carry !== '') yield carry;
  } finally {
    stream.destroy();
  }
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readImage(
  path: string,
  displayPath: string,
  mediaType: string,
  size: number,
): Promise<ToolResult> {
  if (size > MAX_IMAGE_BYTES) {
    return errorResult(
      `${displayPath} is ${size} bytes; images over ${MAX_IMAGE_BYTES} bytes cannot be sent to the model.`,
    );
  }
  const data = (await readFile(path)).toString('base64');
  return {
    content: [{ type: 'image', source: { type: 'base64', media_type: mediaType, data } }],
    display: { kind: 'file', path: displayPath, lines: 0 },
  };
}
