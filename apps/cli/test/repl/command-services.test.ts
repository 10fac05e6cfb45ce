import { describe, expect, it } from 'vitest';
import { sessionTitle } from '../../src/repl/command-services.js';

describe('sessionTitle', () => {
  it.each([
    ['a short prompt', 'fix the tests', 'fix the tests'],
    [
      'a prompt with attached files',
      'summarise @notes.md\n\nAttached files:\n<file path="notes.md">\nremember\n</file>',
      'summarise @notes.md',
    ],
    ['leading blank lines', '\n\n  hello  \nworld', 'hello'],
    ['a long first line', 'x'.repeat(80), `${'x'.repeat(59)}…`],
  ])('keeps one row for %s', (_what, text, expected) => {
    expect(sessionTitle(text)).toBe(expected);
  });
});
