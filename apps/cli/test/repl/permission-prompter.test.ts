import type { PermissionPromptRequest } from '@claw/runtime';
import { describe, expect, it } from 'vitest';
import { createStyle } from '../../src/render/style.js';
import type { Key, KeyHandler } from '../../src/repl/keyboard.js';
import { createTerminalPrompter } from '../../src/repl/permission-prompter.js';

const request: PermissionPromptRequest = {
  toolName: 'Bash',
  input: { command: 'rm -rf build' },
  summary: 'Bash(rm -rf build)',
  reason: 'needs danger-full-access',
  suggestedRule: 'Bash(rm -rf:*)',
};

function harness() {
  const handlers: KeyHandler[] = [];
  let screen = '';
  let interrupted = false;
  const prompter = createTerminalPrompter({
    keyboard: {
      push: (h) => {
        handlers.push(h);
        return () => handlers.splice(handlers.indexOf(h), 1);
      },
    },
    write: (t) => {
      screen += t;
    },
    columns: () => 80,
    style: createStyle(false),
    onInterrupt: () => {
      interrupted = true;
    },
  });
  const press = async (text: string | undefined, key: Key) => {
    await new Promise((r) => setTimeout(r, 0));
    handlers.at(-1)?.(text, key);
  };
  return { prompter, press, screen: () => screen, interrupted: () => interrupted };
}

describe('terminal permission prompter', () => {
  it.each([
    ['1', 'allow-once'],
    ['2', 'allow-session'],
    ['3', 'allow-always'],
  ])('answers %s with %s', async (digit, decision) => {
    const h = harness();
    const answer = h.prompter(request, new AbortController().signal);
    await h.press(digit, { name: digit });
    expect(await answer).toEqual({ decision });
    expect(h.screen()).toContain('Bash(rm -rf:*)');
    expect(h.screen()).toContain('needs danger-full-access');
  });

  it('selects with arrows and Enter', async () => {
    const h = harness();
    const answer = h.prompter(request, new AbortController().signal);
    await h.press(undefined, { name: 'down' });
    await h.press('\r', { name: 'return' });
    expect(await answer).toEqual({ decision: 'allow-session' });
  });

  it('denies on Esc and forwards a line of feedback', async () => {
    const h = harness();
    const answer = h.prompter(request, new AbortController().signal);
    await h.press(undefined, { name: 'escape' });
    for (const ch of 'use git clean') await h.press(ch, { name: ch });
    await h.press('\r', { name: 'return' });
    expect(await answer).toEqual({ decision: 'deny', feedback: 'use git clean' });
    expect(h.screen()).toContain('Denied: use git clean');
  });

  it('denies without feedback when the line is empty', async () => {
    const h = harness();
    const answer = h.prompter(request, new AbortController().signal);
    await h.press('4', { name: '4' });
    await h.press('\r', { name: 'return' });
    expect(await answer).toEqual({ decision: 'deny' });
  });

  it('Ctrl-C denies and interrupts the turn', async () => {
    const h = harness();
    const answer = h.prompter(request, new AbortController().signal);
    await h.press('\u0003', { name: 'c', ctrl: true });
    expect(await answer).toEqual({ decision: 'deny' });
    expect(h.interrupted()).toBe(true);
  });
});
