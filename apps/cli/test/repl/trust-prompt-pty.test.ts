import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMPT_READY, submit, TURN_DONE, usePtyHarness } from './pty-harness.js';

/**
 * The REPL's "Do you trust the files in this folder?": asked before the session opens, only in an untrusted
 * workspace whose settings ask for something that needs trust.
 */
const h = usePtyHarness();
const QUESTION = /Trust this folder\? \[y\]/;

/** The harness trusts its workspace; these tests start from a fresh clone. */
function untrustedWorkspaceWithHook(): { marker: string; trustFile: string } {
  const trustFile = join(h.sandbox.configHome, 'trusted-workspaces.json');
  rmSync(trustFile, { force: true });
  const marker = join(dirname(h.sandbox.workspace), 'session-start-ran');
  const settings = join(h.sandbox.workspace, '.claw', 'settings.json');
  mkdirSync(dirname(settings), { recursive: true });
  writeFileSync(
    settings,
    JSON.stringify({
      hooks: { SessionStart: [{ hooks: [{ type: 'command', command: `touch ${marker}` }] }] },
    }),
  );
  return { marker, trustFile };
}

describe('REPL workspace trust question', () => {
  it('trusting records the folder and the repository hook runs', async () => {
    const { marker, trustFile } = untrustedWorkspaceWithHook();
    const p = h.start();
    const screen = await p.waitFor((s) => QUESTION.test(s));
    expect(screen).toContain('hooks (settings.json): runs commands');
    p.type('y');
    p.press('Enter');
    await p.waitFor((s) => PROMPT_READY.test(s));
    expect(existsSync(trustFile)).toBe(true);
    // SessionStart hooks run with the session's first turn.
    submit(p, 'PARITY_SCENARIO:streaming_text');
    await p.waitFor((s) => TURN_DONE.test(s));
    expect(existsSync(marker)).toBe(true);
  });

  it('declining continues without the hook, with a warning, and records nothing', async () => {
    const { marker, trustFile } = untrustedWorkspaceWithHook();
    const p = h.start();
    await p.waitFor((s) => QUESTION.test(s));
    p.press('Enter');
    const screen = await p.waitFor((s) => PROMPT_READY.test(s));
    expect(screen).toContain('hooks ignored');
    submit(p, 'PARITY_SCENARIO:streaming_text');
    await p.waitFor((s) => TURN_DONE.test(s));
    expect(existsSync(trustFile)).toBe(false);
    expect(existsSync(marker)).toBe(false);
  });

  it('does not ask when the settings need no trust', async () => {
    rmSync(join(h.sandbox.configHome, 'trusted-workspaces.json'), { force: true });
    writeFileSync(
      join(h.sandbox.workspace, '.claw.json'),
      JSON.stringify({ permissions: { deny: ['Bash'] } }),
    );
    const p = h.start();
    const screen = await p.waitFor((s) => PROMPT_READY.test(s));
    expect(screen).not.toMatch(QUESTION);
  });
});
