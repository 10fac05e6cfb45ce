import { describe, expect, it } from 'vitest';
import type { Key } from '../../src/repl/keyboard.js';
import { type InputResult, PromptEditor } from '../../src/repl/prompt-editor.js';

function editor(
  options: {
    history?: string[];
    complete?: (t: string, c: number) => Promise<{ from: number; candidates: string[] }>;
    cycleMode?: () => string;
    statusRowsAbove?: number;
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

  const ctrl = (name: string): Key => ({ name, ctrl: true });

  it('Ctrl-R searches history; Enter submits the match', async () => {
    const { result, keys, screen } = editor({ history: ['deploy staging', 'run tests', 'deploy prod'] });
    keys('draft', ctrl('r'), 'dep');
    expect(screen()).toContain("(reverse-i-search)'dep': deploy prod");
    keys(ctrl('r'));
    expect(screen()).toContain("(reverse-i-search)'dep': deploy staging");
    keys(enter);
    expect(await result).toEqual({ kind: 'submit', text: 'deploy staging' });
    // The submitted line is left on screen under the plain prompt.
    expect(screen()).toMatch(/\r\u001b\[J> deploy staging\r(\u001b\[\d+C)?\r\n$/);
  });

  it('Ctrl-R then Esc or Ctrl-G restores the line being typed', async () => {
    const { result, keys, e } = editor({ history: ['deploy prod'] });
    keys('draft', ctrl('r'), 'dep', { name: 'escape' });
    expect(e.text).toBe('draft');
    keys(ctrl('r'), 'dep', ctrl('g'), '!');
    expect(e.text).toBe('draft!');
    keys(enter);
    expect(await result).toEqual({ kind: 'submit', text: 'draft!' });
  });

  it('Ctrl-R then an arrow or Tab keeps the match for editing', async () => {
    const { result, keys, e } = editor({ history: ['deploy prod'] });
    keys(ctrl('r'), 'dep', { name: 'left' }, 'X');
    expect(e.text).toBe('deploy proXd');
    keys(ctrl('u'), ctrl('r'), 'prod', { name: 'tab' }, ' now');
    expect(e.text).toBe('deploy prod now');
    keys(enter);
    await result;
  });

  it('Shift-Tab redraws the status line above the prompt in place, keeping the typed text', async () => {
    let mode = 0;
    const modes = ['read-only', 'prompt'];
    const { result, keys, e, screen } = editor({
      statusRowsAbove: 1,
      cycleMode: () => `model · ${modes[mode++]}`,
    });
    keys('half', { name: 'tab', shift: true });
    expect(screen()).toContain('\u001b[1A\r\u001b[Jmodel · read-only\r\n');
    keys({ name: 'tab', shift: true });
    expect(screen()).toContain('\u001b[1A\r\u001b[Jmodel · prompt\r\n');
    expect(e.text).toBe('half');
    keys(enter);
    await result;
  });

  it('Ctrl-L clears the screen and redraws the prompt with the typed text', async () => {
    const { result, keys, e, screen } = editor();
    keys('keep me', ctrl('l'));
    expect(screen()).toMatch(/\u001b\[H\u001b\[2J\r\u001b\[J> keep me/);
    expect(e.text).toBe('keep me');
    keys(enter);
    await result;
  });
});
