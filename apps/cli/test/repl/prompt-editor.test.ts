import { describe, expect, it } from 'vitest';
import type { Key } from '../../src/repl/keyboard.js';
import { type InputResult, PromptEditor } from '../../src/repl/prompt-editor.js';

function editor(
  options: {
    history?: string[];
    complete?: (t: string, c: number) => Promise<{ from: number; candidates: string[] }>;
  } = {},
) {
  let screen = '';
  const e = new PromptEditor({
    prompt: '> ',
    write: (t) => {
      screen += t;
    },
    columns: () => 80,
    ...options,
  });
  const result = e.read();
  const keys = (...list: Array<string | Key>) => {
    for (const k of list) {
      if (typeof k === 'string') for (const ch of k) e.handleKey(ch, { name: ch, sequence: ch });
      else e.handleKey(undefined, k);
    }
  };
  return { e, result, keys, screen: () => screen };
}

const enter: Key = { name: 'return' };

describe('PromptEditor', () => {
  it('submits the typed line', async () => {
    const { result, keys } = editor();
    keys('hello', enter);
    expect(await result).toEqual<InputResult>({ kind: 'submit', text: 'hello' });
  });

  it('continues on a new line after backslash-Enter', async () => {
    const { result, keys } = editor();
    keys('one\\', enter, 'two', enter);
    expect(await result).toEqual({ kind: 'submit', text: 'one\ntwo' });
  });

  it('keeps pasted newlines as content (bracketed paste)', async () => {
    const { result, keys } = editor();
    keys({ name: 'paste-start' }, 'a', enter, 'b', { name: 'paste-end' }, enter);
    expect(await result).toEqual({ kind: 'submit', text: 'a\nb' });
  });

  it('clears a non-empty line on Ctrl-C and interrupts on an empty one', async () => {
    const { result, keys, e } = editor();
    keys('draft', { name: 'c', ctrl: true });
    expect(e.text).toBe('');
    keys({ name: 'c', ctrl: true });
    expect(await result).toEqual({ kind: 'interrupt' });
  });

  it('walks history with Up/Down and restores the draft', async () => {
    const { result, keys, e } = editor({ history: ['first', 'second'] });
    keys('dra', { name: 'up' });
    expect(e.text).toBe('second');
    keys({ name: 'up' }, { name: 'up' });
    expect(e.text).toBe('first');
    keys({ name: 'down' }, { name: 'down' });
    expect(e.text).toBe('dra');
    keys(enter);
    await result;
  });

  it('edits with readline bindings', async () => {
    const { result, keys, e } = editor();
    keys('hello big world', { name: 'w', ctrl: true });
    expect(e.text).toBe('hello big ');
    keys({ name: 'a', ctrl: true }, 'X', { name: 'e', ctrl: true }, '!');
    expect(e.text).toBe('Xhello big !');
    keys({ name: 'u', ctrl: true });
    expect(e.text).toBe('');
    keys(enter);
    await result;
  });

  it('completes a unique candidate and lists several', async () => {
    const { result, keys, e, screen } = editor({
      complete: async (text) =>
        text === '/mo' ? { from: 0, candidates: ['/model'] } : { from: 0, candidates: ['/compact', '/cost'] },
    });
    keys('/mo', { name: 'tab' });
    await new Promise((r) => setTimeout(r, 0));
    expect(e.text).toBe('/model ');
    keys({ name: 'u', ctrl: true }, '/co', { name: 'tab' });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen()).toContain('/compact  /cost');
    keys(enter);
    await result;
  });
});
