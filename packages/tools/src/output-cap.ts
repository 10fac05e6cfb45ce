import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DEFAULT_MAX_OUTPUT_CHARS = 30_000;
/** Room for the omission marker's fixed text and counts (the saved path is added to it). */
const MARKER_RESERVE = 100;

export interface CapOptions {
  /** Longest text returned (default 30,000). */
  maxChars?: number;
  /** Where the full text is saved when it is cut; nothing is saved when absent. */
  scratchDir?: string;
  /** Prefix of the saved file's name, e.g. `bash` or `grep`. */
  label?: string;
  /** Share of the budget given to the head; the rest goes to the tail (default 0.5). */
  headShare?: number;
}

export interface CappedOutput {
  text: string;
  truncated: boolean;
  /** Where the full text was saved, when it was cut and a scratch dir was given. */
  savedPath?: string;
  originalChars: number;
}

/**
 * Keeps the head and the tail of a long output (errors tend to be at the end, context at the start) and saves
 * the whole text to disk so the model can page through it with Read.
 */
export async function capToolOutput(text: string, options: CapOptions = {}): Promise<CappedOutput> {
  const maxChars = options.maxChars ?? DEFAULT_MAX_OUTPUT_CHARS;
  if (text.length <= maxChars) return { text, truncated: false, originalChars: text.length };
  let savedPath: string | undefined;
  if (options.scratchDir) {
    await mkdir(options.scratchDir, { recursive: true });
    savedPath = join(options.scratchDir, `${options.label ?? 'output'}-${randomUUID().slice(0, 8)}.txt`);
    await writeFile(savedPath, text, 'utf8');
  }
  return {
    ...cutMiddle(text, maxChars, options.headShare ?? 0.5, savedPath),
    savedPath,
    originalChars: text.length,
  };
}

function cutMiddle(text: string, maxChars: number, headShare: number, savedPath: string | undefined) {
  const where = savedPath ? ` Full output saved to ${savedPath} (read it with Read using offset/limit).` : '';
  // The marker names the saved file, whose path is as long as TMPDIR makes it: the result must still fit
  // in maxChars, or the runtime cuts it again and the model is pointed at a copy of the cut text.
  const budget = Math.max(0, maxChars - MARKER_RESERVE - where.length);
  const headChars = Math.floor(budget * headShare);
  const tailChars = budget - headChars;
  const head = text.slice(0, headChars);
  const tail = tailChars > 0 ? text.slice(text.length - tailChars) : '';
  const omitted = text.length - head.length - tail.length;
  const omittedLines = countLines(text.slice(head.length, text.length - tail.length));
  const marker = `\n\n[... ${omitted} characters (${omittedLines} lines) omitted.${where} ...]\n\n`;
  return { text: head + marker + tail, truncated: true };
}

function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}
