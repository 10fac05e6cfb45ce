import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sniffEncoding } from '../text-encoding.js';
import { errorCode } from '../tool-result.js';
import { type CompiledPattern, compileRgPattern } from './js-regex.js';
import type { FileSearchResult, GrepSpec } from './search-spec.js';
import { searchText, type TextSearchOptions } from './search-text.js';

/** What a worker needs to search: plain data, so it can cross a thread boundary. */
export interface SearchJob {
  pattern: string;
  caseInsensitive: boolean;
  options: TextSearchOptions;
}

export function searchJobFor(spec: GrepSpec): SearchJob {
  return {
    pattern: spec.pattern,
    caseInsensitive: spec.caseInsensitive,
    options: { mode: spec.mode, multiline: spec.multiline, before: spec.before, after: spec.after },
  };
}

export function compileJob(job: SearchJob): CompiledPattern {
  return compileRgPattern(job.pattern, job.caseInsensitive, job.options.multiline);
}

/**
 * Binary files (a NUL byte anywhere) are skipped, as rg skips them during a recursive search; UTF-16 with a
 * BOM is transcoded first, as rg does.
 */
export function searchBuffer(buffer: Buffer, pattern: CompiledPattern, job: SearchJob): FileSearchResult {
  const encoding = sniffEncoding(buffer);
  if (encoding !== 'utf-8') return searchText(new TextDecoder(encoding).decode(buffer), pattern, job.options);
  if (buffer.includes(0)) return undefined;
  return searchText(buffer.toString('utf8'), pattern, job.options);
}

/** Files that vanish or cannot be read are skipped silently, as rg does with --no-messages. */
function isSkippableReadError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'ELOOP';
}

export async function searchFile(
  path: string,
  pattern: CompiledPattern,
  job: SearchJob,
): Promise<FileSearchResult> {
  try {
    return searchBuffer(await readFile(path), pattern, job);
  } catch (error) {
    if (isSkippableReadError(error)) return undefined;
    throw error;
  }
}

export function searchFileSync(path: string, pattern: CompiledPattern, job: SearchJob): FileSearchResult {
  try {
    return searchBuffer(readFileSync(path), pattern, job);
  } catch (error) {
    if (isSkippableReadError(error)) return undefined;
    throw error;
  }
}
