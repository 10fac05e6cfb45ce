import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { CredentialsFile } from '@claw/auth';
import { startTestOAuthServer, type TestOAuthServer } from '@claw/auth/testing';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAW_BIN, type ClawRun, createSandbox, parseJsonLines, runClaw, type Sandbox } from '../helpers.js';
import { waitFor, writeUserSettings } from './support/claw-e2e.js';

const CLIENT_ID = 'claw-e2e-client';
const SCOPES = ['user:inference', 'user:profile'];
const API_KEY = 'sk-ant-api03-e2eStoredKey-abcdefghijklmnop-wxyz';
const REPLY = 'Hello from the mock model.';

let mock: MockServer;
let oauth: TestOAuthServer;
let sandbox: Sandbox;
/** Every stdout and stderr of the test, for the leak check. */
let outputs: string[];
/** `claw login` processes still running, ended after each test so a failed test leaves none behind. */
const running = new Set<ChildProcessWithoutNullStreams>();

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  sandbox = createSandbox();
  chmodSync(sandbox.configHome, 0o755); // as `mkdir ~/.claw` or a settings write leaves it
  mock.reset();
  outputs = [];
  oauth = await startTestOAuthServer({ clientId: CLIENT_ID });
  writeUserSettings(sandbox, {
    oauth: {
      clientId: CLIENT_ID,
      authorizeUrl: oauth.authorizeUrl,
      tokenUrl: oauth.tokenUrl,
      scopes: SCOPES,
    },
  });
  writeFakeBrowserOpeners();
});
afterEach(async () => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  await oauth.close();
  sandbox.cleanup();
});

/** `xdg-open` and `open` that only record the URL they were given, first on PATH. */
function writeFakeBrowserOpeners(): void {
  const bin = join(sandbox.home, 'bin');
  mkdirSync(bin);
  for (const name of ['xdg-open', 'open']) {
    writeFileSync(join(bin, name), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${openedMarker()}'\n`, {
      mode: 0o755,
    });
  }
}
const openedMarker = (): string => join(sandbox.home, 'browser-opened.txt');
const credentialsFile = (): string => join(sandbox.configHome, 'credentials.json');
/** The store as claw wrote it; tests assert on `oauth`/`apiKey`, so they are non-optional here. */
type StoredFile = Required<Pick<CredentialsFile, 'oauth' | 'apiKey'>>;
const readCredentials = (): StoredFile => JSON.parse(readFileSync(credentialsFile(), 'utf8')) as StoredFile;

function clawEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  // No ANTHROPIC_API_KEY: the stored credential is what claw must use.
  return {
    PATH: `${join(sandbox.home, 'bin')}:${process.env.PATH ?? ''}`,
    ANTHROPIC_BASE_URL: mock.url,
    ...extra,
  };
}

