import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiKeyHelperCache,
  AuthError,
  createCredentialProvider,
  createFileCredentialStore,
  refreshAfterUnauthorized,
} from '../src/index.js';
import { startTestOAuthServer, type TestOAuthServer } from '../src/testing/index.js';
import { loginAgainst, makeTempConfigHome, removeTranspiled, transpilePackageForChild } from './helpers.js';

const CLIENT_ID = 'claw-refresh-client';
let home: Awaited<ReturnType<typeof makeTempConfigHome>>;
let server: TestOAuthServer;

beforeEach(async () => {
  home = await makeTempConfigHome();
  // 60 s tokens are inside the default 5-minute skew: every stored token "needs" a refresh.
  server = await startTestOAuthServer({ clientId: CLIENT_ID, accessTokenTtlSeconds: 60 });
  await loginAgainst(server, home.configHome, CLIENT_ID);
  server.setAccessTokenTtlSeconds(3600);
});
afterEach(async () => {
  await server.close();
  await home.cleanup();
});

const storedTokens = async () =>
  JSON.parse(await readFile(join(home.configHome, 'credentials.json'), 'utf8')).oauth as {
    accessToken: string;
    refreshToken: string;
    expiresAt: number;
  };

const provider = (extra: Record<string, unknown> = {}) =>
  createCredentialProvider({
    env: {},
    configHome: home.configHome,
    oauth: { clientId: CLIENT_ID },
    ...extra,
  });

describe('refresh before expiry', () => {
  it('refreshes a token inside the skew once, then reuses it', async () => {
    const before = await storedTokens();
    const p = provider();
    const first = await p.get();
    expect(server.refreshCount()).toBe(1);
    expect(first.value).not.toBe(before.accessToken);
    expect(first).toMatchObject({ kind: 'bearer', source: 'oauth' });
    const second = await p.get();
    expect(second.value).toBe(first.value);
    expect(server.refreshCount()).toBe(1);
    const after = await storedTokens();
    expect(after.accessToken).toBe(first.value);
    expect(after.refreshToken).not.toBe(before.refreshToken); // rotated and persisted
  });

  it('does not refresh with a small skew', async () => {
    const p = provider({ refreshSkewMs: 1_000 });
    await p.get();
    expect(server.refreshCount()).toBe(0);
  });

  it('keeps using a still-valid token when the refresh fails inside the skew window', async () => {
    server.setFailRefresh(true);
    const before = await storedTokens();
    expect((await provider().get()).value).toBe(before.accessToken);
  });

  it('gives the login hint when an expired token cannot be refreshed', async () => {
    server.setFailRefresh(true);
    const before = await storedTokens();
    const p = provider({ now: () => Date.now() + 120_000 });
    const error = (await p.get().catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ kind: 'auth', reason: 'refresh-failed' });
    expect(error.hint).toContain('claw login');
    expect(error.message).toContain('invalid_grant');
    expect(`${error.message} ${error.hint}`).not.toContain(before.refreshToken);
    expect(`${error.message} ${error.hint}`).not.toContain(before.accessToken);
  });

  it('gives the login hint when there is no refresh token', async () => {
    const store = createFileCredentialStore(home.configHome);
    await store.transaction(async (file, write) => {
      const { refreshToken: _dropped, ...oauth } = file.oauth!;
      await write({ ...file, oauth: { ...oauth, expiresAt: 1 } });
    });
    await expect(provider().get()).rejects.toMatchObject({
      reason: 'refresh-failed',
      hint: expect.stringContaining('claw login'),
    });
  });

  it('says how to sign in when there are no credentials at all', async () => {
    const empty = await makeTempConfigHome();
    try {
      await expect(
        createCredentialProvider({ env: {}, configHome: empty.configHome }).get(),
      ).rejects.toMatchObject({
        kind: 'auth',
        reason: 'no-credentials',
        hint: expect.stringContaining('claw login'),
      });
    } finally {
      await empty.cleanup();
    }
  });
});

