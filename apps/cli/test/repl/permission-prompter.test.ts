import type { PermissionAnswer, PermissionPromptRequest } from '@claw/runtime';
import { describe, expect, it } from 'vitest';
import { createStyle } from '../../src/render/style.js';
import type { Key, KeyHandler } from '../../src/repl/keyboard.js';
import { createTerminalPrompter } from '../../src/repl/permission-prompter.js';
import { render } from './terminal-screen.js';

const request: PermissionPromptRequest = {
  toolName: 'Bash',
  input: { command: 'rm -rf build' },
  summary: 'Bash(rm -rf build)',
  reason: 'needs danger-full-access',
  suggestedRule: 'Bash(rm -rf:*)',
};

function harness(columns = 80) {
  const handlers: KeyHandler[] = [];
  let screen = '';
  let interrupted = false;
  const answers: PermissionAnswer[] = [];
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
    columns: () => columns,
    style: createStyle(false),
    onInterrupt: () => {
      interrupted = true;
    },
    afterPrompt: (answer) => answers.push(answer),
  });
  const press = async (text: string | undefined, key: Key) => {
    await new Promise((r) => setTimeout(r, 0));
    handlers.at(-1)?.(text, key);
  };
  return { prompter, press, screen: () => screen, interrupted: () => interrupted, answers };
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

  it('asks parallel requests one at a time: the second menu is drawn after the first answer', async () => {
    const h = harness();
    const second: PermissionPromptRequest = {
      ...request,
      input: { command: 'npm publish' },
      summary: 'Bash(npm publish)',
    };
    const first = h.prompter(request, new AbortController().signal);
    const next = h.prompter(second, new AbortController().signal);
    await h.press('1', { name: '1' });
    expect(await first).toEqual({ decision: 'allow-once' });
    await h.press('2', { name: '2' });
    expect(await next).toEqual({ decision: 'allow-session' });
    const screen = h.screen();
    // Nothing of the second menu before the first answer row.
    expect(screen.indexOf('Bash(npm publish)')).toBeGreaterThan(screen.indexOf('Allowed once'));
    expect(render(screen)).toBe('  ⎿  Allowed once\n  ⎿  Allowed for this session\n');
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
    // The menu, the question and the typed line all give way to one answer row.
    expect(render(h.screen())).toBe('  ⎿  Denied: use git clean\n');
    expect(h.answers).toEqual([{ decision: 'deny', feedback: 'use git clean' }]);
  });

  it('wraps the reason under the command, without repeating the command', async () => {
    const h = harness(40);
    const long: PermissionPromptRequest = {
      ...request,
      reason: 'Bash(rm -rf build) needs danger-full-access (`rm` deletes files), above workspace-write',
    };
    const answer = h.prompter(long, new AbortController().signal);
    await Promise.resolve();
    expect(render(h.screen()).split('\n').slice(0, 5)).toEqual([
      'Bash wants to run',
      '  Bash(rm -rf build)',
      '  needs danger-full-access (`rm` deletes',
      '  files), above workspace-write',
      'Do you want to proceed?',
    ]);
    await h.press('1', { name: '1' });
    expect(await answer).toEqual({ decision: 'allow-once' });
    expect(render(h.screen())).toBe('  ⎿  Allowed once\n');
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
