import { visibleWidth } from '../render/text-width.js';
import { ReverseSearch } from './history-search.js';
import type { Key } from './keyboard.js';
import * as buf from './line-buffer.js';

export type InputResult = { kind: 'submit'; text: string } | { kind: 'interrupt' } | { kind: 'eof' };

export interface CompletionResult {
  from: number;
  candidates: string[];
}

export interface PromptEditorOptions {
  prompt: string;
  write(text: string): void;
  columns(): number;
  history?: readonly string[];
  complete?(text: string, cursor: number): Promise<CompletionResult>;
  /** Initial text (the feedback line after a denial starts empty). */
  initial?: string;
  /** Shows `*` for every character typed (API keys), so a secret never reaches the screen. */
  mask?: boolean;
  /** Erases the input once answered instead of leaving it above the cursor (a one-off question). */
  transient?: boolean;
  /** Shift-Tab: switches the permission mode and returns the status line to show above the prompt. */
  cycleMode?(): string;
  /** Rows of the status line printed just above the prompt, which Shift-Tab redraws in place. */
  statusRowsAbove?: number;
}

/**
 * One prompt being edited: key handling (readline-style bindings, multi-line with backslash-Enter or
 * bracketed paste, history, Tab completion) and drawing of just the input rows. Output above the prompt is
 * never touched.
 */
/** Keys that end a Ctrl-R search and then move the cursor in the accepted line (Ctrl-A, Ctrl-E, arrows…). */
const MOVES_AFTER_SEARCH = new Set(['left', 'right', 'home', 'end', 'a', 'e']);

export class PromptEditor {
  private b: buf.LineBuffer;
  private pasting = false;
  private historyIndex: number;
  private draft = '';
  private cursorRow = 0;
  private done: ((result: InputResult) => void) | undefined;
  private completing = false;
  private search: ReverseSearch | undefined;
  private statusRows: number;

  constructor(private readonly options: PromptEditorOptions) {
    this.b = buf.bufferOf(options.initial ?? '');
    this.historyIndex = options.history?.length ?? 0;
    this.statusRows = options.statusRowsAbove ?? 0;
  }

  get text(): string {
    return this.b.text;
  }

  /** Draws the prompt and resolves when the user submits, interrupts or sends EOF. */
  read(): Promise<InputResult> {
    this.render();
    return new Promise((resolve) => {
      this.done = resolve;
    });
  }

  handleKey(text: string | undefined, key: Key): void {
    if (key.name === 'paste-start') {
      if (this.search) this.endSearch(buf.bufferOf(this.search.accepted));
      this.pasting = true;
      return;
    }
    if (key.name === 'paste-end') {
      this.pasting = false;
      this.render();
      return;
    }
    if (this.pasting) {
      // Inside a paste every newline is content, never a submit.
      const chunk = key.name === 'return' || key.name === 'enter' ? '\n' : (text ?? '');
      this.b = buf.insert(this.b, chunk.replace(/\r\n?/g, '\n'));
      return;
    }
    if (this.search) {
      this.searchKey(text, key);
      return;
    }
    const next = this.edit(text, key);
    if (next) {
      this.b = next;
      this.render();
    }
  }

  private edit(text: string | undefined, key: Key): buf.LineBuffer | undefined {
    const b = this.b;
    if (key.ctrl) {
      switch (key.name) {
        case 'c':
          if (b.text) return buf.EMPTY_BUFFER;
          this.finish({ kind: 'interrupt' });
          return undefined;
        case 'd':
          if (!b.text) this.finish({ kind: 'eof' });
          return b.text ? buf.deleteForward(b) : undefined;
        case 'a':
          return buf.home(b);
        case 'e':
          return buf.end(b);
        case 'k':
          return buf.killToEnd(b);
        case 'u':
          return buf.killToStart(b);
        case 'w':
          return buf.deleteWordBack(b);
        case 'b':
          return buf.left(b);
        case 'f':
          return buf.right(b);
        case 'j':
          return buf.insert(b, '\n');
        case 'left':
          return buf.wordLeft(b);
        case 'right':
          return buf.wordRight(b);
        case 'r':
          this.startSearch();
          return undefined;
        case 'l':
          this.clearScreen();
          return undefined;
        default:
          return undefined;
      }
    }
    switch (key.name) {
      case 'return':
      case 'enter': {
        // Backslash-Enter continues on a new line (as in Claude Code); Meta-Enter does too.
        if (key.meta) return buf.insert(b, '\n');
        if (b.text.slice(0, b.cursor).endsWith('\\')) return buf.insert(buf.backspace(b), '\n');
        this.finish({ kind: 'submit', text: b.text });
        return undefined;
      }
      case 'backspace':
        return key.meta ? buf.deleteWordBack(b) : buf.backspace(b);
      case 'delete':
        return buf.deleteForward(b);
      case 'left':
        return key.meta ? buf.wordLeft(b) : buf.left(b);
      case 'right':
        return key.meta ? buf.wordRight(b) : buf.right(b);
      case 'home':
        return buf.home(b);
      case 'end':
        return buf.end(b);
      case 'up':
        return buf.verticalMove(b, -1) ?? this.historyMove(-1);
      case 'down':
        return buf.verticalMove(b, 1) ?? this.historyMove(1);
      case 'tab':
        // Shift-Tab arrives as ESC [ Z, which readline names a shifted tab.
        if (key.shift) this.cycleMode();
        else void this.completeAtCursor();
        return undefined;
      case 'escape':
        // Esc clears the input, so a half-typed prompt is one key away from gone (undo via history).
        return b.text ? buf.EMPTY_BUFFER : undefined;
      default:
        if (key.meta && key.name === 'b') return buf.wordLeft(b);
        if (key.meta && key.name === 'f') return buf.wordRight(b);
        if (text && !key.meta && !/[\u0000-\u001f\u007f]/.test(text)) return buf.insert(b, text);
        return undefined;
    }
  }

