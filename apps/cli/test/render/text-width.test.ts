import { describe, expect, it } from 'vitest';
import { colorEnabled, createStyle } from '../../src/render/style.js';
import { stripAnsi, visibleWidth, wrapAnsi } from '../../src/render/text-width.js';

describe('text width and wrapping', () => {
  it.each([
    ['abc', 3],
    ['\u001b[1mabc\u001b[22m', 3],
    ['日本', 4],
    ['e\u0301', 1],
  ])('measures %j as %i columns', (text, width) => {
    expect(visibleWidth(text)).toBe(width);
  });

  it('wraps at spaces and keeps styles open across rows', () => {
    const s = createStyle(true);
    const rows = wrapAnsi(s.bold('one two three four'), 9);
    expect(rows.map(stripAnsi)).toEqual(['one two', 'three', 'four']);
    expect(rows[1]).toMatch(/^\u001b\[1m/);
    expect(rows[0]).toMatch(/\u001b\[0m$/);
  });

  it('hard-breaks words longer than a row', () => {
    expect(wrapAnsi('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});

describe('colour decision', () => {
  it.each([
    [{ isTTY: true, env: {} }, true],
    [{ isTTY: false, env: {} }, false],
    [{ isTTY: true, env: { NO_COLOR: '1' } }, false],
    [{ isTTY: true, env: {}, noColorFlag: true }, false],
    [{ isTTY: false, env: { FORCE_COLOR: '1' } }, true],
    [{ isTTY: true, env: { TERM: 'dumb' } }, false],
  ])('%j → %s', (input, expected) => {
    expect(colorEnabled(input)).toBe(expected);
  });
});