describe('refresh after 401', () => {
  it('refreshes once per rejected credential', async () => {
    const p = provider({ refreshSkewMs: 0 });
    const first = await p.get();
    const replacement = await p.onUnauthorized();
    expect(replacement?.value).toBeDefined();
    expect(replacement?.value).not.toBe(first.value);
    expect(server.refreshCount()).toBe(1);
    // The replacement was rejected too: give up instead of looping.
    expect(await p.onUnauthorized()).toBeUndefined();
    expect(server.refreshCount()).toBe(1);
  });

  it('uses a token another process already refreshed instead of refreshing again', async () => {
    const rejected = (await storedTokens()).accessToken;
    const store = createFileCredentialStore(home.configHome);
    const options = { store, oauth: { clientId: CLIENT_ID }, rejectedAccessToken: rejected };
    const first = await refreshAfterUnauthorized(options);
    const second = await refreshAfterUnauthorized(options);
    expect(second.value).toBe(first.value);
    expect(server.refreshCount()).toBe(1);
  });

  it('throws the login hint when the refresh after a 401 fails', async () => {
    const p = provider({ refreshSkewMs: 0 });
    await p.get();
    server.setFailRefresh(true);
    await expect(p.onUnauthorized()).rejects.toMatchObject({
      reason: 'refresh-failed',
      hint: expect.stringContaining('claw login'),
    });
  });

  it.each(['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'])('has nothing better for %s', async (name) => {
    const p = createCredentialProvider({
      env: { [name]: 'sk-ant-api03-fromtheenvironment-00' },
      configHome: home.configHome,
    });
    await p.get();
    expect(await p.onUnauthorized()).toBeUndefined();
  });

  it('asks the apiKeyHelper again after a 401', async () => {
    const counter = join(home.root, 'count');
    await writeFile(counter, '');
    const p = createCredentialProvider({
      env: {},
      configHome: home.configHome,
      apiKeyHelper: `echo x >> '${counter}'; echo "sk-ant-helper-$(wc -l < '${counter}' | tr -d ' ')-000000"`,
      apiKeyHelperCache: new ApiKeyHelperCache(),
    });
    expect((await p.get()).value).toBe('sk-ant-helper-1-000000');
    expect((await p.get()).value).toBe('sk-ant-helper-1-000000'); // cached
    expect((await p.onUnauthorized())?.value).toBe('sk-ant-helper-2-000000');
  });
});

describe('concurrent refreshers', () => {
  let childIndex: string;
  beforeAll(async () => {
    childIndex = await transpilePackageForChild();
  });
  afterAll(async () => {
    await removeTranspiled();
  });

  it('two in-process callers and one other process do a single refresh', async () => {
    // Rotation is on: a second refresh with the old refresh token would fail with invalid_grant.
    server.setRefreshDelayMs(800);
    const script = join(home.root, 'child.mjs');
    await writeFile(
      script,
      `const { createCredentialProvider } = await import(process.argv[2]);
const provider = createCredentialProvider({ env: {}, configHome: process.argv[3], oauth: { clientId: process.argv[4] } });
const credential = await provider.get();
process.stdout.write(credential.value);`,
    );
    const child = spawn(process.execPath, [script, childIndex, home.configHome, CLIENT_ID], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let childOut = '';
    let childErr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      childOut += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      childErr += chunk.toString();
    });
    const childDone = new Promise<number | null>((resolve) => child.once('close', resolve));

    const [a, b] = await Promise.all([provider().get(), provider().get()]);
    expect(await childDone, childErr).toBe(0);
    expect(a.value).toBe(b.value);
    expect(childOut).toBe(a.value);
    expect(server.refreshCount()).toBe(1);
    expect(server.requests.filter((r) => r.grantType === 'refresh_token').map((r) => r.status)).toEqual([
      200,
    ]);
    expect((await storedTokens()).accessToken).toBe(a.value);
  });
});
