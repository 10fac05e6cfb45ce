import { describe, expect, it } from 'vitest';
import { findOlder, ReverseSearch } from '../../src/repl/history-search.js';
import { bufferOf } from '../../src/repl/line-buffer.js';

const HISTORY = ['deploy staging', 'run the tests', 'Deploy production', 'deploy production', 'fix lint'];

describe('findOlder', () => {
  it('finds the newest entry holding the query, case-insensitively, before an index', () => {
    expect(findOlder(HISTORY, 'deploy', HISTORY.length)).toEqual({
      index: 3,
      text: 'deploy production',
      at: 0,
    });
    expect(findOlder(HISTORY, 'TESTS', HISTORY.length)).toEqual({ index: 1, text: 'run the tests', at: 8 });
    expect(findOlder(HISTORY, 'deploy', 3)?.index).toBe(2);
    expect(findOlder(HISTORY, 'nothing like it', HISTORY.length)).toBeUndefined();
  });

  it('skips entries equal to the current match, so the next match is a different prompt', () => {
    expect(findOlder(HISTORY, 'deploy', 3, 'Deploy production')?.text).toBe('deploy staging');
  });
});

describe('ReverseSearch', () => {
  it('narrows as the query is typed and steps to older matches on Ctrl-R', () => {
    const s = new ReverseSearch(HISTORY, bufferOf('draft'));
    expect(s.label).toBe("(reverse-i-search)'': ");
    expect(s.view).toEqual(bufferOf('draft'));
    s.type('dep');
    expect(s.view).toEqual({ text: 'deploy production', cursor: 0 });
    s.type('loy s');
    expect(s.label).toBe("(reverse-i-search)'deploy s': ");
    expect(s.accepted).toBe('deploy staging');
    s.backspace();
    s.backspace();
    s.older();
    expect(s.accepted).toBe('Deploy production');
  });

  it('says failed and keeps the last match when nothing older matches', () => {
    const s = new ReverseSearch(HISTORY, bufferOf(''));
    s.type('fix');
    expect(s.accepted).toBe('fix lint');
    s.older();
    expect(s.label).toBe("(failed reverse-i-search)'fix': ");
    expect(s.accepted).toBe('fix lint');
    s.type('zz');
    expect(s.label).toBe("(failed reverse-i-search)'fixzz': ");
    expect(s.accepted).toBe('fix lint');
  });

  it('accepts the original line when no match was found', () => {
    const s = new ReverseSearch(HISTORY, bufferOf('half typed'));
    s.type('qqq');
    expect(s.accepted).toBe('half typed');
    expect(s.original).toEqual(bufferOf('half typed'));
  });
});
