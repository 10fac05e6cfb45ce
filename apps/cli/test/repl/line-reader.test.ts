import { describe, expect, it } from 'vitest';
import type { Key, KeyHandler } from '../../src/repl/keyboard.js';
import { createLineReader } from '../../src/repl/line-reader.js';
import { render } from './terminal-screen.js';

function harness() {
  const handlers: KeyHandler[] = [];
  let output = '';
  let interrupts = 0;
  const readLine = createLineReader({
    keyboard: {
      push: (h) => {
        handlers.push(h);
        return () => handlers.splice(handlers.indexOf(h), 1);
      },
    },
    write: (t) => {
      output += t;
    },
    columns: () => 40,
    onInterrupt: () => {
      interrupts += 1;
    },
  });
  const press = (text: string | undefined, key: Key) => handlers.at(-1)?.(text, key);
  const type = (text: string) => {
    for (const ch of text) press(ch, { name: ch });
  };
  return { readLine, press, type, screen: () => render(output), handlers, interrupts: () => interrupts };
}

describe('line reader', () => {
  it('reads a line and leaves it on screen', async () => {
    const h = harness();
    const line = h.readLine('name: ');
    h.type('claw');
    h.press('\r', { name: 'return' });
    expect(await line).toBe('claw');
    expect(h.screen()).toBe('name: claw\n');
    expect(h.handlers).toEqual([]);
  });

  it('masks a secret: only stars reach the screen', async () => {
    const h = harness();
    const line = h.readLine('API key: ', { mask: true });
    h.type('sk-ant-123');
    expect(h.screen()).toBe('API key: **********');
    h.press('\r', { name: 'return' });
    expect(await line).toBe('sk-ant-123');
  });

  it('erases a transient answer', async () => {
    const h = harness();
    const line = h.readLine('> ', { transient: true });
    h.type('use git clean');
    h.press('\r', { name: 'return' });
    expect(await line).toBe('use git clean');
    expect(h.screen()).toBe('');
  });

  it('withdraws the question when its signal aborts', async () => {
    const h = harness();
    const controller = new AbortController();
    const line = h.readLine('code> ', { signal: controller.signal });
    h.type('abc');
    controller.abort();
    expect(await line).toBeUndefined();
    expect(h.screen()).toBe('');
    expect(h.handlers).toEqual([]);
    expect(h.interrupts()).toBe(0);
  });

  it('Ctrl-C at an empty line cancels and interrupts what asked', async () => {
    const h = harness();
    const line = h.readLine('API key: ', { mask: true });
    h.press('\u0003', { name: 'c', ctrl: true });
    expect(await line).toBeUndefined();
    expect(h.interrupts()).toBe(1);
  });
});
