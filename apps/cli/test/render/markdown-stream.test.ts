import { describe, expect, it } from 'vitest';
import { MarkdownStream } from '../../src/render/markdown-stream.js';
import { createStyle } from '../../src/render/style.js';
import { stripAnsi, visibleWidth } from '../../src/render/text-width.js';
import { SAMPLE_MARKDOWN } from './sample.js';

function renderWhole(doc: string, color: boolean, width: number): string {
  const stream = new MarkdownStream({ style: createStyle(color), width });
  return stream.push(doc) + stream.end();
}

function renderChunked(doc: string, size: number, color: boolean, width: number): string {
  const stream = new MarkdownStream({ style: createStyle(color), width });
  let out = '';
  for (let i = 0; i < doc.length; i += size) out += stream.push(doc.slice(i, i + size));
  return out + stream.end();
}

describe('MarkdownStream', () => {
  it.each([1, 2, 3, 7, 16, 64])('renders %i-char chunks exactly like the whole document', (size) => {
    for (const color of [true, false]) {
      for (const width of [0, 40, 100]) {
        expect(renderChunked(SAMPLE_MARKDOWN, size, color, width)).toBe(
          renderWhole(SAMPLE_MARKDOWN, color, width),
        );
      }
    }
  });

  it('emits only completed lines while streaming, keeping the rest pending', () => {
    const stream = new MarkdownStream({ style: createStyle(false), width: 0 });
    expect(stream.push('Hello wor')).toBe('');
    expect(stream.pending()).toBe('Hello wor');
    expect(stream.push('ld\nnext')).toBe('Hello world\n');
    expect(stream.end()).toBe('next\n');
  });

  it('writes no escape codes without colour', () => {
    const out = renderWhole(SAMPLE_MARKDOWN, false, 80);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('```ts');
    expect(out).toContain('`inline code`');
  });

  it('styles headings, emphasis and code with colour', () => {
    const out = renderWhole(SAMPLE_MARKDOWN, true, 0);
    expect(out).toContain('\u001b[1m');
    expect(out).toContain('\u001b[35mconst\u001b[39m');
    expect(out).toContain('\u001b[90m// comment\u001b[39m');
    expect(stripAnsi(out)).toContain('• first item');
    expect(stripAnsi(out)).not.toContain('**');
  });

  it('wraps prose to the width, with list continuation indented', () => {
    const out = renderWhole(SAMPLE_MARKDOWN, true, 40);
    for (const line of out.split('\n')) {
      if (!line.includes('const')) expect(visibleWidth(line)).toBeLessThanOrEqual(40);
    }
    expect(stripAnsi(out)).toMatch(/• first item[^\n]*\n {2}\S/);
  });

  it('is linear: doubling the input roughly doubles the work', () => {
    const doc = `${SAMPLE_MARKDOWN}\n`.repeat(200);
    const time = (text: string) => {
      const start = performance.now();
      renderChunked(text, 16, true, 100);
      return performance.now() - start;
    };
    time(doc);
    const single = time(doc);
    const double = time(doc + doc);
    expect(double / single).toBeLessThan(4);
  });
});

describe('tables', () => {
  const table = [
    '| Tool | Needs |',
    '|---|:--|',
    '| `Read` | read-only |',
    '| Bash | workspace-write |',
    '',
  ].join('\n');

  it('are drawn once complete, with aligned columns and a rule under the header', () => {
    const out = stripAnsi(renderWhole(`${table}after\n`, true, 80)).split('\n');
    expect(out.slice(0, 4)).toEqual([
      ' Tool │ Needs           ',
      '──────┼─────────────────',
      ' Read │ read-only       ',
      ' Bash │ workspace-write ',
    ]);
    expect(out[4]).toBe('after');
    // Any chunking gives the same output, and nothing of the table shows before it ends.
    for (const size of [1, 3, 7])
      expect(renderChunked(`${table}after\n`, size, true, 80)).toBe(renderWhole(`${table}after\n`, true, 80));
    const stream = new MarkdownStream({ style: createStyle(true), width: 80 });
    expect(stream.push('| a | b |\n|---|---|\n')).toBe('');
    expect(stripAnsi(stream.end())).toContain(' a │ b ');
  });

  it('stay as written without colour (pipes, files) and when wider than the terminal', () => {
    const plain = renderWhole(table, false, 80).split('\n');
    expect(plain[0]).toBe('| Tool | Needs |');
    expect(plain[3]).toBe('| Bash | workspace-write |');
    const wide = stripAnsi(renderWhole(table, true, 20));
    expect(wide).not.toContain('┼');
    expect(wide).toContain('workspace-write');
  });
});
