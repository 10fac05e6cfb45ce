import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLAW_BIN, createSandbox, type Sandbox } from '../helpers.js';
import { TmuxPane } from './tmux-driver.js';

/** `claw login --api-key` at a real terminal: the key is typed at a hidden prompt and never shown. */
let sandbox: Sandbox;
let pane: TmuxPane | undefined;

beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => {
  pane?.kill();
  pane = undefined;
  sandbox.cleanup();
});

const KEY = 'sk-ant-api03-typed-at-the-terminal-0000';

function startLogin(): TmuxPane {
  pane = new TmuxPane(`node ${CLAW_BIN} login --api-key`, {
    cwd: sandbox.workspace,
    env: { CLAW_CONFIG_HOME: sandbox.configHome, HOME: sandbox.home, NO_COLOR: '1', LANG: 'C.UTF-8' },
  });
  return pane;
}

describe('claw login --api-key at a terminal', () => {
  it('reads the key at a hidden prompt, stores it 0600 and never echoes it', async () => {
    const p = startLogin();
    await p.waitFor('API key (input hidden):');
    p.type(KEY);
    p.press('Enter');
    const screen = await p.waitFor('[exited 0]');
    expect(screen).toContain('API key stored');
    expect(screen).not.toContain('typed-at-the-terminal');
    const file = join(sandbox.configHome, 'credentials.json');
    expect(readFileSync(file, 'utf8')).toContain(KEY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('stores nothing when cancelled with Ctrl-C', async () => {
    const p = startLogin();
    await p.waitFor('API key (input hidden):');
    p.type('sk-ant-half');
    p.press('C-c');
    const screen = await p.waitFor(/\[exited [1-9]\d*\]/);
    expect(screen).toMatch(/Cancelled/);
    expect(existsSync(join(sandbox.configHome, 'credentials.json'))).toBe(false);
  });
});