async function claw(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const run = await runClaw(args, {
    sandbox,
    env: clawEnv(options.env),
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  outputs.push(run.stdout, run.stderr);
  return run;
}

interface LoginProcess {
  child: ChildProcessWithoutNullStreams;
  /** The authorize URL claw printed. */
  url: Promise<URL>;
  exited: Promise<ClawRun>;
}

/** `claw login` with stdin left open (for the paste fallback); resolves the URL once claw prints it. */
function startLogin(args: string[], env: Record<string, string> = {}): LoginProcess {
  const full: Record<string, string> = {
    HOME: sandbox.home,
    CLAW_CONFIG_HOME: sandbox.configHome,
    NO_COLOR: '1',
  };
  for (const [key, value] of Object.entries(clawEnv(env))) if (value !== undefined) full[key] = value;
  const child = spawn(process.execPath, [CLAW_BIN, 'login', '--timeout', '30', ...args], {
    cwd: sandbox.workspace,
    env: full,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<ClawRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
  const url = waitFor('the authorize URL', () => {
    const match = /^(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(stderr);
    return match?.[1] ? new URL(match[1]) : undefined;
  });
  return { child, url, exited };
}

/** The browser's part: GET the authorize URL (the server approves and 302s) and return where it points. */
async function authorize(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

/** Then follow the redirect to claw's loopback callback. */
async function followCallback(callback: URL): Promise<number> {
  const response = await fetch(callback);
  await response.text();
  return response.status;
}

/** A full OAuth login; returns the access token and refresh token it stored. */
async function login(): Promise<{ access: string; refresh: string }> {
  const run = startLogin(['--no-browser']);
  expect(await followCallback(await authorize(await run.url))).toBe(200);
  const done = await run.exited;
  expect(done.code, done.stderr).toBe(0);
  const { accessToken, refreshToken } = readCredentials().oauth;
  if (refreshToken === undefined) throw new Error('login stored no refresh token');
  return { access: accessToken, refresh: refreshToken };
}

function messageRequests() {
  return mock.requests.filter((r) => r.path === '/v1/messages');
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * No secret in any output, in the sessions, or anywhere in the config home but the token store itself.
 * The secrets are every token the OAuth server issued and the API key; redacted forms are fine.
 */
function expectNoSecretLeaked(): void {
  const secrets = [...oauth.issuedSecrets().filter((s) => !s.includes('-code-')), API_KEY];
  const places = [
    ...outputs.map((text, i) => ({ where: `output #${i}`, text })),
    ...[...filesUnder(sandbox.configHome), ...filesUnder(join(sandbox.workspace, '.claw'))]
      .filter((file) => file !== credentialsFile())
      .map((file) => ({ where: file, text: readFileSync(file, 'utf8') })),
  ];
  expect(places.length).toBeGreaterThan(2);
  for (const { where, text } of places) {
    for (const secret of secrets) expect(text.includes(secret), `${where} holds a secret`).toBe(false);
  }
}

describe('claw login (OAuth, PKCE, loopback callback)', () => {
  it('signs in without opening a browser, stores tokens 0600, sends them as Bearer, reports and logs out', async () => {
    const run = startLogin(['--no-browser'], { DISPLAY: ':99' });
    const url = await run.url;
    expect(`${url.origin}${url.pathname}`).toBe(oauth.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      scope: SCOPES.join(' '),
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    const callback = await authorize(url);
    expect(`${callback.origin}${callback.pathname}`).toBe(url.searchParams.get('redirect_uri'));
    expect(await followCallback(callback)).toBe(200);
    const done = await run.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(`Tokens stored in ${credentialsFile()}`);
    expect(existsSync(openedMarker())).toBe(false);

    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    expect(statSync(sandbox.configHome).mode & 0o777).toBe(0o700);
    const stored = readCredentials().oauth;
    expect(stored.accessToken).toMatch(/^sk-ant-oat01-test-access-/);
    expect(stored.refreshToken).toMatch(/^sk-ant-oat01-test-refresh-/);
    expect(oauth.issuedSecrets()).toEqual(expect.arrayContaining([stored.accessToken, stored.refreshToken]));
    expect(stored).toMatchObject({ scopes: SCOPES, tokenUrl: oauth.tokenUrl, clientId: CLIENT_ID });
    expect(stored.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);

    const prompt = await claw(['-p', 'hi']);
    expect(prompt.code, prompt.stderr).toBe(0);
    expect(prompt.stdout.trim()).toBe(REPLY);
    const [sent] = messageRequests();
    expect(sent?.headers.authorization).toBe(`Bearer ${stored.accessToken}`);
    expect(sent?.headers['x-api-key']).toBeUndefined();
    // The API takes OAuth access tokens only with the OAuth beta.
    expect(String(sent?.headers['anthropic-beta'] ?? '').split(',')).toContain('oauth-2025-04-20');
    expect(oauth.refreshCount()).toBe(0);

    const text = await claw(['auth', 'status']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Source: +oauth/);
    expect(text.stdout).toMatch(/Kind: +bearer token/);
    expect(text.stdout).toMatch(/Expires: +\d{4}-\d\d-\d\dT.*\(in \d+ min\)/);
    expect(text.stdout).toContain(`Scopes:  ${SCOPES.join(' ')}`);
    expect(text.stdout).toContain(`Secret:  sk-ant-…${stored.accessToken.slice(-4)}`);
    const json = await claw(['auth', 'status', '--output-format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      source: 'oauth',
      kind: 'bearer',
      expiresAt: stored.expiresAt,
      expired: false,
      scopes: SCOPES,
      credentialsPath: credentialsFile(),
    });
    expectNoSecretLeaked();

    const out = await claw(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Removed stored credentials');
    expect(existsSync(credentialsFile())).toBe(false);
    const after = await claw(['auth', 'status', '--output-format', 'json']);
    expect(JSON.parse(after.stdout)).toMatchObject({ source: null, kind: null });
    const refused = await claw(['-p', 'hi']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('run `claw login`');
    expect(messageRequests()[1]?.headers.authorization).toBeUndefined();
    expectNoSecretLeaked();
  });

  it('opens the browser when there is a display, and only prints the URL without one', async () => {
    const withDisplay = startLogin([], { DISPLAY: ':99' });
    const url = await withDisplay.url;
    const opened = await waitFor('the browser opener', () =>
      existsSync(openedMarker()) ? readFileSync(openedMarker(), 'utf8').trim() : undefined,
    );
    expect(opened).toBe(url.toString());
    await followCallback(await authorize(new URL(opened)));
    expect((await withDisplay.exited).code).toBe(0);

    writeFileSync(openedMarker(), '');
    const headless = startLogin([]);
    expect((await headless.url).searchParams.get('state')).not.toBe(url.searchParams.get('state'));
    headless.child.kill('SIGTERM');
    await headless.exited;
    expect(readFileSync(openedMarker(), 'utf8')).toBe('');
    expect(outputs.join('\n')).toContain('Open this URL in a browser to sign in to claw:');
  });

  it('accepts the redirect URL pasted on stdin when the browser cannot reach the callback', async () => {
    const run = startLogin(['--no-browser']);
    const callback = await authorize(await run.url);
    run.child.stdin.write(`${callback.toString()}\n`);
    const done = await run.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(readCredentials().oauth.accessToken).toMatch(/^sk-ant-oat01-test-access-/);
    expect(oauth.requests.filter((r) => r.grantType === 'authorization_code')).toHaveLength(1);
    expectNoSecretLeaked();
  });

  it.each(['browser callback', 'pasted URL'])('refuses a %s whose state does not match', async (via) => {
    const run = startLogin(['--no-browser']);
    const forged = await authorize(await run.url);
    forged.searchParams.set('state', 'forged-state-from-another-tab');
    if (via === 'browser callback') expect(await followCallback(forged)).toBe(400);
    else run.child.stdin.write(`${forged.toString()}\n`);
    const done = await run.exited;
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(/state mismatch/);
    expect(done.stderr).toContain('claw login');
    expect(existsSync(credentialsFile())).toBe(false);
    expect(oauth.requests.filter((r) => r.path === '/token')).toHaveLength(0);
  });
});

describe('claw login --api-key', () => {
  it('reads the key from stdin, stores it 0600 and sends it as x-api-key', async () => {
    const run = await claw(['login', '--api-key'], { input: `${API_KEY}\n` });
    expect(run.code, run.stderr).toBe(0);
    expect(readCredentials().apiKey.key).toBe(API_KEY);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    expect((await claw(['-p', 'hi'])).stdout.trim()).toBe(REPLY);
    const [sent] = messageRequests();
    expect(sent?.headers['x-api-key']).toBe(API_KEY);
    expect(sent?.headers['anthropic-beta'] ?? '').not.toContain('oauth');
    expect(sent?.headers.authorization).toBeUndefined();
    const status = JSON.parse((await claw(['auth', 'status', '--output-format', 'json'])).stdout);
    expect(status).toMatchObject({ source: 'stored-api-key', kind: 'api-key', preview: 'sk-ant-…wxyz' });
    expectNoSecretLeaked();
  });

  it.each([
    ['--api-key KEY', ['--api-key', API_KEY]],
    ['--api-key=KEY', [`--api-key=${API_KEY}`]],
    ['a bare KEY', [API_KEY]],
  ])('refuses the key on the command line (%s) without echoing it', async (_case, args) => {
    const run = await claw(['login', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('on the command line');
    expect(existsSync(credentialsFile())).toBe(false);
    expectNoSecretLeaked();
  });
});

describe('refresh', () => {
  it('refreshes an expired token once, before the request, and stores the new tokens', async () => {
    oauth.setAccessTokenTtlSeconds(0);
    const old = await login();
    oauth.setAccessTokenTtlSeconds(3600);
    const run = await claw(['-p', 'hi']);
    expect(run.code, run.stderr).toBe(0);
    expect(oauth.refreshCount()).toBe(1);
    const renewed = readCredentials().oauth;
    expect(renewed.accessToken).not.toBe(old.access);
    expect(renewed.refreshToken).not.toBe(old.refresh); // rotated
    expect(renewed.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    expect(messageRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${renewed.accessToken}`]);
    expect((await claw(['-p', 'hi'])).code).toBe(0);
    expect(oauth.refreshCount()).toBe(1);
    expectNoSecretLeaked();
  });

  it('refreshes between the requests of one run when the token nears expiry mid-task', async () => {
    // Eight seconds outside the 5-minute refresh window at login (room for a slow start on a busy machine);
    // a 9-second tool call crosses into it, so only the second request may use a refreshed token.
    oauth.setAccessTokenTtlSeconds(308);
    const old = await login();
    const script = encodeScript([
      { toolUses: [{ name: 'Bash', input: { command: 'sleep 9' } }] },
      { text: 'Slept.' },
    ]);
    const run = await claw(['-p', `nap ${script}`, '--dangerously-skip-permissions']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('Slept.');
    const renewed = readCredentials().oauth.accessToken;
    expect(renewed).not.toBe(old.access);
    expect(messageRequests().map((r) => r.headers.authorization)).toEqual([
      `Bearer ${old.access}`,
      `Bearer ${renewed}`,
    ]);
    expect(oauth.refreshCount()).toBe(1);
    expectNoSecretLeaked();
  }, 45_000);

  it('answers a 401 with exactly one refresh and one retry', async () => {
    const old = await login();
    mock.revokeCredential(old.access);
    const run = await claw(['-p', 'hi']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(REPLY);
    const renewed = readCredentials().oauth.accessToken;
    expect(messageRequests().map((r) => r.headers.authorization)).toEqual([
      `Bearer ${old.access}`,
      `Bearer ${renewed}`,
    ]);
    expect(oauth.refreshCount()).toBe(1);

    mock.reset();
    const always401 = encodeScript([
      {
        text: 'never',
        fault: { kind: 'http_error', status: 401, errorType: 'authentication_error', failAttempts: 'always' },
      },
    ]);
    const rejected = await claw(['-p', `hi ${always401}`]);
    expect(rejected.code).toBe(1);
    expect(messageRequests()).toHaveLength(2);
    expect(oauth.refreshCount()).toBe(2);
    expectNoSecretLeaked();
  });

  it('shares one refresh between two claw processes', async () => {
    oauth.setAccessTokenTtlSeconds(0);
    await login();
    oauth.setAccessTokenTtlSeconds(3600);
    oauth.setRefreshDelayMs(400);
    const runs = await Promise.all([claw(['-p', 'hi']), claw(['-p', 'hi'])]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(oauth.refreshCount()).toBe(1);
    const renewed = readCredentials().oauth.accessToken;
    expect(messageRequests().map((r) => r.headers.authorization)).toEqual([
      `Bearer ${renewed}`,
      `Bearer ${renewed}`,
    ]);
    expectNoSecretLeaked();
  });

  it.each([
    ['an expired token', 'text'],
    ['a 401', 'json'],
  ])(
    'fails with the `claw login` hint when the refresh after %s is refused (%s)',
    async (trigger, format) => {
      if (trigger === 'an expired token') oauth.setAccessTokenTtlSeconds(0);
      const old = await login();
      mock.revokeCredential(old.access);
      oauth.setFailRefresh(true);
      const run = await claw(['-p', 'hi', '--output-format', format]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/could not be renewed/);
      expect(run.stderr).toContain('Run `claw login`');
      if (format === 'json') {
        const error = parseJsonLines(run.stdout).find((line) => line.type === 'error');
        expect(error).toMatchObject({ kind: 'auth', hint: expect.stringContaining('claw login') });
      }
      expect(messageRequests()).toHaveLength(trigger === 'a 401' ? 1 : 0);
      expect(readCredentials().oauth.accessToken).toBe(old.access);
      expectNoSecretLeaked();
    },
  );
});
