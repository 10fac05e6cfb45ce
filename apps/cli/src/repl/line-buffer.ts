/**
 * The text being typed, as an immutable value: every edit returns a new buffer, so key handling is a pure
 * function that tests drive without a terminal. The text may hold "\n" (multi-line input).
 */
export interface LineBuffer {
  readonly text: string;
  /** Offset in `text` (UTF-16 units, always on a code point boundary). */
  readonly cursor: number;
}

export const EMPTY_BUFFER: LineBuffer = { text: '', cursor: 0 };

export function bufferOf(text: string): LineBuffer {
  return { text, cursor: text.length };
}

export function insert(b: LineBuffer, s: string): LineBuffer {
  return { text: b.text.slice(0, b.cursor) + s + b.text.slice(b.cursor), cursor: b.cursor + s.length };
}

function prevBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function nextBoundary(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const high = text.charCodeAt(i);
  return high >= 0xd800 && high <= 0xdbff ? i + 2 : i + 1;
}

export function backspace(b: LineBuffer): LineBuffer {
  const start = prevBoundary(b.text, b.cursor);
  return { text: b.text.slice(0, start) + b.text.slice(b.cursor), cursor: start };
}

export function deleteForward(b: LineBuffer): LineBuffer {
  return { text: b.text.slice(0, b.cursor) + b.text.slice(nextBoundary(b.text, b.cursor)), cursor: b.cursor };
}

export function left(b: LineBuffer): LineBuffer {
  return { ...b, cursor: prevBoundary(b.text, b.cursor) };
}

export function right(b: LineBuffer): LineBuffer {
  return { ...b, cursor: nextBoundary(b.text, b.cursor) };
}

function lineStart(b: LineBuffer): number {
  return b.text.lastIndexOf('\n', b.cursor - 1) + 1;
}

function lineEnd(b: LineBuffer): number {
  const end = b.text.indexOf('\n', b.cursor);
  return end === -1 ? b.text.length : end;
}

export function home(b: LineBuffer): LineBuffer {
  return { ...b, cursor: lineStart(b) };
}

export function end(b: LineBuffer): LineBuffer {
  return { ...b, cursor: lineEnd(b) };
}

/** Ctrl-K: delete to the end of the line. */
export function killToEnd(b: LineBuffer): LineBuffer {
  return { text: b.text.slice(0, b.cursor) + b.text.slice(lineEnd(b)), cursor: b.cursor };
}

/** Ctrl-U: delete to the start of the line. */
export function killToStart(b: LineBuffer): LineBuffer {
  const start = lineStart(b);
  return { text: b.text.slice(0, start) + b.text.slice(b.cursor), cursor: start };
}

/** Ctrl-W / Alt-Backspace: delete the word before the cursor. */
export function deleteWordBack(b: LineBuffer): LineBuffer {
  const before = b.text.slice(0, b.cursor);
  const start = before.replace(/\S+\s*$|\s+$/, '').length;
  return { text: b.text.slice(0, start) + b.text.slice(b.cursor), cursor: start };
}

export function wordLeft(b: LineBuffer): LineBuffer {
  const before = b.text.slice(0, b.cursor);
  return { ...b, cursor: before.replace(/\w+\W*$|\W+$/, '').length };
}

export function wordRight(b: LineBuffer): LineBuffer {
  const match = /^\W*\w+/.exec(b.text.slice(b.cursor));
  return { ...b, cursor: b.cursor + (match ? match[0].length : b.text.length - b.cursor) };
}

/** Moves between lines of multi-line input; undefined when already on the first/last line (history takes over). */
export function verticalMove(b: LineBuffer, direction: -1 | 1): LineBuffer | undefined {
  const start = lineStart(b);
  const column = b.cursor - start;
  if (direction === -1) {
    if (start === 0) return undefined;
    const prevStart = b.text.lastIndexOf('\n', start - 2) + 1;
    return { ...b, cursor: Math.min(prevStart + column, start - 1) };
  }
  const endOfLine = lineEnd(b);
  if (endOfLine === b.text.length) return undefined;
  const nextStart = endOfLine + 1;
  const nextEnd = b.text.indexOf('\n', nextStart);
  return { ...b, cursor: Math.min(nextStart + column, nextEnd === -1 ? b.text.length : nextEnd) };
}

/** Replaces `text[from, cursor)` with `replacement` (completion). */
export function replaceBeforeCursor(b: LineBuffer, from: number, replacement: string): LineBuffer {
  return {
    text: b.text.slice(0, from) + replacement + b.text.slice(b.cursor),
    cursor: from + replacement.length,
  };
}
