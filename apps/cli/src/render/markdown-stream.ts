import { type HighlightState, highlightLine } from './highlight.js';
import { renderInline } from './inline-markdown.js';
import type { Style } from './style.js';
import { visibleWidth, wrapAnsi } from './text-width.js';

export interface MarkdownStreamOptions {
  style: Style;
  /** Columns to wrap to; 0 disables wrapping (pipes, files). */
  width: number;
}

interface CodeFence {
  marker: string;
  lang: string;
  highlight: HighlightState;
}

/**
 * Streaming Markdown → terminal text. Input arrives in arbitrary chunks; each *completed* source line is
 * rendered once and returned, never revisited, so cost is linear in the reply and nothing already on screen
 * is redrawn. Markdown that spans lines (fenced code, lists, quotes) needs only the small state kept here.
 * Rendering the whole document in one `push` gives byte-identical output to any chunking of it.
 */
export class MarkdownStream {
  private buffer = '';
  private fence: CodeFence | undefined;
  /** Rows of a table being received: a table is drawn once it ends, with its columns aligned. */
  private table: string[] | undefined;
  private readonly style: Style;
  private readonly width: number;

  constructor(options: MarkdownStreamOptions) {
    this.style = options.style;
    this.width = options.width;
  }

  /** Feeds a chunk; returns the rendered text of the lines it completed (each ending in "\n"). */
  push(chunk: string): string {
    // Only the new chunk is searched, so a very long line without a newline stays linear.
    if (!chunk.includes('\n')) {
      this.buffer += chunk;
      return '';
    }
    this.buffer += chunk;
    const lastNewline = this.buffer.lastIndexOf('\n');
    const complete = this.buffer.slice(0, lastNewline);
    this.buffer = this.buffer.slice(lastNewline + 1);
    let out = '';
    for (const line of complete.split('\n')) out += this.renderLine(line);
    return out;
  }

  /** The source text of the line still being received (for a live preview). */
  pending(): string {
    return this.buffer;
  }

  /** Renders whatever is left (a last line without "\n") and resets for the next message. */
  end(): string {
    const rest = this.buffer;
    this.buffer = '';
    const out = (rest ? this.renderLine(rest) : '') + this.flushTable();
    this.fence = undefined;
    return out;
  }

  private renderLine(raw: string): string {
    const line = raw.replace(/\r$/, '');
    const s = this.style;
    if (!this.fence && s.enabled && TABLE_ROW.test(line)) {
      if (this.table) this.table.push(line);
      else this.table = [line];
      return '';
    }
    const table = this.flushTable();
    return table + this.renderBlockLine(line);
  }

  private renderBlockLine(line: string): string {
    const s = this.style;
    const fenceMatch = /^(\s*)(`{3,}|~{3,})\s*([\w+#.-]*)/.exec(line);
    if (this.fence) {
      if (fenceMatch?.[2]?.startsWith(this.fence.marker)) {
        this.fence = undefined;
        return s.enabled ? '\n' : `${line}\n`;
      }
      const { text, state } = highlightLine(line, this.fence.lang, this.fence.highlight, s);
      this.fence.highlight = state;
      // Code is never re-wrapped: the terminal's own wrap keeps it copyable.
      return `${s.enabled ? '  ' : ''}${text}\n`;
    }
    if (fenceMatch) {
      this.fence = {
        marker: fenceMatch[2] as string,
        lang: fenceMatch[3] ?? '',
        highlight: { inBlockComment: false },
      };
      return s.enabled ? `${s.gray(fenceMatch[3] ? `  ${fenceMatch[3]}` : '')}\n` : `${line}\n`;
    }
    return this.wrap(this.renderProse(line));
  }

  private renderProse(line: string): { text: string; indent: string } {
    const s = this.style;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const text = renderInline(heading[2] as string, s);
      const styled = heading[1] === '#' ? s.bold(s.underline(text)) : s.bold(text);
      return { text: s.enabled ? styled : line, indent: '' };
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      const width = Math.min(this.width || 40, 80);
      return { text: s.enabled ? s.gray('─'.repeat(width)) : line, indent: '' };
    }
    const bullet = /^(\s*)([-*+])\s+(\[[ xX]\]\s+)?(.*)$/.exec(line);
    if (bullet) {
      const pad = bullet[1] as string;
      const box = bullet[3] ? (/x/i.test(bullet[3]) ? '☒ ' : '☐ ') : '';
      const mark = s.enabled ? '•' : (bullet[2] as string);
      const body = renderInline(bullet[4] as string, s);
      return { text: `${pad}${mark} ${s.enabled ? box : (bullet[3] ?? '')}${body}`, indent: `${pad}  ` };
    }
    const ordered = /^(\s*)(\d+[.)])\s+(.*)$/.exec(line);
    if (ordered) {
      const head = `${ordered[1]}${ordered[2]} `;
      return { text: head + renderInline(ordered[3] as string, s), indent: ' '.repeat(visibleWidth(head)) };
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      return { text: `${s.gray('│')} ${s.italic(renderInline(quote[1] as string, s))}`, indent: '  ' };
    }
    if (TABLE_ROW.test(line)) {
      if (/^\s*\|[\s:|-]+\|\s*$/.test(line)) return { text: s.gray(line.replace(/[-:]/g, '─')), indent: '' };
      return {
        text: line
          .split('|')
          .map((cell) => renderInline(cell, s))
          .join(s.gray('|')),
        indent: '',
      };
    }
    return { text: renderInline(line, s), indent: '' };
  }

  /**
   * Draws the buffered table with aligned columns (`│` between cells, `─┼─` under the header). A table wider
   * than the terminal, or one without a header separator, is shown row by row as it came.
   */
  private flushTable(): string {
    const rows = this.table;
    if (!rows) return '';
    this.table = undefined;
    const s = this.style;
    const cells = rows.map((row) => splitRow(row).map((cell) => renderInline(cell.trim(), s)));
    const separatorAt = rows.findIndex((row) => TABLE_SEPARATOR.test(row));
    const columns = Math.max(...cells.map((row) => row.length));
    const widths = Array.from({ length: columns }, (_, column) =>
      Math.max(
        0,
        ...cells.map((row, index) => (index === separatorAt ? 0 : visibleWidth(row[column] ?? ''))),
      ),
    );
    const total = widths.reduce((sum, width) => sum + width + 3, 1);
    if (separatorAt !== 1 || (this.width > 0 && total > this.width)) {
      return rows.map((row) => this.wrap(this.renderProse(row))).join('');
    }
    const bar = s.gray('│');
    return cells
      .map((row, index) => {
        if (index === separatorAt)
          return `${s.gray(widths.map((width) => '─'.repeat(width + 2)).join('┼'))}\n`;
        const padded = widths.map((width, column) => {
          const cell = row[column] ?? '';
          const text = index === 0 ? s.bold(cell) : cell;
          return ` ${text}${' '.repeat(width - visibleWidth(cell))} `;
        });
        return `${padded.join(bar)}\n`;
      })
      .join('');
  }

  private wrap(rendered: { text: string; indent: string }): string {
    return `${wrapAnsi(rendered.text, this.width, rendered.indent).join('\n')}\n`;
  }
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR = /^\s*\|[\s:|-]+\|\s*$/;

/** The cells of `| a | b |` (escaped pipes `\|` stay inside their cell). */
function splitRow(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|'));
}
