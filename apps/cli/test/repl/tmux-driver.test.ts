import { describe, expect, it } from 'vitest';
import { normaliseScreen } from './tmux-driver.js';

const ROOT = '/tmp/claw-e2e-AbC123';

describe('normaliseScreen', () => {
  it.each([
    ['the temp directory', `claw · m · ${ROOT}/ws`, 'claw · m · <tmp>/ws'],
    ['session ids', 'Session 20261124-171646-49a5f8 (2 messages)', 'Session <session-id> (2 messages)'],
    ['ISO times', 'x  2026-11-24T17:16:46.733Z  hello', 'x  <time>  hello'],
    ['elapsed seconds', '⠋ Thinking… (12s · esc to interrupt)', '⠋ Thinking… (Ns · esc to interrupt)'],
    [
      'estimated usage, keeping the window and output tokens',
      'm · workspace-write · ctx 4.4k/1.0M (0%) · ↑8.8k ↓32 · $0.0180',
      'm · workspace-write · ctx <n>/1.0M (<n>%) · ↑<n> ↓32 · $<n>',
    ],
    ['unknown cost', 'ctx 900/200k (0%) · ↑900 ↓5 · unknown', 'ctx <n>/200k (<n>%) · ↑<n> ↓5 · $<n>'],
    ['trailing blanks and rows', 'a  \nb\n\n\n', 'a\nb'],
  ])('replaces %s', (_what, screen, expected) => {
    expect(normaliseScreen(screen, ROOT)).toBe(`${expected}\n`);
  });

  it('keeps exact usage when the mock fixed it', () => {
    const line = 'ctx 4.8k/1.0M (0%) · ↑4.8k ↓96 · $0.0065';
    expect(normaliseScreen(line, ROOT, { exactUsage: true })).toBe(`${line}\n`);
  });
});
