import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAW_BIN, createSandbox, type Sandbox } from '../helpers.js';
import { normaliseScreen, TmuxPane } from './tmux-driver.js';

/**
 * The built `claw` REPL in a real pseudo-terminal (tmux), against the mock Anthropic server. Colour is off
 * (NO_COLOR) so screens compare as plain text; the render unit tests cover colour.
 */
let mock: MockServer;
let sandbox: Sandbox;
let pane: TmuxPane | undefined;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
});
afterEach(() => {
  pane?.kill();
  pane = undefined;
  sandbox.cleanup();
});

function startRepl(args = ''): TmuxPane {
  pane = new TmuxPane(`node ${CLAW_BIN} ${args}`, {
    cwd: sandbox.workspace,
    env: {
      ANTHROPIC_BASE_URL: mock.url,
      ANTHROPIC_API_KEY: 'sk-ant-test',
      CLAW_CONFIG_HOME: sandbox.configHome,
      HOME: sandbox.home,
      NO_COLOR: '1',
      LANG: 'C.UTF-8',
      TERM: 'xterm-256color',
    },
  });
  return pane;
}

const root = () => dirname(sandbox.workspace);
// capture-pane trims trailing blanks, so an empty prompt reads as a lone ">".
const PROMPT_READY = /^>\s*$/m;

async function submit(p: TmuxPane, text: string): Promise<void> {
  p.type(text);
  p.press('Enter');
}

describe('REPL in a pseudo-terminal', () => {
  it('streams a reply and prints the status line', async () => {
    const p = startRepl();
    await p.waitFor(PROMPT_READY);
    await submit(p, 'PARITY_SCENARIO:streaming_text');
    const screen = await p.waitFor(/ctx .* · \$[\d.]+\n>/);
    expect(screen).toContain(
      'Mock streaming says hello. This reply arrives in several text deltas, in order.',
    );
    await expect(normaliseScreen(screen, root())).toMatchFileSnapshot('__screens__/streaming-text.txt');
  });

  it('approves a permission prompt and the command runs', async () => {
    const p = startRepl();
    await p.waitFor(PROMPT_READY);
    await submit(p, 'PARITY_SCENARIO:bash_permission_prompt_approved');
    await p.waitFor('Do you want to proceed?');
    p.type('1');
    const screen = await p.waitFor('bash result:');
    expect(screen).toContain('Allowed once');
    expect(existsSync(join(sandbox.workspace, 'generated', 'bash-approved.txt'))).toBe(true);
    await p.waitFor(PROMPT_READY);
    await expect(normaliseScreen(p.screen(), root())).toMatchFileSnapshot(
      '__screens__/permission-approved.txt',
    );
  });

  it('denies a permission prompt with feedback for the model', async () => {
    const p = startRepl();
    await p.waitFor(PROMPT_READY);
    await submit(p, 'PARITY_SCENARIO:bash_permission_prompt_denied');
    await p.waitFor('Do you want to proceed?');
    p.press('Escape');
    await p.waitFor('Tell claw what to do instead');
    await submit(p, 'do not create files');
    const screen = await p.waitFor(/ctx .*\n>/);
    expect(screen).toContain('Denied: do not create files');
    expect(existsSync(join(sandbox.workspace, 'generated', 'bash-denied.txt'))).toBe(false);
    const bodies = mock.requests.filter((r) => r.path === '/v1/messages').map((r) => JSON.stringify(r.body));
    expect(bodies.at(-1)).toContain('do not create files');
  });

  it('cancels a streaming turn with Ctrl-C, keeps the session and continues', async () => {
    const p = startRepl();
    await p.waitFor(PROMPT_READY);
    await submit(p, 'PARITY_SCENARIO:slow_stream MOCK_DELAY_MS:150');
    await p.waitFor('A slow');
    p.press('C-c');
    await p.waitFor('Interrupted');
    await p.waitFor(PROMPT_READY);
    expect(p.screen()).not.toContain('cancellation and spinners.');
    await submit(p, 'hi again');
    const screen = await p.waitFor(/Interrupted[\s\S]*> hi again\n[\s\S]*ctx .*\n>/, 20_000);
    expect(screen).not.toContain('[exited');
    const sessions = mock.requests.filter((r) => r.path === '/v1/messages');
    // The second request carries the first prompt too: Ctrl-C cancelled the turn, not the session.
    expect(JSON.stringify(sessions.at(-1)?.body)).toContain('slow_stream');
  });

  it('completes slash commands and their arguments, and recalls history', async () => {
    const p = startRepl();
    await p.waitFor(PROMPT_READY);
    p.type('/mod');
    p.press('Tab');
    await p.waitFor(/^> \/model\s*$/m);
    p.type('ha');
    p.press('Tab');
    await p.waitFor(/^> \/model haiku\s*$/m);
    p.press('Enter');
    await p.waitFor('Model set to');
    writeFileSync(join(sandbox.workspace, 'notes.md'), 'remember the milk\n');
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
    const p = startRepl();
    await p.waitFor(PROMPT_READY);
    await submit(p, 'PARITY_SCENARIO:streaming_text');
    await p.waitFor(/ctx .*\n>/);
    await submit(p, '/cost');
    await p.waitFor('Total cost');
    expect(p.screen()).toMatch(/Input tokens\s+\S+/);
    await submit(p, '/compact');
    await p.waitFor(/Compacted \d+ messages|Nothing to compact/);
    await submit(p, '/clear');
    const cleared = await p.waitFor(/Started session .*\(previous: [\w-]+\)/);
    const id = /\(previous: ([\w-]+)\)/.exec(cleared)?.[1];
    await submit(p, '/resume');
    const listed = await p.waitFor('Use /resume <id> to switch.');
    expect(listed).toMatch(new RegExp(`${id}\\s+\\S+\\s+PARITY_SCENARIO:streaming_text`));
    await submit(p, `/resume ${id}`);
    await p.waitFor(`Resumed session ${id}`);
  });
});
