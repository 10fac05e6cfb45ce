import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, createMcpOAuthProvider, McpAuthRequiredError, startMcpOAuthLogin } from '../src/index.js';
import { makeTempConfigHome } from './helpers.js';

const SERVER_URL = 'https://mcp.example.test/mcp';
const OTHER_URL = 'https://other.example.test/mcp';
const ACCESS = 'mcp-access-token-AAAA1111';
const REFRESH = 'mcp-refresh-token-BBBB2222';

let home: Awaited<ReturnType<typeof makeTempConfigHome>>;
beforeEach(async () => {
  home = await makeTempConfigHome();
});
afterEach(async () => {
  await home.cleanup();
});

const credentialsFile = () => join(home.configHome, 'mcp-credentials.json');
const readStore = async () =>
  JSON.parse(await readFile(credentialsFile(), 'utf8')) as {
    servers: Record<string, { client?: Record<string, unknown>; tokens?: Record<string, unknown> }>;
  };

function headless(serverUrl = SERVER_URL, now?: () => number) {
  return createMcpOAuthProvider({
    serverName: 'docs',
    serverUrl,
    configHome: home.configHome,
    ...(now ? { now } : {}),
  });
}

/** A login with the test as the browser: `open` records the authorization URL instead of launching anything. */
async function startLogin(options: { timeoutMs?: number; serverUrl?: string } = {}) {
  const printed: string[] = [];
  const login = await startMcpOAuthLogin({
    serverName: 'docs',
    serverUrl: options.serverUrl ?? SERVER_URL,
    configHome: home.configHome,
    print: (line) => printed.push(line),
    openBrowser: false,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const provider = createMcpOAuthProvider({
    serverName: 'docs',
    serverUrl: options.serverUrl ?? SERVER_URL,
    configHome: home.configHome,
    login,
  });
  return { login, provider, printed };
}

/** What the SDK does on a successful login: register, then store the tokens the code bought. */
async function completeLogin(serverUrl = SERVER_URL, tokens: Record<string, unknown> = {}) {
  const { login, provider } = await startLogin({ serverUrl });
  await provider.saveClientInformation?.({ client_id: 'client-1', redirect_uris: [login.redirectUrl] });
  await provider.saveTokens({
    access_token: ACCESS,
    token_type: 'Bearer',
    refresh_token: REFRESH,
    expires_in: 3600,
    ...tokens,
  });
  await login.close();
  return login.redirectUrl;
}

describe('MCP OAuth provider, in a session (headless)', () => {
  it('never starts a sign-in: nothing stored means McpAuthRequiredError, and no file is written', async () => {
    const provider = headless();
    expect(provider.saveClientInformation).toBeUndefined();
    expect(await provider.tokens()).toBeUndefined();
    const error = await provider.clientInformation().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpAuthRequiredError);
    expect(error).toMatchObject({ kind: 'mcp_needs_auth', hint: 'Run `claw mcp login docs`.' });
    await expect(
      provider.redirectToAuthorization(new URL('https://as.example.test/authorize')),
    ).rejects.toThrow(McpAuthRequiredError);
    await expect(stat(home.configHome)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads what login stored, per server URL, with expires_in counted from now', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const { login, provider } = await startLogin();
    await provider.saveClientInformation?.({ client_id: 'client-1', redirect_uris: [login.redirectUrl] });
    await createMcpOAuthProvider({
      serverName: 'docs',
      serverUrl: SERVER_URL,
      configHome: home.configHome,
      now,
    }).saveTokens({ access_token: ACCESS, token_type: 'Bearer', refresh_token: REFRESH, expires_in: 3600 });
    await login.close();

    clock += 600_000;
    const session = headless(SERVER_URL, now);
    expect(await session.clientInformation()).toMatchObject({ client_id: 'client-1' });
    expect(await session.tokens()).toEqual({
      access_token: ACCESS,
      token_type: 'Bearer',
      refresh_token: REFRESH,
      expires_in: 3000,
    });
    expect(session.redirectUrl).toBe(login.redirectUrl);
    expect(await headless(OTHER_URL).tokens()).toBeUndefined();
    // A `#fragment` does not make another server.
    expect(await headless(`${SERVER_URL}#x`, now).tokens()).toMatchObject({ access_token: ACCESS });
  });

  it('keeps the refresh token when a refresh answers without one (RFC 6749 §6)', async () => {
    await completeLogin();
    await headless().saveTokens({ access_token: 'mcp-access-token-NEW', token_type: 'Bearer' });
    expect(await headless().tokens()).toMatchObject({
      access_token: 'mcp-access-token-NEW',
      refresh_token: REFRESH,
    });
  });

  it('drops tokens it handed out when the server rejects them, but not a pair another process stored since', async () => {
    await completeLogin();
    const a = headless();
    await a.tokens();
    await a.invalidateCredentials('tokens');
    expect(await headless().tokens()).toBeUndefined();
    expect(await headless().clientInformation()).toMatchObject({ client_id: 'client-1' });

    await headless().saveTokens({ access_token: ACCESS, token_type: 'Bearer', refresh_token: REFRESH });
    const stale = headless();
    await stale.tokens();
    await headless().saveTokens({ access_token: 'mcp-access-token-ROTATED', token_type: 'Bearer' });
    await stale.invalidateCredentials('tokens');
    expect(await headless().tokens()).toMatchObject({ access_token: 'mcp-access-token-ROTATED' });

    await stale.invalidateCredentials('client');
    await expect(headless().clientInformation()).rejects.toThrow(McpAuthRequiredError);
  });

  it('reports a corrupt store by path without echoing its contents', async () => {
    await mkdir(home.configHome, { recursive: true });
    await writeFile(credentialsFile(), `{"servers": {"x": "${ACCESS}"`);
    const error = (await headless()
      .tokens()
      .catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.reason).toBe('corrupt-store');
    expect(error.message).toContain(credentialsFile());
    expect(`${error.message} ${error.hint}`).not.toContain(ACCESS);
  });
});

describe('MCP OAuth provider, during claw mcp login', () => {
  it('stores client and tokens 0600 in a 0700 directory, keyed by URL, and prints no secret', async () => {
    const { login, provider, printed } = await startLogin();
    expect(login.redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(provider.clientMetadata).toMatchObject({
      redirect_uris: [login.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none',
    });
    expect(provider.state?.()).toBe(login.state);
    // Signing in again means a fresh grant: stored tokens are not offered.
    expect(await provider.tokens()).toBeUndefined();
    await provider.saveClientInformation?.({ client_id: 'client-1', redirect_uris: [login.redirectUrl] });
    await provider.saveTokens({ access_token: ACCESS, token_type: 'Bearer', refresh_token: REFRESH });
    expect(await provider.tokens()).toMatchObject({ access_token: ACCESS });
    await login.close();

    expect((await stat(credentialsFile())).mode & 0o777).toBe(0o600);
    expect((await stat(home.configHome)).mode & 0o777).toBe(0o700);
    const store = await readStore();
    expect(Object.keys(store.servers)).toEqual([SERVER_URL]);
    expect(store.servers[SERVER_URL]?.client).toMatchObject({ client_id: 'client-1' });
    expect(printed.join('\n')).not.toContain(ACCESS);
  });

  it('prints the authorization URL, and takes the code from the loopback redirect when the state matches', async () => {
    const { login, provider, printed } = await startLogin();
    const authorize = new URL(`https://as.example.test/authorize?state=${login.state}`);
    await provider.redirectToAuthorization(authorize);
    expect(printed).toContain(authorize.toString());
    const code = login.waitForCode();
    const callback = await fetch(`${login.redirectUrl}?code=the-code&state=${login.state}`);
    expect(callback.status).toBe(200);
    await callback.text();
    expect(await code).toBe('the-code');
    await login.close();
  });

  it.each([
    { attack: 'a forged state', query: 'code=stolen&state=forged', reason: 'state-mismatch' },
    { attack: 'a refusal', query: 'error=access_denied&state=STATE', reason: 'oauth-denied' },
    // Any local page can hit the callback: without the state its error and text are not believed.
    {
      attack: 'a forged refusal with terminal escapes',
      query: `error=access_denied&error_description=${encodeURIComponent('\u001b]0;pwned\u0007\u001b[2J')}`,
      reason: 'state-mismatch',
    },
  ])('rejects $attack with a hint to run claw mcp login again', async ({ query, reason }) => {
    const { login } = await startLogin();
    const code = login.waitForCode().catch((e: unknown) => e);
    await (await fetch(`${login.redirectUrl}?${query.replace('STATE', login.state)}`)).text();
    const error = (await code) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.reason).toBe(reason);
    expect(error.message).not.toContain('pwned');
    expect(error.hint).toBe('Run `claw mcp login docs` again.');
    await login.close();
  });

  it('shows a refusal’s description without control characters', async () => {
    const { login } = await startLogin();
    const code = login.waitForCode().catch((e: unknown) => e);
    const description = encodeURIComponent('denied\u001b[2J\u001b]0;title\u0007 by policy');
    await (
      await fetch(
        `${login.redirectUrl}?error=access_denied&error_description=${description}&state=${login.state}`,
      )
    ).text();
    const error = (await code) as AuthError;
    expect(error.reason).toBe('oauth-denied');
    expect(error.message).toContain('denied');
    expect(error.message).toContain('by policy');
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f]/);
    await login.close();
  });

  it('gives up after the timeout', async () => {
    const { login } = await startLogin({ timeoutMs: 50 });
    await expect(login.waitForCode()).rejects.toMatchObject({ reason: 'login-timeout' });
    await login.close();
  });

  it('listens on the registered port again, and registers anew when that port is taken', async () => {
    const registered = await completeLogin();
    const again = await startLogin();
    expect(again.login.redirectUrl).toBe(registered);
    expect(await again.provider.clientInformation()).toMatchObject({ client_id: 'client-1' });
    await again.login.close();

    const port = Number(new URL(registered).port);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const moved = await startLogin();
      expect(moved.login.redirectUrl).not.toBe(registered);
      // The stored registration names the old port: the SDK is told to register again.
      expect(await moved.provider.clientInformation()).toBeUndefined();
      await moved.login.close();
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
