import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';

// How claw talks to models when replies are cut, streams break, the server is not what it should be, or
// nothing is configured: the built binary against the mock (or a tiny stand-in server) over real HTTP.

let mock: MockServer;
let html: Server;
let htmlUrl: string;
let sandbox: Sandbox;

interface SentRequest {
  max_tokens: number;
  thinking?: unknown;
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
}

const sent = (): SentRequest[] =>
  mock.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as SentRequest);

beforeAll(async () => {
  mock = await startMockServer();
  // A website where the API should be: a 200 with an HTML page.
  html = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Welcome</title>');
  });
  await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
  const address = html.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  htmlUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await mock.close();
  html.closeAllConnections();
  await new Promise<void>((resolve) => html.close(() => resolve()));
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
});
afterEach(() => sandbox.cleanup());

/** A loopback port nothing listens on: one the OS just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no address');
  return address.port;
}

const WHOLE = 'This answer is cut off in the middle of a sentence, and now it is finished.';

describe('a reply cut off by max_tokens and continued', () => {
  it('prints the whole answer in text mode', async () => {
    const run = await runClaw(['-p', 'PARITY_SCENARIO:max_tokens_text'], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(WHOLE);
  });

  it('puts the whole answer in the json and stream-json result', async () => {
    for (const format of ['json', 'stream-json']) {
      const run = await runClaw(['-p', 'PARITY_SCENARIO:max_tokens_text', '--output-format', format], {
        sandbox,
        baseUrl: mock.url,
      });
      const lines = run.stdout.trim().split('\n');
      const result = JSON.parse(lines[lines.length - 1] ?? '{}') as { result: string };
      expect(result.result).toBe(WHOLE);
    }
  });
});

describe('a tool call cut off next to a completed one', () => {
  it('sends the completed call’s result together with a note that the cut call did not run', async () => {
    writeFileSync(join(sandbox.workspace, 'a.txt'), 'alpha\n');
    const script = encodeScript([
      {
        toolUses: [
          { name: 'Read', input: { file_path: 'a.txt' } },
          { name: 'Write', input: { file_path: 'b.txt', content: 'a long body' }, truncateInputAt: 20 },
        ],
        stopReason: 'max_tokens',
      },
      { text: 'Understood.' },
    ]);
    const run = await runClaw(['-p', `go ${script}`], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(0);
    const second = sent()[1];
    const last = second?.messages[second.messages.length - 1];
    expect(last?.content.map((b) => b.type)).toEqual(['tool_result', 'text']);
    expect(String(last?.content[1]?.text)).toContain('cut off');
  });
});

describe('a stream that breaks after output started', () => {
  it('redoes the turn with a back-off, shown as a retry line', async () => {
    const run = await runClaw(['-p', 'PARITY_SCENARIO:fault_overloaded_mid_stream'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/overloaded mid-reply, retrying the turn in [\d.]+ s \(1\/8\)/);
  });
});

describe('errors that will not go away fail fast', () => {
  it('refuses to send without a credential for the Anthropic API', async () => {
    const run = await runClaw(['-p', 'hi'], { sandbox, env: { ANTHROPIC_API_KEY: undefined } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No Anthropic credential');
    expect(run.stderr).toContain('claw login');
  });

  it('retries a refused local server once and asks whether it is running', async () => {
    const port = await closedPort();
    const run = await runClaw(['-p', 'hi', '--model', 'local/qwen'], {
      sandbox,
      env: { OLLAMA_HOST: `127.0.0.1:${port}` },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(1/1)');
    expect(run.stderr).not.toContain('(2/');
    expect(run.stderr).toContain(`is the local server running at http://127.0.0.1:${port}/v1`);
  });

  it('reports an HTML page at the base URL as a wrong base URL, without retrying', async () => {
    const run = await runClaw(['-p', 'hi'], { sandbox, baseUrl: htmlUrl });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('got text/html');
    expect(run.stderr).toContain('ANTHROPIC_BASE_URL');
    expect(run.stderr).not.toContain('retrying');
  });
});

describe('settings', () => {
  it('take the base URL and key from settings env', async () => {
    mkdirSync(join(sandbox.workspace, '.claw'), { recursive: true });
    writeFileSync(
      join(sandbox.configHome, 'settings.json'),
      JSON.stringify({ env: { ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: 'sk-ant-from-settings' } }),
    );
    const run = await runClaw(['-p', 'hi'], { sandbox });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Hello from the mock model.');
    expect(mock.requests.find((r) => r.path === '/v1/messages')?.headers['x-api-key']).toBe(
      'sk-ant-from-settings',
    );
  });

  it.each([
    ['MAX_THINKING_TOKENS', { MAX_THINKING_TOKENS: '2048' }, {}, 2048],
    ['alwaysThinkingEnabled', {}, { alwaysThinkingEnabled: true }, 31_999],
  ])('turn on extended thinking with %s', async (_name, env, settings, budget) => {
    writeFileSync(join(sandbox.configHome, 'settings.json'), JSON.stringify(settings));
    const run = await runClaw(['-p', 'PARITY_SCENARIO:thinking_text'], { sandbox, baseUrl: mock.url, env });
    expect(run.code).toBe(0);
    const request = sent()[0];
    expect(request?.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
    expect(request?.max_tokens).toBeGreaterThan(budget);
  });
});

describe('result reporting', () => {
  it('reports a refusal as an error with exit 1', async () => {
    const run = await runClaw(['-p', 'PARITY_SCENARIO:refusal', '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout.trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(result).toMatchObject({ is_error: true, subtype: 'error_during_execution' });
    expect(result.result).toBe("I can't help with that request.");
  });

  it('rounds total_cost_usd to a millionth of a dollar', async () => {
    const run = await runClaw(['-p', 'PARITY_SCENARIO:token_cost_reporting', '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
    });
    const result = JSON.parse(run.stdout.trim().split('\n')[0] ?? '{}') as { total_cost_usd: number };
    expect(result.total_cost_usd).toBeGreaterThan(0);
    expect(String(result.total_cost_usd).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(6);
  });
});
