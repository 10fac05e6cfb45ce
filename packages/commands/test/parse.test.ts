import { describe, expect, it } from 'vitest';
import { parseSlashCommand, splitWords } from '../src/index.js';

describe('parseSlashCommand', () => {
  it.each([
    ['/help', { name: 'help', args: '', argv: [] }],
    ['  /model   opus  ', { name: 'model', args: 'opus', argv: ['opus'] }],
    [
      '/Compact keep the API notes',
      { name: 'compact', args: 'keep the API notes', argv: ['keep', 'the', 'API', 'notes'] },
    ],
    ['/config set a "b c"', { name: 'config', args: 'set a "b c"', argv: ['set', 'a', 'b c'] }],
    ['/frontend:lint src', { name: 'frontend:lint', args: 'src', argv: ['src'] }],
    ['/review\nline two', { name: 'review', args: 'line two', argv: ['line', 'two'] }],
  ])('parses %j', (line, expected) => {
    expect(parseSlashCommand(line)).toEqual(expected);
  });

  it.each([['hello'], ['/usr/bin/env node'], ['/'], ['//x'], ['/ space'], ['@file /help']])(
    'rejects %j',
    (line) => {
      expect(parseSlashCommand(line)).toBeUndefined();
    },
  );

  it('splits quoted words', () => {
    expect(splitWords(`a 'b c' "d"`)).toEqual(['a', 'b c', 'd']);
  });
});
