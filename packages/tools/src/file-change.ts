import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createParentDirectories, writeFileAtomic } from './atomic-write.js';
import { checkReadBeforeWrite, recordRead } from './file-freshness.js';
import { type GuardedPath, guardPath, recheckBeforeWrite } from './path-guard.js';
import { decodeText, encodeText, type TextEncoding, undecodableMessage } from './text-encoding.js';
import type { ToolContext } from './tool.js';
import { describeError, errorCode } from './tool-result.js';

/** An existing text file loaded for a change, or the absence of one. */
export interface LoadedFile {
  guarded: GuardedPath;
  /**
   * The decoded text on disk (BOM and CRLF included); undefined for a new file, and for an existing file
   * that is not valid text in its encoding (`undecodable`, loaded only to be replaced whole).
   */
  raw?: string;
  /** How the file is written back: the encoding it was read in, UTF-8 for new and replaced files. */
  encoding: TextEncoding;
  undecodable?: boolean;
  stats?: Stats;
}

/**
 * The shared first half of Write, Edit, MultiEdit and NotebookEdit: guard the path for writing, refuse
 * directories and binary files, and enforce read-before-write on existing files. A file that is not valid
 * UTF-8 (or BOM-marked UTF-16) is refused unless `replacesWholeFile`: a partial edit would have to re-encode
 * bytes it never touched.
 */
export async function loadFileForChange(
  ctx: ToolContext,
  toolName: string,
  rawPath: string,
  options: { replacesWholeFile?: boolean } = {},
): Promise<{ ok: true; file: LoadedFile } | { ok: false; message: string }> {
  const guarded = await guardPath(ctx, toolName, rawPath, 'write');
  if (!guarded.ok) return guarded;
  if (!guarded.exists) return { ok: true, file: { guarded, encoding: 'utf-8' } };
  try {
    const stats = await stat(guarded.path);
    if (stats.isDirectory()) return { ok: false, message: `${guarded.displayPath} is a directory.` };
    if (!stats.isFile()) return { ok: false, message: `${guarded.displayPath} is not a regular file.` };
    const stale = checkReadBeforeWrite(ctx, guarded.path, guarded.displayPath, stats);
    if (stale) return { ok: false, message: stale };
    const decoded = decodeText(await readFile(guarded.path));
    switch (decoded.kind) {
      case 'binary':
        return {
          ok: false,
          message: `${guarded.displayPath} is a binary file; it cannot be edited as text.`,
        };
      case 'undecodable':
        if (options.replacesWholeFile)
          return { ok: true, file: { guarded, encoding: 'utf-8', undecodable: true, stats } };
        return { ok: false, message: undecodableMessage(guarded.displayPath, decoded.encoding) };
      case 'text':
        return { ok: true, file: { guarded, raw: decoded.text, encoding: decoded.encoding, stats } };
    }
  } catch (error) {
    return {
      ok: false,
      message: `Cannot open ${guarded.displayPath}: ${errorCode(error) ?? describeError(error)}`,
    };
  }
}

/**
 * The second half: re-check the path (a symlink may have appeared since), check the file did not change
 * while we worked, create parents, write atomically and remember the new mtime as read.
 */
export async function commitFileChange(
  ctx: ToolContext,
  file: LoadedFile,
  content: string,
): Promise<string | undefined> {
  const moved = await recheckBeforeWrite(file.guarded);
  if (moved) return moved;
  try {
    if (file.stats) {
      const now = await stat(file.guarded.path);
      if (now.mtimeMs !== file.stats.mtimeMs || now.size !== file.stats.size) {
        return `${file.guarded.displayPath} changed on disk while the change was being made. Read it again, then retry.`;
      }
    } else {
      await createParentDirectories(file.guarded.path);
    }
    await writeFileAtomic(file.guarded.path, encodeText(content, file.encoding), file.stats);
    recordRead(ctx, file.guarded.path, await stat(file.guarded.path));
    return undefined;
  } catch (error) {
    return `Cannot write ${file.guarded.displayPath}: ${errorCode(error) ?? describeError(error)}`;
  }
}
