import type { LineBuffer } from './line-buffer.js';

export interface SearchHit {
  /** Index in the history (oldest first). */
  index: number;
  text: string;
  /** Where the query starts in `text`: the cursor sits there while searching, as in readline. */
  at: number;
}

/**
 * The newest entry before `before` holding `query` (case-insensitive), skipping entries equal to `skip` so that
 * Ctrl-R again always shows a different prompt.
 */
export function findOlder(
  entries: readonly string[],
  query: string,
  before: number,
  skip?: string,
): SearchHit | undefined {
  const needle = query.toLowerCase();
  for (let i = Math.min(before, entries.length) - 1; i >= 0; i--) {
    const text = entries[i] as string;
    if (text === skip) continue;
    const at = text.toLowerCase().indexOf(needle);
    if (at !== -1) return { index: i, text, at };
  }
  return undefined;
}

/**
 * Ctrl-R's incremental reverse search (`(reverse-i-search)'query': match`) as a value the prompt editor
 * drives: typing narrows from the current match, Ctrl-R steps to the next older one, a query with no match
 * keeps the last match shown and says `failed`.
 */
export class ReverseSearch {
  private query = '';
  private hit: SearchHit | undefined;
  private failed = false;

  constructor(
    private readonly entries: readonly string[],
    /** The line being edited when the search started: Esc / Ctrl-G bring it back. */
    readonly original: LineBuffer,
  ) {}

  get label(): string {
    return `(${this.failed ? 'failed ' : ''}reverse-i-search)'${this.query}': `;
  }

  /** What is drawn after the label: the match with the cursor on the query, or the original line. */
  get view(): LineBuffer {
    return this.hit ? { text: this.hit.text, cursor: this.hit.at } : this.original;
  }

  /** The line to keep editing (or submit) when the search is accepted. */
  get accepted(): string {
    return this.hit?.text ?? this.original.text;
  }

  type(text: string): void {
    this.query += text;
    // The current match may still hold the longer query; readline searches from it, not past it.
    this.research(this.hit ? this.hit.index + 1 : this.entries.length);
  }

  backspace(): void {
    this.query = [...this.query].slice(0, -1).join('');
    this.research(this.entries.length);
  }

  /** Ctrl-R again: the next older match. */
  older(): void {
    if (!this.query) return;
    const next = findOlder(
      this.entries,
      this.query,
      this.hit ? this.hit.index : this.entries.length,
      this.hit?.text,
    );
    if (next) this.hit = next;
    this.failed = !next;
  }

  private research(before: number): void {
    if (!this.query) {
      this.hit = undefined;
      this.failed = false;
      return;
    }
    const next = findOlder(this.entries, this.query, before);
    if (next) this.hit = next;
    this.failed = !next;
  }
}
