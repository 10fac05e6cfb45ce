import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuthError, loginWithApiKey, loginWithOAuth, shouldOpenBrowser } from '../src/index.js';
import { startTestOAuthServer, type TestOAuthServer } from '../src/testing/index.js';
import { followAuthorizeUrl, makeTempConfigHome } from './helpers.js';

const CLIENT_ID = 'claw-test-client';
let home: Awaited<ReturnType<typeof makeTempConfigHome>>;
let server: TestOAuthServer;

beforeEach(async () => {
  home = await makeTempConfigHome();
  server = await startTestOAuthServer({ clientId: CLIENT_ID });
});
afterEach(async () => {
  await server.close();
  await home.cleanup();
});

const oauth = (extra: Record<string, unknown> = {}) => ({
  authorizeUrl: server.authorizeUrl,
  tokenUrl: server.tokenUrl,
  clientId: CLIENT_ID,
  ...extra,
});

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('shouldOpenBrowser', () => {
  it.each([
    ['linux with X11', { DISPLAY: ':0' }, 'linux', true],
    ['linux with Wayland', { WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true],
    ['linux over SSH, no display', {}, 'linux', false],
    ['linux with an empty DISPLAY', { DISPLAY: '' }, 'linux', false],
    ['freebsd without a display', {}, 'freebsd', false],
    ['macOS', {}, 'darwin', true],
    ['Windows', {}, 'win32', true],
    ['BROWSER=none on macOS', { BROWSER: 'none' }, 'darwin', false],
    ['BROWSER=none with a display', { BROWSER: 'none', DISPLAY: ':0' }, 'linux', false],
  ] as const)('%s → %s', (_case, env, platform, expected) => {
    expect(shouldOpenBrowser(env, platform)).toBe(expected);
  });
});

describe('login options', () => {
  it('with openBrowser false, never calls the opener and says to open the URL', async () => {
    const lines: string[] = [];
    let opened = 0;
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauth(),
      print: (line) => lines.push(line),
      openUrl: async () => {
        opened += 1;
      },
      openBrowser: false,
    });
    await expect.poll(() => lines.find((line) => line.startsWith(server.authorizeUrl))).toBeDefined();
    await followAuthorizeUrl(lines.find((line) => line.startsWith(server.authorizeUrl)) ?? '');
    await login;
    expect(opened).toBe(0);
    expect(lines[0]).toBe('Open this URL in a browser to sign in to claw:');
    expect(lines.join('\n')).not.toMatch(/Opening your browser/);
  });

  it('listens on oauth.callbackPort when set, and explains a port in use', async () => {
    const port = await freePort();
    let url = '';
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauth({ callbackPort: port }),
      print: () => undefined,
      openUrl: async (u) => {
        url = u;
      },
    });
    await expect.poll(() => url).not.toBe('');
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    // A second login while the first one holds the port.
    const error = (await loginWithOAuth({
      configHome: home.configHome,
      oauth: oauth({ callbackPort: port }),
      print: () => undefined,
      openBrowser: false,
    }).catch((e: unknown) => e)) as AuthError;
    expect(error.reason).toBe('oauth-not-configured');
    expect(error.message).toContain(`port ${port}`);
    expect(error.hint).toContain('oauth.callbackPort');
    await followAuthorizeUrl(url);
    await expect(login).resolves.toMatchObject({ method: 'oauth' });
  });
});

describe('config home permissions', () => {
  it('narrows an existing config home of ours to 0700 when credentials are written', async () => {
    await mkdir(home.configHome, { mode: 0o755 });
    await chmod(home.configHome, 0o755);
    await loginWithApiKey({ key: 'sk-ant-api03-narrowTheDirectory-0000', configHome: home.configHome });
    expect((await stat(home.configHome)).mode & 0o777).toBe(0o700);
  });
});