  private startSearch(): void {
    const history = this.options.history ?? [];
    if (history.length === 0 || this.options.mask) return;
    this.search = new ReverseSearch(history, this.b);
    this.render();
  }

  /**
   * Keys during Ctrl-R: typing and Backspace edit the query, Ctrl-R finds an older match, Enter runs the
   * match, Esc / Ctrl-G / Ctrl-C give the original line back, arrows and Tab keep the match for editing.
   */
  private searchKey(text: string | undefined, key: Key): void {
    const search = this.search as ReverseSearch;
    const name = key.name;
    if (key.ctrl && name === 'r') search.older();
    else if ((key.ctrl && (name === 'g' || name === 'c')) || name === 'escape')
      this.endSearch(search.original);
    else if (name === 'return' || name === 'enter') {
      // Redrawn as a plain prompt first, so the line left on screen reads `> match`.
      this.endSearch(buf.bufferOf(search.accepted));
      this.finish({ kind: 'submit', text: search.accepted });
      return;
    } else if (name === 'backspace') search.backspace();
    else if (text && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(text)) search.type(text);
    else {
      // Any other key ends the search with the match in the line; horizontal movement then applies to it.
      this.search = undefined;
      this.b = buf.bufferOf(search.accepted);
      if (MOVES_AFTER_SEARCH.has(name ?? '')) this.b = this.edit(text, key) ?? this.b;
    }
    this.render();
  }

  private endSearch(next: buf.LineBuffer): void {
    this.search = undefined;
    this.b = next;
    this.render();
  }

  /** Ctrl-L: clears the screen (not the conversation) and draws the prompt at the top. */
  private clearScreen(): void {
    this.options.write('\u001b[H\u001b[2J');
    this.cursorRow = 0;
    this.statusRows = 0;
    this.render();
  }

