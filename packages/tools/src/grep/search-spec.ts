/** What to look for and how, in a form both engines (and worker threads) understand. */
export interface GrepSpec {
  pattern: string;
  caseInsensitive: boolean;
  /** Patterns may span lines and `.` matches newlines (rg `-U --multiline-dotall`). */
  multiline: boolean;
  mode: GrepMode;
  /** Context lines, content mode only. */
  before: number;
  after: number;
  /** rg-style globs, `!` negates; whitelist globs apply to files, negations also prune directories. */
  globs: string[];
  /** File globs of the requested `type` (ANDed with `globs`), or undefined for any type. */
  typeGlobs?: string[];
}

export type GrepMode = 'content' | 'files_with_matches' | 'count';

export interface GrepLine {
  /** 1-based line number. */
  line: number;
  text: string;
  /** False for context lines. */
  match: boolean;
}

/** Engine output: absolute paths, sorted by path. Identical between engines for the same tree. */
export type GrepResult =
  | { mode: 'files_with_matches'; files: string[] }
  | { mode: 'count'; counts: Array<{ path: string; count: number }> }
  | { mode: 'content'; files: Array<{ path: string; lines: GrepLine[] }> };

/** Per-file result of a search; undefined means the file did not match. */
export type FileSearchResult = { count: number; lines?: GrepLine[] } | undefined;

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
