import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyPathFor } from '../../src/repl/history.js';
import { PROMPT_READY, submit, TURN_DONE, usePtyHarness } from './pty-harness.js';

/**
 * Claude Code's REPL keys in the built `claw` REPL, in tmux, against the mock: Shift-Tab (permission mode),
 * Ctrl-R (history search), Ctrl-L (clear screen) and the `#` memory shortcut.
 */
const h = usePtyHarness();

/** The text of the newest user message in the last request the mock received. */
function lastUserText(): string {
  const body = h.messageRequests().at(-1)?.body as {
    messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
  };
  const last = body.messages.filter((m) => m.role === 'user').at(-1);
  if (!last) return '';
  return typeof last.content === 'string'
    ? last.content
    : last.content.map((block) => block.text ?? '').join('\n');
}

describe('REPL keys in a pseudo-terminal', () => {
  it('Shift-Tab cycles the permission mode; the status line and the next request follow it', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, '/permissions');
    await p.waitFor('Permission mode: workspace-write');
    p.press('BTab');
    // The status line appears above the prompt at once, with the new mode.
    await p.waitFor(/ · read-only · ctx .*\n>\s*$/);
    p.press('BTab');
    // A second press redraws the same line: no stack of status lines.
    const screen = await p.waitForStable(/ · prompt · ctx .*\n>\s*$/);
    expect(screen).not.toContain(' · read-only · ');
    p.press('BTab', 'BTab');
    await p.waitFor(/ · read-only · ctx .*\n>\s*$/);
    submit(p, '/status');
    await p.waitFor(/Permission mode\s+read-only/);
    // read-only: the model's Write is asked about, not run.
    submit(p, 'PARITY_SCENARIO:write_file_allowed');
    await p.waitFor('Do you want to proceed?');
    p.press('Escape');
    await p.waitFor('Tell claw what to do instead');
    p.press('Enter');
    await p.waitFor(TURN_DONE);
    expect(existsSync(join(h.sandbox.workspace, 'generated', 'output.txt'))).toBe(false);
    expect(p.screen()).toMatch(/ · read-only · ctx .*\n>\s*$/);
  });

  it('Shift-Tab reaches danger-full-access only when the session started in it', async () => {
    const p = h.start('--dangerously-skip-permissions');
    await p.waitFor(PROMPT_READY);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      p.press('BTab');
      const screen = await p.waitForStable(/ · [a-z-]+ · ctx .*\n>\s*$/);
      seen.push(/ · ([a-z-]+) · ctx .*\n>\s*$/.exec(screen)?.[1] ?? '');
    }
    expect(seen).toEqual(['prompt', 'workspace-write', 'read-only', 'danger-full-access']);
  });

  it('Ctrl-R searches the persistent history; Ctrl-R again goes older; Enter runs the match', async () => {
    const historyFile = historyPathFor(h.sandbox.configHome, h.sandbox.workspace);
    mkdirSync(dirname(historyFile), { recursive: true });
    const earlier = ['deploy the staging branch', 'run the unit tests', 'deploy the docs site'];
    writeFileSync(historyFile, earlier.map((text) => `${JSON.stringify({ text, at: '' })}\n`).join(''));
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    p.type('half typed');
    p.press('C-r');
    await p.waitFor(/^\(reverse-i-search\)'': half typed\s*$/m);
    p.type('deploy');
    await p.waitFor(/^\(reverse-i-search\)'deploy': deploy the docs site\s*$/m);
    p.press('C-r');
    await p.waitFor(/^\(reverse-i-search\)'deploy': deploy the staging branch\s*$/m);
    p.press('C-r');
    await p.waitFor(/^\(failed reverse-i-search\)'deploy': deploy the staging branch\s*$/m);
    // Ctrl-G gives the typed line back.
    p.press('C-g');
    await p.waitFor(/^> half typed\s*$/m);
    p.press('C-u', 'C-r');
    p.type('staging');
    await p.waitFor(/'staging': deploy the staging branch\s*$/m);
    p.press('Enter');
    const screen = await p.waitFor(TURN_DONE);
    expect(screen).toMatch(/^> deploy the staging branch$/m);
    expect(h.messageRequests()).toHaveLength(1);
    expect(lastUserText()).toBe('deploy the staging branch');
  });

  it('Ctrl-L clears the screen and redraws the prompt; the conversation is kept', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, 'first question about the parser');
    await p.waitFor(TURN_DONE);
    p.type('half typed');
    p.press('C-l');
    const cleared = await p.waitForStable(/^> half typed\s*$/);
    expect(cleared).not.toContain('first question');
    p.press('C-u');
    submit(p, 'second question');
    await p.waitFor(TURN_DONE);
    const body = JSON.stringify(h.messageRequests().at(-1)?.body);
    expect(body).toContain('first question about the parser');
    expect(body).toContain('second question');
  });

  it('# adds a note to the project memory, ## to the user memory; the next request carries both', async () => {
    writeFileSync(join(h.sandbox.workspace, 'CLAUDE.md'), '# Project notes\n');
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, '# always run pnpm lint before committing');
    await p.waitFor('⎿  Saved to project memory (CLAUDE.md)');
    submit(p, '## I prefer short replies');
    await p.waitFor(`⎿  Saved to user memory (${join(h.sandbox.configHome, 'CLAW.md')})`);
    // Neither note went to the model.
    expect(h.messageRequests()).toHaveLength(0);
    expect(readFileSync(join(h.sandbox.workspace, 'CLAUDE.md'), 'utf8')).toBe(
      '# Project notes\n- always run pnpm lint before committing\n',
    );
    expect(readFileSync(join(h.sandbox.configHome, 'CLAW.md'), 'utf8')).toBe('- I prefer short replies\n');
    submit(p, 'hello');
    await p.waitFor(TURN_DONE);
    const body = h.messageRequests().at(-1)?.body as { system: unknown } | undefined;
    const system = JSON.stringify(body?.system);
    expect(system).toContain('- always run pnpm lint before committing');
    expect(system).toContain('- I prefer short replies');
    submit(p, '/memory');
    await p.waitFor(join(h.sandbox.configHome, 'CLAW.md'));
  });
});
