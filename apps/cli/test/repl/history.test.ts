import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyPathFor, PromptHistory } from '../../src/repl/history.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claw-history-'));
  dirs.push(dir);
  return dir;
}

describe('PromptHistory', () => {
  it('persists per workspace, multi-line entries intact, skipping repeats and blanks', () => {
    const config = tempConfig();
    const path = historyPathFor(config, '/work/a');
    expect(historyPathFor(config, '/work/b')).not.toBe(path);
    const history = new PromptHistory(path);
    history.add('first');
    history.add('first');
    history.add('   ');
    history.add('two\nlines');
    expect(new PromptHistory(path).all()).toEqual(['first', 'two\nlines']);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('skips a torn last line', () => {
    const path = historyPathFor(tempConfig(), '/w');
    new PromptHistory(path).add('ok');
    appendFileSync(path, '{"text":"tor');
    expect(new PromptHistory(path).all()).toEqual(['ok']);
  });

  it('keeps secrets out of the history file', () => {
    const path = historyPathFor(tempConfig(), '/w');
    const history = new PromptHistory(path);
    const key = 'sk-ant-api03-pastedIntoThePrompt-wxyz';
    history.add(`/login ${key}`);
    history.add(`use ${key} for the deploy`);
    const stored = readFileSync(path, 'utf8');
    expect(stored).not.toContain('pastedIntoThePrompt');
    expect(new PromptHistory(path).all()).toEqual(['use sk-ant-…wxyz for the deploy']);
  });
});
