// biome-ignore-all lint/suspicious/noTemplateCurlyInString: settings spell variables as ${VAR}, as the user types them.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import {
  type ContentBlock,
  type MessagesBody,
  messageRequests,
  textOf,
  toolResultsById,
  toolResultText,
  writeUserSettings,
} from './support/claw-e2e.js';

// The built claw's WebFetch behind a CONNECT-only proxy, and WebSearch against a fake SearXNG instance.
// The page is served over TLS with a self-signed test certificate that claw trusts via NODE_EXTRA_CA_CERTS.
const CERT_PATH = fileURLToPath(new URL('./fixtures/tls/localhost-cert.pem', import.meta.url));
const KEY_PATH = fileURLToPath(new URL('./fixtures/tls/localhost-key.pem', import.meta.url));

let mock: MockServer;
let page: HttpsServer;
let pagePort = 0;
let proxy: Server;
let proxyUrl = '';
const tunnels: string[] = [];
/** Tunnelled sockets leave the proxy's HTTP bookkeeping, so closing it must end them by hand. */
const tunnelSockets = new Set<{ destroy(): void }>();
let searx: Server;
let searxUrl = '';
const searches: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
let sandbox: Sandbox;

function listen(server: Server | HttpsServer): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  mock = await startMockServer();
  page = createHttpsServer({ cert: readFileSync(CERT_PATH), key: readFileSync(KEY_PATH) }, (_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<html><body><h1>Proxied page</h1><p>The answer is forty-two.</p></body></html>');
  });
  pagePort = await listen(page);
  // Tunnels only, as corporate proxies do; plain requests are refused.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, clientSocket, head) => {
    const target = req.url ?? '';
    tunnels.push(target);
    const [host, port] = target.split(':');
    tunnelSockets.add(clientSocket);
    const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : (host ?? ''), () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  searx = createServer((req, res) => {
    searches.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        results: [{ title: 'claw docs', url: 'https://docs.example.org/claw', content: 'Proxy settings.' }],
      }),
    );
  });
  searxUrl = `http://127.0.0.1:${await listen(searx)}`;
});
afterAll(async () => {
  await mock.close();
  for (const socket of tunnelSockets) socket.destroy();
  for (const server of [page, proxy, searx]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
  tunnels.length = 0;
  searches.length = 0;
});
afterEach(() => sandbox.cleanup());

/** Runs one scripted tool call and returns the tool_result claw sent back, plus every request body. */
async function callTool(name: string, input: unknown, env: Record<string, string>) {
  const script = encodeScript([{ toolUses: [{ id: 'toolu_web', name, input }] }, { text: 'done' }]);
  const run = await runClaw(['-p', `use the web ${script}`, '--permission-mode', 'danger-full-access'], {
    sandbox,
    baseUrl: mock.url,
    env,
  });
  const requests = messageRequests(mock);
  const main = requests.filter((body) => JSON.stringify(body).includes('MOCK_SCRIPT'));
  const last = main.at(-1);
  if (!last) throw new Error(`claw sent no request (exit ${run.code}): ${run.stderr}`);
  const result = toolResultsById(last).get('toolu_web') as ContentBlock;
  return { run, result, text: toolResultText(result), requests };
}

describe('WebFetch through HTTPS_PROXY', () => {
  it('tunnels to an allowed host, verifies TLS, and answers the prompt with the small model', async () => {
    writeUserSettings(sandbox, { webFetch: { allowPrivateHosts: ['localhost'] } });
    const { run, result, text, requests } = await callTool(
      'WebFetch',
      { url: `https://localhost:${pagePort}/answer`, prompt: 'What is the answer?' },
      { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: CERT_PATH },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(tunnels).toEqual([`localhost:${pagePort}`]);
    expect(result.is_error).toBeFalsy();
    // The mock answers the small-model request with its greeting; that answer is the tool result.
    expect(text).toBe(`URL: https://localhost:${pagePort}/answer\n\nHello from the mock model.`);
    const summary = requests.find((body) =>
      textOf(body.messages[0] ?? { role: 'user', content: '' }).includes('Web page content'),
    );
    expect(summary, 'a small-model request with the page').toBeDefined();
    expect((summary as MessagesBody & { model: string }).model).toMatch(/^claude-haiku/);
    const asked = textOf(summary?.messages[0] ?? { role: 'user', content: '' });
    expect(asked).toContain('# Proxied page');
    expect(asked).toContain('The answer is forty-two.');
    expect(asked).toContain('What is the answer?');
    // The small-model request is billed, so the session's usage counts it.
    const sessions = join(sandbox.workspace, '.claw', 'sessions');
    const usageLines = readdirSync(sessions)
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) => readFileSync(join(sessions, name), 'utf8').split('\n'))
      .filter((line) => line.includes('"type":"usage"'))
      .map((line) => JSON.parse(line) as { model: string });
    expect(usageLines.map((line) => line.model)).toContainEqual(expect.stringMatching(/^claude-haiku/));
  });

  it('refuses a private host that settings do not allow, without asking the proxy', async () => {
    const { run, result, text } = await callTool(
      'WebFetch',
      { url: `https://localhost:${pagePort}/answer`, prompt: 'x' },
      { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: CERT_PATH },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(result.is_error).toBe(true);
    expect(text).toMatch(/local or internal host/);
    expect(tunnels).toEqual([]);
  });
});

describe('WebSearch with provider searxng', () => {
  it('queries the instance with headers expanded from the environment', async () => {
    writeUserSettings(sandbox, {
      webSearch: {
        provider: 'searxng',
        endpoint: searxUrl,
        headers: { authorization: 'Bearer ${SEARX_TOKEN}' },
      },
    });
    const { run, result, text } = await callTool(
      'WebSearch',
      { query: 'claw proxy' },
      { SEARX_TOKEN: 'tok-123' },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(result.is_error).toBeFalsy();
    expect(text).toContain('1. [claw docs](https://docs.example.org/claw)\n   Proxy settings.');
    expect(searches).toHaveLength(1);
    const url = new URL(searches[0]?.url ?? '', searxUrl);
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('q')).toBe('claw proxy');
    expect(url.searchParams.get('format')).toBe('json');
    expect(searches[0]?.headers.authorization).toBe('Bearer tok-123');
  });

  it('names an unset header variable instead of sending an empty key', async () => {
    writeUserSettings(sandbox, {
      webSearch: {
        provider: 'searxng',
        endpoint: searxUrl,
        headers: { authorization: 'Bearer ${SEARX_TOKEN}' },
      },
    });
    const { result, text } = await callTool('WebSearch', { query: 'claw proxy' }, {});
    expect(result.is_error).toBe(true);
    expect(text).toMatch(/\$\{SEARX_TOKEN\}, which is not set/);
    expect(searches).toEqual([]);
  });
});
