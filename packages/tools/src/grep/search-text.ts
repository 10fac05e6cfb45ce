import type { CompiledPattern } from './js-regex.js';
import type { FileSearchResult, GrepLine, GrepMode } from './search-spec.js';

export interface TextSearchOptions {
  mode: GrepMode;
  multiline: boolean;
  before: number;
  after: number;
}

/**
 * Searches one file's text the way rg does: per line, or over the whole text in multiline mode, reporting
 * matched lines (and context lines in content mode). Pure: shared by the calling thread and the workers.
 */
export function searchText(
  text: string,
  pattern: CompiledPattern,
  options: TextSearchOptions,
): FileSearchResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (options.multiline) return searchMultiline(body, pattern, options);
  if (!mayMatchAnyLine(body, pattern)) return undefined;
  if (options.mode === 'files_with_matches' && confirmedByFirstMatch(body, pattern)) return { count: 1 };
  const lines = splitLines(body);
  const matched: number[] = [];
  for (let index = 0; index < lines.length; index++)
    if (pattern.line.test(lines[index]!)) matched.push(index);
  if (matched.length === 0) return undefined;
  if (options.mode !== 'content') return { count: matched.length };
  return { count: matched.length, lines: withContext(lines, matched, options) };
}

/** No whole-text match means no line matches either: the cheap filter that skips most files. */
function mayMatchAnyLine(text: string, pattern: CompiledPattern): boolean {
  pattern.whole.lastIndex = 0;
  return pattern.whole.test(text);
}

/** The first whole-text match confirms the file when re-testing its line alone agrees. */
function confirmedByFirstMatch(text: string, pattern: CompiledPattern): boolean {
  pattern.whole.lastIndex = 0;
  const found = pattern.whole.exec(text);
  if (!found || found[0].includes('\n')) return false;
  const start = text.lastIndexOf('\n', found.index - 1) + 1;
  const end = text.indexOf('\n', found.index);
  return pattern.line.test(text.slice(start, end === -1 ? text.length : end));
}

function searchMultiline(
  text: string,
  pattern: CompiledPattern,
  options: TextSearchOptions,
): FileSearchResult {
  const lines = splitLines(text);
  const starts = lineStarts(text);
  const matchedSet = new Set<number>();
  // rg counts a multiline match as one "line", after merging matches that share a line.
  let regions = 0;
  let regionEnd = -1;
  pattern.whole.lastIndex = 0;
  for (const found of text.matchAll(pattern.whole)) {
    const first = lineIndexAt(starts, found.index);
    const lastChar = found[0].length === 0 ? found.index : found.index + found[0].length - 1;
    const last = Math.min(lineIndexAt(starts, lastChar), lines.length - 1);
    for (let line = first; line <= last; line++) matchedSet.add(line);
    if (first > regionEnd) regions++;
    regionEnd = Math.max(regionEnd, last);
    if (options.mode === 'files_with_matches') return { count: 1 };
  }
  if (matchedSet.size === 0) return undefined;
  const matched = [...matchedSet].sort((a, b) => a - b);
  if (options.mode !== 'content') return { count: regions };
  return { count: matched.length, lines: withContext(lines, matched, options) };
}

function withContext(lines: string[], matched: number[], options: TextSearchOptions): GrepLine[] {
  const isMatch = new Set(matched);
  const shown = new Set<number>();
  for (const index of matched) {
    const from = Math.max(0, index - options.before);
    const to = Math.min(lines.length - 1, index + options.after);
    for (let line = from; line <= to; line++) shown.add(line);
  }
  return [...shown]
    .sort((a, b) => a - b)
    .map((index) => ({ line: index + 1, text: lines[index]!, match: isMatch.has(index) }));
}

/** Lines as rg sees them: split on `\n` (a `\r` stays on its line); a final newline ends the last line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  return starts;
}

function lineIndexAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
