import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAW_BIN, type ClawRun, createSandbox, parseJsonLines, runClaw, type Sandbox } from '../helpers.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface OAuthServer {
  url: string;
  log: string;
  events(): Array<Record<string, unknown>>;
  close(): void;
}

/** Starts the OAuth-protected MCP fixture and waits for the URL it prints. */
async function startOAuthServer(dir: string, env: Record<string, string> = {}): Promise<OAuthServer> {
  const log = join(dir, `oauth-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const child = spawn(process.execPath, [join(fixtures, 'oauth-mcp-server.mjs')], {
    env: { PATH: process.env.PATH ?? '', FIXTURE_LOG: log, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`oauth fixture exited (${code}): ${err}`)));
  });
  return {
    url,
    log,
    events: () => parseJsonLines(readFileSync(log, 'utf8')),
    close: () => child.kill('SIGKILL'),
  };
}

function clawEnv(sandbox: Sandbox): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: sandbox.home,
    CLAW_CONFIG_HOME: sandbox.configHome,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    // Never a real browser in a test, whatever the machine has.
    BROWSER: 'none',
  };
}

/**
 * `claw mcp login NAME`, with this test as the browser: it waits for the authorize URL on stderr, requests it
 * without following the redirect (the fixture consents at once), then requests the loopback callback the
 * redirect points at — exactly what a browser does.
 */
async function loginAsBrowser(sandbox: Sandbox, name: string): Promise<ClawRun> {
  const child: ChildProcess = spawn(process.execPath, [CLAW_BIN, 'mcp', 'login', name], {
    cwd: sandbox.workspace,
    // A test may remove the config home (and the trust record in it): trust the workspace for the run.
    env: { ...clawEnv(sandbox), CLAW_TRUST_WORKSPACE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let followed: Promise<void> | undefined;
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    const url = /^(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(stderr)?.[1];
    if (url && !followed) {
      followed = (async () => {
        const consent = await fetch(url, { redirect: 'manual' });
        expect(consent.status).toBe(302);
        const callback = await fetch(consent.headers.get('location') ?? '');
        expect(callback.status).toBe(200);
        await callback.text();
      })();
    }
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve(exit);
    });
  });
  await followed;
  return { code, stdout, stderr };
}

function writeSettings(sandbox: Sandbox, settings: unknown): void {
  mkdirSync(join(sandbox.workspace, '.claw'), { recursive: true });
  writeFileSync(join(sandbox.workspace, '.claw', 'settings.json'), JSON.stringify(settings));
}

function storedTokens(sandbox: Sandbox, url: string): { access_token: string; refresh_token?: string } {
  const file = JSON.parse(readFileSync(join(sandbox.configHome, 'mcp-credentials.json'), 'utf8')) as {
    servers: Record<string, { tokens: { access_token: string; refresh_token?: string } }>;
  };
  const entry = file.servers[url];
  if (!entry) throw new Error(`no stored entry for ${url}`);
  return entry.tokens;
}

type Block = { type: string; content?: unknown; is_error?: boolean };

function toolResults(stdout: string): Block[] {
  return parseJsonLines(stdout)
    .filter((e) => e.type === 'user')
    .flatMap((e) => (e.message as { content: Block[] }).content)
    .filter((b) => b.type === 'tool_result');
}

const callWhoami = (note: string) =>
  encodeScript([{ toolUses: [{ name: 'mcp__secure__whoami', input: { note } }] }, { text: 'done' }]);

let mock: MockServer;
let server: OAuthServer;
let sandbox: Sandbox;
const logs = createSandbox();

beforeAll(async () => {
  mock = await startMockServer();
  server = await startOAuthServer(logs.workspace);
});
afterAll(async () => {
  server.close();
  await mock.close();
  logs.cleanup();
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
});
afterEach(() => sandbox.cleanup());

const printArgs = (script: string) => [
  '-p',
  script,
  '--output-format',
  'stream-json',
  '--permission-mode',
  'danger-full-access',
];

describe('OAuth for remote MCP servers', () => {
  it('claw mcp login authorizes in the "browser", then claw -p calls the protected tool', async () => {
    writeSettings(sandbox, { mcpServers: { secure: { type: 'http', url: server.url } } });
    // claw creates the config home itself (0700), as it does for credentials.json.
    rmSync(sandbox.configHome, { recursive: true });
    const login = await loginAsBrowser(sandbox, 'secure');
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain('Authorized with MCP server "secure" (1 tool)');
    const registered = server.events().filter((e) => e.event === 'register');
    expect(registered).toHaveLength(1);
    const clientId = registered[0]?.clientId as string;
    expect(registered[0]?.redirectUris).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/),
    ]);

    // Stored like credentials.json: 0600 in a 0700 directory, keyed by the server URL.
    const path = join(sandbox.configHome, 'mcp-credentials.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(sandbox.configHome).mode & 0o777).toBe(0o700);
    const tokens = storedTokens(sandbox, server.url);

    const run = await runClaw(printArgs(callWhoami('from claw -p')), {
      sandbox,
      baseUrl: mock.url,
      timeoutMs: 60_000,
      env: { CLAW_TRUST_WORKSPACE: '1' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(parseJsonLines(run.stdout)[0]?.mcp_servers).toContainEqual({
      name: 'secure',
      status: 'connected',
    });
    const [result] = toolResults(run.stdout);
    expect(result?.is_error).not.toBe(true);
    expect(JSON.stringify(result?.content)).toContain(`authorized as ${clientId}: from claw -p`);
    expect(server.events()).toContainEqual({ event: 'call', tool: 'whoami', clientId });

    // No token reaches the terminal, and the session did not register or authorize again.
    for (const output of [login.stdout, login.stderr, run.stdout, run.stderr]) {
      expect(output).not.toContain(tokens.access_token);
      if (tokens.refresh_token) expect(output).not.toContain(tokens.refresh_token);
    }
    expect(server.events().filter((e) => e.event === 'authorize')).toHaveLength(1);
  }, 90_000);

  it('reports needs-auth without a stored token, without waiting for a browser, and keeps other servers working', async () => {
    const fixtureLog = join(sandbox.home, 'calls.log');
    writeSettings(sandbox, {
      mcpServers: {
        secure: { type: 'http', url: server.url },
        healthy: {
          command: process.execPath,
          args: [join(fixtures, 'mcp-fixture-server.mjs')],
          env: { FIXTURE_TOOLS: 'ping', FIXTURE_LOG: fixtureLog, FIXTURE_SERVER: 'healthy' },
        },
      },
    });
    const registrations = server.events().filter((e) => e.event === 'register').length;
    const script = encodeScript([
      { toolUses: [{ name: 'mcp__healthy__ping', input: {} }] },
      { text: 'done' },
    ]);
    const started = Date.now();
    const run = await runClaw(printArgs(script), { sandbox, baseUrl: mock.url, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    const init = parseJsonLines(run.stdout)[0];
    expect(init?.mcp_servers).toContainEqual({ name: 'secure', status: 'needs-auth' });
    expect(init?.mcp_servers).toContainEqual({ name: 'healthy', status: 'connected' });
    expect(init?.tools).not.toContain('mcp__secure__whoami');
    expect(run.stderr).toContain('claw mcp login secure');
    expect(JSON.stringify(toolResults(run.stdout)[0]?.content)).toContain('ping ran');
    // A session never registers a client nor starts an authorization on its own.
    expect(server.events().filter((e) => e.event === 'register')).toHaveLength(registrations);
  }, 90_000);

  it('refreshes an expired access token during a session', async () => {
    const shortLived = await startOAuthServer(logs.workspace, { FIXTURE_TOKEN_TTL: '2' });
    try {
      writeSettings(sandbox, { mcpServers: { secure: { type: 'http', url: shortLived.url } } });
      const login = await loginAsBrowser(sandbox, 'secure');
      expect(login.code, login.stderr).toBe(0);
      const before = storedTokens(sandbox, shortLived.url);
      await new Promise((resolve) => setTimeout(resolve, 2_500));

      const run = await runClaw(printArgs(callWhoami('after expiry')), {
        sandbox,
        baseUrl: mock.url,
        timeoutMs: 60_000,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.stringify(toolResults(run.stdout)[0]?.content)).toContain('after expiry');
      expect(shortLived.events().some((e) => e.event === 'token' && e.grant === 'refresh_token')).toBe(true);
      const after = storedTokens(sandbox, shortLived.url);
      expect(after.access_token).not.toBe(before.access_token);
      expect(after.refresh_token).not.toBe(before.refresh_token);
    } finally {
      shortLived.close();
    }
  }, 90_000);

  it('claw mcp login finds a server an installed plugin brings, as a session does', async () => {
    const plugin = join(sandbox.home, 'secure-plugin');
    mkdirSync(join(plugin, '.claude-plugin'), { recursive: true });
    writeFileSync(
      join(plugin, '.claude-plugin', 'plugin.json'),
      JSON.stringify({ name: 'secure-plugin', version: '1.0.0', description: 'A remote server' }),
    );
    writeFileSync(
      join(plugin, '.mcp.json'),
      JSON.stringify({ mcpServers: { 'plugin-secure': { type: 'http', url: server.url } } }),
    );
    const installed = await runClaw(['plugins', 'install', plugin], { sandbox });
    expect(installed.code, installed.stderr).toBe(0);
    const login = await loginAsBrowser(sandbox, 'plugin-secure');
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain('Authorized with MCP server "plugin-secure" (1 tool)');
    expect(storedTokens(sandbox, server.url).access_token).toBeTruthy();
  }, 60_000);

  it('claw mcp login refuses unknown and stdio servers', async () => {
    writeSettings(sandbox, { mcpServers: { local: { command: 'node', args: ['-v'] } } });
    const unknown = await runClaw(['mcp', 'login', 'nope'], { sandbox, env: { BROWSER: 'none' } });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No MCP server named "nope"');
    const stdio = await runClaw(['mcp', 'login', 'local'], { sandbox, env: { BROWSER: 'none' } });
    expect(stdio.code).toBe(2);
    expect(stdio.stderr).toContain('runs over stdio');
  });
});