  /** Shift-Tab: the status line above the prompt is redrawn with the new mode (or printed, if there is none). */
  private cycleMode(): void {
    if (!this.options.cycleMode) return;
    const status = this.options.cycleMode();
    const up = this.cursorRow + this.statusRows;
    this.options.write(`${up > 0 ? `\u001b[${up}A` : ''}\r\u001b[J${status}\r\n`);
    this.cursorRow = 0;
    this.statusRows = 1;
    this.render();
  }

  private historyMove(direction: -1 | 1): buf.LineBuffer | undefined {
    const history = this.options.history ?? [];
    if (this.historyIndex === history.length) this.draft = this.b.text;
    const next = this.historyIndex + direction;
    if (next < 0 || next > history.length) return undefined;
    this.historyIndex = next;
    return buf.bufferOf(next === history.length ? this.draft : (history[next] as string));
  }

  private async completeAtCursor(): Promise<void> {
    if (!this.options.complete || this.completing) return;
    this.completing = true;
    try {
      const { from, candidates } = await this.options.complete(this.b.text, this.b.cursor);
      if (candidates.length === 0) return;
      const prefix = commonPrefix(candidates);
      const typed = this.b.text.slice(from, this.b.cursor);
      if (candidates.length === 1) {
        const only = candidates[0] as string;
        this.b = buf.replaceBeforeCursor(this.b, from, only.endsWith('/') ? only : `${only} `);
      } else if (prefix.length > typed.length) {
        this.b = buf.replaceBeforeCursor(this.b, from, prefix);
      } else {
        this.showCandidates(candidates);
      }
      this.render();
    } finally {
      this.completing = false;
    }
  }

  /** Lists candidates under the input, then draws a fresh prompt below them (as shells do). */
  private showCandidates(candidates: string[]): void {
    this.moveToEnd();
    const shown = candidates.slice(0, 40);
    const width = Math.max(...shown.map((c) => visibleWidth(c))) + 2;
    const perRow = Math.max(1, Math.floor(this.options.columns() / width));
    let out = '\r\n';
    for (let i = 0; i < shown.length; i += perRow) {
      out += `${shown
        .slice(i, i + perRow)
        .map((c) => c.padEnd(width))
        .join('')
        .trimEnd()}\r\n`;
    }
    if (candidates.length > shown.length) out += `… ${candidates.length - shown.length} more\r\n`;
    this.options.write(out);
    this.cursorRow = 0;
    this.statusRows = 0;
  }

  /**
   * Erases the drawn input without submitting it, and resolves `read()` as `eof`: for a question that is no
   * longer needed (the browser finished the sign-in while a pasted code was awaited).
   */
  cancel(): void {
    this.settle({ kind: 'eof' }, true);
  }

  private finish(result: InputResult): void {
    this.settle(result, Boolean(this.options.transient));
  }

  /** Leaves the input on screen (cursor under it) or erases it, then resolves `read()` once. */
  private settle(result: InputResult, erase: boolean): void {
    const done = this.done;
    if (!done) return;
    this.done = undefined;
    if (erase) {
      this.options.write(`${this.cursorRow > 0 ? `\u001b[${this.cursorRow}A` : ''}\r\u001b[J`);
    } else {
      this.moveToEnd();
      this.options.write('\r\n');
    }
    this.cursorRow = 0;
    done(result);
  }

  private layout(): { lines: string[]; rowsBefore: number[]; endRow: number } {
    const columns = Math.max(10, this.options.columns());
    const lines = this.drawn(this.shown().text).split('\n');
    const rowsBefore: number[] = [];
    let row = 0;
    lines.forEach((line, i) => {
      rowsBefore.push(row);
      const w = visibleWidth(this.prefix(i)) + visibleWidth(line);
      row += i === lines.length - 1 ? Math.floor(w / columns) : Math.max(1, Math.ceil(w / columns));
    });
    return { lines, rowsBefore, endRow: row };
  }

  /** The text as drawn: masked input keeps its newlines (and so its layout) but no character. */
  private drawn(text: string): string {
    return this.options.mask ? text.replace(/[^\n]/gu, '*') : text;
  }

  private prefix(lineIndex: number): string {
    const prompt = this.search ? this.search.label : this.options.prompt;
    return lineIndex === 0 ? prompt : ' '.repeat(visibleWidth(prompt));
  }

  /** The buffer as drawn: during Ctrl-R, the match with the cursor on the query. */
  private shown(): buf.LineBuffer {
    return this.search ? this.search.view : this.b;
  }

  private moveToEnd(): void {
    const { endRow } = this.layout();
    const down = endRow - this.cursorRow;
    if (down > 0) this.options.write(`\u001b[${down}B`);
    this.cursorRow = endRow;
  }

  private render(): void {
    const columns = Math.max(10, this.options.columns());
    const { lines, rowsBefore, endRow } = this.layout();
    let out = this.cursorRow > 0 ? `\u001b[${this.cursorRow}A` : '';
    out += '\r\u001b[J';
    lines.forEach((line, i) => {
      out += `${i ? '\r\n' : ''}${this.prefix(i)}${line}`;
    });
    const lastWidth = visibleWidth(this.prefix(lines.length - 1)) + visibleWidth(lines.at(-1) ?? '');
    // At an exact multiple of the width the terminal is in "pending wrap"; a space + CR settles it.
    if (lastWidth > 0 && lastWidth % columns === 0) out += ' \r';
    const shown = this.shown();
    const before = this.drawn(shown.text.slice(0, shown.cursor)).split('\n');
    const lineIndex = before.length - 1;
    const offset = visibleWidth(this.prefix(lineIndex)) + visibleWidth(before.at(-1) ?? '');
    const targetRow = (rowsBefore[lineIndex] ?? 0) + Math.floor(offset / columns);
    const targetCol = offset % columns;
    if (endRow > targetRow) out += `\u001b[${endRow - targetRow}A`;
    out += `\r${targetCol ? `\u001b[${targetCol}C` : ''}`;
    this.cursorRow = targetRow;
    this.options.write(out);
  }
}

function commonPrefix(values: string[]): string {
  let prefix = values[0] ?? '';
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
