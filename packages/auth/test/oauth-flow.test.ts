import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuthError, loginWithApiKey, loginWithOAuth, resolveCredential } from '../src/index.js';
import { startTestOAuthServer, type TestOAuthServer } from '../src/testing/index.js';
import { captureNext, followAuthorizeUrl, makeTempConfigHome } from './helpers.js';

const CLIENT_ID = 'claw-test-client';
let home: Awaited<ReturnType<typeof makeTempConfigHome>>;
let server: TestOAuthServer;

beforeEach(async () => {
  home = await makeTempConfigHome();
  server = await startTestOAuthServer({ clientId: CLIENT_ID, accessTokenTtlSeconds: 3600 });
});
afterEach(async () => {
  await server.close();
  await home.cleanup();
});

function oauthSettings(extra: Record<string, unknown> = {}) {
  return {
    authorizeUrl: server.authorizeUrl,
    tokenUrl: server.tokenUrl,
    clientId: CLIENT_ID,
    scopes: ['user:inference', 'user:profile'],
    ...extra,
  };
}

describe('loginWithOAuth', () => {
  it.each(['form', 'json'] as const)(
    'completes the PKCE flow via the loopback callback (%s token request)',
    async (format) => {
      const opened = captureNext<string>();
      const lines: string[] = [];
      const login = loginWithOAuth({
        configHome: home.configHome,
        oauth: oauthSettings({ tokenRequestFormat: format }),
        print: (line) => lines.push(line),
        openUrl: opened.callback,
        now: () => 1_000_000,
      });
      const url = new URL(await opened.next);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      expect(url.searchParams.get('scope')).toBe('user:inference user:profile');
      expect(lines).toContain(url.toString()); // printed for headless machines
      const { callbackStatus } = await followAuthorizeUrl(url.toString());
      expect(callbackStatus).toBe(200);

      const result = await login;
      expect(result).toMatchObject({
        method: 'oauth',
        expiresAt: 1_000_000 + 3_600_000,
        scopes: ['user:inference', 'user:profile'],
      });
      expect(JSON.stringify(result)).not.toMatch(/sk-ant-oat01-test/);

      const file = join(home.configHome, 'credentials.json');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(home.configHome)).mode & 0o777).toBe(0o700);
      const stored = JSON.parse(await readFile(file, 'utf8'));
      expect(stored.oauth).toMatchObject({
        tokenUrl: server.tokenUrl,
        clientId: CLIENT_ID,
        tokenType: 'Bearer',
      });
      expect(stored.oauth.accessToken).toMatch(/^sk-ant-oat01-test-access-/);
      expect(stored.oauth.refreshToken).toMatch(/^sk-ant-oat01-test-refresh-/);

      const tokenRequest = server.requests.find((r) => r.path === '/token');
      expect(tokenRequest?.contentType).toContain(
        format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      );
      expect(tokenRequest?.status).toBe(200);

      const credential = await resolveCredential({ env: {}, configHome: home.configHome });
      expect(credential).toMatchObject({ kind: 'bearer', source: 'oauth', value: stored.oauth.accessToken });
    },
  );

  it('rejects a callback whose state does not match', async () => {
    const opened = captureNext<string>();
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauthSettings(),
      print: () => undefined,
      openUrl: opened.callback,
    });
    login.catch(() => undefined);
    const url = new URL(await opened.next);
    url.searchParams.set('state', 'forged-state');
    const { callbackStatus } = await followAuthorizeUrl(url.toString());
    expect(callbackStatus).toBe(400);
    await expect(login).rejects.toMatchObject({ kind: 'auth', reason: 'state-mismatch' });
    expect(server.requests.some((r) => r.path === '/token')).toBe(false);
    expect(await resolveCredential({ env: {}, configHome: home.configHome })).toBeUndefined();
  });

  it.each([
    ['the bare code', (location: URL) => location.searchParams.get('code') ?? ''],
    ['the full redirect URL', (location: URL) => location.toString()],
    [
      'code#state',
      (location: URL) => `${location.searchParams.get('code')}#${location.searchParams.get('state')}`,
    ],
  ])('accepts a pasted code: %s', async (_name, paste) => {
    const opened = captureNext<string>();
    const pasted = captureNext<string>();
    const reads: AbortSignal[] = [];
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauthSettings(),
      print: () => undefined,
      openUrl: async (url) => {
        // Headless: there is no browser.
        await opened.callback(url);
        throw new Error('no display');
      },
      readPastedCode: (signal) => {
        reads.push(signal);
        return reads.length === 1 ? Promise.resolve('   ') : pasted.next;
      },
    });
    // The user opens the URL on another machine; the redirect to 127.0.0.1 goes nowhere, they copy it.
    const authorize = await fetch(await opened.next, { redirect: 'manual' });
    const location = new URL(authorize.headers.get('location') ?? '');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await pasted.callback(paste(location));
    await expect(login).resolves.toMatchObject({ method: 'oauth' });
    expect(reads.length).toBe(2); // an empty answer asks again
    expect((await resolveCredential({ env: {}, configHome: home.configHome }))?.source).toBe('oauth');
  });

  it('rejects a pasted redirect URL with the wrong state', async () => {
    const opened = captureNext<string>();
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauthSettings(),
      print: () => undefined,
      openUrl: opened.callback,
      readPastedCode: async () => {
        const authorize = await fetch(await opened.next, { redirect: 'manual' });
        const location = new URL(authorize.headers.get('location') ?? '');
        location.searchParams.set('state', 'wrong');
        return location.toString();
      },
    });
    await expect(login).rejects.toMatchObject({ reason: 'state-mismatch' });
  });

  it('stops the paste reader when the browser callback wins', async () => {
    const opened = captureNext<string>();
    let readerSignal: AbortSignal | undefined;
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauthSettings(),
      print: () => undefined,
      openUrl: opened.callback,
      readPastedCode: (signal) => {
        readerSignal = signal;
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        );
      },
    });
    await followAuthorizeUrl(await opened.next);
    await login;
    expect(readerSignal?.aborted).toBe(true);
  });

  it('reports an authorization the user denied', async () => {
    await server.close();
    server = await startTestOAuthServer({ clientId: CLIENT_ID, denyAuthorization: true });
    const opened = captureNext<string>();
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauthSettings(),
      print: () => undefined,
      openUrl: opened.callback,
    });
    login.catch(() => undefined);
    await followAuthorizeUrl(await opened.next);
    await expect(login).rejects.toMatchObject({ reason: 'oauth-denied' });
  });

  it('times out, and can be aborted', async () => {
    const noop = async () => undefined;
    await expect(
      loginWithOAuth({
        configHome: home.configHome,
        oauth: oauthSettings(),
        print: () => undefined,
        openUrl: noop,
        timeoutMs: 50,
      }),
    ).rejects.toMatchObject({ reason: 'login-timeout' });
    const controller = new AbortController();
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauthSettings(),
      print: () => undefined,
      openUrl: noop,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(login).rejects.toMatchObject({ reason: 'aborted' });
  });

  it('fails the exchange with a typed error when the token endpoint refuses', async () => {
    const opened = captureNext<string>();
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauthSettings({ clientId: 'someone-else' }),
      print: () => undefined,
      openUrl: opened.callback,
    });
    login.catch(() => undefined);
    const response = await fetch(await opened.next, { redirect: 'manual' });
    expect(response.status).toBe(400); // the test server refuses the unknown client at /authorize
    const url = new URL(await opened.next);
    const code = 'made-up-code-1234567890';
    await fetch(
      `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}`,
    );
    const error = (await login.catch((e: unknown) => e)) as AuthError;
    expect(error).toMatchObject({ kind: 'auth', reason: 'token-exchange' });
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain(code);
  });

  it('needs a configured client id', async () => {
    await expect(
      loginWithOAuth({ configHome: home.configHome, print: () => undefined }),
    ).rejects.toMatchObject({
      reason: 'oauth-not-configured',
    });
  });

  it('replaces a stored API key (one stored login at a time)', async () => {
    await loginWithApiKey({ key: 'sk-ant-api03-previouskeypreviouskey', configHome: home.configHome });
    const opened = captureNext<string>();
    const login = loginWithOAuth({
      configHome: home.configHome,
      oauth: oauthSettings(),
      print: () => undefined,
      openUrl: opened.callback,
    });
    await followAuthorizeUrl(await opened.next);
    await login;
    const stored = JSON.parse(await readFile(join(home.configHome, 'credentials.json'), 'utf8'));
    expect(stored.apiKey).toBeUndefined();
    expect(stored.oauth).toBeDefined();
  });
});
