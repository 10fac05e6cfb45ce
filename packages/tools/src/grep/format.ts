import type { GrepResult } from './search-spec.js';

export interface FormatOptions {
  /** Path shown for an absolute path (relative to the workspace when inside it). */
  display(path: string): string;
  lineNumbers: boolean;
  /** Whether context was asked for: groups are then separated by `--`, as rg does. */
  withContext: boolean;
  headLimit: number;
  offset: number;
  /** Where the match starts in a matching line, so a long line is cut around it (default: its start). */
  firstMatchAt?(text: string): number | undefined;
}

export interface FormattedGrep {
  text: string;
  /** Entries before pagination (files, count lines or output lines). */
  total: number;
  shownPaths: string[];
}

/** Longest line text shown in content mode; minified files would otherwise flood the context. */
export const MAX_GREP_LINE_CHARS = 500;

/** Renders an engine result for the model. Shared by both engines, so identical results print identically. */
export function formatGrepResult(result: GrepResult, options: FormatOptions): FormattedGrep {
  const entries = renderEntries(result, options);
  const page = entries.slice(options.offset, options.offset + options.headLimit);
  const shownPaths = result.mode === 'files_with_matches' ? page : [];
  if (entries.length === 0) return { text: 'No matches found', total: 0, shownPaths };
  const lines: string[] = [];
  if (result.mode === 'files_with_matches')
    lines.push(`Found ${entries.length} file${entries.length === 1 ? '' : 's'}`);
  lines.push(...page);
  if (result.mode === 'count') {
    const occurrences = result.counts.reduce((sum, entry) => sum + entry.count, 0);
    lines.push(
      '',
      `Found ${occurrences} matching line${occurrences === 1 ? '' : 's'} across ${result.counts.length} file${result.counts.length === 1 ? '' : 's'}.`,
    );
  }
  if (options.offset > 0 || entries.length > options.offset + options.headLimit) {
    const end = Math.min(entries.length, options.offset + options.headLimit);
    lines.push(
      '',
      `[Showing entries ${options.offset + 1}-${end} of ${entries.length}. Pass offset: ${end} to see more.]`,
    );
  }
  return { text: lines.join('\n'), total: entries.length, shownPaths };
}

function renderEntries(result: GrepResult, options: FormatOptions): string[] {
  switch (result.mode) {
    case 'files_with_matches':
      return result.files.map(options.display);
    case 'count':
      return result.counts.map((entry) => `${options.display(entry.path)}:${entry.count}`);
    case 'content': {
      const out: string[] = [];
      for (const file of result.files) {
        const shown = options.display(file.path);
        let previous: number | undefined;
        for (const line of file.lines) {
          const gap = previous === undefined ? out.length > 0 : line.line !== previous + 1;
          if (options.withContext && gap) out.push('--');
          const separator = line.match ? ':' : '-';
          const number = options.lineNumbers ? `${line.line}${separator}` : '';
          const at =
            line.match && line.text.length > MAX_GREP_LINE_CHARS ? options.firstMatchAt?.(line.text) : 0;
          out.push(`${shown}${separator}${number}${cutLine(line.text, at ?? 0)}`);
          previous = line.line;
        }
      }
      return out;
    }
  }
}

/** Characters kept before the match when a long line is cut around it. */
const CHARS_BEFORE_MATCH = 100;

/** A long line keeps a window that starts a little before the match: a match at column 400k stays visible. */
function cutLine(text: string, matchAt: number): string {
  if (text.length <= MAX_GREP_LINE_CHARS) return text;
  const start = Math.max(0, Math.min(matchAt - CHARS_BEFORE_MATCH, text.length - MAX_GREP_LINE_CHARS));
  const end = start + MAX_GREP_LINE_CHARS;
  const before = start > 0 ? `[${start} chars before] …` : '';
  const after = end < text.length ? `… [${text.length - end} more chars]` : '';
  return `${before}${text.slice(start, end)}${after}`;
}
