import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMPT_READY, submit, TURN_DONE, usePtyHarness } from './pty-harness.js';

/**
 * Completion, history and slash commands in the built `claw` REPL, in tmux, against the mock. Screens are
 * compared with `__screens__/` (regenerate with `pnpm exec vitest run test/repl -u`, then review them).
 */
const h = usePtyHarness();

const FIXED_USAGE = {
  input_tokens: 1200,
  output_tokens: 340,
  cache_read_input_tokens: 4096,
  cache_creation_input_tokens: 2048,
};

describe('REPL commands in a pseudo-terminal', () => {
  it('completes slash commands and their arguments, and recalls history', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    p.type('/co');
    p.press('Tab');
    await h.expectScreen(p, 'completion-menu', /\/continue\n> \/co\s*$/);
    p.press('C-u');
    p.type('/mod');
    p.press('Tab');
    await p.waitFor(/^> \/model\s*$/m);
    p.type('ha');
    p.press('Tab');
    await p.waitFor(/^> \/model haiku\s*$/m);
    p.press('Enter');
    await p.waitFor('Model set to');
    writeFileSync(join(h.sandbox.workspace, 'notes.md'), 'remember the milk\n');
    p.type('summarise @not');
    p.press('Tab');
    await p.waitFor(/^> summarise @notes\.md\s*$/m);
    p.press('C-u');
    p.press('Up');
    await p.waitFor(/^> \/model haiku$/m);
    p.press('C-u');
    p.press('C-c');
    p.press('C-c');
    await p.waitFor('[exited 0]');
    expect(p.screen()).toContain('Resume with: claw --resume');
  });

  it('runs /cost, /compact and /resume', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    const mention = h.script('cost.txt', [{ text: 'Usage for this reply is fixed.', usage: FIXED_USAGE }]);
    submit(p, `what does it cost? ${mention}`);
    await p.waitFor(TURN_DONE);
    submit(p, '/cost');
    const cost = await h.expectScreen(p, 'cost', /Context .*\n>\s*$/, { exactUsage: true });
    expect(cost).toMatch(/Input tokens\s+1\.2k\n/);
    expect(cost).toMatch(/Cache read\s+4\.1k\n/);
    submit(p, '/compact');
    await h.expectScreen(p, 'compact', /Compacted \d+ messages into a summary\.\n>\s*$/, {
      exactUsage: true,
    });
    submit(p, '/clear');
    const cleared = await p.waitFor(/Started session .*\(previous: [\w-]+\)/);
    const id = /\(previous: ([\w-]+)\)/.exec(cleared)?.[1];
    submit(p, '/resume');
    const listed = await h.expectScreen(p, 'resume-list', /Use \/resume <id> to switch\.\n>\s*$/, {
      exactUsage: true,
    });
    // One row per session; the title is the prompt as typed, without the attached file.
    expect(listed).toMatch(new RegExp(`${id}  \\S+  what does it cost\\? @cost\\.txt\n\n`));
    submit(p, `/resume ${id}`);
    await p.waitFor(`Resumed session ${id}`);
  });

  it('says so when asked to resume the session it is already in', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, 'PARITY_SCENARIO:streaming_text');
    await p.waitFor(TURN_DONE);
    submit(p, '/session');
    const session = await p.waitFor(/Session (\S+) \(2 messages\)/);
    const id = /Session (\S+) \(2 messages\)/.exec(session)?.[1] ?? '';
    submit(p, `/resume ${id}`);
    await p.waitFor(`Already in session ${id} (2 messages).`);
    submit(p, '/resume latest');
    const screen = await h.expectScreen(p, 'resume-current', /latest\nAlready in session .*\n>\s*$/);
    expect(screen).not.toMatch(/locked|error/i);
    // The session still works: the next turn is appended to it.
    submit(p, 'and again');
    await p.waitFor(/and again\n[\s\S]*ctx .*\n>\s*$/);
    submit(p, '/session');
    await p.waitFor(`Session ${id} (4 messages)`);
  });

  it('initialises the workspace with /init, and a second /init changes nothing', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, '/init');
    await p.waitFor(/\.gitignore — .*\n>\s*$/);
    submit(p, '/init');
    await h.expectScreen(p, 'init', /entries already present\n>\s*$/);
    const ws = h.sandbox.workspace;
    expect(JSON.parse(readFileSync(join(ws, '.claw', 'settings.json'), 'utf8'))).toEqual({
      permissions: { allow: [], deny: [] },
    });
    expect(existsSync(join(ws, 'CLAW.md'))).toBe(true);
    expect(readFileSync(join(ws, '.gitignore'), 'utf8')).toBe('.claw/sessions/\n.claw/settings.local.json\n');
  });

  it('runs the doctor checks with /doctor', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, '/doctor');
    const screen = await p.waitForStable(/(All checks passed|check\(s\) failed).*\n>\s*$/);
    expect(screen).toMatch(/✓ Node\.js +v\d+/);
    expect(screen).toMatch(/✓ Credentials +API key from ANTHROPIC_API_KEY/);
    expect(screen).toMatch(/✓ Session directory +.*is writable/);
    expect(screen).not.toContain('not available');
    expect(screen).not.toContain('sk-ant-test');
  });
});
