import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMPT_READY, submit, TURN_DONE, usePtyHarness } from './pty-harness.js';

/**
 * A model turn in the built `claw` REPL, in a real pseudo-terminal (tmux), against the mock Anthropic
 * server: streamed Markdown, permission prompts, Ctrl-C. Key moments are compared with the screens in
 * `__screens__/` (reviewed by eye; regenerate with `pnpm exec vitest run test/repl -u`).
 */
const h = usePtyHarness();

const MARKDOWN_REPLY = [
  '## The fix',
  '',
  'The parser read **every** flag as a string; `parseArgs` now keeps booleans:',
  '',
  '```ts',
  'export function parseArgs(argv: string[]): Args {',
  "  return { verbose: argv.includes('-v') };",
  '}',
  '```',
  '',
  '- [x] keeps the *old* flags working',
  '- adds a test for `-v`',
].join('\n');

/** Fixed usage, so the status line's tokens and cost are exact (and every figure differs). */
const FIXED_USAGE = {
  input_tokens: 1800,
  output_tokens: 96,
  cache_read_input_tokens: 2400,
  cache_creation_input_tokens: 600,
};

describe('REPL turns in a pseudo-terminal', () => {
  it('streams the parity scenario streaming_text and prints the status line', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, 'PARITY_SCENARIO:streaming_text');
    const screen = await h.expectScreen(p, 'streaming-text', TURN_DONE);
    expect(screen).toContain(
      'Mock streaming says hello. This reply arrives in several text deltas, in order.',
    );
  });

  it('streams a Markdown reply with a code block, then the status line with exact usage', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    const mention = h.script('fix.txt', [{ text: MARKDOWN_REPLY, textChunkSize: 9, usage: FIXED_USAGE }]);
    submit(p, `explain the fix ${mention}`);
    const screen = await h.expectScreen(p, 'markdown-reply', TURN_DONE, { exactUsage: true });
    // Prose is rendered (emphasis markers gone), the code block is kept verbatim.
    expect(screen).toContain('The parser read every flag as a string; `parseArgs` now keeps booleans:');
    expect(screen).toContain("  return { verbose: argv.includes('-v') };");
    expect(screen).toMatch(/↑4\.8k ↓96 · \$0\.\d{4}\n>/);
  });

  it('asks before running a command; approving runs it', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, 'PARITY_SCENARIO:bash_permission_prompt_approved');
    // A line of two commands has no "always allow" rule to offer: only Yes and No.
    await h.expectScreen(p, 'permission-prompt', /Do you want to proceed\?[\s\S]*2\. No/);
    p.type('1');
    const screen = await h.expectScreen(p, 'permission-approved', /bash result:[\s\S]*ctx .*\n>\s*$/);
    expect(screen).toContain('⎿  Allowed once');
    expect(existsSync(join(h.sandbox.workspace, 'generated', 'bash-approved.txt'))).toBe(true);
  });

  it('denies a permission prompt with feedback for the model', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, 'PARITY_SCENARIO:bash_permission_prompt_denied');
    await p.waitFor('Do you want to proceed?');
    p.press('Escape');
    await p.waitFor('Tell claw what to do instead');
    submit(p, 'do not create files');
    const screen = await h.expectScreen(p, 'permission-denied', TURN_DONE);
    expect(screen).toContain('Denied: do not create files');
    expect(existsSync(join(h.sandbox.workspace, 'generated', 'bash-denied.txt'))).toBe(false);
    expect(JSON.stringify(h.messageRequests().at(-1)?.body)).toContain('do not create files');
  });

  it('cancels a streaming turn with Ctrl-C, keeps the session and continues', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    // Two deltas, then the stream goes silent: what is on screen at Ctrl-C does not depend on timing.
    const stalled = h.script('stall.txt', [
      {
        text: 'Checking the build log first.\nThen the failing test.',
        textChunkSize: [30, 16],
        fault: { kind: 'stall_mid_stream', afterDeltas: 2 },
      },
    ]);
    submit(p, `why does the build fail? ${stalled}`);
    await p.waitForStable('Then the failing');
    p.press('C-c');
    const cancelled = await h.expectScreen(p, 'interrupted', /Interrupted[\s\S]*ctx .*\n>\s*$/);
    expect(cancelled).not.toContain('failing test.');

    const next = h.script('next.txt', [{ text: 'Continuing where we stopped.', usage: FIXED_USAGE }]);
    submit(p, `go on ${next}`);
    const continued = await h.expectScreen(p, 'interrupted-continued', /stopped\.\n.*ctx .*\n>\s*$/);
    expect(continued).not.toContain('[exited');
    // The second request carries the first prompt too: Ctrl-C cancelled the turn, not the session.
    expect(JSON.stringify(h.messageRequests().at(-1)?.body)).toContain('why does the build fail?');
  });
});
