import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialsFile } from '@claw/auth';
import { startTestOAuthServer } from '@claw/auth/testing';
import { describe, expect, it } from 'vitest';
import { PROMPT_READY, submit, TURN_DONE, usePtyHarness } from './pty-harness.js';

/** `/login` and `/logout` in the built REPL, through @claw/auth, in tmux. */
const h = usePtyHarness();

const API_KEY = 'sk-ant-api03-ptyStoredKey-abcdefghijklmnop';
const credentialsPath = () => join(h.sandbox.configHome, 'credentials.json');
const readCredentials = (): CredentialsFile => JSON.parse(readFileSync(credentialsPath(), 'utf8'));

/** Everything the REPL wrote to disk besides the token store: history, sessions. */
function otherFiles(): string[] {
  const dirs = [h.sandbox.configHome, join(h.sandbox.workspace, '.claw')];
  return dirs
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name)),
    )
    .filter((file) => file !== credentialsPath());
}

describe('/login and /logout in a pseudo-terminal', () => {
  it('stores an API key typed without echo; /logout removes it', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, '/login api-key');
    await p.waitFor(/^API key:\s*$/m);
    p.type(API_KEY);
    await p.waitFor(`API key: ${'*'.repeat(API_KEY.length)}`);
    p.press('Enter');
    const screen = await h.expectScreen(p, 'login-api-key', /credentials\.json\.\n.*\n>\s*$/);
    expect(screen).toContain('Note: ANTHROPIC_API_KEY in the environment is used before stored credentials.');
    expect(readCredentials().apiKey?.key).toBe(API_KEY);

    submit(p, '/logout');
    await p.waitFor(/Removed stored credentials from .*credentials\.json\./);
    expect(existsSync(credentialsPath())).toBe(false);
    for (const file of otherFiles()) expect(readFileSync(file, 'utf8'), file).not.toContain(API_KEY);
    expect(p.screen()).not.toContain(API_KEY);
  });

  it('uses a key stored by /login for the next prompt of a REPL that started without credentials', async () => {
    const p = h.start('', { ANTHROPIC_API_KEY: '' });
    await p.waitFor(PROMPT_READY);
    submit(p, '/login api-key');
    await p.waitFor(/^API key:\s*$/m);
    p.type(API_KEY);
    p.press('Enter');
    await p.waitFor(/credentials\.json\./);
    await p.waitFor(PROMPT_READY);
    submit(p, 'hello after login');
    await p.waitFor(TURN_DONE);
    const requests = h.mock.requests.filter((r) => r.path === '/v1/messages');
    expect(requests.at(-1)?.headers['x-api-key']).toBe(API_KEY);
  });

  it('cancels the API key question with Ctrl-C', async () => {
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, '/login api-key');
    await p.waitFor(/^API key:\s*$/m);
    p.type('sk-ant');
    p.press('C-u');
    p.press('C-c');
    await p.waitFor(/Login cancelled\.\n>\s*$/);
    expect(existsSync(credentialsPath())).toBe(false);
  });

  it('signs in with OAuth when the browser comes back to the callback', async () => {
    const oauth = await startTestOAuthServer({ clientId: 'claw-pty-client' });
    try {
      writeFileSync(
        join(h.sandbox.configHome, 'settings.json'),
        JSON.stringify({
          oauth: { clientId: 'claw-pty-client', authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl },
        }),
      );
      const p = h.start();
      await p.waitFor(PROMPT_READY);
      // No method: OAuth, because a client id is configured.
      submit(p, '/login');
      await p.waitFor(/^code>\s*$/m);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/.exec(p.joinedScreen())?.[1];
      expect(url).toBeDefined();
      // The browser's part: the server approves and redirects to claw's loopback callback.
      const approved = await fetch(url as string, { redirect: 'manual' });
      expect(approved.status).toBe(302);
      const callback = await fetch(approved.headers.get('location') ?? '');
      expect(callback.status).toBe(200);
      const screen = await p.waitForStable(
        /Signed in\. Tokens stored in .*credentials\.json\.[\s\S]*\n>\s*$/,
      );
      // The paste question was withdrawn once the callback won.
      expect(screen).not.toMatch(/^code>/m);
      const stored = readCredentials().oauth;
      expect(stored?.accessToken).toMatch(/^sk-ant-oat01-test-/);
      for (const secret of oauth.issuedSecrets()) expect(p.joinedScreen()).not.toContain(secret);
    } finally {
      await oauth.close();
    }
  });
});
